"""Telling head office at once when a unit reports group complaints, petitions or
emergency plans (E10–E12 > 0): the notice asks for such matters to be reported promptly."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..models import Organisation, ReportTransition, User

logger = logging.getLogger(__name__)


def pending_incident_alerts(*, older_than):
    """Alerting submissions whose alert was not sent, e.g. because the broker was down."""
    return ReportTransition.objects.filter(
        action=ReportTransition.Action.SUBMIT,
        report__has_alert=True,
        alert_sent_at__isnull=True,
        at__lt=timezone.now() - older_than,
    ).values_list("pk", flat=True)


def head_office_reviewers():
    return User.objects.filter(
        is_active=True,
        role=User.Role.REVIEWER,
        organisation__kind=Organisation.Kind.HEAD_OFFICE,
    ).exclude(email="")


@transaction.atomic
def send_incident_alert(*, transition_id):
    """Send the alert for one submission unless it has been sent; returns the recipients."""
    transition = (
        ReportTransition.objects.select_for_update()
        .select_related("report__organisation", "report__campaign")
        .get(pk=transition_id)
    )
    if transition.alert_sent_at is not None:
        return []
    report = transition.report
    recipients = sorted(head_office_reviewers().values_list("email", flat=True))
    alerting = [rule.left for rule in report.campaign.rules.filter(alerts_head_office=True)]
    figures = {code: transition.values.get(code, "") for code in alerting}
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Alert: %(unit)s reports group incidents in its %(year)s statistics") % {
            "unit": report.organisation,
            "year": report.campaign.year,
        }
        body = "\n".join(
            [
                _("%(unit)s submitted its statistics on %(time)s with:")
                % {
                    "unit": report.organisation,
                    "time": timezone.localtime(transition.at).strftime("%Y-%m-%d %H:%M"),
                },
                *[
                    f"  {code}: {value}"
                    for code, value in figures.items()
                    if value not in ("", "0")
                ],
                "",
                _("Review the report: %(url)s")
                % {
                    "url": settings.PORTAL_URL
                    + reverse(
                        "statistics_review_report",
                        kwargs={"year": report.campaign.year, "code": report.organisation.code},
                    )
                },
            ]
        )
    if recipients:
        send_mail(subject, body, None, recipients)
    transition.alert_sent_at = timezone.now()
    transition.save(update_fields=["alert_sent_at"])
    logger.info("incident alert for report %s sent to %s", report.pk, recipients)
    return recipients
