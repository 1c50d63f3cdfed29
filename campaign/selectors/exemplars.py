"""The 双十佳 lists: a bureau's or the association's own entries for its pages, and the
published lists the public reads by campaign and region."""

from dataclasses import dataclass, field

from django.db.models import Count, Min, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from portal import access

from ..models import Campaign, Exemplar, Organisation, Region

Kind = Exemplar.Kind
PUBLISHED = Q(status=Exemplar.Status.PUBLISHED)


def _entries():
    return Exemplar.objects.select_related("company", "region", "campaign")


def exemplar_for_staff(user, year, pk):
    """An entry of the ``year`` campaign for the staff's pages: 404 unless the user's
    organisation listed it (head office, which lists none, sees it and is refused after)."""
    entries = access.scoped_to(user, _entries().filter(campaign__year=year))
    return get_object_or_404(entries, pk=pk)


@dataclass
class KindList:
    """One region's list of one kind: how many places are taken (by anyone), and the
    entries the user's organisation listed."""

    kind: str
    label: str
    taken: int = 0
    own: list = field(default_factory=list)

    @property
    def limit(self):
        return Exemplar.LIMIT

    @property
    def is_full(self):
        return self.taken >= Exemplar.LIMIT

    @property
    def listed_by_others(self):
        return self.taken - len(self.own)


@dataclass
class RegionLists:
    region: Region
    lists: list


def own_exemplars_by_region(user, campaign):
    """The user's organisation's entries of ``campaign``, by region (the regions it covers
    first, then any other it has listed in) and kind, with each list's places taken. Three
    queries, however many entries."""
    own = list(access.scoped_to(user, _entries().filter(campaign=campaign)))
    covered = access.exemplar_regions_for(user, user.organisation.regions.all())
    regions = Region.objects.filter(
        Q(pk__in=covered.values("pk")) | Q(pk__in={entry.region_id for entry in own})
    ).annotate(position=Min("bureaus__position"))
    taken = {
        (row["region"], row["kind"]): row["taken"]
        for row in Exemplar.objects.filter(campaign=campaign, region__in=regions)
        .values("region", "kind")
        .annotate(taken=Count("id"))
    }
    groups = []
    for region in sorted(regions, key=lambda r: (r.position is None, r.position, r.code)):
        lists = []
        for kind, label in Kind.choices:
            entries = [e for e in own if e.region_id == region.pk and e.kind == kind]
            lists.append(KindList(kind, label, taken.get((region.pk, kind), 0), entries))
        groups.append(RegionLists(region, lists))
    return groups


def exemplar_regions(user):
    """The regions whose lists ``user`` may add to, in CIRC's order of their bureaus."""
    return access.exemplar_regions_for(user, bureau_regions())


def bureau_regions():
    """The regions of the active bureaus, in the order CIRC lists the bureaus."""
    return (
        Region.objects.filter(bureaus__kind=Organisation.Kind.BUREAU, bureaus__is_active=True)
        .annotate(position=Min("bureaus__position"))
        .order_by("position", "code")
    )


def public_campaigns():
    """The campaigns with a published list somewhere, newest first."""
    published = Exemplar.objects.filter(PUBLISHED).values("campaign")
    return Campaign.objects.exclude(status=Campaign.Status.DRAFT).filter(pk__in=published)


def public_campaign(year=None):
    """The ``year`` campaign if it has published exemplars (else 404); without ``year`` the
    newest such campaign, or None."""
    campaigns = public_campaigns().order_by("-year")
    if year is None:
        return campaigns.first()
    return get_object_or_404(campaigns, year=year)


def published_lists():
    """(year, region code) of every region's list with a published entry in a public
    campaign, for the sitemap. One query."""
    return (
        Exemplar.objects.filter(PUBLISHED, campaign__in=public_campaigns())
        .values_list("campaign__year", "region__code")
        .distinct()
        .order_by("-campaign__year", "region__code")
    )


def regions_with_published_counts(campaign):
    """Every bureau's region, in CIRC's order, with ``persons`` and ``counters``: how many
    of each kind the region has published for ``campaign``. One query."""
    published = Q(exemplars__status=Exemplar.Status.PUBLISHED, exemplars__campaign=campaign)
    return bureau_regions().annotate(
        persons=Count(
            "exemplars", filter=published & Q(exemplars__kind=Kind.PERSON), distinct=True
        ),
        counters=Count(
            "exemplars", filter=published & Q(exemplars__kind=Kind.COUNTER), distinct=True
        ),
    )


def public_region(code):
    return get_object_or_404(bureau_regions(), code=code)


def published_exemplars(campaign, region):
    """``region``'s published entries of ``campaign``: (persons, counters). One query."""
    entries = list(
        Exemplar.objects.filter(PUBLISHED, campaign=campaign, region=region)
        .select_related("company")
        .order_by("published_at", "id")
    )
    return (
        [e for e in entries if e.kind == Kind.PERSON],
        [e for e in entries if e.kind == Kind.COUNTER],
    )


def exemplar_with_photo(user, pk):
    """An entry whose photo ``user`` may see: anyone a published one's, its organisation's
    staff a draft's; 404 otherwise (and for an entry without a photo)."""
    entry = get_object_or_404(Exemplar.objects.exclude(photo=""), pk=pk)
    if entry.is_published or access.may(user, "list_exemplars", entry):
        return entry
    raise Http404
