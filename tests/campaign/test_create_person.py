"""Adding an account: no password is typed; the person is e-mailed a link to set one."""

import contextlib
import re
import threading

import pytest
from django.core import mail
from django.db import IntegrityError, connection, connections

from campaign.models import User
from campaign.services import people

from ..factories import UserFactory, organisation

pytestmark = pytest.mark.postgresql


def new_clerk(**overrides):
    return {
        "username": "sh-clerk",
        "full_name": "王芳",
        "email": "wangfang@shanghai.example.cn",
        "phone": "021-12345678",
        "organisation": organisation("shanghai").pk,
        "role": "staff",
        **overrides,
    }


def test_head_office_creates_an_account_and_the_person_gets_the_link(
    client, head_office, django_capture_on_commit_callbacks
):
    client.force_login(head_office)
    client.cookies["django_language"] = "en"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/people/new/", new_clerk(), follow=True)
    clerk = User.objects.get(username="sh-clerk")
    assert (clerk.full_name, clerk.organisation.code, clerk.role) == ("王芳", "shanghai", "staff")
    assert clerk.is_active
    page = response.content.decode()
    assert "wangfang@shanghai.example.cn" in page and "link to set a password" in page
    [email] = mail.outbox
    assert email.to == ["wangfang@shanghai.example.cn"]
    assert "sh-clerk" in email.body and "王芳" in email.body
    assert re.search(r"http://127\.0\.0\.1:8000/accounts/password/reset/\w+/[\w-]+/", email.body)


class MailServerDown:
    """An e-mail backend whose server does not answer."""

    def __init__(self, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_when_the_mail_server_is_down_the_account_is_created_and_the_page_says_no_mail_went(
    client, head_office, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.MailServerDown"
    client.force_login(head_office)
    client.cookies["django_language"] = "en"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/people/new/", new_clerk(), follow=True)
    assert User.objects.filter(username="sh-clerk", is_active=True).exists()
    page = response.content.decode()
    assert "could not be sent" in page
    assert "has been sent to" not in page


def test_the_creation_and_its_author_are_in_the_history(client, head_office):
    client.force_login(head_office)
    client.post("/people/new/", new_clerk())
    [entry] = User.objects.get(username="sh-clerk").history.all()
    assert (entry.history_type, entry.history_user) == ("+", head_office)


def test_no_email_is_sent_when_the_account_is_not_created(
    client, head_office, bureau_b, django_capture_on_commit_callbacks
):
    client.force_login(head_office)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/people/new/", new_clerk(username="SHANGHAI"))
    assert "username" in response.context["form"].errors
    assert mail.outbox == []


def test_an_email_address_is_required(client, head_office):
    client.force_login(head_office)
    response = client.post("/people/new/", new_clerk(email=""))
    assert "email" in response.context["form"].errors
    assert not User.objects.filter(username="sh-clerk").exists()


def test_a_reporting_unit_cannot_have_a_reviewer(client, head_office):
    client.force_login(head_office)
    response = client.post("/people/new/", new_clerk(role="reviewer"))
    assert "role" in response.context["form"].errors
    assert not User.objects.filter(username="sh-clerk").exists()


def test_head_office_appoints_a_reviewer_of_its_own(client, head_office):
    client.force_login(head_office)
    client.post("/people/new/", new_clerk(organisation=organisation("hq").pk, role="reviewer"))
    assert User.objects.get(username="sh-clerk").role == User.Role.REVIEWER


def test_an_administrator_adds_staff_to_their_own_organisation(
    client, bureau_a_admin, django_capture_on_commit_callbacks
):
    client.force_login(bureau_a_admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/people/new/", new_clerk(organisation=organisation("beijing").pk))
    clerk = User.objects.get(username="sh-clerk")
    assert clerk.organisation.code == "beijing"
    assert clerk.history.get().history_user == bureau_a_admin
    assert len(mail.outbox) == 1


def test_an_administrator_cannot_add_people_to_another_organisation(client, bureau_a_admin):
    client.force_login(bureau_a_admin)
    response = client.post("/people/new/", new_clerk())
    assert "organisation" in response.context["form"].errors
    assert not User.objects.filter(username="sh-clerk").exists()


@pytest.mark.parametrize("role", ["reviewer", "hotline"])
def test_an_administrator_cannot_grant_head_office_roles(client, bureau_a_admin, role):
    client.force_login(bureau_a_admin)
    response = client.post(
        "/people/new/", new_clerk(organisation=organisation("beijing").pk, role=role)
    )
    assert "role" in response.context["form"].errors
    assert not User.objects.filter(username="sh-clerk").exists()


def test_an_administrator_cannot_create_head_office_accounts(client, bureau_a_admin):
    client.force_login(bureau_a_admin)
    client.post("/people/new/", new_clerk(organisation=organisation("hq").pk, role="staff"))
    assert not User.objects.filter(username="sh-clerk").exists()


def test_staff_may_not_add_people(client, bureau_a):
    client.force_login(bureau_a)
    assert client.get("/people/new/").status_code == 403
    assert client.post("/people/new/", new_clerk()).status_code == 403
    assert not User.objects.filter(username="sh-clerk").exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite runs one write transaction at a time"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_administrators_taking_the_same_login_name_at_once_make_one_account(monkeypatch):
    """Both checked that no "wang" existed (in any case) before either saved: "Wang" and
    "wang" were both created, two accounts one letter's case apart."""
    hq = organisation("hq")
    administrators = [
        UserFactory(username=f"hq-admin-{n}", organisation=hq, role=User.Role.ADMIN) for n in (1, 2)
    ]
    both_checked = threading.Barrier(2, timeout=2)
    token = people.secrets.token_urlsafe

    def after_the_check(size):
        with contextlib.suppress(threading.BrokenBarrierError):
            both_checked.wait()
        return token(size)

    monkeypatch.setattr(people.secrets, "token_urlsafe", after_the_check)
    outcomes = []

    def create(actor, username):
        try:
            people.create_person(
                actor=actor,
                username=username,
                full_name="王芳",
                email="wangfang@shanghai.example.cn",
                organisation=organisation("shanghai"),
                role=User.Role.STAFF,
            )
            outcomes.append("created")
        except (people.PersonError, IntegrityError):
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=create, args=(administrators[0], "Wang")),
        threading.Thread(target=create, args=(administrators[1], "wang")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["created", "refused"]
    assert User.objects.filter(username__iexact="wang").count() == 1
