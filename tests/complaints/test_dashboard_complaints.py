"""The dashboards' complaints: head office sees the year's complaints by channel, category and
region month by month and the open incidents; a bureau its region's and its overdue count; a
company those forwarded to it. Every chart's figures are in a table beside it."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from complaints.models import Category, Complaint
from complaints.services.tallies import refresh_tallies
from complaints.services.workflow import accept_complaint, forward_complaint

from ..factories import InsurerFactory, complaint
from ..html import Element

pytestmark = pytest.mark.postgresql

URL = "/reports/2013/dashboard/"
BEIJING = ZoneInfo("Asia/Shanghai")
# The channel chart's table columns: letter, visit, phone, web.
CHANNELS = ("letter", "visit", "phone", "web")


def beijing_time(month, day, hour=10):
    return datetime.datetime(2013, month, day, hour, tzinfo=BEIJING)


@pytest.fixture
def complaints(campaign, time_machine, hotline, bureau_a, company_y, english):
    """Beijing: three phone complaints in March (one a 6-person incident, one forwarded to
    company Y) and a letter in April; Shanghai: two web complaints in April. Counted and
    looked at on 2 May, when every complaint not yet forwarded is past its acceptance limit."""
    time_machine.move_to(beijing_time(3, 11), tick=False)
    forwarded = complaint(actor=hotline, received_at=beijing_time(3, 11))
    complaint(actor=hotline, received_at=beijing_time(3, 11), complainant_count=6)
    complaint(
        actor=hotline,
        received_at=beijing_time(3, 11),
        category=Category.objects.get(code="sales"),
    )
    time_machine.move_to(beijing_time(4, 8), tick=False)
    complaint(actor=hotline, channel="letter", received_at=beijing_time(4, 8))
    for _ in range(2):
        complaint(actor=hotline, channel="web", province="上海市", received_at=beijing_time(4, 8))
    accept_complaint(actor=bureau_a, complaint=forwarded)
    forward_complaint(actor=bureau_a, complaint=forwarded, complexity="other")
    time_machine.move_to(beijing_time(5, 2), tick=False)
    refresh_tallies(2013)


def page(client, user):
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    return Element.parse(response.content.decode())


def table(html, key):
    """A chart's table: {row label: [cells]}."""
    rows = html.find(f"chart-{key}").first("tbody").find_all("tr")
    return {row.first("th").text: [cell.text for cell in row.find_all("td")] for row in rows}


def test_head_office_sees_complaints_by_channel_month_by_month(client, head_office, complaints):
    html = page(client, head_office)

    by_month = table(html, "complaints-channel")
    assert by_month["March 2013"] == ["0", "0", "3", "0"]
    assert by_month["April 2013"] == ["1", "0", "0", "2"]
    assert by_month["January 2013"] == ["0", "0", "0", "0"]
    assert html.find("complaints-totals").text.startswith(
        "6 received; 5 open past the time limit of their current step."
    )


def test_head_office_sees_complaints_by_category_month_by_month(client, head_office, complaints):
    by_category = table(page(client, head_office), "complaints-category")
    # Columns: the categories in order (sales, claims, …).
    assert by_category["March 2013"][:2] == ["1", "2"]
    assert by_category["April 2013"][:2] == ["0", "3"]


def test_head_office_sees_complaints_by_region(client, head_office, complaints):
    by_region = table(page(client, head_office), "complaints-region")
    assert by_region["CIRC Beijing Bureau"] == ["4", "3"]
    assert by_region["CIRC Shanghai Bureau"] == ["2", "2"]


def test_head_office_sees_the_open_incidents_with_links(client, head_office, complaints):
    incidents = page(client, head_office).find("open-incidents")
    [row] = incidents.first("tbody").find_all("tr")
    reference = row.first("a").text
    assert row.first("a")["href"] == f"/incidents/{reference}/"
    assert "Group visit or group complaint (E10)" in row.text


def test_a_bureau_sees_its_own_regions_complaints_and_overdue_count(client, bureau_a, complaints):
    html = page(client, bureau_a)

    assert table(html, "complaints-channel")["April 2013"] == ["1", "0", "0", "0"]
    assert html.find("complaints-totals").text.startswith(
        "4 received; 3 open past the time limit of their current step."
    )
    assert html.find("overdue-complaints-link")["href"] == "/complaints/?deadline=overdue"
    assert html.find("chart-complaints-region") is None
    assert html.find("open-incidents") is None


def test_another_bureau_sees_only_its_own(client, bureau_b, complaints):
    html = page(client, bureau_b)

    assert table(html, "complaints-channel")["March 2013"] == ["0", "0", "0", "0"]
    assert table(html, "complaints-channel")["April 2013"] == ["0", "0", "0", "2"]


def test_a_company_sees_the_complaints_forwarded_to_it(client, company_y, complaints):
    html = page(client, company_y)

    assert table(html, "complaints-channel")["March 2013"] == ["0", "0", "1", "0"]
    assert html.find("complaints-totals").text.startswith("1 received; 0 open past")


