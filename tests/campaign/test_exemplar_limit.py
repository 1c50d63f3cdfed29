"""A region lists at most ten persons and ten counters a campaign, drafts included: the
eleventh is refused with a message that says so; the lists of each kind, region and
campaign are counted apart."""

import pytest
from django.core.exceptions import ValidationError

from campaign.models import Exemplar
from campaign.services import exemplars
from tests.factories import CampaignFactory

from .exemplars import COUNTER, PERSON, SHANGHAI, draft, fill

pytestmark = pytest.mark.postgresql


def test_ten_persons_are_accepted_and_the_eleventh_is_refused(english, campaign, bureau_a):
    fill(bureau_a, campaign, 10)

    with pytest.raises(ValidationError) as refusal:
        draft(bureau_a, campaign, number=11)

    assert refusal.value.messages == [
        "Beijing's 2013 list of excellent service persons is full with 10: "
        "each region lists at most 10."
    ]
    assert Exemplar.objects.filter(kind=PERSON).count() == 10


def test_the_eleventh_counter_is_refused_too(english, campaign, bureau_a):
    fill(bureau_a, campaign, 10, kind=COUNTER)

    with pytest.raises(ValidationError, match="quality service counters is full with 10"):
        draft(bureau_a, campaign, kind=COUNTER, number=11)


def test_drafts_take_places_as_published_entries_do(campaign, bureau_a):
    entries = fill(bureau_a, campaign, 10)
    for entry in entries[:4]:
        exemplars.publish_exemplar(actor=bureau_a, exemplar=entry)

    with pytest.raises(ValidationError):
        draft(bureau_a, campaign, number=11)


def test_a_full_list_of_persons_leaves_the_counters_open(campaign, bureau_a):
    fill(bureau_a, campaign, 10)

    assert draft(bureau_a, campaign, kind=COUNTER).pk


def test_another_regions_list_is_counted_apart(campaign, bureau_a, bureau_b):
    fill(bureau_a, campaign, 10)

    assert draft(bureau_b, campaign, code=SHANGHAI).pk


def test_another_campaigns_list_is_counted_apart(campaign, bureau_a):
    fill(bureau_a, campaign, 10)
    next_year = CampaignFactory(year=2014)

    assert draft(bureau_a, next_year).campaign == next_year


def test_the_associations_entries_share_the_regions_ten_places(campaign, bureau_a, association):
    fill(association, campaign, 6)
    fill(bureau_a, campaign, 4)

    with pytest.raises(ValidationError):
        draft(bureau_a, campaign, number=11)
    with pytest.raises(ValidationError):
        draft(association, campaign, number=11)


def test_deleting_an_entry_frees_its_place(campaign, bureau_a):
    entries = fill(bureau_a, campaign, 10)

    exemplars.delete_exemplar(actor=bureau_a, exemplar=entries[0])

    assert draft(bureau_a, campaign, number=11).pk


def test_entries_are_added_only_while_the_campaign_is_open(english, campaign, bureau_a):
    campaign.status = campaign.Status.CLOSED
    campaign.save()

    with pytest.raises(ValidationError, match="only while the campaign is open"):
        draft(bureau_a, campaign)
    assert not Exemplar.objects.exists()


@pytest.mark.parametrize(
    "change",
    [
        lambda actor, entry: exemplars.publish_exemplar(actor=actor, exemplar=entry),
        lambda actor, entry: exemplars.update_exemplar(actor=actor, exemplar=entry, deeds="改"),
        lambda actor, entry: exemplars.delete_exemplar(actor=actor, exemplar=entry),
    ],
    ids=["publish", "update", "delete"],
)
def test_a_closed_campaigns_lists_stay_as_they_were_reported(english, campaign, bureau_a, change):
    entry = draft(bureau_a, campaign)
    campaign.status = campaign.Status.CLOSED
    campaign.save()

    with pytest.raises(ValidationError, match="only while the campaign is open"):
        change(bureau_a, entry)
    entry.refresh_from_db()
    assert entry.status == Exemplar.Status.DRAFT and entry.deeds == "热情服务。"


def test_a_step_on_an_entry_deleted_meanwhile_is_refused_with_a_message(
    english, campaign, bureau_a
):
    entry = draft(bureau_a, campaign)
    Exemplar.objects.filter(pk=entry.pk).delete()

    with pytest.raises(ValidationError, match="has been deleted"):
        exemplars.publish_exemplar(actor=bureau_a, exemplar=entry)
