"""Setting up a year's campaign and moving it through draft → open → closed.

Head office's web pages call these; each function takes the acting user, runs in one
transaction and logs who did what.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Campaign, CampaignContact
from .expected_units import expect_initial_units
from .tables import copy_table, install_default_table

logger = logging.getLogger(__name__)

Status = Campaign.Status

# For each action, the status it may start from and the status it leads to. A closed
# campaign may be opened again, e.g. to let units submit during a late extension.
TRANSITIONS = {
    "open": {Status.DRAFT: Status.OPEN, Status.CLOSED: Status.OPEN},
    "close": {Status.OPEN: Status.CLOSED},
}

ACTION_LABELS = {"open": gettext_lazy("opened"), "close": gettext_lazy("closed")}


class CampaignError(Exception):
    """The change does not apply to the campaign as it stands; ``str()`` is the user's message."""


def check_campaign(*, year, period_start, period_end, deadline):
    """ValidationError by field unless a campaign with these dates may be created: a year
    between 2000 and 2100 with no campaign yet, an activity period that does not end before
    it starts, and a deadline not before its end. None stands for a value not known."""
    errors = {}
    if year is not None:
        if not 2000 <= year <= 2100:
            errors["year"] = _("Enter a year between 2000 and 2100.")
        elif Campaign.objects.filter(year=year).exists():
            errors["year"] = _("A campaign for %(year)s already exists.") % {"year": year}
    if period_start and period_end and period_end < period_start:
        errors["period_end"] = _("The activity period cannot end before it starts.")
    elif period_end and deadline and deadline < period_end:
        errors["deadline"] = _("The deadline cannot be before the end of the activity period.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_campaign(
    *,
    actor,
    year,
    theme,
    notice_reference,
    period_start,
    period_end,
    deadline,
    notice_title="",
    contacts=(),
    copy_table_from=None,
):
    """Create the ``year`` campaign as a draft, with its contacts ((name, phone) pairs in
    order), a statistics table: a copy of ``copy_table_from``'s, or the shipped 2013
    table when it is None, and its list of units expected to report: the previous campaign's
    (expected_units.units_for_new_campaign). The copies are independent: editing them never
    touches the source.
    ValidationError (by field) when check_campaign refuses the year or dates.
    """
    check_campaign(year=year, period_start=period_start, period_end=period_end, deadline=deadline)
    campaign = Campaign(
        year=year,
        theme=theme,
        notice_reference=notice_reference,
        notice_title=notice_title,
        period_start=period_start,
        period_end=period_end,
        deadline=deadline,
        status=Status.DRAFT,
    )
    campaign._history_user = actor
    campaign.save()
    CampaignContact.objects.bulk_create(
        CampaignContact(campaign=campaign, name=name, phone=phone, position=position)
        for position, (name, phone) in enumerate(contacts)
    )
    if copy_table_from is None:
        install_default_table(campaign, actor=actor)
        source = "the 2013 default table"
    else:
        copy_table(source=copy_table_from, target=campaign, actor=actor)
        source = f"campaign {copy_table_from.year}"
    expect_initial_units(campaign=campaign, actor=actor)
    logger.info("campaign %s created by %s from %s", year, actor.username, source)
    return campaign


def _transition(campaign, action, *, actor):
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    try:
        new_status = TRANSITIONS[action][campaign.status]
    except KeyError:
        raise CampaignError(
            _("The %(year)s campaign is “%(status)s” and cannot be %(action)s.")
            % {
                "year": campaign.year,
                "status": campaign.get_status_display(),
                "action": ACTION_LABELS[action],
            }
        ) from None
    old_status = campaign.status
    campaign.status = new_status
    campaign._history_user = actor
    campaign.save(update_fields=["status", "updated_at"])
    logger.info("campaign %s %s → %s by %s", campaign.year, old_status, new_status, actor.username)
    return campaign


@transaction.atomic
def open_campaign(*, actor, campaign):
    """Open a draft campaign to the reporting units, or reopen a closed one."""
    return _transition(campaign, "open", actor=actor)


@transaction.atomic
def close_campaign(*, actor, campaign):
    """Close an open campaign; its statistics table can no longer be edited."""
    return _transition(campaign, "close", actor=actor)
