"""The written summaries the national summary quotes its highlights from."""

from django.db.models import Case, Exists, F, IntegerField, OuterRef, Value, When, Window
from django.db.models.functions import Length, RowNumber, Substr

from campaign.models import ExpectedUnit, StatisticsReport

from .figures import COUNTED, KINDS

# How many units of each kind are quoted, and how much of each summary is read: a quote
# is a sentence or two, so a summary of a megabyte is never loaded whole.
QUOTED_PER_KIND = {"bureau": 3, "insurer": 3, "association": 1}
READ_CHARS = 4000


def summaries_to_quote(campaign):
    """[(unit's Chinese name, kind, start of its written summary (HTML))] for a few counted
    units of each kind, the fullest summaries first, in the order of kinds: one query."""
    expected = ExpectedUnit.objects.filter(
        campaign_id=campaign.pk, organisation_id=OuterRef("organisation_id")
    )
    kind = F("organisation__kind")
    rows = (
        StatisticsReport.objects.filter(Exists(expected), campaign=campaign, status__in=COUNTED)
        .exclude(summary="")
        .annotate(
            kind_order=Case(
                *[When(organisation__kind=k, then=Value(i)) for i, k in enumerate(KINDS)],
                output_field=IntegerField(),
            ),
            length=Length("summary"),
            rank=Window(
                RowNumber(),
                partition_by=[kind],
                order_by=[F("length").desc(), "organisation__position", "organisation__code"],
            ),
            start=Substr("summary", 1, READ_CHARS),
        )
        .filter(rank__lte=max(QUOTED_PER_KIND.values()))
        .order_by("kind_order", "rank")
        .values_list("organisation__name_zh", "organisation__kind", "start", "rank")
    )
    return [
        (name, kind, start)
        for name, kind, start, rank in rows
        if rank <= QUOTED_PER_KIND.get(kind, 0)
    ]
