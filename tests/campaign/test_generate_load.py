"""``manage.py generate_load`` fills a database with made-up load: complaints in every region
in plausible proportions, a report of every unit, every company's commitments, and the
dashboards show it; it refuses a database it has filled before."""

import io
from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from campaign.models import Organisation, StatisticsReport
from commitments.models import ServiceCommitment
from complaints.models import Complaint

from ..html import Element

pytestmark = pytest.mark.postgresql

COMPLAINTS = 1500
COMPANIES = 40


@pytest.fixture
def loaded(campaign, hotline):
    out = io.StringIO()
    call_command(
        "generate_load",
        "--complaints",
        str(COMPLAINTS),
        "--companies",
        str(COMPANIES),
        "--batch",
        "500",
        stdout=out,
    )
    return out.getvalue()


def test_complaints_come_from_every_region_by_channel_and_category_in_plausible_shares(loaded):
    assert f"{COMPLAINTS:,} complaints added" in loaded
    complaints = Complaint.objects.all()
    assert complaints.count() == COMPLAINTS
    bureaus = Organisation.objects.filter(kind=Organisation.Kind.BUREAU, is_active=True)
    assert set(complaints.values_list("bureau", flat=True)) == set(
        bureaus.values_list("pk", flat=True)
    )
    channels = Counter(complaints.values_list("channel", flat=True))
    assert 0.5 < channels["phone"] / COMPLAINTS < 0.75  # the 12378 hotline takes most
    assert all(channels[channel] for channel in Complaint.Channel.values)
    categories = Counter(complaints.values_list("category__code", flat=True))
    assert categories.most_common(1)[0][0] == "claims"
    assert len(categories) == 8
    by_bureau = Counter(complaints.values_list("bureau__code", flat=True))
    assert by_bureau["guangdong"] > 5 * by_bureau["xizang"]  # the market's size, not uniform


def test_every_unit_reported_every_company_published_and_the_dashboard_shows_it(
    loaded, campaign, client, head_office, english
):
    insurers = Organisation.objects.filter(kind=Organisation.Kind.INSURER, is_active=True)
    assert insurers.count() == COMPANIES
    units = Organisation.objects.filter(kind__in=Organisation.REPORTING_KINDS, is_active=True)
    reports = StatisticsReport.objects.filter(campaign=campaign)
    assert set(reports.values_list("organisation", flat=True)) == set(
        units.values_list("pk", flat=True)
    )
    assert not reports.filter(submitted_at__isnull=True).exists()
    assert all(
        report.values.exists() for report in reports.filter(organisation__kind="insurer")[:3]
    )
    published = ServiceCommitment.objects.filter(
        campaign=campaign, status=ServiceCommitment.Status.PUBLISHED
    )
    assert set(published.values_list("company", flat=True)) == set(
        insurers.values_list("pk", flat=True)
    )

    client.force_login(head_office)
    html = Element.parse(client.get("/reports/2013/dashboard/").content.decode())
    assert html.find("complaints-totals").text.startswith(f"{COMPLAINTS} received")
    rows = html.find("chart-complaints-region").first("tbody").find_all("tr")
    assert len(rows) == Organisation.objects.filter(kind=Organisation.Kind.BUREAU).count()


def test_it_refuses_a_database_it_has_filled(loaded):
    assert "statistics reports added (2013)" in loaded
    with pytest.raises(CommandError, match="already holds generated load"):
        call_command("generate_load", "--complaints", "10", stdout=io.StringIO())
    assert Complaint.objects.count() == COMPLAINTS


def test_it_refuses_a_production_database(campaign, settings):
    settings.PRODUCTION = True

    with pytest.raises(CommandError, match="production"):
        call_command("generate_load", "--complaints", "10", stdout=io.StringIO())

    assert not Complaint.objects.exists()
    assert not Organisation.objects.filter(code__startswith="load-insurer-").exists()


def test_it_refuses_a_database_it_has_filled_without_making_up_insurers(campaign, company_y):
    call_command("generate_load", "--complaints", "10", "--companies", "1", stdout=io.StringIO())

    with pytest.raises(CommandError, match="already holds generated load"):
        call_command(
            "generate_load", "--complaints", "10", "--companies", "1", stdout=io.StringIO()
        )
    assert Complaint.objects.count() == 10
