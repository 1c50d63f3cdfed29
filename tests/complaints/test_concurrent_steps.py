"""Two members of a bureau acting on the same complaints at the same moment (PostgreSQL):
the row lock lets one step through and refuses the other, never both."""

from complaints.models import Complaint, ComplaintTransition
from complaints.services import workflow
from tests.concurrency import ON_POSTGRESQL_WITH_REAL_TRANSACTIONS, at_once, refused

from ..factories import UserFactory, complaint, organisation

pytestmark = ON_POSTGRESQL_WITH_REAL_TRANSACTIONS


def test_two_merges_crossing_merge_one_way_only(bureau_a):
    colleague = UserFactory(username="beijing-2", organisation=organisation("beijing"))
    first = complaint(province="北京")
    second = complaint(province="北京")

    outcomes = at_once(
        lambda: workflow.merge_complaints(actor=bureau_a, duplicate=first, into=second),
        lambda: workflow.merge_complaints(actor=colleague, duplicate=second, into=first),
    )

    assert len(refused(outcomes)) == 1
    merged = Complaint.objects.filter(merged_into__isnull=False)
    assert merged.count() == 1
    assert merged.get().merged_into.merged_into_id is None


def test_two_colleagues_accepting_at_once_accept_once(bureau_a):
    colleague = UserFactory(username="beijing-2", organisation=organisation("beijing"))
    registered = complaint(province="北京")

    outcomes = at_once(
        lambda: workflow.accept_complaint(actor=bureau_a, complaint=registered),
        lambda: workflow.accept_complaint(actor=colleague, complaint=registered),
    )

    assert len(refused(outcomes)) == 1
    assert ComplaintTransition.objects.filter(complaint=registered, action="accept").count() == 1


def test_two_reroutes_at_once_move_the_complaint_once(bureau_a):
    from campaign.models import Region

    colleague = UserFactory(username="beijing-2", organisation=organisation("beijing"))
    registered = complaint(province="北京")
    shanghai = Region.objects.get(name_zh__startswith="上海")
    tianjin = Region.objects.get(name_zh__startswith="天津")

    outcomes = at_once(
        lambda: workflow.reroute_complaint(
            actor=bureau_a, complaint=registered, region=shanghai, note="属上海。"
        ),
        lambda: workflow.reroute_complaint(
            actor=colleague, complaint=registered, region=tianjin, note="属天津。"
        ),
    )

    assert len(refused(outcomes)) == 1
    assert ComplaintTransition.objects.filter(complaint=registered, action="reroute").count() == 1
