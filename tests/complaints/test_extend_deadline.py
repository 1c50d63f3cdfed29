"""POST /complaints/<reference>/extend/: the company's one extension of at most 30 days, with
a reason."""

import datetime

import pytest

from complaints.services import workflow
from tests.factories import complaint as register_complaint

pytestmark = pytest.mark.postgresql


@pytest.fixture
def forwarded(bureau_a, company_x):
    complaint = register_complaint(company=company_x.organisation, province="北京")
    complaint = workflow.accept_complaint(actor=bureau_a, complaint=complaint)
    return workflow.forward_complaint(actor=bureau_a, complaint=complaint, complexity="other")


def url(complaint):
    return f"/complaints/{complaint.reference}/extend/"


def test_the_company_extends_its_time_limit(client, as_persona, forwarded, english):
    due = forwarded.due_on
    as_persona("company_x")
    response = client.post(url(forwarded), {"days": "15", "note": "需调取医院病历。"})
    assert response.status_code == 302
    forwarded.refresh_from_db()
    assert forwarded.due_on == due + datetime.timedelta(days=15)
    assert forwarded.transitions.last().details == {"days": 15}
    page = client.get(f"/complaints/{forwarded.reference}/").content.decode()
    assert "extended by 15 days" in page
    assert 'id="step-extend"' not in page


def test_more_than_thirty_days_is_refused_next_to_the_field(client, as_persona, forwarded, english):
    as_persona("company_x")
    response = client.post(url(forwarded), {"days": "31", "note": "复杂。"})
    assert response.status_code == 200
    assert "An extension is between 1 and 30 days." in response.content.decode()
    forwarded.refresh_from_db()
    assert forwarded.extension_days == 0


def test_an_extension_needs_a_reason(client, as_persona, forwarded, english):
    as_persona("company_x")
    response = client.post(url(forwarded), {"days": "10", "note": ""})
    assert response.status_code == 200
    assert "Say why: this step needs a note." in response.content.decode()


def test_a_second_extension_is_refused_with_a_message(client, as_persona, forwarded, english):
    as_persona("company_x")
    client.post(url(forwarded), {"days": "10", "note": "需调查。"})
    response = client.post(url(forwarded), {"days": "5", "note": "再延。"}, follow=True)
    assert "extended once already" in response.content.decode()
    forwarded.refresh_from_db()
    assert forwarded.extension_days == 10


def test_the_bureau_does_not_extend_the_companys_limit(client, as_persona, forwarded):
    as_persona("bureau_a")
    assert client.post(url(forwarded), {"days": "10", "note": "x"}).status_code == 403
