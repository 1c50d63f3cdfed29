"""The dashboards' complaint figures are counted ahead of time (ComplaintTally): each
dashboard's row counts what its reader may see, a late refresh never overwrites newer
figures, and beat counts the years whose figures move."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from campaign.models import User
from complaints.models import Complaint, ComplaintTally
from complaints.selectors.statistics import (
    ComplaintCounts,
    dashboard_complaints,
    grouped_counts,
    received_in,
)
from complaints.services.tallies import refresh_tallies, years_to_refresh
from complaints.services.workflow import accept_complaint, forward_complaint
from complaints.tasks import refresh_complaint_tallies
from portal import access

from ..factories import InsurerFactory, UserFactory, complaint

pytestmark = pytest.mark.postgresql

BEIJING = ZoneInfo("Asia/Shanghai")
MAY_2 = datetime.datetime(2013, 5, 2, 10, tzinfo=BEIJING)


@pytest.fixture
def complaints(campaign, hotline, bureau_a, company_y, time_machine):
    """Six complaints in 2013 in two bureaus about two companies, two forwarded to Y."""
    time_machine.move_to(datetime.datetime(2013, 3, 11, 10, tzinfo=BEIJING), tick=False)
    other = InsurerFactory(code="another-insurer", name_zh="另一保险公司")
    made = [
        complaint(actor=hotline),
        complaint(actor=hotline, channel="letter", company=company_y.organisation),
        complaint(actor=hotline, channel="web", company=company_y.organisation),
        complaint(actor=hotline, province="上海市", company=company_y.organisation),
        complaint(actor=hotline, province="上海市", company=other),
        complaint(actor=hotline, province="天津市", company=other, complainant_count=6),
    ]
    for forwarded in made[1:3]:
        accept_complaint(actor=bureau_a, complaint=forwarded)
        forward_complaint(actor=bureau_a, complaint=forwarded, complexity="other")
    time_machine.move_to(MAY_2, tick=False)
    return made


def live_counts(user):
    """What the user's dashboard counted on each request before the tallies."""
    counts = ComplaintCounts()
    scoped = access.complaints_scoped_to(user, Complaint.objects.all())
    for row in grouped_counts(received_in(scoped, 2013), MAY_2.date()):
        counts.add(*row)
    return counts


@pytest.mark.parametrize("persona", ["head_office", "bureau_a", "bureau_b", "company_y"])
def test_each_dashboards_tally_counts_what_its_reader_may_see(complaints, persona, request):
    user = request.getfixturevalue(persona)
    refresh_tallies(2013)

    scope = None if persona == "head_office" else user.organisation_id
    tally = ComplaintTally.objects.get(year=2013, organisation=scope)
    assert ComplaintCounts.from_json(tally.counts) == live_counts(user)
    assert tally.computed_at == MAY_2
    assert tally.as_of == MAY_2.date()


def test_a_company_with_nothing_forwarded_has_no_tally_of_its_own(complaints):
    refresh_tallies(2013)

    assert not ComplaintTally.objects.filter(organisation__code="another-insurer").exists()
    national = ComplaintTally.objects.get(year=2013, organisation=None)
    assert ComplaintCounts.from_json(national.counts).received == 6


def test_a_refresh_that_counted_before_the_stored_figures_writes_nothing(complaints, hotline):
    refresh_tallies(2013)
    complaint(actor=hotline, received_at=MAY_2 - datetime.timedelta(days=1))

    assert refresh_tallies(2013, now=MAY_2 - datetime.timedelta(minutes=5)) is False

    national = ComplaintTally.objects.get(year=2013, organisation=None)
    assert ComplaintCounts.from_json(national.counts).received == 6
    assert national.computed_at == MAY_2


def test_a_second_refresh_replaces_every_row(complaints, hotline, time_machine):
    refresh_tallies(2013)
    complaint(actor=hotline, received_at=MAY_2)
    time_machine.move_to(MAY_2 + datetime.timedelta(minutes=10), tick=False)

    assert refresh_tallies(2013) is True

    rows = ComplaintTally.objects.filter(year=2013)
    assert {tally.computed_at for tally in rows} == {MAY_2 + datetime.timedelta(minutes=10)}
    assert rows.filter(organisation=None).count() == 1
    assert ComplaintCounts.from_json(rows.get(organisation=None).counts).received == 7


def test_beat_counts_this_year_last_year_and_older_years_once_a_day(
    campaign, hotline, time_machine
):
    time_machine.move_to(datetime.datetime(2011, 6, 1, 10, tzinfo=BEIJING), tick=False)
    complaint(actor=hotline)
    time_machine.move_to(datetime.datetime(2014, 1, 2, 10, tzinfo=BEIJING), tick=False)

    assert refresh_complaint_tallies() == [2011, 2013, 2014]

    time_machine.move_to(datetime.datetime(2014, 1, 2, 10, 10, tzinfo=BEIJING), tick=False)
    assert years_to_refresh(datetime.date(2014, 1, 2)) == [2013, 2014]
    assert years_to_refresh(datetime.date(2014, 1, 3)) == [2011, 2013, 2014]


def test_a_bureau_account_with_the_hotline_role_reads_no_figures(complaints, bureau_a):
    """The hotline role anywhere but head office has no complaint work (portal.access)."""
    seat = UserFactory(
        username="beijing-hotline", organisation=bureau_a.organisation, role=User.Role.HOTLINE
    )
    refresh_tallies(2013)

    assert live_counts(seat) == ComplaintCounts()
    assert dashboard_complaints(seat, 2013).counts == ComplaintCounts()


def test_the_people_of_a_deactivated_bureau_read_no_figures(complaints, bureau_a):
    refresh_tallies(2013)
    bureau_a.organisation.is_active = False
    bureau_a.organisation.save()

    assert dashboard_complaints(bureau_a, 2013).counts == ComplaintCounts()
