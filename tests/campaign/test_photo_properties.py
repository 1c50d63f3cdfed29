"""Any file offered as a photo (an event's, a 双十佳 person's) is taken as a photo or refused
with a message (PhotoRefused): a damaged or crafted image never raises anything else, which
would be a server error."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from campaign.services.photos import CheckedPhoto, PhotoRefused, check_photo


def picture(kind):
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(out, kind)
    return out.getvalue()


PICTURES = {"PNG": picture("PNG"), "JPEG": picture("JPEG")}


@settings(deadline=None, max_examples=150)
@given(data=st.data())
def test_a_damaged_photo_is_taken_or_refused_with_a_message(data):
    content = bytearray(PICTURES[data.draw(st.sampled_from(sorted(PICTURES)))])
    for _ in range(data.draw(st.integers(min_value=1, max_value=8))):
        position = data.draw(st.integers(min_value=0, max_value=len(content) - 1))
        content[position] = data.draw(st.integers(min_value=0, max_value=255))
    if data.draw(st.booleans()):  # cut short, as an interrupted upload
        content = content[: data.draw(st.integers(min_value=1, max_value=len(content)))]

    try:
        checked = check_photo(SimpleUploadedFile("photo.jpg", bytes(content)))
    except PhotoRefused as refusal:
        assert str(refusal)
    else:
        assert isinstance(checked, CheckedPhoto)
