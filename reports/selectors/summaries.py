"""What the summary page shows: the draft with its run, the latest successful build, and
the final versions."""

from dataclasses import dataclass

from ..models import NationalReportRun, SummaryDraft, SummaryVersion


@dataclass
class SummaryPage:
    draft: SummaryDraft | None
    latest_run: NationalReportRun | None  # the latest successful build
    versions: list  # SummaryVersion, newest first, with who made each

    @property
    def newer_run(self):
        """The latest successful build when the draft's text comes from an older one."""
        if self.draft and self.latest_run and self.latest_run.pk != self.draft.run_id:
            return self.latest_run
        return None


def summary_page(campaign):
    """A fixed number of queries, whatever the number of versions."""
    draft = (
        SummaryDraft.objects.select_related("run", "edited_by").filter(campaign=campaign).first()
    )
    latest_run = latest_succeeded_run(campaign)
    versions = list(
        SummaryVersion.objects.filter(campaign=campaign)
        .select_related("finalised_by")
        .order_by("-number")
    )
    return SummaryPage(draft=draft, latest_run=latest_run, versions=versions)


def summary_version(campaign, number):
    return SummaryVersion.objects.filter(campaign=campaign, number=number).first()


def latest_succeeded_run(campaign):
    """The latest build of ``campaign`` that succeeded (the latest asked for), or None."""
    return (
        NationalReportRun.objects.filter(
            campaign_id=campaign.pk, status=NationalReportRun.Status.SUCCEEDED
        )
        .order_by("-requested_at", "-pk")
        .first()
    )
