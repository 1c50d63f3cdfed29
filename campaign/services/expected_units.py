"""The units a campaign expects a report from: the bureaus, the insurers licensed that year
and the association the year's notice goes to.

A new campaign starts with the previous campaign's list; head office then adds a newly
licensed insurer or drops a merged one until the campaign closes. Each function takes the
acting user and runs in one transaction; ExpectedUnit's history names who added or removed
which unit and when.
"""

import logging

from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from portal import audit

from ..models import Campaign, ExpectedUnit, Organisation, StatisticsReport
from ..selectors.campaigns import previous_campaign

logger = logging.getLogger(__name__)


class ExpectedUnitError(Exception):
    """The change does not apply to the campaign's list; ``str()`` is the user's message."""


def units_for_new_campaign(campaign):
    """The units ``campaign`` starts with: those the latest earlier campaign expects, less the
    ones deactivated since; every active reporting unit when there is no earlier campaign."""
    previous = previous_campaign(campaign)
    units = Organisation.objects.filter(kind__in=Organisation.REPORTING_KINDS, is_active=True)
    if previous is not None:
        units = units.filter(expectations__campaign=previous)
    return units


def list_is_editable(campaign):
    """A closed campaign's list is final: whoever it expected is what its figures cover."""
    return campaign.status != Campaign.Status.CLOSED


@transaction.atomic
def expect_initial_units(*, campaign, actor=None):
    """Give ``campaign`` its first list (units_for_new_campaign) unless it has one; returns
    how many units it expects. The history names ``actor``, else the user at work, else the
    system."""
    if campaign.expectations.exists():
        return 0
    rows = bulk_create_with_history(
        [
            ExpectedUnit(campaign=campaign, organisation=unit)
            for unit in units_for_new_campaign(campaign)
        ],
        ExpectedUnit,
        default_user=audit.actor_or_default(actor),
        default_change_reason=ExpectedUnit.SET_UP,
    )
    return len(rows)


def _editable(campaign):
    """Lock the campaign (changes to its list are serialised) and refuse a closed one."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if not list_is_editable(campaign):
        raise ExpectedUnitError(
            _(
                "The %(year)s campaign is closed: its list of units can no longer be changed. "
                "Reopen the campaign first."
            )
            % {"year": campaign.year}
        )
    return campaign


@transaction.atomic
def add_expected_unit(*, actor, campaign, organisation):
    """Expect a report from ``organisation`` (an active bureau, insurer or association) in
    ``campaign``, not closed. Returns False when it was expected already; ExpectedUnitError
    says why a unit may not be added."""
    campaign = _editable(campaign)
    if not organisation.is_reporting_unit:
        raise ExpectedUnitError(
            _("%(unit)s does not fill in a statistics form.") % {"unit": organisation}
        )
    if not organisation.is_active:
        raise ExpectedUnitError(
            _("%(unit)s is deactivated: activate it before adding it.") % {"unit": organisation}
        )
    if campaign.expectations.filter(organisation=organisation).exists():
        return False
    row = ExpectedUnit(campaign=campaign, organisation=organisation)
    row._history_user = actor
    row.save()
    logger.info(
        "campaign %s expects %s, added by %s", campaign.year, organisation.code, actor.username
    )
    return True


@transaction.atomic
def remove_expected_unit(*, actor, campaign, organisation):
    """Stop expecting a report from ``organisation`` in ``campaign``, not closed. Returns
    False when it was not expected. A unit that has submitted its report stays on the list
    (ExpectedUnitError): its report is part of the campaign's figures. A draft stays where it
    is, which head office still sees and the unit no longer changes."""
    # The report is locked so that the unit cannot submit while it is taken off the list, and
    # before the campaign: a save or submission locks its report, then its campaign, and the
    # other order deadlocks with it.
    report = (
        StatisticsReport.objects.select_for_update()
        .filter(campaign=campaign, organisation=organisation)
        .first()
    )
    campaign = _editable(campaign)
    row = campaign.expectations.filter(organisation=organisation).first()
    if row is None:
        return False
    if report is not None and report.submitted_at is not None:
        raise ExpectedUnitError(
            _(
                "%(unit)s has already submitted its report, which counts in this campaign: "
                "it stays on the list."
            )
            % {"unit": organisation}
        )
    row._history_user = actor
    row.delete()
    logger.info(
        "campaign %s no longer expects %s, removed by %s",
        campaign.year,
        organisation.code,
        actor.username,
    )
    return True
