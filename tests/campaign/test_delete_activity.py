import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from campaign.models import Activity, ActivityPhoto, Campaign
from campaign.services import activities as activity_services

from ..factories import activity as logged


@pytest.fixture
def event(campaign, bureau_a):
    return logged(bureau_a, campaign)


def url(event):
    return f"/activities/2013/{event.pk}/delete/"


def test_the_unit_confirms_before_deleting(client, bureau_a, event):
    client.force_login(bureau_a)
    page = client.get(url(event))
    assert page.status_code == 200
    assert Activity.objects.exists()


def test_a_deleted_event_stays_in_the_history_with_who_deleted_it_and_its_photos_go(
    client, bureau_a, bureau_a_admin, event, django_capture_on_commit_callbacks
):
    png = io.BytesIO()
    Image.new("RGB", (30, 20)).save(png, "PNG")
    with django_capture_on_commit_callbacks(execute=True):
        photo = activity_services.add_activity_photo(
            actor=bureau_a, activity=event, upload=SimpleUploadedFile("a.png", png.getvalue())
        )
    files = [Path(photo.image.path), Path(photo.thumbnail.path)]
    client.force_login(bureau_a_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(event))
    assert response["Location"] == "/activities/2013/"
    assert not Activity.objects.exists() and not ActivityPhoto.objects.exists()
    assert not any(path.exists() for path in files)
    deletion = Activity.history.get(id=event.pk, history_type="-")
    assert (deletion.history_user, deletion.place) == (bureau_a_admin, event.place)
    assert ActivityPhoto.history.get(id=photo.pk, history_type="-").history_user == bureau_a_admin


def test_a_closed_campaigns_event_is_not_deleted(client, bureau_a, event, english):
    Campaign.objects.update(status=Campaign.Status.CLOSED)
    client.force_login(bureau_a)
    response = client.post(url(event), follow=True)
    assert "its activity log can no longer be changed" in response.content.decode()
    assert Activity.objects.exists()


def test_another_unit_does_not_find_the_event(client, bureau_b, event):
    client.force_login(bureau_b)
    assert client.post(url(event)).status_code == 404
    assert Activity.objects.exists()


def test_head_office_does_not_delete_a_units_event(client, head_office, event):
    client.force_login(head_office)
    assert client.get(url(event)).status_code == 403
    assert client.post(url(event)).status_code == 403
    assert Activity.objects.exists()
