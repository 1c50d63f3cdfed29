"""The daily overdue-complaint alert: each bureau with open complaints past their current
step's limit, and each company with forwarded complaints past the limit of its decision,
hears how many, once a day, in the portal and by e-mail.

An alert is an OverdueAlert row and a notification to each of the organisation's active
people, written in one transaction; the row's unique constraint (organisation, day) makes a
second run the same day (beat firing twice, two workers at once) send nothing again.
"""

import logging
from urllib.parse import urlencode

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from campaign.models import Organisation
from portal.notifications import in_each_language, notify

from ..models import Complaint, OverdueAlert
from ..selectors.statistics import overdue_now
from .recipients import handlers_of

logger = logging.getLogger(__name__)

# Alerts are e-mails: sent in office hours only (Beijing time), like the deadline reminders.
FIRST_HOUR, LAST_HOUR = 8, 20
# What the alert's link opens: the recipient's complaint list, overdue complaints only
# (its deadline filter).
OVERDUE_FILTER = {"deadline": "overdue"}


def overdue_by_organisation(today):
    """{organisation id: overdue complaints}: each bureau's open complaints past their limit,
    and each company's forwarded complaints past the limit of its decision. Two queries."""
    overdue = Complaint.objects.filter(overdue_now(today))
    counts = {}
    bureaus = overdue.values_list("bureau_id").annotate(count=Count("pk")).order_by()
    companies = (
        overdue.filter(status=Complaint.Status.FORWARDED)
        .values_list("company_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for organisation, count in [*bureaus, *companies]:
        counts[organisation] = counts.get(organisation, 0) + count
    return counts


def send_overdue_alerts(*, now=None):
    """Today's alerts (Beijing date of ``now``): one per organisation with overdue complaints,
    at most once a day also when called again or concurrently (the row is inserted first and
    the constraint refuses a second). Nothing is sent outside office hours. An organisation
    with no active person gets its row (logged), so it is not retried. Returns the rows."""
    now = timezone.localtime(now or timezone.now())
    if not FIRST_HOUR <= now.hour <= LAST_HOUR:
        return []
    today = now.date()
    counts = overdue_by_organisation(today)
    organisations = Organisation.objects.filter(pk__in=counts, is_active=True).order_by("pk")
    sent = []
    for organisation in organisations:
        alert = _alert(organisation, today, counts[organisation.pk])
        if alert is not None:
            sent.append(alert)
    return sent


def _alert(organisation, day, overdue):
    people = list(handlers_of(organisation))
    with transaction.atomic():
        try:
            # Insert first, in a savepoint: another run that got there first makes it fail.
            with transaction.atomic():
                alert = OverdueAlert.objects.create(
                    organisation=organisation, day=day, overdue=overdue
                )
        except IntegrityError:
            logger.info("%s already alerted of overdue complaints on %s", organisation.code, day)
            return None
        if not people:
            logger.warning(
                "overdue-complaint alert to %s (%s) reached nobody: no active person",
                organisation.code,
                organisation.pk,
            )

        def message():
            return (
                ngettext(
                    "%(count)s complaint is overdue: past the time limit of its current step",
                    "%(count)s complaints are overdue: past the time limit of their current step",
                    overdue,
                )
                % {"count": overdue},
                _("Open the list of overdue complaints and deal with the oldest first."),
            )

        notify(
            recipients=people,
            link=f"{reverse('complaint_list')}?{urlencode(OVERDUE_FILTER)}",
            **in_each_language(message),
        )
    return alert
