"""Head office's 催报: POST /reports/<year>/reminders/send/ with the units picked on the review
table reminds them now, logged with who sent it."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext, ngettext

from campaign.models import Campaign, StatisticsReport
from portal.models import Notification
from reports.models import Reminder
from reports.services import reminders as service

from ..factories import InsurerFactory, UserFactory, organisation

pytestmark = pytest.mark.postgresql

URL = "/reports/2013/reminders/send/"
TABLE = "/statistics/2013/review/"
SHANGHAI = ZoneInfo("Asia/Shanghai")
Status = StatisticsReport.Status


@pytest.fixture
def units(campaign):
    """Three bureaus that owe their report, each with a clerk; Tianjin's in draft."""
    clerks = {
        code: UserFactory(
            username=f"{code}-clerk", organisation=organisation(code), email=f"{code}@example.cn"
        )
        for code in ("beijing", "shanghai", "tianjin")
    }
    StatisticsReport.objects.create(
        campaign=campaign, organisation=organisation("tianjin"), status=Status.DRAFT
    )
    return clerks


@pytest.fixture
def submitted(campaign):
    return StatisticsReport.objects.create(
        campaign=campaign, organisation=organisation("chongqing"), status=Status.SUBMITTED
    )


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_head_office_reminds_three_missing_units(
    client, head_office, units, time_machine, english, django_capture_on_commit_callbacks
):
    time_machine.move_to(datetime.datetime(2013, 4, 7, 10, 0, tzinfo=SHANGHAI), tick=False)
    client.force_login(head_office)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"unit": ["beijing", "shanghai", "tianjin"]}, follow=True)

    assert response.redirect_chain == [(TABLE, 302)]
    rows = Reminder.objects.order_by("organisation__code")
    assert [r.organisation.code for r in rows] == ["beijing", "shanghai", "tianjin"]
    assert {(r.kind, r.sent_by, r.day, r.days_left, r.recipients) for r in rows} == {
        (Reminder.Kind.MANUAL, head_office, datetime.date(2013, 4, 7), 3, 1)
    }
    notice = Notification.objects.get(recipient=units["tianjin"])
    with translation.override("zh-hans"):
        line = ngettext(
            "%(days)s day left until the deadline (%(deadline)s) for the statistics of "
            "the %(campaign)s: please submit them soon",
            "%(days)s days left until the deadline (%(deadline)s) for the statistics of "
            "the %(campaign)s: please submit them soon",
            3,
        ) % {
            "days": 3,
            "deadline": "4月10日",
            "campaign": gettext("%(year)s 3·15 campaign") % {"year": 2013},
        }
        expected = gettext("Head office asks for your report. %(line)s") % {"line": line}
        state = gettext("Your report is: %(status)s.") % {"status": Status.DRAFT.label}
    assert notice.verb == expected
    assert notice.body == state
    assert notice.link == "/statistics/2013/tianjin/"
    assert sorted(m.to[0] for m in mail.outbox) == [
        "beijing@example.cn",
        "shanghai@example.cn",
        "tianjin@example.cn",
    ]
    # In CIRC's order of bureaus, as the table lists them.
    names = "、".join(str(r.organisation) for r in Reminder.objects.order_by("id"))
    assert messages_of(response) == [f"Reminded 3 units (3 people notified): {names}."]


def test_a_unit_that_has_submitted_is_skipped_and_named(
    client, head_office, units, submitted, english
):
    client.force_login(head_office)
    response = client.post(URL, {"unit": ["beijing", "chongqing"]}, follow=True)
    assert [r.organisation.code for r in Reminder.objects.all()] == ["beijing"]
    assert not Notification.objects.filter(recipient__organisation__code="chongqing").exists()
    [sent, skipped] = messages_of(response)
    assert sent.startswith("Reminded 1 unit")
    assert skipped == f"Skipped {submitted.organisation}: the report has been submitted."


def test_a_double_click_within_minutes_sends_once(
    client, head_office, units, time_machine, english
):
    time_machine.move_to(datetime.datetime(2013, 4, 7, 10, 0, tzinfo=SHANGHAI), tick=False)
    client.force_login(head_office)
    client.post(URL, {"unit": ["beijing"]})
    time_machine.move_to(datetime.datetime(2013, 4, 7, 10, 3, tzinfo=SHANGHAI), tick=False)
    response = client.post(URL, {"unit": ["beijing", "shanghai"]}, follow=True)
    assert Reminder.objects.filter(organisation__code="beijing").count() == 1
    assert Notification.objects.filter(recipient=units["beijing"]).count() == 1
    assert Notification.objects.filter(recipient=units["shanghai"]).count() == 1
    assert f"Skipped {organisation('beijing')}: already reminded a few minutes ago." in (
        messages_of(response)
    )
    # Later the same day, head office may ask again.
    time_machine.move_to(datetime.datetime(2013, 4, 7, 16, 0, tzinfo=SHANGHAI), tick=False)
    client.post(URL, {"unit": ["beijing"]})
    assert Reminder.objects.filter(organisation__code="beijing").count() == 2


