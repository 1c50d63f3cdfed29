import datetime
import io
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from campaign.models import Campaign, Organisation, ReportTransition, StatisticsReport, User

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
MD5_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"  # as conftest.py's
# "Today" for these tests, so that the current campaign is 2027 whenever they run.
TODAY = datetime.datetime(2026, 11, 30, 10, 0, tzinfo=SHANGHAI)


@pytest.fixture(scope="module")
def seeded_once(django_db_setup, django_db_blocker):
    """The demo data as `make run` creates it on 30 November 2026, seeded twice, once for
    the tests of this module (seeding takes seconds) and rolled back after them."""
    fast_hashing = override_settings(PASSWORD_HASHERS=[MD5_HASHER])
    with (
        django_db_blocker.unblock(),
        time_machine.travel(TODAY, tick=False),
        fast_hashing,
        pytest.MonkeyPatch.context() as env,
        transaction.atomic(),
    ):
        env.delenv("DEMO_PASSWORD", raising=False)
        call_command("seed_demo", stdout=io.StringIO())
        counts = _counts()
        call_command("seed_demo", stdout=io.StringIO())
        assert _counts() == counts, "running seed_demo again changed the data"
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seeded(seeded_once, db, time_machine):
    time_machine.move_to(TODAY)


def _counts():
    return (
        User.objects.count(),
        Campaign.objects.count(),
        StatisticsReport.objects.count(),
        ReportTransition.objects.count(),
        StatisticsReport.history.count(),
        list(StatisticsReport.objects.order_by("pk").values_list("status", "version")),
    )


def _reporting_units():
    return Organisation.objects.filter(kind__in=Organisation.REPORTING_KINDS, is_active=True)


def test_it_creates_every_demo_account_once(seeded):
    assert User.objects.get(username="beijing").check_password("demo12378")
    assert User.objects.get(username="hq").organisation.kind == Organisation.Kind.HEAD_OFFICE
    assert User.objects.get(username="hotline").role == User.Role.HOTLINE
    assert User.objects.get(username="demo-life").organisation.name_zh == "示例人寿保险股份有限公司"
    assert User.objects.get(username="demo-pc").organisation.name_zh == "示例财产保险股份有限公司"
    assert Organisation.objects.filter(kind=Organisation.Kind.INSURER).count() >= 8
    assert User.objects.filter(organisation__kind=Organisation.Kind.BUREAU).count() == 36
    assert User.objects.filter(username="iac").exists()


def test_every_demo_person_has_a_name_and_an_address_that_is_never_delivered(seeded):
    people = User.objects.exclude(organisation=None)  # the system account is no person
    assert all(person.full_name for person in people)
    assert all(person.email.endswith("@demo.example") for person in people)
    assert str(User.objects.get(username="beijing")) != "beijing"  # timelines show the name


def test_the_2013_campaign_is_closed_with_every_unit_approved(seeded):
    campaign = Campaign.objects.get(year=2013)

    assert campaign.status == Campaign.Status.CLOSED
    assert campaign.deadline.isoformat() == "2013-04-10"
    assert campaign.notice_reference == "保监厅发〔2013〕11号"
    assert campaign.indicators.count() == 48
    reports = campaign.reports.all()
    assert sorted(r.organisation.code for r in reports) == sorted(
        campaign.expected_units.values_list("code", flat=True)
    )
    assert campaign.expected_units.filter(kind=Organisation.Kind.BUREAU).count() == 36
    assert {r.status for r in reports} == {StatisticsReport.Status.APPROVED}
    assert 1 <= sum(r.is_late for r in reports) <= 6
    assert all(r.warning_count == 0 and not r.has_alert for r in reports)


def test_the_2013_steps_are_dated_in_2013_and_late_ones_after_the_deadline(seeded):
    campaign = Campaign.objects.get(year=2013)
    transitions = ReportTransition.objects.filter(report__campaign=campaign)

    assert {t.at.astimezone(SHANGHAI).year for t in transitions} == {2013}
    for report in campaign.reports.all():
        assert report.is_late == (report.submitted_at >= campaign.deadline_at)
    assert StatisticsReport.history.filter(campaign=campaign, history_date__year=2026).count() == 0
    # Two units were returned once and resubmitted: their history shows it.
    assert transitions.filter(action="return").count() == 2


