"""Telling head office at once when a unit reports group complaints, petitions or
emergency plans (E10–E12 > 0): the notice asks for such matters to be reported promptly.

The alert belongs to the submission that reported the incident (``ReportTransition.alert_due``)
and is sent exactly once for it (``alert_sent_at``), whatever the report does afterwards.
"""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.notifications import in_each_language, notify

from ..models import ReportTransition
from .report_notifications import head_office_reviewers, review_path

logger = logging.getLogger(__name__)


def pending_incident_alerts(*, older_than):
    """Alerting submissions whose alert was not sent, e.g. because the broker was down."""
    return ReportTransition.objects.filter(
        action=ReportTransition.Action.SUBMIT,
        alert_due=True,
        alert_sent_at__isnull=True,
        at__lt=timezone.now() - older_than,
    ).values_list("pk", flat=True)


@transaction.atomic
def send_incident_alert(*, transition_id):
    """Alert head office's reviewers (in the portal and by e-mail) about one alerting
    submission unless that was done; returns the addresses e-mailed.

    With no reviewer who has an e-mail address the alert stays pending, logged as an error
    each time the sweep tries it, so it goes out once someone can receive it.
    """
    transition = (
        ReportTransition.objects.select_for_update()
        .select_related("report__organisation", "report__campaign")
        .get(pk=transition_id)
    )
    if not transition.alert_due or transition.alert_sent_at is not None:
        return []
    report = transition.report
    reviewers = list(head_office_reviewers())
    addresses = sorted(user.email for user in reviewers if user.email)
    if not addresses:
        logger.error(
            "incident alert for report %s (%s, submission %s) NOT SENT: head office has no "
            "active reviewer with an e-mail address; it stays pending",
            report.pk,
            report.organisation.code,
            transition.pk,
        )
        return []
    alerting = [rule.left for rule in report.campaign.rules.filter(alerts_head_office=True)]
    figures = {code: transition.values.get(code, "") for code in alerting}

    def message():
        subject = _("Alert: %(unit)s reports group incidents in its %(year)s statistics") % {
            "unit": report.organisation,
            "year": report.campaign.year,
        }
        submitted = _("%(unit)s submitted its statistics on %(time)s with:") % {
            "unit": report.organisation,
            "time": date_format(timezone.localtime(transition.at), "DATETIME_FORMAT"),
        }
        figures_given = [
            f"  {code}: {value}" for code, value in figures.items() if value not in ("", "0")
        ]
        return subject, "\n".join([submitted, *figures_given])

    notify(recipients=reviewers, link=review_path(report), **in_each_language(message))
    transition.alert_sent_at = timezone.now()
    transition.save(update_fields=["alert_sent_at"])
    logger.info("incident alert for report %s sent to %s", report.pk, addresses)
    return addresses
