import pytest

from campaign.models import Region
from commitments.models import CommitmentKind
from commitments.services.commitments import draft_commitment, publish_commitment
from tests.factories import CampaignFactory


@pytest.fixture
def year(db):
    """The 2013 campaign (its statistics table is not needed here)."""
    return CampaignFactory()


@pytest.fixture
def kinds(db):
    """The shipped kinds of commitment by code."""
    return {kind.code: kind for kind in CommitmentKind.objects.all()}


@pytest.fixture
def draft_of(year, kinds):
    """``draft_of(user, "claim_payment", limit_value=5, …)``: a draft of the user's company."""

    def draft(user, kind="information_security", **fields):
        fields.setdefault("text", "我公司承诺：" + kinds[kind].name_zh)
        if kinds[kind].limit == CommitmentKind.Limit.DURATION:
            fields.setdefault("limit_value", 5)
            fields.setdefault("limit_unit", "days")
        return draft_commitment(
            actor=user, company=user.organisation, campaign=year, kind=kinds[kind], **fields
        )

    return draft


@pytest.fixture
def payment(company_x, draft_of):
    """Company X's published promise to pay within 5 days of agreement, nationwide."""
    draft = draft_of(company_x, "claim_payment", text="达成赔偿协议后5日内支付赔款。")
    return publish_commitment(actor=company_x, commitment=draft)


@pytest.fixture
def in_shanghai(company_y, draft_of):
    """Company Y's published commitment that applies in Shanghai only."""
    draft = draft_of(company_y, region=Region.objects.get(code="310000"))
    return publish_commitment(actor=company_y, commitment=draft)
