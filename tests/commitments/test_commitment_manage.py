"""GET /commitments/manage/: a company's own commitments of the year by stage, with the steps
it may take; a bureau's and head office's review list of published commitments with their
open remarks; nobody else's page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.services.commitments import amend_commitment, publish_commitment
from commitments.services.remarks import comment_on_commitment, flag_for_correction
from tests.factories import CampaignFactory, UserFactory, organisation
from tests.html import Element

URL = "/commitments/manage/"


def beijing_colleague():
    """Beijing's bureau comments on nationwide commitments."""
    return UserFactory(username="beijing-2", organisation=organisation("beijing"))


def test_a_company_sees_its_commitments_by_stage(client, company_x, payment, draft_of, english):
    draft_of(company_x, "call_hours", window_start="09:00", window_end="20:00")
    client.force_login(company_x)
    response = client.get(URL)
    assert response.status_code == 200
    page = Element.parse(response.content.decode())
    headings = [page.find(f"stage-{stage}").text for stage in ("sales", "after_sales", "claims")]
    assert headings == ["Sales", "After-sales", "Claims"]
    text = page.text
    assert "Payment after agreement" in text and "5 days" in text
    assert "Telemarketing call hours" in text and "09:00–20:00" in text
    assert "Nationwide · every product line" in text
    assert f"/commitments/{payment.pk}/" in page.links


def test_a_company_is_offered_the_steps_of_each_status(client, company_x, payment, draft_of):
    draft = draft_of(company_x)
    client.force_login(company_x)
    page = Element.parse(client.get(URL).content.decode())
    actions = {form["action"] for form in page.find("content").find_all("form", method="post")}
    assert actions == {f"/commitments/{draft.pk}/publish/", f"/commitments/{payment.pk}/amend/"}
    assert f"/commitments/{draft.pk}/edit/" in page.links
    assert f"/commitments/{payment.pk}/#step-withdraw" in page.links
    assert "/commitments/manage/new/?year=2013" in page.links


def test_a_company_does_not_see_another_companys(client, company_x, company_y, in_shanghai):
    client.force_login(company_x)
    assert (
        f"/commitments/{in_shanghai.pk}/"
        not in Element.parse(client.get(URL).content.decode()).links
    )


def test_a_superseded_version_leaves_the_list_for_its_successor(client, company_x, payment):
    amended = amend_commitment(actor=company_x, commitment=payment)
    client.force_login(company_x)
    links = Element.parse(client.get(URL).content.decode()).links
    assert f"/commitments/{payment.pk}/" in links and f"/commitments/{amended.pk}/" in links


def test_the_year_is_chosen(client, company_x, payment):
    CampaignFactory(year=2012, status="closed")
    client.force_login(company_x)
    response = client.get(URL, {"year": 2012})
    assert f"/commitments/{payment.pk}/" not in Element.parse(response.content.decode()).links
    assert "/commitments/manage/new/?year=2012" in Element.parse(response.content.decode()).links


def test_a_bureau_reviews_what_applies_in_its_region(
    client, bureau_a, bureau_b, payment, in_shanghai, draft_of, company_x
):
    draft = draft_of(company_x)
    client.force_login(bureau_a)
    links = Element.parse(client.get(URL).content.decode()).links
    assert f"/commitments/{payment.pk}/" in links
    assert f"/commitments/{in_shanghai.pk}/" not in links
    assert f"/commitments/{draft.pk}/" not in links
    client.force_login(bureau_b)
    links = Element.parse(client.get(URL).content.decode()).links
    assert {f"/commitments/{payment.pk}/", f"/commitments/{in_shanghai.pk}/"} <= set(links)


def test_the_review_list_shows_open_remarks(
    client, bureau_a, head_office, payment, in_shanghai, english
):
    comment_on_commitment(actor=bureau_a, commitment=payment, text="请明确工作日还是自然日。")
    flag_for_correction(actor=head_office, commitment=in_shanghai, text="请补充适用险种。")
    client.force_login(head_office)
    text = Element.parse(client.get(URL).content.decode()).text
    assert "Comment" in text and "请明确工作日还是自然日。" in text
    assert "Correction requested" in text and "请补充适用险种。" in text


def test_head_office_filters_by_company(client, head_office, payment, in_shanghai):
    client.force_login(head_office)
    links = Element.parse(client.get(URL, {"company": "demo-pc"}).content.decode()).links
    assert f"/commitments/{in_shanghai.pk}/" in links
    assert f"/commitments/{payment.pk}/" not in links


def test_the_review_list_is_searched_by_company_name(client, head_office, payment, in_shanghai):
    client.force_login(head_office)
    links = Element.parse(client.get(URL, {"q": "示例人寿"}).content.decode()).links
    assert f"/commitments/{payment.pk}/" in links
    assert f"/commitments/{in_shanghai.pk}/" not in links


@pytest.mark.parametrize("persona", ["company_x", "head_office"])
@pytest.mark.parametrize("asked", ["²⁰¹³", "9" * 5000])
def test_a_year_that_is_not_one_shows_the_current_year(client, as_persona, persona, payment, asked):
    as_persona(persona)
    response = client.get(URL, {"year": asked})
    assert f"/commitments/{payment.pk}/" in Element.parse(response.content.decode()).links


@pytest.mark.parametrize("persona", ["association", "hotline"])
def test_others_have_no_commitments_page(client, as_persona, persona):
    as_persona(persona)
    assert client.get(URL).status_code == 403


def test_the_public_is_sent_to_log_in(client):
    assert client.get(URL)["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("persona", ["company_x", "head_office"])
def test_the_list_takes_the_same_queries_for_more_rows(
    client, request, persona, head_office, company_x, payment, draft_of
):
    client.force_login(request.getfixturevalue(persona))

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    before = queries()
    for kind in ("liability_decision", "return_visit", "number_blocking", "call_frequency"):
        commitment = publish_commitment(actor=company_x, commitment=draft_of(company_x, kind))
        flag_for_correction(actor=head_office, commitment=commitment, text="请更正。")
        comment_on_commitment(actor=beijing_colleague(), commitment=commitment, text="意见。")
    assert queries() == before


@pytest.mark.parametrize(
    ("persona", "shown"),
    [
        ("company_x", True),
        ("bureau_a", True),
        ("head_office", True),
        ("association", False),
        ("hotline", False),
    ],
)
def test_the_menu_leads_to_the_commitments_of_those_who_work_on_them(
    client, as_persona, campaign, persona, shown
):
    as_persona(persona)
    page = client.get("/notifications/").content.decode()
    assert ('href="/commitments/manage/"' in page) is shown
