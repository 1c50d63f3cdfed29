"""Photos of events and exemplars: checked to be images by their content, re-encoded, and
kept with a small copy for lists.

Re-encoding drops whatever else the file carried (EXIF and its GPS position, a script
appended after the image data) and turns the photo upright as the camera took it.
"""

import io
import uuid
import warnings
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_SIZE = 10 * 1024 * 1024
# A few KB of PNG can claim 100,000 × 100,000 pixels: refused before anything is decoded.
MAX_PIXELS = 40_000_000
ACCEPTED_FORMATS = {"JPEG", "PNG"}
# Long side of the stored photo and of its copy for lists, in pixels.
PHOTO_SIDE = 2048
THUMBNAIL_SIDE = 400


class PhotoRefused(Exception):
    """``str()`` is the reason, for the user."""


@dataclass(frozen=True)
class CheckedPhoto:
    image: bytes
    thumbnail: bytes
    width: int
    height: int
    original_name: str


def check_photo(upload):
    """The upload as a CheckedPhoto (JPEG, at most PHOTO_SIDE on its long side, with a
    thumbnail); PhotoRefused says why a file is not taken."""
    name = upload.name[-200:]
    if upload.size > MAX_SIZE:
        raise PhotoRefused(
            _("%(name)s is larger than %(limit)s MB.")
            % {"name": name, "limit": MAX_SIZE // (1024 * 1024)}
        )
    not_a_photo = PhotoRefused(_("%(name)s is not a photo (JPEG or PNG).") % {"name": name})
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as probe:
                if probe.format not in ACCEPTED_FORMATS:
                    raise not_a_photo
                if probe.width * probe.height > MAX_PIXELS:
                    raise _too_large(name)
                probe.verify()
            upload.seek(0)
            with Image.open(upload) as picture:
                picture.load()
                upright = ImageOps.exif_transpose(picture).convert("RGB")
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_large(name) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise not_a_photo from None
    finally:
        upload.seek(0)
    upright.thumbnail((PHOTO_SIDE, PHOTO_SIDE))
    width, height = upright.size
    image = _jpeg(upright)
    upright.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE))
    return CheckedPhoto(image, _jpeg(upright), width, height, name)


def _too_large(name):
    return PhotoRefused(
        _("%(name)s has more than %(limit)s million pixels.")
        % {"name": name, "limit": MAX_PIXELS // 1_000_000}
    )


def _jpeg(picture):
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=85, optimize=True)
    return out.getvalue()


def store_on_commit(instance, checked, *, image_field="image", thumbnail_field="thumbnail"):
    """Name ``instance``'s two files now and write them once the transaction commits, so a
    rollback leaves no file behind. Call before saving ``instance``."""
    stem = uuid.uuid4().hex
    files = []
    for field_name, content, suffix in (
        (image_field, checked.image, ""),
        (thumbnail_field, checked.thumbnail, "-small"),
    ):
        field_file = getattr(instance, field_name)
        field_file.name = field_file.field.generate_filename(instance, f"{stem}{suffix}.jpg")
        files.append((field_file.storage, field_file.name, content))

    def write():
        for storage, name, content in files:
            storage.save(name, ContentFile(content))

    transaction.on_commit(write)


def delete_on_commit(*field_files):
    """Remove the files once the transaction that stops using them commits."""
    files = [(f.storage, f.name) for f in field_files if f]
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in files])
