import datetime
import io
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from simple_history.models import registered_models

from campaign.models import (
    Activity,
    Article,
    Campaign,
    Exemplar,
    MediaReport,
    Organisation,
    ReportTransition,
    StatisticsReport,
    User,
)
from commitments.models import ServiceCommitment
from commitments.selectors.year_over_year import Change, year_over_year
from complaints.models import ClaimTimeline, Complaint, ComplaintTransition, Incident
from complaints.selectors.complaints import complaints_visible_to
from complaints.services.workflow import due_on
from complaints.sla import Clock
from portal import audit, timelines
from portal.models import Notification

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
        Complaint.objects.count(),
        ComplaintTransition.objects.count(),
        Incident.objects.count(),
        ServiceCommitment.objects.count(),
        Exemplar.objects.count(),
        MediaReport.objects.count(),
        Article.history.count(),
        Activity.history.count(),
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


def test_it_writes_no_history_row_without_a_user(seeded):
    for model in set(registered_models.values()):
        assert not model.history.filter(history_user__isnull=True).exists(), model.__name__
    created = Organisation.history.filter(code="demo-pc", history_type="+")
    assert created.get().history_user.username == audit.SYSTEM_USERNAME


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


def test_units_logged_events_in_both_campaigns_beijings_current_log_has_room_for_b01(seeded):
    closed, current = Campaign.objects.get(year=2013), Campaign.objects.get(year=2027)
    logged_2013 = Activity.objects.filter(campaign=closed)
    assert logged_2013.values("organisation").distinct().count() >= 4
    assert {a.held_on.year for a in logged_2013} == {2013}
    assert {a.created_at.astimezone(SHANGHAI).year for a in logged_2013} == {2013}
    now = Activity.objects.filter(campaign=current)
    assert now.values("organisation").distinct().count() >= 4
    assert all(a.held_on <= TODAY.date() and a.no_insurance_sold for a in now)
    beijing = now.filter(organisation__code="beijing")
    assert beijing.exists()
    assert not beijing.filter(kind__in=[Activity.Kind.SCHOOL, Activity.Kind.RECEPTION_DAY]).exists()


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


def _open_complaints():
    return Complaint.objects.exclude(status__in=Complaint.FINISHED)


def test_the_demo_has_a_few_hundred_complaints_by_every_channel_the_hotline_most(seeded):
    by_channel = {
        channel: Complaint.objects.filter(channel=channel).count()
        for channel in Complaint.Channel.values
    }

    assert 200 <= sum(by_channel.values()) <= 500
    assert min(by_channel.values()) > 0
    assert max(by_channel, key=by_channel.get) == "phone"


def test_the_demo_complaints_are_in_every_state(seeded):
    assert set(Complaint.objects.values_list("status", flat=True)) == set(Complaint.Status.values)
    closed = Complaint.objects.filter(status=Complaint.Status.CLOSED)
    assert set(closed.values_list("outcome", "consumer_satisfied")) >= {
        ("resolved", True),
        ("resolved", False),
        ("unresolved", False),
    }
    waiting = Complaint.objects.filter(status=Complaint.Status.AWAITING_MATERIAL)
    assert all(c.paused_reason and c.due_on is None for c in waiting)
    assert ComplaintTransition.objects.filter(action="extend").exists()


def test_every_region_category_and_product_line_has_demo_complaints(seeded):
    bureaus = Organisation.objects.filter(kind=Organisation.Kind.BUREAU)
    assert set(Complaint.objects.values_list("bureau", flat=True)) == set(
        bureaus.values_list("pk", flat=True)
    )
    for city in ["dalian", "ningbo", "xiamen", "qingdao", "shenzhen"]:
        assert Complaint.objects.filter(bureau__code=city, region__parent__isnull=False).exists()
    assert Complaint.objects.values("category").distinct().count() == 8
    assert Complaint.objects.values("product_line").distinct().count() == 11


def test_the_demo_complaints_span_the_last_year_and_2013(seeded):
    received = [
        at.astimezone(SHANGHAI) for at in Complaint.objects.values_list("received_at", flat=True)
    ]
    assert all(at <= TODAY for at in received)
    assert min(at for at in received if at.year > 2013) >= TODAY - datetime.timedelta(days=366)
    from_2013 = Complaint.objects.filter(year=2013)
    assert from_2013.exists()
    assert not from_2013.exclude(status__in=Complaint.FINISHED).exists()
    assert str(from_2013.first()).startswith("12378-2013-")


