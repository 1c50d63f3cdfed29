"""Photos are served by the views that check who may see them, never from MEDIA_ROOT."""

from django.http import FileResponse, Http404


def photo_response(field_file):
    """The stored JPEG (services.photos re-encodes every photo to one); 404 when its file is
    gone (a storage lost or restored apart from the database), rather than a server error."""
    try:
        return FileResponse(field_file.open("rb"), content_type="image/jpeg")
    except FileNotFoundError:
        raise Http404 from None
