"""GET /commitments/<pk>/: one version with its dates, the versions of its series, and for
staff its steps and remarks and the forms of the steps they may take. The public reads a
published, superseded or withdrawn version, without the staff's parts; a draft is its
company's and head office's alone."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.services.commitments import (
    amend_commitment,
    publish_commitment,
    update_draft,
    withdraw_commitment,
)
from commitments.services.remarks import comment_on_commitment
from tests.html import Element


def url(commitment):
    return f"/commitments/{commitment.pk}/"


def open_steps(response):
    return [
        element["id"].removeprefix("step-")
        for element in Element.parse(response.content.decode()).find_all("details")
        if element.get("id", "").startswith("step-")
    ]


@pytest.fixture
def amended(company_x, payment):
    """Version 2 of company X's payment promise (3 days), published."""
    draft = amend_commitment(actor=company_x, commitment=payment)
    update_draft(actor=company_x, commitment=draft, text="3日内支付。", limit_value=3)
    return publish_commitment(actor=company_x, commitment=draft)


def test_both_versions_are_shown_and_the_old_one_with_its_dates(client, amended, payment, english):
    payment.refresh_from_db()
    response = client.get(url(payment))
    assert response.status_code == 200
    versions = Element.by_id(response, "versions")
    assert url(amended) in versions.links
    assert "Version 1" in versions.text and "Version 2" in versions.text
    text = Element.parse(response.content.decode()).text
    assert "Superseded by a newer version" in text and "5 days" in text
    assert "In force until" in text


def test_the_public_reads_a_withdrawn_one_with_its_reason(client, company_x, payment, english):
    withdraw_commitment(actor=company_x, commitment=payment, reason="产品停售。")
    response = client.get(url(payment))
    assert "产品停售。" in Element.parse(response.content.decode()).text


def test_the_public_gets_no_forms_steps_or_remarks(client, bureau_a, payment):
    comment_on_commitment(actor=bureau_a, commitment=payment, text="内部意见。")
    response = client.get(url(payment))
    assert open_steps(response) == []
    assert Element.by_id(response, "remarks") is None
    assert "内部意见。" not in response.content.decode()


def test_a_draft_is_not_found_by_the_public_or_another_company(
    client, company_x, company_y, bureau_a, draft_of
):
    draft = draft_of(company_x)
    assert client.get(url(draft)).status_code == 404
    for user in (company_y, bureau_a):
        client.force_login(user)
        assert client.get(url(draft)).status_code == 404


def test_a_draft_of_an_amendment_is_not_listed_for_the_public(client, company_x, payment):
    draft = amend_commitment(actor=company_x, commitment=payment)
    assert url(draft) not in Element.by_id(client.get(url(payment)), "versions").links


@pytest.mark.parametrize(
    ("persona", "on", "steps"),
    [
        ("company_x", "draft", ["publish"]),
        ("company_x", "published", ["amend", "withdraw"]),
        ("head_office", "draft", []),
        ("head_office", "published", ["flag"]),
        ("bureau_a", "published", ["comment"]),
        ("company_y", "published", []),
        ("association", "published", []),
    ],
)
def test_each_role_gets_the_forms_of_its_steps(
    client, as_persona, persona, on, steps, company_x, payment, draft_of
):
    commitment = payment if on == "published" else draft_of(company_x)
    as_persona(persona)
    assert open_steps(client.get(url(commitment))) == steps


def test_a_superseded_version_takes_no_more_steps(client, company_x, head_office, amended, payment):
    for user in (company_x, head_office):
        client.force_login(user)
        assert open_steps(client.get(url(payment))) == []


def test_staff_read_the_steps_and_remarks(client, bureau_a, company_x, payment, english):
    comment_on_commitment(actor=bureau_a, commitment=payment, text="请写明节假日是否顺延。")
    client.force_login(company_x)
    response = client.get(url(payment))
    assert "请写明节假日是否顺延。" in Element.by_id(response, "remarks").text
    assert "Draft → Published" in Element.by_id(response, "history").text


def test_the_page_takes_the_same_queries_with_more_versions_and_remarks(
    client, company_x, bureau_a, payment
):
    client.force_login(company_x)

    def queries(commitment):
        with CaptureQueriesContext(connection) as captured:
            client.get(url(commitment))
        return len(captured)

    before = queries(payment)
    latest = payment
    for days in (4, 3, 2):
        draft = amend_commitment(actor=company_x, commitment=latest)
        update_draft(actor=company_x, commitment=draft, limit_value=days)
        latest = publish_commitment(actor=company_x, commitment=draft)
        comment_on_commitment(actor=bureau_a, commitment=latest, text="意见。")
    assert queries(latest) == before


@pytest.mark.parametrize("persona", ["company_y", "association", "hotline"])
def test_others_read_the_commitment_but_not_its_remarks(
    client, as_persona, persona, bureau_a, payment
):
    comment_on_commitment(actor=bureau_a, commitment=payment, text="内部意见。")
    as_persona(persona)
    response = client.get(url(payment))
    assert response.status_code == 200
    assert Element.by_id(response, "remarks") is None
    assert "内部意见。" not in response.content.decode()


@pytest.mark.parametrize("persona", ["company_x", "head_office", "bureau_a"])
def test_the_company_and_its_regulators_read_the_remarks(
    client, as_persona, persona, bureau_a, payment
):
    comment_on_commitment(actor=bureau_a, commitment=payment, text="请写明节假日是否顺延。")
    as_persona(persona)
    assert "请写明节假日是否顺延。" in Element.by_id(client.get(url(payment)), "remarks").text
