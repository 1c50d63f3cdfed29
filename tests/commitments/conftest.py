import pytest

from commitments.models import CommitmentKind
from tests.factories import CampaignFactory


@pytest.fixture
def year(db):
    """The 2013 campaign (its statistics table is not needed here)."""
    return CampaignFactory()


@pytest.fixture
def kinds(db):
    """The shipped kinds of commitment by code."""
    return {kind.code: kind for kind in CommitmentKind.objects.all()}
