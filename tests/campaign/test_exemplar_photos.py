"""A person's photo: checked to be an image, stored with a small copy once the entry is
saved, replaced or removed with its files; served to the public only once published."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase

from campaign.models import Exemplar
from campaign.services import exemplars
from campaign.services.photos import check_photo

from .exemplars import BEIJING, PERSON, draft, photo_upload, region, words


def drafted_with_photo(actor, campaign):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return draft(actor, campaign, photo=check_photo(photo_upload()))


def test_a_photo_is_stored_with_its_small_copy(campaign, bureau_a):
    person = drafted_with_photo(bureau_a, campaign)

    assert person.photo.storage.exists(person.photo.name)
    assert person.thumbnail.storage.exists(person.thumbnail.name)
    assert person.photo.name.startswith("exemplars/2013/")


def test_a_file_that_is_not_a_photo_is_refused_next_to_the_photo(
    english, client, campaign, bureau_a
):
    client.force_login(bureau_a)
    data = words(PERSON) | {"region": region(BEIJING).pk, "kind": PERSON}
    data["company"] = data["company"].pk
    data["photo"] = SimpleUploadedFile("photo.jpg", b"<script>alert(1)</script>")

    response = client.post("/exemplars/manage/2013/new/", data)

    assert response.context["form"].errors == {"photo": ["photo.jpg is not a photo (JPEG or PNG)."]}
    assert not Exemplar.objects.exists()


def test_replacing_a_photo_deletes_the_old_files(campaign, bureau_a):
    person = drafted_with_photo(bureau_a, campaign)
    old = person.photo.name

    with TestCase.captureOnCommitCallbacks(execute=True):
        person = exemplars.update_exemplar(
            actor=bureau_a, exemplar=person, photo=check_photo(photo_upload("new.png"))
        )

    assert person.photo.name != old
    assert not person.photo.storage.exists(old)
    assert person.photo.storage.exists(person.photo.name)


def test_removing_a_photo_deletes_its_files(campaign, bureau_a):
    person = drafted_with_photo(bureau_a, campaign)
    files = (person.photo.name, person.thumbnail.name)

    with TestCase.captureOnCommitCallbacks(execute=True):
        person = exemplars.update_exemplar(actor=bureau_a, exemplar=person, remove_photo=True)

    assert not person.photo
    assert not any(person.photo.storage.exists(name) for name in files)


def test_a_draft_photo_is_not_served_to_the_public(client, campaign, bureau_a):
    person = drafted_with_photo(bureau_a, campaign)

    assert client.get(f"/exemplars/photos/{person.pk}/").status_code == 404
    assert client.get(f"/exemplars/photos/{person.pk}/small/").status_code == 404


def test_a_draft_photo_is_served_to_its_own_unit(client, campaign, bureau_a):
    person = drafted_with_photo(bureau_a, campaign)
    client.force_login(bureau_a)

    response = client.get(f"/exemplars/photos/{person.pk}/small/")

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("size", ["", "small/"])
def test_a_published_photo_is_served_to_anyone(client, campaign, bureau_a, size):
    person = drafted_with_photo(bureau_a, campaign)
    exemplars.publish_exemplar(actor=bureau_a, exemplar=person)

    response = client.get(f"/exemplars/photos/{person.pk}/{size}")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"


def test_media_files_are_not_served_by_their_path(client, campaign, bureau_a):
    person = drafted_with_photo(bureau_a, campaign)
    exemplars.publish_exemplar(actor=bureau_a, exemplar=person)

    assert client.get(f"/media/{person.photo.name}").status_code == 404
