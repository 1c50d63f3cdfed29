"""Which bureau handles a complaint: the one covering the complainant's city when that city
has a bureau of its own (大连, 宁波, 厦门, 青岛, 深圳), else the one covering the province.
Regions and the bureaus' coverage are data (campaign.Region, Organisation.regions)."""

import re
from dataclasses import dataclass

from campaign.models import Organisation, Region

# Suffixes people write or leave out: 广西壮族自治区 = 广西, 大连市 = 大连.
_SUFFIX = re.compile(r"(壮族自治区|回族自治区|维吾尔自治区|特别行政区|自治区|省|市)$")


def bare_name(name):
    """A region's name without its administrative suffix: 辽宁省 → 辽宁."""
    return _SUFFIX.sub("", (name or "").strip())


class UnknownRegion(LookupError):
    """The province (or city) is not one the portal knows, or no active bureau covers it."""


@dataclass(frozen=True)
class Route:
    region: Region
    bureau: Organisation


def route(province, city=""):
    """The region and the bureau for a complainant in ``province`` (and ``city``), named in
    Chinese with or without 省/市/自治区. Raises UnknownRegion when there is none."""
    regions = {bare_name(region.name_zh): region for region in Region.objects.all()}
    province_region = regions.get(bare_name(province))
    if province_region is not None and province_region.parent_id is not None:
        # A city with a bureau of its own given as the province: 大连 for 辽宁 大连.
        province_region, city = province_region.parent, province_region.name_zh
    if province_region is None:
        raise UnknownRegion(province)
    city_region = regions.get(bare_name(city)) if city else None
    if city_region is not None and city_region.parent_id == province_region.pk:
        bureau = bureau_for(city_region)
        if bureau is not None:
            return Route(city_region, bureau)
    bureau = bureau_for(province_region)
    if bureau is None:
        raise UnknownRegion(province)
    return Route(province_region, bureau)


def bureau_for(region):
    """The active bureau covering ``region`` itself, or None."""
    return (
        Organisation.objects.filter(kind=Organisation.Kind.BUREAU, is_active=True, regions=region)
        .order_by("position")
        .first()
    )