def test_some_open_demo_complaints_are_overdue(seeded):
    overdue = _open_complaints().filter(due_on__lt=TODAY.date())
    assert 5 <= overdue.count() < _open_complaints().count()


def test_each_demo_complaint_is_due_as_the_clock_says_and_its_steps_are_in_order(seeded):
    clock = Clock.load()
    for complaint in Complaint.objects.prefetch_related("transitions"):
        steps = list(complaint.transitions.all())
        assert [step.at for step in steps] == sorted(step.at for step in steps)
        assert steps[0].action == "register"
        assert steps[-1].to_status == complaint.status
        assert steps[-1].due_on == complaint.due_on
        assert all(step.actor_id for step in steps[1:])  # only a web filing has no actor
        if complaint.status in (Complaint.Status.ACCEPTED, Complaint.Status.ANSWERED):
            # The clock started with the step into the state, not with a step that keeps it
            # (the claim's dates recorded since).
            moved = [step for step in steps if step.from_status != step.to_status]
            start = moved[-1].at.astimezone(SHANGHAI).date()
            assert complaint.due_on == due_on(complaint, clock, start)


def test_the_demo_has_one_incident_a_group_of_six_and_head_office_was_alerted(seeded):
    incident = Incident.objects.get()

    assert incident.complaint.complainant_count == 6
    assert incident.is_open
    assert Notification.objects.filter(
        recipient__username="hq", link=f"/incidents/{incident.complaint.reference}/"
    ).exists()


def test_a_few_demo_complaints_are_possible_duplicates(seeded):
    duplicates = Complaint.objects.filter(possible_duplicate_of__isnull=False)

    assert 1 <= duplicates.count() <= 10
    for complaint in duplicates:
        assert complaint.phone_hash == complaint.possible_duplicate_of.phone_hash


def test_demo_complainants_are_made_up(seeded):
    phones = Complaint.objects.values_list("complainant_phone", flat=True)
    assert all(phone.startswith("170") for phone in phones)
    assert all(
        "示例" in name for name in Complaint.objects.values_list("complainant_name", flat=True)
    )


def test_demo_insurers_and_the_hotline_see_complaints_of_their_own(seeded):
    for code in ["demo-life", "demo-pc"]:
        assert complaints_visible_to(User.objects.get(username=code)).count() >= 5
    hotline = User.objects.get(username="hotline")
    entries = complaints_visible_to(hotline).order_by("-created_at")
    assert entries.count() >= 3
    assert entries[0].created_at >= TODAY - datetime.timedelta(days=1)


def _times_taken(kind_code, year):
    """How long each of the year's episodes took (None: not done yet), as commitments reads
    them through the complaints' timeline sources."""
    return [
        None if episode.done_at is None else episode.done_at - episode.started_at
        for episode in timelines.source_for(kind_code)(year)
    ]


@pytest.mark.parametrize("year", [2013, TODAY.year])
def test_demo_companies_accept_what_is_forwarded_to_them_mostly_in_time_some_late(seeded, year):
    taken = [time for time in _times_taken("complaint_acceptance", year) if time is not None]

    assert len(taken) >= 5
    assert any(time <= datetime.timedelta(days=2) for time in taken)
    assert any(time > datetime.timedelta(days=3) for time in taken)


@pytest.mark.parametrize("year", [2013, TODAY.year])
def test_demo_claims_are_decided_and_paid_in_time_late_or_not_yet(seeded, year):
    # (kind, the demo insurers' shortest promise, the law's limit) in days.
    for kind_code, promised, law in (("liability_decision", 7, 30), ("claim_payment", 3, 10)):
        taken = _times_taken(kind_code, year)
        assert None in taken, kind_code
        assert any(time and time <= datetime.timedelta(days=promised) for time in taken)
        assert any(time and time > datetime.timedelta(days=law) for time in taken)


