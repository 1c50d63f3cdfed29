"""The summary head office edits: its draft, kept across builds once edited, and the
versions it marks final."""

from django.db import transaction

from ..models import SummaryDraft


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