def test_a_company_sees_nothing_of_complaints_about_another(client, company_x, complaints):
    html = page(client, company_x)

    assert html.find("complaints-totals").text.startswith("0 received; 0 open past")


def test_the_association_has_no_complaints_section(client, association, complaints):
    assert page(client, association).find("complaints") is None


def more_complaints(hotline):
    other = InsurerFactory(code="more-insurer", name_zh="另一保险公司")
    for province in ("天津市", "河北省", "山西省", "广东省", "四川省"):
        for channel in CHANNELS:
            complaint(actor=hotline, channel=channel, province=province, company=other)
    complaint(actor=hotline, province="天津市", company=other, complainant_count=8)


@pytest.mark.parametrize("persona", ["head_office", "bureau_a"])
def test_the_dashboard_takes_the_same_queries_for_few_or_many_complaints(
    client, complaints, hotline, time_machine, django_assert_num_queries, persona, request
):
    client.force_login(request.getfixturevalue(persona))
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL).status_code == 200
    time_machine.move_to(beijing_time(4, 20), tick=False)
    more_complaints(hotline)
    time_machine.move_to(beijing_time(5, 2), tick=False)
    refresh_tallies(2013)

    with django_assert_num_queries(len(few)):
        assert client.get(URL).status_code == 200


def test_the_dashboard_says_when_the_figures_were_counted(client, head_office, complaints):
    assert (
        page(client, head_office)
        .find("complaints-computed-at")
        .text.startswith("Figures as of 2 May 2013 10:00")
    )


def test_a_complaint_registered_after_the_count_shows_at_the_next_count(
    client, head_office, hotline, complaints, time_machine
):
    complaint(actor=hotline, channel="letter", received_at=beijing_time(4, 30))
    assert page(client, head_office).find("complaints-totals").text.startswith("6 received")

    time_machine.move_to(beijing_time(5, 2, hour=11), tick=False)
    refresh_tallies(2013)

    html = page(client, head_office)
    assert html.find("complaints-totals").text.startswith("7 received")
    assert "11:00" in html.find("complaints-computed-at").text


def test_a_bureau_without_complaints_sees_none_as_of_the_count(
    client, bureau_a, bureau_b, complaints
):
    Complaint.objects.filter(bureau=bureau_a.organisation).update(bureau=bureau_b.organisation)
    refresh_tallies(2013)

    html = page(client, bureau_a)
    assert html.find("complaints-totals").text.startswith("0 received; 0 open past")
    assert html.find("complaints-computed-at").text.startswith("Figures as of 2 May 2013 10:00")


def test_a_year_not_counted_yet_says_so_and_shows_no_figures(
    client, head_office, campaign, hotline, english
):
    complaint(actor=hotline, received_at=beijing_time(3, 11))

    html = page(client, head_office)
    assert html.find("complaints-computed-at").text.startswith(
        "These figures have not been counted yet"
    )
    assert html.find("complaints-totals") is None
    assert html.find("chart-complaints-channel") is None


def test_figures_never_counted_are_counted_when_the_dashboard_is_opened(
    client, head_office, campaign, hotline, english, django_capture_on_commit_callbacks
):
    """The embedded setup runs no beat: the dashboard asks for the count itself."""
    complaint(actor=hotline, received_at=beijing_time(3, 11))
    with django_capture_on_commit_callbacks(execute=True) as asked:
        page(client, head_office)
    assert len(asked) == 1

    html = page(client, head_office)
    assert html.find("complaints-totals").text.startswith("1 received")


def test_stale_figures_are_asked_for_once_whoever_opens_the_dashboard(
    client, head_office, bureau_a, complaints, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(beijing_time(5, 2, hour=11), tick=False)  # an hour after the count
    with django_capture_on_commit_callbacks() as asked:
        page(client, head_office)
        page(client, bureau_a)
    assert len(asked) == 1


def test_with_the_cache_down_the_dashboard_shows_the_figures_it_has(
    client, head_office, complaints, time_machine, cache_down
):
    """Stale figures with Redis down: whether the refresh was asked for cannot be known,
    and the page still shows the last count."""
    time_machine.move_to(beijing_time(5, 2, hour=11), tick=False)  # an hour after the count

    html = page(client, head_office)

    assert html.find("complaints-totals").text.startswith("6 received")


def test_with_the_broker_down_the_dashboard_shows_the_figures_it_has(
    client,
    head_office,
    complaints,
    time_machine,
    broker_down,
    django_capture_on_commit_callbacks,
    caplog,
):
    time_machine.move_to(beijing_time(5, 2, hour=11), tick=False)  # an hour after the count

    with django_capture_on_commit_callbacks(execute=True):
        html = page(client, head_office)

    assert html.find("complaints-totals").text.startswith("6 received")
    assert "could not enqueue complaints.tasks.refresh_year_tallies" in caplog.text
