"""POST /complaints/<reference>/merge/: the same matter filed twice becomes one; the
complaint kept shows both histories, the merged one links to it."""

import pytest

from complaints.models import Complaint
from complaints.services import workflow
from tests.factories import complaint as register_complaint

pytestmark = pytest.mark.postgresql


@pytest.fixture
def pair(company_x):
    first = register_complaint(company=company_x.organisation, province="北京")
    second = register_complaint(company=company_x.organisation, province="北京")
    return first, second


def test_merging_keeps_both_histories(client, as_persona, pair, english):
    first, second = pair
    as_persona("bureau_a")
    response = client.post(
        f"/complaints/{second.reference}/merge/",
        {"into": first.reference, "note": "同一投诉人重复来电。"},
    )
    assert response.status_code == 302
    second.refresh_from_db()
    assert (second.status, second.outcome, second.merged_into) == ("closed", "merged", first)
    response = client.get(f"/complaints/{first.reference}/")
    history = [(step.complaint_id, merged) for step, _l, merged, _c in response.context["history"]]
    assert (second.pk, True) in history
    assert (first.pk, False) in history
    page = response.content.decode()
    assert f"merged: {second.reference}" in page
    assert "Another complaint merged into this one" in page
    page = client.get(f"/complaints/{second.reference}/").content.decode()
    assert f'href="/complaints/{first.reference}/"' in page
    assert 'id="step-reopen"' not in page


def test_a_complaint_the_user_does_not_see_is_refused_next_to_the_field(
    client, as_persona, pair, company_x, english
):
    _first, second = pair
    shanghai = register_complaint(company=company_x.organisation, province="上海")
    as_persona("bureau_a")
    response = client.post(
        f"/complaints/{second.reference}/merge/", {"into": shanghai.reference, "note": ""}
    )
    assert response.status_code == 200
    assert "No complaint with this reference is open to you." in response.content.decode()
    assert Complaint.objects.get(pk=second.pk).merged_into is None


def test_a_complaint_is_not_merged_into_itself(client, as_persona, pair, english):
    _first, second = pair
    as_persona("bureau_a")
    response = client.post(
        f"/complaints/{second.reference}/merge/", {"into": second.reference, "note": ""}
    )
    assert response.status_code == 200
    assert "Choose another complaint that is not merged itself." in response.content.decode()


def test_head_office_does_not_merge(client, as_persona, pair):
    first, second = pair
    as_persona("head_office")
    response = client.post(f"/complaints/{second.reference}/merge/", {"into": first.reference})
    assert response.status_code == 403


def test_a_complaint_merged_into_one_merged_later_stays_in_the_history(
    client, as_persona, pair, company_x
):
    first, second = pair
    third = register_complaint(company=company_x.organisation, province="北京")
    as_persona("bureau_a")
    client.post(f"/complaints/{third.reference}/merge/", {"into": second.reference})
    client.post(f"/complaints/{second.reference}/merge/", {"into": first.reference})

    response = client.get(f"/complaints/{first.reference}/")
    shown = {step.complaint_id for step, _label, _merged, _c in response.context["history"]}
    assert shown == {first.pk, second.pk, third.pk}


def test_a_company_does_not_read_the_history_of_another_companys_complaint_merged_in(
    client, as_persona, bureau_a, company_x, company_y
):
    kept = register_complaint(company=company_x.organisation, province="北京")
    other = register_complaint(company=company_y.organisation, province="北京")
    for complaint in (kept, other):
        workflow.accept_complaint(actor=bureau_a, complaint=complaint)
        workflow.forward_complaint(
            actor=bureau_a, complaint=complaint, complexity=Complaint.Complexity.SIMPLE
        )
    other.refresh_from_db()
    workflow.answer_complaint(actor=company_y, complaint=other, note="财产险公司的答复：拒赔。")
    workflow.merge_complaints(actor=bureau_a, duplicate=other, into=kept, note="")

    as_persona("company_x")
    response = client.get(f"/complaints/{kept.reference}/")

    assert response.status_code == 200
    assert {step.complaint_id for step, _l, _m, _c in response.context["history"]} == {kept.pk}
    assert "财产险公司的答复" not in response.content.decode()
    as_persona("bureau_a")
    history = client.get(f"/complaints/{kept.reference}/").context["history"]
    assert {step.complaint_id for step, _l, _m, _c in history} == {kept.pk, other.pk}
