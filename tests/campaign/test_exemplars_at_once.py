"""Two people adding to a region's list at the same moment (PostgreSQL): with nine places
taken, the region's row lock lets one of them have the tenth and refuses the other."""

from campaign.models import Exemplar
from tests.concurrency import ON_POSTGRESQL_WITH_REAL_TRANSACTIONS, at_once, refused
from tests.factories import UserFactory

from .exemplars import draft, fill

pytestmark = ON_POSTGRESQL_WITH_REAL_TRANSACTIONS


def test_two_drafts_at_once_on_the_ninth_place_make_ten(campaign, bureau_a, association):
    colleague = UserFactory(username="beijing-2", organisation=bureau_a.organisation)
    fill(bureau_a, campaign, 9)

    outcomes = at_once(
        lambda: draft(colleague, campaign, number=10),
        lambda: draft(association, campaign, number=11),
    )

    assert len(refused(outcomes)) == 1
    assert Exemplar.objects.filter(campaign=campaign, kind=Exemplar.Kind.PERSON).count() == 10
