"""POST /complaints/<reference>/answer/: the company's answer, which the complainant reads;
the bureau is told."""

import pytest
from django.core import mail

from complaints.services import workflow
from portal.models import Notification
from tests.factories import complaint as register_complaint


@pytest.fixture
def forwarded(bureau_a, company_x):
    complaint = register_complaint(company=company_x.organisation, province="北京")
    complaint = workflow.accept_complaint(actor=bureau_a, complaint=complaint)
    return workflow.forward_complaint(actor=bureau_a, complaint=complaint, complexity="other")


def test_the_answer_is_public_and_the_bureau_is_told(
    client, as_persona, forwarded, bureau_a, bureau_a_admin, django_capture_on_commit_callbacks
):
    bureau_a.email = "xinfang@beijing.example.cn"
    bureau_a.save(update_fields=["email"])
    as_persona("company_x")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/complaints/{forwarded.reference}/answer/", {"note": "已按合同赔付3000元。"}
        )
    assert response.status_code == 302
    step = forwarded.transitions.last()
    assert (step.action, step.note, step.is_public) == ("answer", "已按合同赔付3000元。", True)
    told = Notification.objects.filter(verb_en__contains="answered by the company")
    assert set(told.values_list("recipient", flat=True)) == {bureau_a.pk, bureau_a_admin.pk}
    assert {message.to[0] for message in mail.outbox} == {bureau_a.email, bureau_a_admin.email}


def test_an_answer_needs_its_text(client, as_persona, forwarded, english):
    as_persona("company_x")
    response = client.post(f"/complaints/{forwarded.reference}/answer/", {"note": " "})
    assert response.status_code == 200
    assert "Say why: this step needs a note." in response.content.decode()
    forwarded.refresh_from_db()
    assert forwarded.status == "forwarded"


def test_another_company_does_not_find_it(client, as_persona, forwarded):
    as_persona("company_y")
    response = client.post(f"/complaints/{forwarded.reference}/answer/", {"note": "答复。"})
    assert response.status_code == 404


def test_the_bureau_does_not_answer_for_the_company(client, as_persona, forwarded):
    as_persona("bureau_a")
    response = client.post(f"/complaints/{forwarded.reference}/answer/", {"note": "答复。"})
    assert response.status_code == 403