def test_a_scheduled_reminder_does_not_stop_a_manual_one(client, head_office, units, campaign):
    Reminder.objects.create(
        campaign=campaign,
        organisation=organisation("beijing"),
        kind=Reminder.Kind.SCHEDULED,
        day=datetime.date.today(),
        days_left=1,
    )
    client.force_login(head_office)
    client.post(URL, {"unit": ["beijing"]})
    assert Reminder.objects.filter(kind=Reminder.Kind.MANUAL).count() == 1


def test_a_unit_the_campaign_does_not_expect_is_skipped(client, head_office, units, english):
    client.force_login(head_office)
    response = client.post(URL, {"unit": ["beijing", "no-such-unit"]}, follow=True)
    assert [r.organisation.code for r in Reminder.objects.all()] == ["beijing"]
    assert "Skipped no-such-unit: not expected to report in this campaign." in messages_of(response)


def test_nothing_selected_says_so(client, head_office, units, english):
    client.force_login(head_office)
    response = client.post(URL, follow=True)
    assert messages_of(response) == ["Select the units to remind first."]
    assert not Reminder.objects.exists()


def test_it_goes_back_to_the_filtered_table(client, head_office, units):
    client.force_login(head_office)
    back = f"{TABLE}?status=not_started&page=1"
    response = client.post(URL, {"unit": ["beijing"], "next": back})
    assert response["Location"] == back


def test_it_never_goes_back_elsewhere(client, head_office, units):
    client.force_login(head_office)
    for elsewhere in ("https://evil.example/", "//evil.example/", "/campaigns/"):
        response = client.post(URL, {"unit": ["beijing"], "next": elsewhere})
        assert response["Location"] == TABLE


def test_a_closed_campaign_is_refused(client, head_office, units, campaign, english):
    campaign.status = Campaign.Status.CLOSED
    campaign.save()
    client.force_login(head_office)
    response = client.post(URL, {"unit": ["beijing"]}, follow=True)
    assert messages_of(response) == ["Reminders go out only while the campaign is open."]
    assert not Reminder.objects.exists()


@pytest.mark.parametrize("persona", ["bureau_a", "company_x", "association", "hotline"])
def test_only_head_office_may_send_reminders(client, campaign, units, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.post(URL, {"unit": ["beijing"]}).status_code == 403
    assert not Reminder.objects.exists()
    assert not Notification.objects.exists()


def test_the_service_refuses_anyone_but_head_office(campaign, units, bureau_a):
    with pytest.raises(PermissionDenied):
        service.send_reminders_now(actor=bureau_a, campaign=campaign, organisations=["shanghai"])
    assert not Reminder.objects.exists()


def test_it_rejects_get(client, head_office, units):
    client.force_login(head_office)
    assert client.get(URL).status_code == 405


def test_anonymous_is_sent_to_login(client, campaign):
    response = client.post(URL, {"unit": ["beijing"]})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_an_unknown_campaign_is_404(client, head_office, campaign):
    client.force_login(head_office)
    assert client.post("/reports/2099/reminders/send/", {"unit": ["beijing"]}).status_code == 404


def test_the_review_table_offers_a_checkbox_on_each_unit_that_owes(
    client, head_office, units, submitted
):
    client.force_login(head_office)
    page = client.get(TABLE).content.decode()
    assert 'name="unit" value="beijing"' in page
    assert 'name="unit" value="tianjin"' in page
    assert 'name="unit" value="chongqing"' not in page
    assert 'action="/reports/2013/reminders/send/"' in page
    assert "data-portal-confirm=" in page
    assert "data-portal-select-all" in page
    assert 'href="/reports/2013/reminders/"' in page


def test_the_review_table_shows_when_a_unit_was_last_reminded(
    client, head_office, units, time_machine
):
    time_machine.move_to(datetime.datetime(2013, 4, 7, 10, 5, tzinfo=SHANGHAI), tick=False)
    client.force_login(head_office)
    client.post(URL, {"unit": ["shanghai"]})
    response = client.get(TABLE)
    assert "2013年4月7日 10:05" in response.content.decode()


def test_a_closed_campaigns_table_has_no_checkboxes(client, head_office, units, campaign):
    campaign.status = Campaign.Status.CLOSED
    campaign.save()
    client.force_login(head_office)
    page = client.get(TABLE).content.decode()
    assert 'name="unit"' not in page
    assert "reminders-form" not in page


def _insurers_reminded(campaign, numbers, head_office):
    for n in numbers:
        insurer = InsurerFactory(code=f"insurer-{n}")
        Reminder.objects.create(
            campaign=campaign,
            organisation=insurer,
            kind=Reminder.Kind.MANUAL,
            day=datetime.date(2013, 4, 7),
            days_left=3,
            sent_by=head_office,
        )


def test_the_reminders_cost_the_review_table_one_query_whatever_the_units(
    client, head_office, campaign, django_assert_num_queries
):
    client.force_login(head_office)
    _insurers_reminded(campaign, range(30), head_office)
    with CaptureQueriesContext(connection) as thirty:
        assert client.get(TABLE).status_code == 200
    assert sum("reports_reminder" in query["sql"] for query in thirty.captured_queries) == 1
    _insurers_reminded(campaign, range(30, 100), head_office)
    with django_assert_num_queries(len(thirty)):
        page = client.get(TABLE).content.decode()
    assert page.count('name="unit"') == 100  # every unit on the page owes its report
