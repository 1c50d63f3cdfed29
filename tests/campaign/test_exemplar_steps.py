"""Publishing, withdrawing and deleting an entry from the lists' page: each recorded in the
history with its author; others' entries are not found, head office is refused."""

import pytest

from campaign.models import Exemplar

from .exemplars import draft

pytestmark = pytest.mark.postgresql

Status = Exemplar.Status


def step(client, entry, name):
    return client.post(f"/exemplars/manage/2013/{entry.pk}/{name}/")


def test_publishing_shows_the_entry_on_the_public_list(client, campaign, bureau_a):
    entry = draft(bureau_a, campaign)
    client.force_login(bureau_a)

    response = step(client, entry, "publish")

    assert response["Location"] == "/exemplars/manage/2013/"
    entry.refresh_from_db()
    assert entry.status == Status.PUBLISHED and entry.published_at is not None
    assert entry.history.first().history_user == bureau_a
    assert "王芳1" in client.get("/exemplars/2013/110000/").content.decode()


def test_withdrawing_takes_it_off_and_keeps_it_as_a_draft(client, campaign, bureau_a):
    entry = draft(bureau_a, campaign)
    client.force_login(bureau_a)
    step(client, entry, "publish")

    step(client, entry, "withdraw")

    entry.refresh_from_db()
    assert (entry.status, entry.published_at) == (Status.DRAFT, None)
    client.logout()
    assert client.get("/exemplars/2013/110000/").status_code == 404  # nothing published


def test_withdrawing_a_draft_leaves_it_as_it_is(client, campaign, bureau_a):
    entry = draft(bureau_a, campaign)
    client.force_login(bureau_a)

    assert step(client, entry, "withdraw").status_code == 302

    assert Exemplar.objects.get().status == Status.DRAFT
    assert entry.history.count() == 1


def test_deleting_removes_the_entry_and_records_who(client, campaign, bureau_a):
    entry = draft(bureau_a, campaign)
    client.force_login(bureau_a)

    step(client, entry, "delete")

    assert not Exemplar.objects.exists()
    assert Exemplar.history.filter(id=entry.pk).first().history_user == bureau_a


def test_an_unknown_step_is_not_found(client, campaign, bureau_a):
    entry = draft(bureau_a, campaign)
    client.force_login(bureau_a)

    assert step(client, entry, "promote").status_code == 404


def test_steps_are_posted(client, campaign, bureau_a):
    entry = draft(bureau_a, campaign)
    client.force_login(bureau_a)

    assert client.get(f"/exemplars/manage/2013/{entry.pk}/publish/").status_code == 405


@pytest.mark.parametrize("name", ["publish", "withdraw", "delete"])
def test_head_office_sees_the_entry_but_may_not_take_a_step(
    client, campaign, bureau_a, head_office, name
):
    entry = draft(bureau_a, campaign)
    client.force_login(head_office)

    assert step(client, entry, name).status_code == 403
    assert Exemplar.objects.get().status == Status.DRAFT


@pytest.mark.parametrize("persona", ["bureau_b", "company_x", "association"])
def test_other_units_do_not_find_the_entry(client, as_persona, campaign, bureau_a, persona):
    entry = draft(bureau_a, campaign)
    as_persona(persona)

    assert step(client, entry, "delete").status_code == 404
    assert Exemplar.objects.exists()
