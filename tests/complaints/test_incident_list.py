"""GET /incidents/: head office every incident, a bureau its own; open ones first."""

import pytest

from complaints.models import Incident
from complaints.services.incidents import record_incident_step
from tests.factories import complaint as register_complaint

pytestmark = pytest.mark.postgresql


def incident(company, province="北京"):
    complaint = register_complaint(company=company, province=province, complainant_count=6)
    return Incident.objects.get(complaint=complaint)


@pytest.fixture
def incidents(company_x, head_office):
    company = company_x.organisation
    closed = incident(company)
    record_incident_step(actor=head_office, incident=closed, step="settled", note="已化解。")
    return {"closed": closed, "open": incident(company), "shanghai": incident(company, "上海")}


def test_head_office_sees_every_incident_open_first(client, as_persona, incidents, english):
    as_persona("head_office")
    response = client.get("/incidents/")
    listed = [row.pk for row, _last in response.context["incidents"]]
    assert listed[-1] == incidents["closed"].pk
    assert set(listed) == {row.pk for row in incidents.values()}
    page = response.content.decode()
    assert incidents["shanghai"].complaint.reference in page
    assert "Settled: incident closed" in page
    assert "Head office alerted" in page


def test_a_bureau_sees_its_own(client, as_persona, incidents):
    as_persona("bureau_b")
    response = client.get("/incidents/")
    assert [row.pk for row, _last in response.context["incidents"]] == [incidents["shanghai"].pk]


def test_the_steps_are_counted(client, as_persona, incidents):
    as_persona("bureau_a")
    response = client.get("/incidents/")
    steps = {row.pk: row.steps_done for row, _last in response.context["incidents"]}
    assert steps == {incidents["open"].pk: 1, incidents["closed"].pk: 2}


@pytest.mark.parametrize("persona", ["company_x", "association", "hotline"])
def test_others_may_not_follow_incidents(persona, client, as_persona, incidents):
    as_persona(persona)
    assert client.get("/incidents/").status_code == 403


def test_it_rejects_post(client, as_persona):
    as_persona("head_office")
    assert client.post("/incidents/").status_code == 405


def test_the_list_takes_the_same_queries_however_many_incidents(
    client, as_persona, company_x, django_assert_num_queries
):
    as_persona("head_office")
    for _ in range(3):
        incident(company_x.organisation)
    # Session, user, organisation, the incidents, the bell's unread count.
    with django_assert_num_queries(5):
        client.get("/incidents/")
    for _ in range(5):
        incident(company_x.organisation, "上海")
    with django_assert_num_queries(5):
        client.get("/incidents/")
