import io
import struct
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from campaign.models import ActivityPhoto, Campaign
from campaign.services import activities as activity_services

from ..factories import activity as logged


def picture(format_, size=(1600, 1200)):
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format_)
    return out.getvalue()


def bomb():
    """About 100 KB of PNG claiming 30000 × 30000 pixels of grey."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 30000, 30000, 8, 0, 0, 0, 0)
    pixels = zlib.compress(bytes(30001 * 3400), 9)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.fixture
def event(campaign, bureau_a):
    return logged(bureau_a, campaign)


def add_url(event):
    return f"/activities/2013/{event.pk}/photos/"


def add(client, event, name, content, capture):
    with capture(execute=True):
        return client.post(
            add_url(event), {"photo": SimpleUploadedFile(name, content)}, follow=True
        )


def test_a_jpeg_is_accepted_resized_and_served_with_its_thumbnail(
    client, bureau_a, event, django_capture_on_commit_callbacks
):
    client.force_login(bureau_a)
    response = add(
        client, event, "现场.jpg", picture("JPEG", (4000, 3000)), django_capture_on_commit_callbacks
    )
    photo = event.photos.get()
    assert (photo.original_name, photo.width, photo.height) == ("现场.jpg", 2048, 1536)
    assert f"/activities/photos/{photo.pk}/thumbnail/" in response.content.decode()
    full = client.get(f"/activities/photos/{photo.pk}/")
    assert full["Content-Type"] == "image/jpeg"
    assert Image.open(io.BytesIO(b"".join(full.streaming_content))).size == (2048, 1536)
    small = client.get(f"/activities/photos/{photo.pk}/thumbnail/")
    assert Image.open(io.BytesIO(b"".join(small.streaming_content))).size == (400, 300)
    assert photo.history.get().history_user == bureau_a


def test_a_png_is_accepted_as_a_jpeg(client, bureau_a, event, django_capture_on_commit_callbacks):
    client.force_login(bureau_a)
    add(client, event, "board.png", picture("PNG", (300, 200)), django_capture_on_commit_callbacks)
    photo = event.photos.get()
    assert (photo.width, photo.height) == (300, 200)
    assert Path(photo.image.path).read_bytes().startswith(b"\xff\xd8")


def test_a_text_file_named_jpg_is_refused_with_a_message(
    client, bureau_a, event, english, django_capture_on_commit_callbacks
):
    client.force_login(bureau_a)
    response = add(
        client, event, "photo.jpg", b"just some text\n" * 100, django_capture_on_commit_callbacks
    )
    assert not ActivityPhoto.objects.exists()
    assert "photo.jpg is not a photo (JPEG or PNG)." in response.content.decode()


def test_a_decompression_bomb_is_refused_with_a_message(
    client, bureau_a, event, english, django_capture_on_commit_callbacks
):
    content = bomb()
    assert 50_000 < len(content) < 200_000
    client.force_login(bureau_a)
    response = add(client, event, "huge.png", content, django_capture_on_commit_callbacks)
    assert not ActivityPhoto.objects.exists()
    assert "huge.png has more than 40 million pixels." in response.content.decode()


def test_an_event_has_at_most_ten_photos(
    client, bureau_a, event, english, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(activity_services, "MAX_PHOTOS", 2)
    client.force_login(bureau_a)
    small = picture("PNG", (20, 20))
    for _ in range(2):
        add(client, event, "a.png", small, django_capture_on_commit_callbacks)
    response = add(client, event, "c.png", small, django_capture_on_commit_callbacks)
    assert event.photos.count() == 2
    assert "An event has at most 2 photos." in response.content.decode()


def test_a_removed_photos_files_are_deleted_and_the_history_names_who(
    client, bureau_a, event, django_capture_on_commit_callbacks
):
    client.force_login(bureau_a)
    add(client, event, "a.png", picture("PNG", (20, 20)), django_capture_on_commit_callbacks)
    photo = event.photos.get()
    files = [Path(photo.image.path), Path(photo.thumbnail.path)]
    assert all(path.exists() for path in files)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/activities/photos/{photo.pk}/delete/")
    assert response["Location"] == f"/activities/2013/{event.pk}/"
    assert not ActivityPhoto.objects.exists()
    assert not any(path.exists() for path in files)
    removal = ActivityPhoto.history.filter(id=photo.pk, history_type="-").get()
    assert removal.history_user == bureau_a


def test_photos_of_a_closed_campaign_are_neither_added_nor_removed(
    client, bureau_a, event, english, django_capture_on_commit_callbacks
):
    client.force_login(bureau_a)
    add(client, event, "a.png", picture("PNG", (20, 20)), django_capture_on_commit_callbacks)
    Campaign.objects.update(status=Campaign.Status.CLOSED)
    response = add(
        client, event, "b.png", picture("PNG", (20, 20)), django_capture_on_commit_callbacks
    )
    assert "its activity log can no longer be changed" in response.content.decode()
    client.post(f"/activities/photos/{event.photos.get().pk}/delete/")
    assert event.photos.count() == 1


def test_another_unit_neither_sees_nor_adds_photos(
    client, bureau_a, bureau_b, event, django_capture_on_commit_callbacks
):
    client.force_login(bureau_a)
    add(client, event, "a.png", picture("PNG", (20, 20)), django_capture_on_commit_callbacks)
    photo = event.photos.get()
    client.force_login(bureau_b)
    for url in (f"/activities/photos/{photo.pk}/", f"/activities/photos/{photo.pk}/thumbnail/"):
        assert client.get(url).status_code == 404
    assert client.post(f"/activities/photos/{photo.pk}/delete/").status_code == 404
    upload = {"photo": SimpleUploadedFile("b.png", picture("PNG", (20, 20)))}
    assert client.post(add_url(event), upload).status_code == 404


def test_head_office_sees_the_photos_but_does_not_change_them(
    client, bureau_a, head_office, hotline, event, django_capture_on_commit_callbacks
):
    client.force_login(bureau_a)
    add(client, event, "a.png", picture("PNG", (20, 20)), django_capture_on_commit_callbacks)
    photo = event.photos.get()
    client.force_login(head_office)
    assert client.get(f"/activities/photos/{photo.pk}/thumbnail/").status_code == 200
    assert client.post(f"/activities/photos/{photo.pk}/delete/").status_code == 403
    client.force_login(hotline)
    assert client.get(f"/activities/photos/{photo.pk}/").status_code == 404


def test_a_photo_whose_file_is_missing_is_not_found(
    client, bureau_a, event, django_capture_on_commit_callbacks
):
    client.force_login(bureau_a)
    with django_capture_on_commit_callbacks(execute=False):  # the files are never written
        client.post(add_url(event), {"photo": SimpleUploadedFile("a.png", picture("PNG"))})
    photo = event.photos.get()
    for url in (f"/activities/photos/{photo.pk}/", f"/activities/photos/{photo.pk}/thumbnail/"):
        assert client.get(url).status_code == 404
