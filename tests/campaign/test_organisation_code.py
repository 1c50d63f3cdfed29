"""An organisation's code is part of its addresses, so it may not be a word of another page's
address (`statistics/2013/review/` is head office's review table, not unit `review`'s form)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import resolve

from campaign.models import Organisation
from campaign.services.organisations import create_organisation, update_organisation
from portal.addresses import reserved_words

from ..factories import InsurerFactory

pytestmark = pytest.mark.django_db


def test_the_reserved_words_come_from_the_urlconf():
    words = reserved_words()
    # statistics/<year>/review/, organisations/new/, the form's sub-pages and the admin.
    assert {"review", "new", "history", "excel", "statistics", "admin", "healthz"} <= words
    assert not any("<" in word or "/" in word for word in words)


def test_no_reference_or_demo_organisation_has_a_reserved_code(django_db_setup):
    words = reserved_words()
    assert not [o.code for o in Organisation.objects.all() if o.code in words]


@pytest.mark.parametrize("word", sorted(reserved_words()))
def test_the_organisation_form_refuses_every_reserved_word(client, head_office, word):
    client.force_login(head_office)

    response = client.post(
        "/organisations/new/",
        {"kind": "insurer", "code": word, "name_zh": "某保险公司", "is_active": "on"},
    )

    assert response.status_code == 200
    assert "code" in response.context["form"].errors
    assert not Organisation.objects.filter(code=word).exists()


def test_the_form_says_why_next_to_the_field(client, head_office, english):
    client.force_login(head_office)

    response = client.post(
        "/organisations/new/",
        {"kind": "insurer", "code": "review", "name_zh": "某保险公司", "is_active": "on"},
    )

    assert response.context["form"].errors["code"] == [
        "“review” is a word of the portal's own addresses; choose another code."
    ]
    assert "“review” is a word of the portal&#x27;s own addresses" in response.content.decode()


def test_an_existing_organisation_cannot_be_renamed_to_a_reserved_word(client, head_office):
    insurer = InsurerFactory(code="demo-x")
    client.force_login(head_office)

    response = client.post(
        "/organisations/demo-x/edit/",
        {"kind": "insurer", "code": "Review", "name_zh": insurer.name_zh, "is_active": "on"},
    )

    assert "code" in response.context["form"].errors
    insurer.refresh_from_db()
    assert insurer.code == "demo-x"


def test_the_service_refuses_it_for_commands_too(head_office):
    with pytest.raises(ValidationError) as refused:
        create_organisation(actor=head_office, code="review", kind="insurer", name_zh="某公司")
    assert "code" in refused.value.message_dict
    assert not Organisation.objects.filter(code="review").exists()

    insurer = InsurerFactory(code="demo-y")
    with pytest.raises(ValidationError):
        update_organisation(actor=head_office, organisation=insurer, code="history")
    insurer.refresh_from_db()
    assert insurer.code == "demo-y"


def test_the_admin_refuses_it_next_to_the_field(admin_client):
    response = admin_client.post(
        "/admin/campaign/organisation/add/",
        {"kind": "insurer", "code": "excel", "name_zh": "某保险公司", "position": 0},
    )

    assert response.status_code == 200
    assert "code" in response.context["adminform"].form.errors
    assert not Organisation.objects.filter(code="excel").exists()


def test_a_permitted_code_reaches_the_units_own_form():
    match = resolve("/statistics/2013/demo-new/")
    assert match.url_name == "statistics_form"
