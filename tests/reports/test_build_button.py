"""The build button: a run is asked for and head office is taken to its page; a second
click returns the same run and says so; a broker that is down is told plainly."""

import pytest

from reports.models import NationalReportRun

URL = "/reports/2013/build/"
Status = NationalReportRun.Status
# Transactional, so the view's own commit runs the on-commit enqueue as in production (the
# view reads whether the broker took the run after it); reference data restored afterwards.
after_commit = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


@after_commit
def test_head_office_builds_the_report_and_lands_on_the_run(client, campaign, head_office, english):
    client.force_login(head_office)

    response = client.post(URL)

    run = NationalReportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/reports/2013/runs/{run.pk}/"
    assert run.requested_by == head_office
    assert run.status == Status.SUCCEEDED  # tasks run in-process here
    page = client.get(response["Location"])
    assert messages_of(page) == ["The build has started: this page shows how far it is."]


def test_a_second_click_returns_the_same_run(client, campaign, head_office, english):
    running = NationalReportRun.objects.create(campaign=campaign, status=Status.RUNNING)
    client.force_login(head_office)

    response = client.post(URL, follow=True)

    assert response.redirect_chain == [(f"/reports/2013/runs/{running.pk}/", 302)]
    assert NationalReportRun.objects.get() == running
    assert messages_of(response) == [
        "The report was already being built: here is that build. No second one was started."
    ]


@after_commit
@pytest.mark.usefixtures("broker_down")
def test_with_the_broker_down_the_build_is_recorded_and_head_office_is_told(
    client, campaign, head_office, english
):
    client.force_login(head_office)

    response = client.post(URL)

    run = NationalReportRun.objects.get()
    assert (run.status, run.enqueued_at) == (Status.QUEUED, None)
    page = client.get(response["Location"])
    [message] = messages_of(page)
    assert message.startswith("The build is recorded, but the background service is not answering")
    assert "it will start by itself when the service is back" in page.content.decode()


def test_the_button_takes_no_get(client, campaign, head_office):
    client.force_login(head_office)

    assert client.get(URL).status_code == 405


def test_nobody_but_head_office_may_build(client, campaign, as_persona):
    for persona in ("bureau_a", "company_x", "association", "hotline"):
        as_persona(persona)
        assert client.post(URL).status_code == 404
    assert not NationalReportRun.objects.exists()