def test_the_2013_contacts_are_those_of_the_public_notice(seeded):
    names = list(Campaign.objects.get(year=2013).contacts.values_list("name", flat=True))
    assert names == ["张永蓉", "寇江华"]


def test_the_current_campaign_is_open_with_a_copy_of_the_2013_table(seeded):
    campaign = Campaign.objects.get(year=2027)

    assert campaign.status == Campaign.Status.OPEN
    assert campaign.deadline == datetime.date(2027, 4, 10)
    assert (campaign.period_start, campaign.period_end) == (
        datetime.date(2027, 3, 1),
        datetime.date(2027, 3, 31),
    )
    assert list(campaign.indicators.values_list("code", flat=True).order_by("code")) == list(
        Campaign.objects.get(year=2013).indicators.values_list("code", flat=True).order_by("code")
    )
    # Every contact of a campaign after 2013 is made up, and says so.
    assert all("示例" in name for name in campaign.contacts.values_list("name", flat=True))


def test_about_a_third_of_the_units_have_submitted_and_some_were_returned(seeded):
    campaign = Campaign.objects.get(year=2027)
    statuses = dict(campaign.reports.values_list("organisation__code", "status"))
    units = campaign.expected_units.count()

    submitted = [code for code, status in statuses.items() if status != "draft"]
    assert units // 4 <= len(submitted) <= units // 2
    assert list(statuses.values()).count("returned") >= 2
    assert statuses["jiangsu"] == "approved"
    assert statuses["guangdong"] == "returned"
    assert statuses["zhejiang"] == "draft"
    assert "beijing" not in statuses
    returned = ReportTransition.objects.filter(report__campaign=campaign, action="return")
    assert all(t.comment for t in returned)
    assert not campaign.reports.filter(is_late=True).exists()


def test_the_newly_licensed_insurer_is_not_expected_until_head_office_adds_it(seeded, client):
    newcomer = Organisation.objects.get(code="demo-new")
    assert newcomer.is_active
    assert not newcomer.expectations.exists()
    current = Campaign.objects.get(year=2027)
    assert set(current.expected_units.all()) == set(_reporting_units().exclude(code="demo-new"))
    client.force_login(User.objects.get(username="demo-new"))
    assert client.get("/statistics/2027/demo-new/").status_code == 404

    client.force_login(User.objects.get(username="hq"))
    client.post("/campaigns/2027/units/add/", {"unit": "demo-new"})
    review = client.get("/statistics/2027/review/", {"status": "not_started", "q": "demo-new"})
    assert [unit.code for unit in review.context["page"].object_list] == ["demo-new"]


def test_beijing_finds_a_countdown_and_an_empty_form(seeded, client):
    client.force_login(User.objects.get(username="beijing"))

    home = client.get("/campaigns/2027/")
    form = client.get("/statistics/2027/beijing/")

    assert home.context["days_left"] == 131  # 30 November 2026 → 10 April 2027
    assert form.status_code == 200
    assert form.context["days_left"] == 131
    assert not StatisticsReport.objects.get(
        campaign__year=2027, organisation__code="beijing"
    ).values.exists()


def test_the_reference_data_has_the_36_bureaus_of_2013(db):
    bureaus = Organisation.objects.filter(kind=Organisation.Kind.BUREAU)
    assert bureaus.count() == 36
    dalian = bureaus.get(code="dalian")
    assert dalian.name_zh == "大连保监局"
    assert [r.code for r in dalian.regions.all()] == ["210200"]


def test_two_units_of_the_current_campaign_report_incidents_with_a_note(seeded):
    reports = StatisticsReport.objects.filter(campaign__year=2027, has_alert=True)

    assert sorted(r.organisation.code for r in reports) == ["demo-pc", "shanghai"]
    assert all(r.acknowledgements.exists() for r in reports)
    assert all("示例内容" in r.summary for r in reports)
