"""Who is told about a step of a statistics report, and what they read.

The workflow services call these inside their transaction: the notification rows commit with
the step, and the e-mails leave after the commit (portal.notifications). Each text is stored
in the portal's language, the e-mail's, and in English for those who chose it.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.notifications import in_each_language, notify

from ..models import Organisation, User


def active_people(organisation):
    """The people of an organisation who may act on a notice: active accounts, and only while
    the organisation itself is active."""
    return User.objects.filter(
        organisation=organisation, organisation__is_active=True, is_active=True
    )


def head_office_reviewers():
    """Head office's active reviewers: who hears of every submission and every alert."""
    return User.objects.filter(
        is_active=True,
        role=User.Role.REVIEWER,
        organisation__kind=Organisation.Kind.HEAD_OFFICE,
        organisation__is_active=True,
    )


def review_path(report):
    return reverse(
        "statistics_review_report",
        kwargs={"year": report.campaign.year, "code": report.organisation.code},
    )


def form_path(report):
    return reverse(
        "statistics_form", kwargs={"year": report.campaign.year, "code": report.organisation.code}
    )


def _when(moment):
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def report_submitted(report, transition):
    """Head office's reviewers see each submission in the portal (late ones marked)."""

    def message():
        names = {"unit": report.organisation, "year": report.campaign.year}
        if transition.from_status == report.Status.DRAFT:
            verb = _("%(unit)s submitted its %(year)s statistics") % names
        else:
            verb = _("%(unit)s resubmitted its %(year)s statistics") % names
        if transition.is_late:
            verb = _("%(verb)s (late)") % {"verb": verb}
        return verb, _("Submitted on %(time)s.") % {"time": _when(transition.at)}

    return notify(
        recipients=head_office_reviewers(),
        link=review_path(report),
        # Every submission by e-mail would bury the alerts; the bell is enough for these.
        email=False,
        **in_each_language(message),
    )


def report_returned(report, transition):
    """The unit's people are told, by e-mail too, what head office wants changed."""
    pinned = list(transition.indicator_comments.select_related("indicator"))

    def message():
        verb = _("Head office returned your %(year)s statistics for changes") % {
            "year": report.campaign.year
        }
        lines = [_("Head office's comment:"), transition.comment]
        if pinned:
            lines += [
                "",
                _("Comments on indicators:"),
                *[f"  {c.indicator.code} {c.indicator.name}: {c.text}" for c in pinned],
            ]
        return verb, "\n".join(lines)

    return notify(
        recipients=active_people(report.organisation),
        link=form_path(report),
        **in_each_language(message),
    )


def report_approved(report, transition):
    def message():
        return (
            _("Head office approved your %(year)s statistics") % {"year": report.campaign.year},
            _("Approved on %(time)s.") % {"time": _when(transition.at)},
        )

    return notify(
        recipients=active_people(report.organisation),
        link=form_path(report),
        **in_each_language(message),
    )


def report_reopened(report, transition):
    def message():
        verb = _("Head office reopened your %(year)s statistics for changes") % {
            "year": report.campaign.year
        }
        comment = "\n".join([_("Head office's comment:"), transition.comment])
        return verb, comment if transition.comment else ""

    return notify(
        recipients=active_people(report.organisation),
        link=form_path(report),
        **in_each_language(message),
    )
