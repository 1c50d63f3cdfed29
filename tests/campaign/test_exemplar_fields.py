"""What each kind of entry needs: a person a post, a counter an address, each error next to
its field on the form; only a person has a photo."""

import pytest
from django.core.exceptions import ValidationError

from campaign.models import Exemplar
from campaign.services import exemplars
from campaign.services.photos import check_photo

from .exemplars import BEIJING, COUNTER, PERSON, draft, photo_upload, region, words

NEW = "/exemplars/manage/2013/new/"


def test_a_person_without_a_post_is_refused_at_the_post(english, campaign, bureau_a):
    with pytest.raises(ValidationError) as refusal:
        draft(bureau_a, campaign, post="")

    assert refusal.value.message_dict == {"post": ["State the person's post."]}


def test_a_counter_without_an_address_is_refused_at_the_address(english, campaign, bureau_a):
    with pytest.raises(ValidationError) as refusal:
        draft(bureau_a, campaign, kind=COUNTER, address="  ")

    assert refusal.value.message_dict == {"address": ["State the address."]}


def test_a_counter_keeps_no_post_and_a_person_no_address(campaign, bureau_a):
    counter = draft(bureau_a, campaign, kind=COUNTER, post="柜员")
    person = draft(bureau_a, campaign, address="某路1号")

    assert (counter.post, person.address) == ("", "")


def test_a_counter_has_no_photo(english, campaign, bureau_a):
    with pytest.raises(ValidationError) as refusal:
        draft(bureau_a, campaign, kind=COUNTER, photo=check_photo(photo_upload()))

    assert "photo" in refusal.value.message_dict


def test_the_form_shows_the_missing_post_next_to_its_field(english, client, campaign, bureau_a):
    client.force_login(bureau_a)
    data = words(PERSON) | {"region": region(BEIJING).pk, "kind": PERSON, "post": ""}
    data["company"] = data["company"].pk

    response = client.post(NEW, data)

    assert response.status_code == 200
    assert response.context["form"].errors == {"post": ["State the person's post."]}
    assert not Exemplar.objects.exists()


def test_the_form_saves_a_counter_as_a_draft(client, campaign, bureau_a):
    client.force_login(bureau_a)
    data = words(COUNTER) | {"region": region(BEIJING).pk, "kind": COUNTER}
    data["company"] = data["company"].pk

    response = client.post(NEW, data)

    assert response.status_code == 302
    counter = Exemplar.objects.get()
    assert (counter.kind, counter.status, counter.organisation) == (
        COUNTER,
        Exemplar.Status.DRAFT,
        bureau_a.organisation,
    )
    assert counter.history.get().history_user == bureau_a


def test_changing_an_entry_keeps_its_kinds_rule(english, campaign, bureau_a):
    person = draft(bureau_a, campaign)

    with pytest.raises(ValidationError, match="post"):
        exemplars.update_exemplar(actor=bureau_a, exemplar=person, post="", deeds="新事迹。")

    exemplars.update_exemplar(actor=bureau_a, exemplar=person, deeds="新事迹。")
    person.refresh_from_db()
    assert person.deeds == "新事迹。"
    assert person.history.first().history_user == bureau_a
