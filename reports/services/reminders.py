"""Deadline reminders to the units that have not submitted their statistics: the scheduled
ones beat sends (7, 3 and 1 days before the deadline, on the day, and every day once it has
passed) and head office's 催报, sent at once to the units it picks.

A reminder is a Reminder row and a notification (in the portal and by e-mail) to each of the
unit's active people, written in one transaction: there is never a row without its
notifications, nor notifications without their row.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from campaign.models import Campaign, Organisation, StatisticsReport, User
from campaign.services.report_notifications import active_people
from portal import access
from portal.notifications import in_each_language, notify

from ..models import Reminder
from ..selectors import reminders as selectors

logger = logging.getLogger(__name__)

# Days before the deadline a scheduled reminder goes out; on the day (0) and every day after
# it (negative) too, until head office closes the campaign.
DAYS_BEFORE = (7, 3, 1)
# Beat runs hourly; reminders go out in office hours only (Beijing time), so that nobody is
# e-mailed in the night because a unit's report was returned late in the evening.
FIRST_HOUR, LAST_HOUR = 8, 20
# A 催报 to a unit that had one from anyone this recently is skipped: a double click, or two
# colleagues pressing the button at once, sends one.
MANUAL_REPEAT_WINDOW = datetime.timedelta(minutes=5)


class ReminderError(Exception):
    """A 催报 that cannot be sent at all; the message says why, for the user."""


def is_reminder_day(days_left):
    return days_left in DAYS_BEFORE or days_left <= 0


def recipients_of(unit):
    """Who is reminded: the unit's active people (none while the unit itself is inactive),
    not its hotline seats, who only take 12378 calls."""
    return active_people(unit).exclude(role=User.Role.HOTLINE).order_by("pk")


def _deadline_line(campaign, days_left):
    """What a reminder says, in the language in force: how far the deadline is."""
    names = {
        "campaign": campaign,
        "deadline": date_format(campaign.deadline, "MONTH_DAY_FORMAT"),
        "days": abs(days_left),
    }
    if days_left > 0:
        return (
            ngettext(
                "%(days)s day left until the deadline (%(deadline)s) for the statistics of "
                "the %(campaign)s: please submit them soon",
                "%(days)s days left until the deadline (%(deadline)s) for the statistics of "
                "the %(campaign)s: please submit them soon",
                days_left,
            )
            % names
        )
    if days_left == 0:
        return (
            _(
                "Today (%(deadline)s) is the deadline for the statistics of the "
                "%(campaign)s: please submit them today"
            )
            % names
        )
    return (
        ngettext(
            "The statistics of the %(campaign)s are %(days)s day overdue (deadline "
            "%(deadline)s): please submit them soon",
            "The statistics of the %(campaign)s are %(days)s days overdue (deadline "
            "%(deadline)s): please submit them soon",
            -days_left,
        )
        % names
    )


def _state_line(unit):
    """Where the unit's report is (``report_status`` as units_owing annotates it)."""
    status = getattr(unit, "report_status", None)
    if status is None:
        return _("Your report has not been started.")
    return _("Your report is: %(status)s.") % {"status": StatisticsReport.Status(status).label}


def _notify_unit(*, campaign, unit, days_left, people, manual):
    def message():
        line = _deadline_line(campaign, days_left)
        if manual:
            line = _("Head office asks for your report. %(line)s") % {"line": line}
        return line, _state_line(unit)

    return notify(
        recipients=people,
        link=reverse("statistics_form", kwargs={"year": campaign.year, "code": unit.code}),
        **in_each_language(message),
    )


def _warn_if_nobody(campaign, unit, people):
    if not people:
        logger.warning(
            "reminder for the %s report of %s (%s) reached nobody: the unit has no active person",
            campaign.year,
            unit.code,
            unit.pk,
        )


def send_scheduled_reminders(*, now=None):
    """Beat's hourly run: remind every unit that owes an open campaign's report today, when
    today (Beijing date) is 7, 3 or 1 days before the deadline, the deadline day or after it.

    At most one scheduled reminder per campaign, unit and day, also when beat runs twice or
    two beats run at once: the row is inserted first, and the database's unique constraint
    refuses a second, whose unit is then skipped without a notification. Nothing is sent
    outside office hours (FIRST_HOUR–LAST_HOUR). A unit with no active person gets its row
    with 0 recipients (logged), so it is not retried every hour. Returns the rows written.
    """
    now = timezone.localtime(now or timezone.now())
    if not FIRST_HOUR <= now.hour <= LAST_HOUR:
        return []
    today = now.date()
    sent = []
    for campaign in Campaign.objects.filter(status=Campaign.Status.OPEN).order_by("year"):
        days_left = campaign.days_left(today)
        if not is_reminder_day(days_left):
            continue
        for unit in selectors.units_to_remind(campaign, today):
            reminder = _send_scheduled(campaign, unit, today, days_left)
            if reminder is not None:
                sent.append(reminder)
    return sent


