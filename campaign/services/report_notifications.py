"""Who is told about a step of a statistics report, and what they read.

The workflow services call these inside their transaction: the notification rows commit with
the step, and the e-mails leave after the commit (portal.notifications). Texts are written in
the portal's language, as they are stored once for people who may read either language.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.notifications import notify

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
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def report_submitted(report, transition):
    """Head office's reviewers see each submission in the portal (late ones marked)."""
    with translation.override(settings.LANGUAGE_CODE):
        names = {"unit": report.organisation, "year": report.campaign.year}
        if transition.from_status == report.Status.DRAFT:
            verb = _("%(unit)s submitted its %(year)s statistics") % names
        else:
            verb = _("%(unit)s resubmitted its %(year)s statistics") % names
        if transition.is_late:
            verb = _("%(verb)s (late)") % {"verb": verb}
        body = _("Submitted on %(time)s.") % {"time": _when(transition.at)}
    return notify(
        recipients=head_office_reviewers(),
        verb=verb,
        body=body,
        link=review_path(report),
        # Every submission by e-mail would bury the alerts; the bell is enough for these.
        email=False,
    )


def report_returned(report, transition):
    """The unit's people are told, by e-mail too, what head office wants changed."""
    with translation.override(settings.LANGUAGE_CODE):
        verb = _("Head office returned your %(year)s statistics for changes") % {
            "year": report.campaign.year
        }
        lines = [_("Head office's comment:"), transition.comment]
        pinned = [
            f"  {comment.indicator.code} {comment.indicator.name}: {comment.text}"
            for comment in transition.indicator_comments.select_related("indicator")
        ]
        if pinned:
            lines += ["", _("Comments on indicators:"), *pinned]
    return notify(
        recipients=active_people(report.organisation),
        verb=verb,
        body="\n".join(lines),
        link=form_path(report),
    )


def report_approved(report, transition):
    with translation.override(settings.LANGUAGE_CODE):
        verb = _("Head office approved your %(year)s statistics") % {"year": report.campaign.year}
        body = _("Approved on %(time)s.") % {"time": _when(transition.at)}
    return notify(
        recipients=active_people(report.organisation),
        verb=verb,
        body=body,
        link=form_path(report),
    )


def report_reopened(report, transition):
    with translation.override(settings.LANGUAGE_CODE):
        verb = _("Head office reopened your %(year)s statistics for changes") % {
            "year": report.campaign.year
        }
        body = transition.comment and "\n".join([_("Head office's comment:"), transition.comment])
    return notify(
        recipients=active_people(report.organisation),
        verb=verb,
        body=body or "",
        link=form_path(report),
    )
