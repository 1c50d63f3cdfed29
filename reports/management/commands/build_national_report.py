import os
import shutil
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from campaign.models import Campaign
from reports.models import NationalReportRun
from reports.selectors import runs as run_selectors
from reports.services import runs as run_services


class Command(BaseCommand):
    help = (
        "Build a campaign's national statistics table (.xlsx) and summary (.docx) here and now, "
        "with the same code as the portal's background job, and copy them into --output. The "
        "build is recorded as a run (requested by nobody) that head office sees in the portal."
    )

    def add_arguments(self, parser):
        parser.add_argument("--campaign", type=int, required=True, help="campaign year, e.g. 2013")
        parser.add_argument("--output", required=True, help="the folder to write the files into")

    def handle(self, *args, campaign, output, **options):
        year = campaign
        campaign = Campaign.objects.filter(year=year).first()
        if campaign is None:
            raise CommandError(f"There is no {year} campaign.")
        folder = Path(output)
        _check_writable(folder)
        run, created = run_services.request_run(actor=None, campaign=campaign, enqueue=False)
        if not created:
            self.stderr.write(f"Run #{run.pk} was already queued or running: building it here.")
        run = run_services.build_run(run_id=run.pk)
        if run.status != NationalReportRun.Status.SUCCEEDED:
            error = run_selectors.error_message(run) or run.get_status_display()
            raise CommandError(f"Run #{run.pk} {run.status}: {error}")
        for kind, (field, _name, _type) in run_selectors.FILES.items():
            target = folder / run_selectors.download_name(run, kind)
            with getattr(run, field).open("rb") as source, target.open("wb") as copy:
                shutil.copyfileobj(source, copy)
            self.stdout.write(str(target))


def _check_writable(folder):
    if not folder.is_dir():
        raise CommandError(f"{folder}: no such folder")
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as problem:
        raise CommandError(f"{folder}: cannot write there ({problem.strerror})") from None
    if not os.access(folder, os.W_OK):
        raise CommandError(f"{folder}: cannot write there")
