"""Deactivating an account: the person can no longer log in; never oneself, never head
office's last administrator."""

import contextlib
import threading

import pytest
from django.db import connection, connections
from django.test import Client

from campaign.models import User
from campaign.services import people

from ..factories import PASSWORD, UserFactory, organisation

pytestmark = pytest.mark.postgresql


def test_head_office_deactivates_an_account_and_the_person_cannot_log_in(
    client, head_office, bureau_b
):
    client.force_login(head_office)
    response = client.post("/people/shanghai/deactivate/", {"reason": "调离"})
    assert response.status_code == 302
    bureau_b.refresh_from_db()
    assert not bureau_b.is_active
    client.logout()
    client.post("/accounts/login/", {"username": "shanghai", "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_an_open_session_ends_with_the_deactivation(client, head_office, bureau_b):
    clerk = Client()
    clerk.force_login(bureau_b)
    client.force_login(head_office)
    client.post("/people/shanghai/deactivate/")
    assert clerk.get("/campaigns/").status_code == 302


def test_the_history_records_who_deactivated_and_why(client, head_office, bureau_b):
    client.force_login(head_office)
    client.post("/people/shanghai/deactivate/", {"reason": "调离"})
    entry = bureau_b.history.first()
    assert (entry.is_active, entry.history_user, entry.history_change_reason) == (
        False,
        head_office,
        "调离",
    )
    [latest, _created] = client.get("/people/shanghai/edit/").context["history"]
    assert latest["reason"] == "调离"


def test_an_administrator_deactivates_their_own_staff(client, bureau_a_admin, bureau_a):
    client.force_login(bureau_a_admin)
    client.post("/people/beijing/deactivate/")
    bureau_a.refresh_from_db()
    assert not bureau_a.is_active


def test_an_administrator_cannot_deactivate_another_organisations_people(
    client, bureau_a_admin, bureau_b
):
    client.force_login(bureau_a_admin)
    assert client.post("/people/shanghai/deactivate/").status_code == 404
    bureau_b.refresh_from_db()
    assert bureau_b.is_active


def test_staff_cannot_deactivate_anyone(client, bureau_a, company_x):
    client.force_login(bureau_a)
    assert client.post("/people/demo-life/deactivate/").status_code == 404
    assert client.post("/people/beijing/deactivate/").status_code == 404
    company_x.refresh_from_db()
    assert company_x.is_active


def test_no_one_deactivates_themselves(client, bureau_a_admin):
    client.force_login(bureau_a_admin)
    client.cookies["django_language"] = "en"
    response = client.post("/people/beijing-admin/deactivate/", follow=True)
    assert "You cannot deactivate your own account." in response.content.decode()
    bureau_a_admin.refresh_from_db()
    assert bureau_a_admin.is_active


def test_head_office_keeps_its_last_administrator_and_is_told_why(client, head_office):
    UserFactory(username="hq-admin", organisation=organisation("hq"), role=User.Role.ADMIN)
    client.force_login(head_office)
    client.cookies["django_language"] = "en"
    response = client.post("/people/hq-admin/deactivate/", follow=True)
    assert "last active administrator" in response.content.decode()
    assert User.objects.get(username="hq-admin").is_active


def test_a_head_office_administrator_goes_when_another_remains(client, head_office):
    for name in ("hq-admin", "hq-admin2"):
        UserFactory(username=name, organisation=organisation("hq"), role=User.Role.ADMIN)
    client.force_login(head_office)
    client.post("/people/hq-admin/deactivate/")
    assert not User.objects.get(username="hq-admin").is_active


def test_get_is_not_allowed(client, head_office, bureau_b):
    client.force_login(head_office)
    assert client.get("/people/shanghai/deactivate/").status_code == 405


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite runs one write transaction at a time"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_head_offices_last_two_administrators_deactivated_at_once_leave_one(monkeypatch):
    """Each deactivation saw the other administrator still active before either committed,
    and head office was left with no administrator at all."""
    hq = organisation("hq")
    first = UserFactory(username="hq-admin-1", organisation=hq, role=User.Role.ADMIN)
    second = UserFactory(username="hq-admin-2", organisation=hq, role=User.Role.ADMIN)
    colleagues = [
        UserFactory(username=f"hq-{n}", organisation=hq, role=User.Role.REVIEWER) for n in (1, 2)
    ]
    both_checked = threading.Barrier(2, timeout=2)
    set_active = people._set_active

    def after_the_check(*args):
        with contextlib.suppress(threading.BrokenBarrierError):
            both_checked.wait()  # the second waits here only while the check lets it through
        return set_active(*args)

    monkeypatch.setattr(people, "_set_active", after_the_check)
    outcomes = []

    def deactivate(actor, person):
        try:
            outcomes.append(people.deactivate_person(actor=actor, person=person))
        except people.PersonError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=deactivate, args=(colleagues[0], first)),
        threading.Thread(target=deactivate, args=(colleagues[1], second)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes, key=str) == [True, "refused"]
    assert User.objects.filter(organisation=hq, role=User.Role.ADMIN, is_active=True).count() == 1
