"""Two campaign years of company X's commitments, made as companies make them: drafted and
published through the services on the day they happened."""

import datetime
from zoneinfo import ZoneInfo

import time_machine

from campaign.models import Campaign
from commitments.models import CommitmentKind
from commitments.services.commitments import draft_commitment, publish_commitment
from tests.factories import CampaignFactory

BEIJING = ZoneInfo("Asia/Shanghai")
IN_2012 = datetime.datetime(2012, 3, 15, 10, tzinfo=BEIJING)
IN_2013 = datetime.datetime(2013, 3, 15, 10, tzinfo=BEIJING)


def two_campaigns():
    """(2012, closed; 2013, open): 2013's commitments are set beside 2012's."""
    earlier = CampaignFactory(
        year=2012,
        notice_reference="保监厅发〔2012〕号（测试）",
        period_start=datetime.date(2012, 3, 1),
        period_end=datetime.date(2012, 3, 31),
        deadline=datetime.date(2012, 4, 10),
        status=Campaign.Status.CLOSED,
    )
    return earlier, CampaignFactory()


def kind(code):
    return CommitmentKind.objects.get(code=code)


def promise(actor, campaign, code, limit=None, *, at=None, publish=True, **fields):
    """Draft (and publish) ``actor``'s commitment of kind ``code``: ``limit`` is (value,
    unit) or (start hour, end hour); published at ``at`` (default in the campaign's March)."""
    at = at or (IN_2012 if campaign.year == 2012 else IN_2013)
    if limit and isinstance(limit[1], str):
        fields |= {"limit_value": limit[0], "limit_unit": limit[1]}
    elif limit:
        fields |= {"window_start": datetime.time(limit[0]), "window_end": datetime.time(limit[1])}
    with time_machine.travel(at, tick=False):
        commitment = draft_commitment(
            actor=actor,
            company=actor.organisation,
            campaign=campaign,
            kind=kind(code),
            text=fields.pop("text", f"{code}的承诺。"),
            **fields,
        )
        if publish:
            commitment = publish_commitment(actor=actor, commitment=commitment)
    return commitment
