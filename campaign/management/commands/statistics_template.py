from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from campaign import excel


class Command(BaseCommand):
    help = (
        "Write a unit's statistics form as .xlsx: the very file its Excel page gives, "
        "for head office to send to a unit by other means."
    )

    def add_arguments(self, parser):
        parser.add_argument("--campaign", type=int, required=True, help="campaign year, e.g. 2013")
        parser.add_argument("--unit", required=True, help="the unit's code, e.g. beijing")
        parser.add_argument("-o", "--output", help="file to write (default: the download's name)")
        parser.add_argument(
            "--language",
            default=None,
            help="'en' for the English form; otherwise the form is in Chinese, as downloaded",
        )

    def handle(self, *args, campaign, unit, output, language, **options):
        try:
            report = excel.unit_report(campaign, unit)
        except LookupError as problem:
            raise CommandError(str(problem)) from None
        path = Path(output or excel.template_filename(report))
        path.write_bytes(excel.build_statistics_workbook(report, language=language))
        self.stdout.write(
            self.style.SUCCESS(f"{path} ({report.organisation.name_zh}, version {report.version})")
        )
