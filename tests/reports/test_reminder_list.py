"""The log of reminders: /reports/<year>/reminders/, head office's."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.models import Reminder

from ..factories import CampaignFactory, InsurerFactory, organisation

pytestmark = pytest.mark.postgresql

URL = "/reports/2013/reminders/"


def remind(campaign, unit, *, day=datetime.date(2013, 4, 7), days_left=3, sent_by=None, **kw):
    return Reminder.objects.create(
        campaign=campaign,
        organisation=unit,
        kind=Reminder.Kind.MANUAL if sent_by else Reminder.Kind.SCHEDULED,
        day=day,
        days_left=days_left,
        sent_by=sent_by,
        recipients=kw.get("recipients", 2),
    )


def rows(response):
    return list(response.context["page"].object_list)


def test_head_office_sees_the_reminders_newest_first(client, head_office, campaign, english):
    head_office.full_name = "张敏"
    head_office.save()
    older = remind(campaign, organisation("beijing"), days_left=1)
    newer = remind(campaign, organisation("shanghai"), days_left=-2, sent_by=head_office)
    client.force_login(head_office)
    response = client.get(URL)
    assert rows(response) == [newer, older]
    page = response.content.decode()
    assert "张敏" in page
    assert "2 days overdue" in page
    assert "1 day left" in page
    assert str(organisation("shanghai")) in page
    assert 'href="/statistics/2013/review/"' in page


def test_it_filters_by_kind_and_unit(client, head_office, campaign):
    scheduled = remind(campaign, organisation("beijing"))
    manual = remind(campaign, organisation("beijing"), sent_by=head_office)
    other = remind(campaign, organisation("shanghai"), sent_by=head_office)
    client.force_login(head_office)
    assert rows(client.get(URL, {"kind": "manual"})) == [other, manual]
    assert rows(client.get(URL, {"unit": "beijing"})) == [manual, scheduled]
    assert rows(client.get(URL, {"kind": "scheduled", "unit": "beijing"})) == [scheduled]
    # An unknown value filters nothing out.
    assert len(rows(client.get(URL, {"kind": "nonsense", "unit": "nowhere"}))) == 3


def test_it_shows_only_the_campaigns_reminders(client, head_office, campaign, english):
    other_year = CampaignFactory(year=2014, deadline=datetime.date(2014, 4, 10))
    remind(other_year, organisation("beijing"))
    client.force_login(head_office)
    response = client.get(URL)
    assert rows(response) == []
    assert "No reminder has been sent yet." in response.content.decode()


def test_a_reminder_that_reached_nobody_is_marked(client, head_office, campaign):
    remind(campaign, organisation("iac"), recipients=0)
    client.force_login(head_office)
    assert "badge text-bg-warning" in client.get(URL).content.decode()


def _many(campaign, numbers, head_office):
    insurers = [InsurerFactory(code=f"insurer-{n}", expected=False) for n in numbers]
    Reminder.objects.bulk_create(
        Reminder(
            campaign=campaign,
            organisation=insurer,
            kind=Reminder.Kind.MANUAL if n % 2 else Reminder.Kind.SCHEDULED,
            day=datetime.date(2013, 4, 1 + n % 20),
            days_left=9 - n % 20,
            sent_by=head_office if n % 2 else None,
            recipients=n % 3,
        )
        for n, insurer in zip(numbers, insurers, strict=True)
    )


def test_the_page_runs_the_same_queries_for_10_or_200_reminders(
    client, head_office, campaign, django_assert_num_queries
):
    client.force_login(head_office)
    _many(campaign, range(10), head_office)
    with CaptureQueriesContext(connection) as ten:
        assert client.get(URL).status_code == 200
    _many(campaign, range(10, 200), head_office)
    with django_assert_num_queries(len(ten)):
        response = client.get(URL)
    assert response.context["page"].paginator.count == 200
    assert len(rows(response)) == 50
    assert response.context["page"].has_next()


@pytest.mark.parametrize("persona", ["bureau_a", "company_x", "association", "hotline"])
def test_only_head_office_sees_the_log(client, campaign, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403


def test_anonymous_is_sent_to_login(client, campaign):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_an_unknown_campaign_is_404(client, head_office, campaign):
    client.force_login(head_office)
    assert client.get("/reports/2099/reminders/").status_code == 404


def test_it_rejects_post(client, head_office, campaign):
    client.force_login(head_office)
    assert client.post(URL).status_code == 405
