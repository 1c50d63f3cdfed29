from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from campaign import excel
from campaign.models import Organisation, User
from campaign.services import statistics
from portal import access, audit

# What a warning is acknowledged with when head office imports and submits a unit's file.
IMPORT_NOTE = "imported"


class Command(BaseCommand):
    help = (
        "Store a unit's filled-in Excel form as its draft, checked exactly as an upload is, "
        "and with --submit submit it (warnings acknowledged as 'imported'). Head office's "
        "batch work: the file is applied to the report as it stands now, whatever version "
        "it was downloaded at. A refused file exits non-zero with every problem, one per line."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the filled-in .xlsx form")
        parser.add_argument("--campaign", type=int, required=True, help="campaign year, e.g. 2013")
        parser.add_argument("--unit", required=True, help="the unit's code, e.g. beijing")
        parser.add_argument("--submit", action="store_true", help="submit the report afterwards")
        parser.add_argument(
            "--actor",
            help="username recorded as the author of every change, in the history and the "
            "report's timeline (default: the first active head-office reviewer)",
        )

    def handle(self, *args, file, campaign, unit, submit, actor, **options):
        user = self._actor(actor)
        # Everything the command saves, the report it may start included, is the actor's.
        with audit.acting_as(user):
            self._import(file, campaign, unit, submit, user)

    def _import(self, file, campaign, unit, submit, user):
        try:
            report = excel.unit_report(campaign, unit)
        except LookupError as problem:
            raise CommandError(str(problem)) from None
        if not access.is_head_office(user) and user.organisation_id != report.organisation_id:
            raise CommandError(
                f"{user.username} is neither head office nor staff of {report.organisation.code}."
            )
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        with path.open("rb") as stream:
            result = excel.upload_statistics(
                actor=user,
                report=report,
                file=stream,
                name=path.name,
                size=path.stat().st_size,
                expected_version=report.version,
            )
        if result.conflict:
            raise CommandError(str(result.conflict))
        if result.refusal:
            lines = [str(result.refusal), *(str(e) for e in result.refusal.errors if e.cell)]
            raise CommandError("\n".join(lines))
        self.stdout.write(
            f"{report.organisation.name_zh} {report.campaign.year}: "
            f"{len(result.changed)} values changed, stored as a draft by {user.username}."
        )
        if submit:
            self._submit(report, user)

    def _actor(self, username):
        if username:
            user = User.objects.filter(username=username, is_active=True).first()
            if user is None:
                raise CommandError(f"No active user {username!r}.")
            return user
        user = (
            User.objects.filter(
                is_active=True,
                organisation__kind=Organisation.Kind.HEAD_OFFICE,
                role=User.Role.REVIEWER,
            )
            .order_by("id")
            .first()
        )
        if user is None:
            raise CommandError("No active head-office reviewer: name one with --actor.")
        return user

    def _submit(self, report, user):
        try:
            statistics.submit_report(
                actor=user,
                report=report,
                expected_version=report.version,
                note_for_warnings=IMPORT_NOTE,
            )
        except statistics.SubmissionRefused as refused:
            lines = [f"{finding.code}: {finding.message}" for finding in refused.errors]
            # Who is responsible is not in the Excel form: the unit gives it on its form page.
            lines += list(refused.missing.values())
            raise CommandError(
                "\n".join([f"{refused} The values stay stored as a draft.", *lines])
            ) from None
        except statistics.WorkflowError as problem:
            raise CommandError(str(problem)) from None
        report.refresh_from_db()
        late = " (late)" if report.is_late else ""
        self.stdout.write(
            self.style.SUCCESS(f"Submitted{late}; {report.warning_count} warnings noted.")
        )