def test_demo_claims_complaints_alone_have_claim_timelines_recorded_through_the_service(seeded):
    claims = Complaint.objects.filter(category__code="claims")

    assert ClaimTimeline.objects.exclude(complaint__in=claims).count() == 0
    assert ClaimTimeline.objects.count() == claims.count()
    assert ComplaintTransition.objects.filter(action="claim_timeline").count() == claims.count()


def test_demo_insurers_have_2013_and_current_commitments_all_published_through_the_services(
    seeded,
):
    commitments = ServiceCommitment.objects.filter(company__code__startswith="demo-")

    assert set(commitments.values_list("campaign__year", flat=True)) == {2013, 2027}
    assert {
        c.published_at.astimezone(SHANGHAI).year for c in commitments.filter(campaign__year=2013)
    } == {2013}
    assert all(
        c.transitions.filter(action="publish").exists() for c in commitments.exclude(status="draft")
    )
    # demo-life amended one in 2013: both versions stay readable.
    assert commitments.filter(company__code="demo-life", status="superseded").count() == 1


def test_the_year_over_year_page_shows_every_kind_of_change_on_first_run(seeded, client):
    response = client.get("/commitments/companies/demo-pc/year-over-year/")

    comparison = response.context["comparison"]
    assert (comparison.campaign.year, comparison.previous_campaign.year) == (2027, 2013)
    assert {pair.change for pair in comparison.pairs} == set(Change.values)
    loosened = [pair for pair in comparison.pairs if pair.is_loosened]
    assert all(pair.current.loosening_reason in response.content.decode() for pair in loosened)


def test_demo_life_is_compared_with_its_amended_2013_promise(seeded):
    life = Organisation.objects.get(code="demo-life")
    pairs = year_over_year(life, Campaign.objects.get(year=2027)).pairs

    [decision] = [pair for pair in pairs if pair.commitment.kind.code == "liability_decision"]
    assert (decision.previous.limit_value, decision.previous.version) == (8, 2)
    assert decision.change == Change.TIGHTENED


def test_two_demo_insurers_have_not_published_for_the_current_campaign(seeded):
    published = ServiceCommitment.objects.filter(campaign__year=2027, status="published")
    insurers = Organisation.objects.filter(code__startswith="demo-").exclude(code="demo-new")

    assert set(
        insurers.exclude(service_commitments__in=published).values_list("code", flat=True)
    ) == {"demo-agri", "demo-marine"}
    assert ServiceCommitment.objects.filter(
        campaign__year=2027, company__code="demo-agri", status="draft"
    ).exists()


def test_the_2013_ten_best_lists_of_beijing_are_full_and_published(seeded):
    beijing = Exemplar.objects.filter(campaign__year=2013, region__code="110000")

    assert beijing.filter(kind="person", status="published").count() == 10
    assert beijing.filter(kind="counter", status="published").count() == 10
    assert beijing.exclude(photo="").exists()
    assert beijing.first().published_at.year == 2013


def test_beijing_has_one_published_person_and_one_counter_in_the_current_campaign(seeded):
    current = Campaign.objects.get(status=Campaign.Status.OPEN)
    beijing = Exemplar.objects.filter(campaign=current, region__code="110000")

    assert list(beijing.values_list("kind", "status").order_by("kind")) == [
        ("counter", "published"),
        ("person", "published"),
    ]
    assert Exemplar.objects.filter(campaign=current).values("region").distinct().count() >= 3


def test_a_few_units_have_media_reports_in_both_campaigns_never_dated_ahead(seeded):
    for campaign in Campaign.objects.all():
        reports = MediaReport.objects.filter(campaign=campaign)
        assert reports.values("organisation").distinct().count() >= 3
        assert not reports.filter(published_on__gt=TODAY.date()).exists()
        assert all(url.startswith("https://") for url in reports.values_list("url", flat=True))


def test_the_demo_has_knowledge_articles_on_every_topic_by_head_office_and_the_association(
    seeded,
):
    published = Article.objects.filter(status=Article.Status.PUBLISHED)
    assert {article.topic for article in published} == set(Article.Topic.values)
    assert set(published.values_list("organisation__code", flat=True)) == {"hq", "iac"}
    assert all(article.published_at.year == 2013 for article in published)
    assert Article.objects.filter(status=Article.Status.DRAFT, organisation__code="iac").exists()
    assert "12378" in Article.objects.get(title="如何识别销售误导").body
