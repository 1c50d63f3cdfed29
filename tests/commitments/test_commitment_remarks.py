"""Remarks on a published commitment (commitments/services/remarks.py): a bureau's comment
and head office's correction flag reach the company's people once, in the portal and by
e-mail after the commit; a flag stays open until the company publishes a new version."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase

from campaign.models import Region
from commitments.models import CommitmentRemark
from commitments.selectors.commitments import commitments_for_review
from commitments.services.commitments import (
    amend_commitment,
    publish_commitment,
    update_draft,
    withdraw_commitment,
)
from commitments.services.remarks import comment_on_commitment, flag_for_correction
from portal.models import Notification
from tests.factories import UserFactory, organisation


@pytest.fixture
def colleague(company_x):
    """A second person of company X, and a deactivated one who hears nothing."""
    UserFactory(username="demo-life-old", organisation=company_x.organisation, is_active=False)
    return UserFactory(
        username="demo-life-2", organisation=company_x.organisation, email="b@demo.example.cn"
    )


def test_a_comment_reaches_each_of_the_companys_people_once(
    bureau_a, company_x, colleague, payment, settings
):
    company_x.email = "a@demo.example.cn"
    company_x.save()
    with TestCase.captureOnCommitCallbacks(execute=True):
        comment_on_commitment(actor=bureau_a, commitment=payment, text="请写明节假日是否顺延。")
    rows = Notification.objects.all()
    assert sorted(row.recipient.username for row in rows) == ["demo-life", "demo-life-2"]
    assert {row.link for row in rows} == {f"/commitments/{payment.pk}/"}
    assert {row.body for row in rows} == {"请写明节假日是否顺延。"}
    assert "北京" in rows[0].verb and "赔款支付" in rows[0].verb
    assert "Payment after agreement" in rows[0].verb_en
    assert sorted(message.to[0] for message in mail.outbox) == [
        "a@demo.example.cn",
        "b@demo.example.cn",
    ]


def test_a_flag_reaches_the_company(head_office, company_x, payment):
    flag_for_correction(actor=head_office, commitment=payment, text="请更正。")
    (row,) = Notification.objects.all()
    assert row.recipient == company_x and "correct" in row.verb_en


def test_publishing_a_new_version_resolves_the_flags_on_the_old(
    head_office, bureau_a, company_x, payment
):
    flag = flag_for_correction(actor=head_office, commitment=payment, text="请缩短时限。")
    comment = comment_on_commitment(actor=bureau_a, commitment=payment, text="意见。")
    draft = amend_commitment(actor=company_x, commitment=payment)
    update_draft(actor=company_x, commitment=draft, limit_value=3)
    flag.refresh_from_db()
    assert flag.resolved_at is None  # a draft is not yet an answer

    newer = publish_commitment(actor=company_x, commitment=draft)

    flag.refresh_from_db()
    comment.refresh_from_db()
    assert flag.resolved_at == newer.published_at
    assert comment.resolved_at is None


def test_withdrawing_does_not_resolve_a_flag(head_office, company_x, payment):
    flag = flag_for_correction(actor=head_office, commitment=payment, text="请更正。")
    withdraw_commitment(actor=company_x, commitment=payment, reason="停售。")
    flag.refresh_from_db()
    assert flag.resolved_at is None


def test_a_draft_takes_no_remark(head_office, company_x, draft_of):
    with pytest.raises(ValidationError):
        flag_for_correction(actor=head_office, commitment=draft_of(company_x), text="请更正。")
    assert not CommitmentRemark.objects.exists() and not Notification.objects.exists()


def test_a_remark_needs_words(bureau_a, payment):
    with pytest.raises(ValidationError) as raised:
        comment_on_commitment(actor=bureau_a, commitment=payment, text="  ")
    assert "text" in raised.value.message_dict


def test_only_bureaus_comment_and_only_head_office_flags(bureau_a, head_office, payment):
    with pytest.raises(PermissionDenied):
        comment_on_commitment(actor=head_office, commitment=payment, text="意见。")
    with pytest.raises(PermissionDenied):
        flag_for_correction(actor=bureau_a, commitment=payment, text="请更正。")
    assert not Notification.objects.exists()


def test_a_city_bureau_comments_on_a_commitment_for_its_whole_province(company_x, draft_of):
    """A commitment for 辽宁 applies in 大连 too (as the public list filters by region), and
    大连's own bureau supervises there."""
    dalian = UserFactory(username="dalian", organisation=organisation("dalian"))
    liaoning = Region.objects.get(code="210000")
    province_wide = publish_commitment(
        actor=company_x, commitment=draft_of(company_x, region=liaoning)
    )

    remark = comment_on_commitment(actor=dalian, commitment=province_wide, text="意见。")

    assert remark.commitment == province_wide
    reviewed = commitments_for_review(dalian, province_wide.campaign)
    assert list(reviewed) == [province_wide]


def test_a_province_bureau_does_not_comment_on_a_city_with_a_bureau_of_its_own(company_x, draft_of):
    liaoning = UserFactory(username="liaoning", organisation=organisation("liaoning"))
    dalian_only = publish_commitment(
        actor=company_x,
        commitment=draft_of(company_x, region=Region.objects.get(code="210200")),
    )
    with pytest.raises(PermissionDenied):
        comment_on_commitment(actor=liaoning, commitment=dalian_only, text="意见。")
    assert not commitments_for_review(liaoning, dalian_only.campaign).exists()
