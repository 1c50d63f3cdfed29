"""The people list: head office sees everyone, an organisation's administrator their own
organisation's people; search, filters, the lock-out shown, and a constant query count."""

import pytest
from axes.models import AccessAttempt
from django.utils import timezone

from campaign.models import User
from portal import audit

from ..factories import UserFactory, organisation

pytestmark = pytest.mark.postgresql


def usernames(response):
    return [person.username for person in response.context["page"].object_list]


def lock_out(username):
    AccessAttempt.objects.create(
        username=username,
        ip_address="127.0.0.1",
        user_agent="test",
        get_data="",
        post_data="",
        http_accept="",
        path_info="/accounts/login/",
        failures_since_start=5,
        attempt_time=timezone.now(),
    )


def test_head_office_sees_everyone(client, head_office, bureau_a, bureau_b, company_x):
    client.force_login(head_office)
    response = client.get("/people/")
    assert response.status_code == 200
    assert set(usernames(response)) == {"hq", "beijing", "shanghai", "demo-life"}
    assert "北京保监局" in response.content.decode()


def test_an_organisations_administrator_sees_only_its_people(
    client, bureau_a_admin, bureau_a, bureau_b, head_office
):
    client.force_login(bureau_a_admin)
    response = client.get("/people/")
    assert response.status_code == 200
    assert set(usernames(response)) == {"beijing", "beijing-admin"}
    assert "shanghai" not in response.content.decode()


@pytest.mark.parametrize("persona", ["bureau_a", "company_x", "hotline"])
def test_people_who_are_not_administrators_are_refused(client, as_persona, persona):
    as_persona(persona)
    assert client.get("/people/").status_code == 403


def test_the_nav_links_to_people_for_administrators_only(client, bureau_a_admin, bureau_a):
    client.force_login(bureau_a_admin)
    assert 'href="/people/"' in client.get("/campaigns/").content.decode()
    client.force_login(bureau_a)
    assert 'href="/people/"' not in client.get("/campaigns/").content.decode()


def test_it_searches_name_login_name_and_email(client, head_office, bureau_a):
    UserFactory(
        username="wangfang",
        full_name="王芳",
        email="wf@shanghai.example.cn",
        organisation=organisation("shanghai"),
    )
    client.force_login(head_office)
    assert usernames(client.get("/people/", {"q": "王芳"})) == ["wangfang"]
    assert usernames(client.get("/people/", {"q": "WANGF"})) == ["wangfang"]
    assert usernames(client.get("/people/", {"q": "wf@shanghai"})) == ["wangfang"]


def test_it_filters_by_organisation_role_and_status(client, head_office, bureau_a, bureau_b):
    UserFactory(username="sh-old", organisation=organisation("shanghai"), is_active=False)
    UserFactory(username="sh-admin", organisation=organisation("shanghai"), role=User.Role.ADMIN)
    client.force_login(head_office)
    shanghai = organisation("shanghai").pk
    assert set(usernames(client.get("/people/", {"organisation": shanghai}))) == {
        "shanghai",
        "sh-old",
        "sh-admin",
    }
    assert usernames(client.get("/people/", {"organisation": shanghai, "role": "admin"})) == [
        "sh-admin"
    ]
    assert usernames(client.get("/people/", {"organisation": shanghai, "active": "no"})) == [
        "sh-old"
    ]


def test_an_administrator_cannot_filter_into_another_organisation(client, bureau_a_admin, bureau_b):
    client.force_login(bureau_a_admin)
    response = client.get("/people/", {"organisation": organisation("shanghai").pk})
    assert "shanghai" not in usernames(response)


def test_it_shows_who_is_locked_out(client, head_office, bureau_a, bureau_b):
    lock_out("beijing")
    client.force_login(head_office)
    response = client.get("/people/")
    assert response.context["locked"] == {"beijing"}
    assert 'action="/people/beijing/unlock/"' in response.content.decode()
    assert 'action="/people/shanghai/unlock/"' not in response.content.decode()


def test_it_pages_through_many_people(client, head_office):
    for n in range(30):
        UserFactory(username=f"clerk{n:02}", organisation=organisation("beijing"))
    client.force_login(head_office)
    assert len(usernames(client.get("/people/"))) == 25
    assert len(usernames(client.get("/people/", {"page": 2}))) == 6


def test_the_number_of_queries_does_not_grow_with_the_people_shown(
    client, head_office, django_assert_num_queries
):
    for n in range(20):
        UserFactory(
            username=f"clerk{n:02}",
            full_name=f"职员{n}",
            organisation=organisation("beijing" if n % 2 else "shanghai"),
        )
        lock_out(f"clerk{n:02}")
    client.force_login(head_office)
    # Session, user, their organisation; count and page of people; locks; the organisations
    # of the filter (counted, then listed); the bell's unread count.
    with django_assert_num_queries(9):
        response = client.get("/people/")
    assert len(response.context["locked"]) == 20


def test_the_system_account_is_not_on_the_list(client, head_office, campaign):
    system = audit.system_account()  # the campaign fixture's table was installed as it
    client.force_login(head_office)
    response = client.get("/people/", {"active": ""})
    assert system.username not in [person.username for person in response.context["page"]]
    assert client.get(f"/people/{system.username}/edit/").status_code == 404