def _send_scheduled(campaign, unit, day, days_left):
    people = list(recipients_of(unit))
    with transaction.atomic():
        try:
            # Insert first, in a savepoint: another run that got there first makes it fail.
            with transaction.atomic():
                reminder = Reminder.objects.create(
                    campaign=campaign,
                    organisation=unit,
                    kind=Reminder.Kind.SCHEDULED,
                    day=day,
                    days_left=days_left,
                    recipients=len(people),
                )
        except IntegrityError:
            logger.info("%s already reminded of the %s report today", unit.code, campaign.year)
            return None
        _warn_if_nobody(campaign, unit, people)
        _notify_unit(campaign=campaign, unit=unit, days_left=days_left, people=people, manual=False)
    return reminder


@dataclass
class ManualReminders:
    """What a 催报 did: the rows sent, and the units skipped with the reason for each."""

    sent: list = field(default_factory=list)
    submitted: list = field(default_factory=list)  # their report counts: nothing owed
    recent: list = field(default_factory=list)  # reminded within MANUAL_REPEAT_WINDOW
    unknown: list = field(default_factory=list)  # codes the campaign does not expect

    @property
    def skipped(self):
        return [*self.submitted, *self.recent, *self.unknown]


def send_reminders_now(*, actor, campaign, organisations):
    """Head office's 催报: remind each of ``organisations`` (units or their codes) now, a
    MANUAL row with ``actor`` as sender and a notification to each of its active people.

    Only units that still owe the campaign's report are reminded; a unit whose report counts,
    one the campaign does not expect, or one reminded by anyone in the last few minutes (a
    double click) is skipped and named in the result. Refuses (ReminderError) a campaign that
    is not open; raises PermissionDenied for anyone but head office. The unit rows are locked
    while deciding, so two clicks at once send one reminder.
    """
    access.require(actor, "send_reminders", campaign)
    if not campaign.is_open:
        raise ReminderError(_("Reminders go out only while the campaign is open."))
    codes = {getattr(unit, "code", unit) for unit in organisations}
    result = ManualReminders()
    now = timezone.now()
    today = timezone.localdate(now)
    days_left = campaign.days_left(today)
    with transaction.atomic():
        # Locked in a fixed order, so that two overlapping 催报 wait for each other.
        locked = list(
            Organisation.objects.select_for_update(of=("self",))
            .filter(code__in=codes, expectations__campaign=campaign)
            .order_by("pk")
            .values_list("code", flat=True)
        )
        result.unknown = sorted(codes - set(locked))
        owing = {
            unit.code: unit for unit in selectors.units_owing(campaign).filter(code__in=locked)
        }
        recent = set(
            Reminder.objects.filter(
                campaign=campaign,
                kind=Reminder.Kind.MANUAL,
                organisation__code__in=owing,
                sent_at__gte=now - MANUAL_REPEAT_WINDOW,
            ).values_list("organisation__code", flat=True)
        )
        by_code = {
            unit.code: unit
            for unit in Organisation.objects.filter(code__in=set(locked) - set(owing))
        }
        result.submitted = [by_code[code] for code in sorted(by_code)]
        for unit in owing.values():
            if unit.code in recent:
                result.recent.append(unit)
                continue
            people = list(recipients_of(unit))
            reminder = Reminder.objects.create(
                campaign=campaign,
                organisation=unit,
                kind=Reminder.Kind.MANUAL,
                day=today,
                days_left=days_left,
                sent_by=actor,
                recipients=len(people),
            )
            _warn_if_nobody(campaign, unit, people)
            _notify_unit(
                campaign=campaign, unit=unit, days_left=days_left, people=people, manual=True
            )
            result.sent.append(reminder)
    logger.info(
        "%s sent %s reminder(s) for the %s report (%s); skipped %s",
        actor.get_username(),
        len(result.sent),
        campaign.year,
        ", ".join(r.organisation.code for r in result.sent),
        ", ".join(getattr(u, "code", u) for u in result.skipped),
    )
    return result
