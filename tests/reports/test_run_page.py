"""One build's page and the progress it polls: head office only."""

import pytest

from reports.models import NationalReportRun
from reports.services import runs

Status = NationalReportRun.Status


@pytest.fixture
def running(campaign, head_office):
    return NationalReportRun.objects.create(
        campaign=campaign,
        requested_by=head_office,
        status=Status.RUNNING,
        attempts=1,
        progress=40,
        stage=runs.STAGE_WORKBOOK,
    )


def test_a_running_build_shows_a_live_progress_bar(client, head_office, running, english):
    client.force_login(head_office)

    response = client.get(f"/reports/2013/runs/{running.pk}/")

    page = response.content.decode()
    assert response.status_code == 200
    assert f'data-run-progress-url="/reports/2013/runs/{running.pk}/progress/"' in page
    assert 'role="progressbar"' in page and 'aria-valuenow="40"' in page
    assert 'aria-live="polite"' in page
    assert "/static/js/run_progress.js" in page
    assert "Refresh this page" in page  # without JavaScript
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    assert "Writing the statistics table" in page


def test_the_progress_answers_in_json(client, head_office, running, english):
    client.force_login(head_office)

    response = client.get(f"/reports/2013/runs/{running.pk}/progress/")

    assert response.json() == {
        "status": "running",
        "status_label": "Running",
        "progress": 40,
        "stage": "Writing the statistics table",
        "error": "",
        "finished": False,
        "links": {"run": f"/reports/2013/runs/{running.pk}/"},
    }


def test_a_finished_build_links_its_files(client, campaign, head_office, english):
    run = runs.build_run(run_id=NationalReportRun.objects.create(campaign=campaign).pk)
    client.force_login(head_office)

    data = client.get(f"/reports/2013/runs/{run.pk}/progress/").json()
    page = client.get(f"/reports/2013/runs/{run.pk}/").content.decode()

    assert (data["status"], data["progress"], data["finished"]) == ("succeeded", 100, True)
    assert data["links"]["workbook"] == f"/reports/2013/runs/{run.pk}/workbook/"
    assert data["links"]["summary"] == f"/reports/2013/runs/{run.pk}/summary/"
    assert "data-run-progress-url" not in page
    assert "http-equiv" not in page
    assert f'href="/reports/2013/runs/{run.pk}/workbook/"' in page
    assert "the command line" in page  # nobody asked for it in the portal


def test_a_failed_build_shows_its_error(client, campaign, head_office, english):
    run = NationalReportRun.objects.create(
        campaign=campaign, status=Status.FAILED, error=runs.BUILD_FAILED
    )
    client.force_login(head_office)

    data = client.get(f"/reports/2013/runs/{run.pk}/progress/").json()
    page = client.get(f"/reports/2013/runs/{run.pk}/").content.decode()

    assert data["error"].startswith("The build failed.")
    assert data["finished"] is True
    assert "The build failed." in page


def test_the_progress_runs_a_fixed_number_of_queries(
    client, head_office, running, django_assert_num_queries
):
    client.force_login(head_office)
    client.get(f"/reports/2013/runs/{running.pk}/progress/")

    with django_assert_num_queries(5):  # session, user, organisation, campaign, run
        client.get(f"/reports/2013/runs/{running.pk}/progress/")


def test_the_run_page_runs_a_fixed_number_of_queries(
    client, head_office, running, django_assert_num_queries
):
    client.force_login(head_office)
    client.get(f"/reports/2013/runs/{running.pk}/")

    # session, user, organisation, campaign, run, unread notifications
    with django_assert_num_queries(6):
        client.get(f"/reports/2013/runs/{running.pk}/")


def test_another_campaigns_run_is_not_found(client, head_office, running):
    client.force_login(head_office)

    assert client.get(f"/reports/2014/runs/{running.pk}/").status_code == 404
    assert client.get(f"/reports/2013/runs/{running.pk + 1}/progress/").status_code == 404


@pytest.mark.parametrize("persona", ["bureau_a", "company_x", "association", "hotline"])
def test_nobody_but_head_office_sees_a_run(client, as_persona, persona, running):
    as_persona(persona)

    assert client.get(f"/reports/2013/runs/{running.pk}/").status_code == 404
    assert client.get(f"/reports/2013/runs/{running.pk}/progress/").status_code == 404


def test_anonymous_is_sent_to_log_in(client, running):
    response = client.get(f"/reports/2013/runs/{running.pk}/progress/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
