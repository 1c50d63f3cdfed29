"""Commitments as the public pages find them, and those pages' rows as a reader sees them."""

import datetime

from django.utils import timezone

from campaign.models import Campaign
from commitments.models import ServiceCommitment
from tests.factories import CampaignFactory, InsurerFactory, UserFactory
from tests.html import Element

Status = ServiceCommitment.Status
PUBLISHED_AT = timezone.make_aware(datetime.datetime(2013, 3, 15, 9, 0))


def insurer(code, name_zh=None):
    return InsurerFactory(code=code, name_zh=name_zh or f"{code}保险股份有限公司", name_en="")


def commitment(company, kind, *, year=2013, status=Status.PUBLISHED, text=None, **fields):
    """A commitment of ``company`` stored as it stands after its steps (the services' own
    tests take it through them)."""
    campaign = Campaign.objects.filter(year=year).first() or CampaignFactory(year=year)
    author = UserFactory(username=f"author-{company.code}", organisation=company)
    return ServiceCommitment.objects.create(
        company=company,
        campaign=campaign,
        kind=kind,
        text=text or f"{company.name_zh}的{kind.name_zh}承诺。",
        status=status,
        published_at=None if status == Status.DRAFT else PUBLISHED_AT,
        created_by=author,
        **fields,
    )


def table_rows(response, element_id):
    """The text of each cell of each body row of the table inside ``element_id``."""
    container = Element.by_id(response, element_id)
    if container is None:
        return []
    body = container.first("tbody")
    return [[cell.text for cell in row.find_all("td")] for row in body.find_all("tr")]
