"""The summary head office edits: its draft, kept across builds once edited, and the
versions it marks final.

Each function takes the acting user, runs in one transaction with the draft's row locked,
and logs who did what (the draft keeps who edited it last; a final version who made it).
"""

import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.models import User
from portal.notifications import in_each_language, notify

from ..documents.charts import Chart
from ..documents.docx import build_summary_docx
from ..documents.summary import sanitise_summary
from ..models import SummaryDraft, SummaryVersion
from ..selectors.summaries import latest_succeeded_run

logger = logging.getLogger(__name__)

# The longest text a save takes (characters of HTML): a summary of some dozen pages is far
# below it; a pasted document with embedded images is not.
MAX_SUMMARY_CHARS = 300_000


class SummaryError(Exception):
    """The change does not apply to the summary as it stands; ``str()`` is the user's message."""


class SummaryConflict(SummaryError):
    """Someone saved the summary after the user opened it; ``draft`` is the stored one."""

    def __init__(self, draft):
        super().__init__(
            _(
                "Someone else saved the summary after you opened it. Your text was not saved: "
                "it is shown below beside theirs; copy what you need and save again."
            )
        )
        self.draft = draft


def _too_long(size):
    return SummaryError(
        _(
            "The text is too long to save (%(size)s characters; at most %(limit)s). "
            "Remove pasted images or split off annexes."
        )
        % {"size": f"{size:,}", "limit": f"{MAX_SUMMARY_CHARS:,}"}
    )


def _check_read(draft, expected_version):
    """Refuse a step taken on the draft as the user read it (``expected_version``) when a
    colleague saved it or a new build replaced its text since: the step would apply to a
    text the user has not seen."""
    if draft.version != expected_version:
        raise SummaryError(
            _(
                "The summary changed after you opened it: a colleague saved it, or a newer "
                "build updated it. Nothing was done; read it again and try once more."
            )
        )


def refresh_draft(run):
    """After ``run`` succeeded: its generated text becomes the campaign's draft, unless head
    office has edited the draft, which is kept (the page offers the newer text instead)."""
    with transaction.atomic():
        draft = SummaryDraft.objects.select_for_update().filter(campaign_id=run.campaign_id).first()
        if draft is None:
            return SummaryDraft.objects.create(
                campaign_id=run.campaign_id, run=run, html=run.summary_html
            )
        if draft.is_edited:
            return draft
        draft.run = run
        draft.html = run.summary_html
        draft.version += 1
        draft.save(update_fields=["run", "html", "version"])
        return draft


def _locked_draft(campaign):
    draft = (
        SummaryDraft.objects.select_for_update()
        .select_related("run", "campaign")
        .filter(campaign_id=campaign.pk)
        .first()
    )
    if draft is None:
        raise SummaryError(
            _("There is no summary yet: build the national report first; its text comes from it.")
        )
    return draft


@transaction.atomic
def save_draft(*, actor, campaign, html, expected_version):
    """Store head office's text of the summary, cleaned to the allowed tags, as the next
    version of the draft, which later builds then keep.

    Raises SummaryConflict when the draft changed since ``expected_version`` (the user's
    text is not stored), SummaryError when there is no draft or the text is empty or too
    long. Returns the draft; an unchanged text changes nothing.
    """
    if len(html or "") > MAX_SUMMARY_CHARS:
        raise _too_long(len(html))
    draft = _locked_draft(campaign)
    if draft.version != expected_version:
        raise SummaryConflict(draft)
    cleaned = sanitise_summary(html)
    if not cleaned:
        raise SummaryError(_("The summary cannot be empty."))
    # Cleaning closes every open tag: a text of unclosed ones grows several times over, and
    # every display and final version cleans and converts what is stored.
    if len(cleaned) > MAX_SUMMARY_CHARS:
        raise _too_long(len(cleaned))
    if cleaned == draft.html and draft.is_edited:
        return draft
    draft.html = cleaned
    draft.version += 1
    draft.edited_by = actor
    draft.edited_at = timezone.now()
    draft.save(update_fields=["html", "version", "edited_by", "edited_at"])
    logger.info(
        "summary of %s saved by %s as version %s", campaign.year, actor.username, draft.version
    )
    return draft


@transaction.atomic
def adopt_run_text(*, actor, campaign, expected_version):
    """Replace the draft by the text the latest successful build generated, with its figures
    and charts: head office's edits are dropped, and later builds update the draft again.
    Raises SummaryError when the draft is no longer version ``expected_version``, the one
    the user read (a colleague's later edit is not dropped unseen)."""
    draft = _locked_draft(campaign)
    _check_read(draft, expected_version)
    run = latest_succeeded_run(campaign)
    if run is None:
        raise SummaryError(_("No build of the national report has succeeded yet."))
    if draft.run_id == run.pk and not draft.is_edited:
        return draft
    old_run = draft.run_id
    draft.run = run
    draft.html = run.summary_html
    draft.version += 1
    draft.edited_by = draft.edited_at = None
    draft.save(update_fields=["run", "html", "version", "edited_by", "edited_at"])
    logger.info(
        "summary of %s replaced by the text of run %s (was run %s) by %s",
        campaign.year,
        run.pk,
        old_run,
        actor.username,
    )
    return draft


def version_filename(campaign, number):
    """The Chinese name a final version downloads as."""
    return f"{campaign.year}年全国保险消费者权益保护“3·15”系列活动总结（定稿第{number}版）.docx"


@transaction.atomic
def finalise_summary(*, actor, campaign, expected_version):
    """Mark the draft's text final: a new SummaryVersion numbered one more than the last
    (the draft's row lock makes two people at once get two numbers in turn; the unique
    constraint backs it), with its .docx written from the text and the charts of the
    draft's run. Versions are never changed or overwritten afterwards. Raises SummaryError
    when the draft is no longer version ``expected_version``, the one the user read."""
    draft = _locked_draft(campaign)
    _check_read(draft, expected_version)
    last = SummaryVersion.objects.filter(campaign_id=campaign.pk).aggregate(last=Max("number"))
    number = (last["last"] or 0) + 1
    charts = [Chart.from_data(data) for data in draft.run.charts]
    content = build_summary_docx(campaign=draft.campaign, html=draft.html, charts=charts)
    version = SummaryVersion(
        campaign=draft.campaign,
        number=number,
        run=draft.run,
        html=draft.html,
        finalised_by=actor,
        finalised_at=timezone.now(),
    )
    version.docx.save(f"summary-v{number}.docx", ContentFile(content), save=False)
    version.save()
    logger.info(
        "summary of %s marked final as version %s (run %s) by %s",
        campaign.year,
        number,
        draft.run_id,
        actor.username,
    )
    _tell_colleagues(version, actor)
    return version


def _tell_colleagues(version, actor):
    """Head office's other reviewers learn in the portal (no e-mail) that a version is final."""
    colleagues = User.objects.filter(
        organisation__kind="head_office", role=User.Role.REVIEWER, is_active=True
    ).exclude(pk=actor.pk)
    if not colleagues:
        return
    year, number, name = version.campaign.year, version.number, actor.full_name or actor.username

    def message():
        return (
            _("%(name)s marked version %(number)s of the %(year)s national summary final")
            % {"name": name, "number": number, "year": year},
            "",
        )

    notify(
        recipients=list(colleagues),
        link=reverse("national_summary", kwargs={"year": year}),
        email=False,
        **in_each_language(message),
    )
