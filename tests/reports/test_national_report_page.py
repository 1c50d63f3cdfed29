"""Head office's national report page: the latest build, whether it is stale, the earlier
builds; nobody else sees it."""

import pytest

from campaign.services import expected_units
from campaign.services import statistics as statistics_services
from reports.models import NationalReportRun
from reports.services import runs

from ..factories import organisation
from .runs import submitted_report

URL = "/reports/2013/"
Status = NationalReportRun.Status


def test_head_office_sees_the_latest_build_with_its_files(client, campaign, head_office, english):
    run = runs.build_run(
        run_id=NationalReportRun.objects.create(campaign=campaign, requested_by=head_office).pk
    )
    client.force_login(head_office)

    response = client.get(URL)

    assert response.status_code == 200
    assert response.context["latest"] == run
    page = response.content.decode()
    assert "2013 national report" in page
    assert f"/reports/2013/runs/{run.pk}/workbook/" in page
    assert f"/reports/2013/runs/{run.pk}/summary/" in page
    assert 'action="/reports/2013/build/"' in page
    assert "changed since this build" not in page
    assert "data-run-progress-url" not in page  # finished: nothing to poll


def test_an_active_build_shows_its_progress_bar(client, campaign, head_office, english):
    run = NationalReportRun.objects.create(
        campaign=campaign, status=Status.RUNNING, progress=40, stage=runs.STAGE_WORKBOOK
    )
    client.force_login(head_office)

    page = client.get(URL).content.decode()

    assert f'data-run-progress-url="/reports/2013/runs/{run.pk}/progress/"' in page
    assert 'aria-valuenow="40"' in page
    assert "Writing the statistics table" in page
    assert '<meta http-equiv="refresh"' in page  # in <noscript>


def test_the_page_says_so_when_reports_changed_after_the_build(
    client, campaign, head_office, bureau_a, bureau_b, english
):
    report = submitted_report(campaign, "beijing", bureau_a)
    runs.build_run(run_id=NationalReportRun.objects.create(campaign=campaign).pk)
    statistics_services.return_report(actor=head_office, report=report, comment="请核对E01。")
    submitted_report(campaign, "shanghai", bureau_b)
    client.force_login(head_office)

    page = client.get(URL).content.decode()

    assert "2 reports have changed since this build; build the report again." in page


def test_a_report_submitted_after_the_build_makes_it_stale(client, campaign, head_office, bureau_a):
    runs.build_run(run_id=NationalReportRun.objects.create(campaign=campaign).pk)
    submitted_report(campaign, "beijing", bureau_a)
    client.force_login(head_office)

    response = client.get(URL)

    assert response.context["changes_since"] == 1


@pytest.mark.parametrize("change", ["remove_expected_unit", "add_expected_unit"])
def test_a_change_to_the_list_of_expected_units_makes_it_stale(
    client, campaign, head_office, bureau_a, change, english
):
    # A unit added to the list is missing from the build; one taken off is named as missing.
    shanghai = organisation("shanghai")
    if change == "add_expected_unit":
        campaign.expectations.filter(organisation=shanghai).delete()
    submitted_report(campaign, "beijing", bureau_a)
    runs.build_run(run_id=NationalReportRun.objects.create(campaign=campaign).pk)
    client.force_login(head_office)
    assert client.get(URL).context["changes_since"] is None
    getattr(expected_units, change)(actor=head_office, campaign=campaign, organisation=shanghai)

    response = client.get(URL)

    assert response.context["changes_since"] == 0
    assert (
        "The reports or the list of units expected to report have changed since this build"
        in response.content.decode()
    )


def test_before_any_build_the_page_offers_the_button(client, campaign, head_office, english):
    client.force_login(head_office)

    page = client.get(URL).content.decode()

    assert "The report has not been built yet." in page
    assert 'action="/reports/2013/build/"' in page


def test_the_page_runs_a_fixed_number_of_queries(
    client, campaign, head_office, django_assert_num_queries
):
    for _ in range(25):
        NationalReportRun.objects.create(
            campaign=campaign, status=Status.FAILED, requested_by=head_office
        )
    runs.build_run(
        run_id=NationalReportRun.objects.create(campaign=campaign, requested_by=head_office).pk
    )
    client.force_login(head_office)
    client.get(URL)

    # session, user, organisation, campaign, count, page of runs, latest, source state,
    # unread notifications (the navigation)
    with django_assert_num_queries(9):
        response = client.get(URL)
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 20


def test_the_navigation_leads_head_office_to_the_current_campaigns_report(
    client, campaign, head_office
):
    client.force_login(head_office)

    response = client.get("/reports/")

    assert response.status_code == 302
    assert response["Location"] == URL
    assert 'href="/reports/"' in client.get("/campaigns/").content.decode()


def test_the_campaign_page_and_the_review_table_link_to_it(client, campaign, head_office):
    client.force_login(head_office)

    assert f'href="{URL}"' in client.get("/campaigns/2013/").content.decode()
    assert f'href="{URL}"' in client.get("/statistics/2013/review/").content.decode()


@pytest.mark.parametrize("persona", ["bureau_a", "company_x", "association", "hotline"])
def test_nobody_but_head_office_finds_it(client, campaign, as_persona, persona):
    as_persona(persona)

    assert client.get(URL).status_code == 404
    assert client.get("/reports/").status_code == 404
    assert 'href="/reports/"' not in client.get("/campaigns/").content.decode()


def test_anonymous_is_sent_to_log_in(client, campaign):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_an_unknown_campaign_is_not_found(client, campaign, head_office):
    client.force_login(head_office)

    assert client.get("/reports/2099/").status_code == 404
