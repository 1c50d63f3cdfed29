"""GET /incidents/<reference>/ and POST /incidents/<reference>/steps/: the emergency plan's
steps with their times and who did them; recording the next; settling closes the incident."""

import pytest
from django.core.exceptions import ValidationError

from complaints.models import Incident
from complaints.services.incidents import record_incident_step
from tests.factories import complaint as register_complaint


@pytest.fixture
def incident(company_x):
    complaint = register_complaint(
        company=company_x.organisation, province="北京", complainant_count=6
    )
    return Incident.objects.get(complaint=complaint)


def url(incident, page=""):
    return f"/incidents/{incident.complaint.reference}/{page}"


def test_the_page_shows_the_steps_and_the_form(client, as_persona, incident, english):
    as_persona("bureau_a")
    response = client.get(url(incident))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Head office alerted" in page
    assert "Record the next step" in page
    assert f'action="{url(incident, "steps/")}"' in page


def test_the_bureau_records_a_step(client, as_persona, incident, english):
    user = as_persona("bureau_a")
    response = client.post(url(incident, "steps/"), {"step": "on_site", "note": "已派员到场。"})
    assert response.status_code == 302
    step = incident.steps.last()
    assert (step.step, step.done_by, step.note) == ("on_site", user, "已派员到场。")
    page = client.get(url(incident)).content.decode()
    assert "Staff on site" in page
    assert "已派员到场。" in page


def test_settling_closes_the_incident_and_it_takes_no_more_steps(
    client, as_persona, incident, english
):
    as_persona("head_office")
    client.post(url(incident, "steps/"), {"step": "settled"})
    incident.refresh_from_db()
    assert not incident.is_open
    page = client.get(url(incident)).content.decode()
    assert "Record the next step" not in page
    response = client.post(url(incident, "steps/"), {"step": "on_site"}, follow=True)
    assert "This incident is closed: it takes no more steps." in response.content.decode()
    assert incident.steps.count() == 2


def test_a_closed_incident_is_refused_by_the_service(incident, head_office):
    record_incident_step(actor=head_office, incident=incident, step="settled")
    with pytest.raises(ValidationError):
        record_incident_step(actor=head_office, incident=incident, step="on_site")


def test_a_step_must_be_chosen(client, as_persona, incident):
    as_persona("bureau_a")
    response = client.post(url(incident, "steps/"), {"step": ""})
    assert response.status_code == 200
    assert "step" in response.context["form"].errors
    assert incident.steps.count() == 1


@pytest.mark.parametrize("persona", ["bureau_b", "company_x", "association", "hotline"])
def test_others_do_not_find_it(persona, client, as_persona, incident):
    as_persona(persona)
    assert client.get(url(incident)).status_code == 404
    assert client.post(url(incident, "steps/"), {"step": "on_site"}).status_code == 404


def test_the_step_page_rejects_get(client, as_persona, incident):
    as_persona("bureau_a")
    assert client.get(url(incident, "steps/")).status_code == 405


def test_the_page_takes_the_same_queries_however_many_steps(
    client, as_persona, incident, head_office, django_assert_num_queries
):
    as_persona("head_office")
    page = url(incident)
    # Session, user, organisation, the incident, its steps, the bell's unread count.
    with django_assert_num_queries(6):
        client.get(page)
    for step in ("plan_activated", "on_site", "company_summoned", "situation_reported"):
        record_incident_step(actor=head_office, incident=incident, step=step)
    with django_assert_num_queries(6):
        client.get(page)
