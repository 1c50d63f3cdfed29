import datetime
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from campaign.bulk import LOAD_INSURER_PREFIX, add_missing_companies, report_every_unit
from campaign.models import Campaign, Organisation
from commitments.bulk import publish_for_every_company
from commitments.services.promises import measure_promises
from complaints.bulk import bulk_load_complaints, holds_loaded_complaints
from complaints.services.tallies import refresh_tallies


class Command(BaseCommand):
    help = (
        "Fill the database with made-up load for benchmarks and capacity tests: COMPANIES "
        "active insurers (made-up ones added), a statistics report of every bureau, insurer "
        "and the association in the campaign, each insurer's published commitments, and "
        "COMPLAINTS complaints received over the campaign's year (or the year before now) in "
        "every region, then the dashboards' figures and the promises kept. Bulk inserts "
        "(COPY on PostgreSQL), not the services. Refuses a database it has filled before; "
        "never on a production database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--complaints", type=int, required=True)
        parser.add_argument("--companies", type=int, default=200)
        parser.add_argument(
            "--campaign", type=int, default=None, help="Its year (default: the latest campaign)."
        )
        parser.add_argument("--seed", type=int, default=12378, help="The same seed, the same rows.")
        parser.add_argument("--batch", type=int, default=10_000, help="Rows per COPY or insert.")
        parser.add_argument(
            "--processes", type=int, default=None, help="Encrypting processes (default: cores)."
        )

    def handle(self, *args, complaints, companies, campaign, seed, batch, processes, **options):
        if settings.PRODUCTION:
            # Made-up complaints and reports among real ones could not be told apart again.
            raise CommandError("Refused with DJANGO_ENV=production: generate load elsewhere.")
        # Twice the load is not what was asked for, and counts would no longer say it. (No
        # insurer is made up when there are enough already: the complaints tell too.)
        if (
            Organisation.objects.filter(code__startswith=LOAD_INSURER_PREFIX).exists()
            or holds_loaded_complaints()
        ):
            raise CommandError(
                "This database already holds generated load (insurers "
                f"{LOAD_INSURER_PREFIX}… or its complaints): generate it into a fresh database."
            )
        campaigns = Campaign.objects.order_by("-year")
        chosen = campaigns.filter(year=campaign).first() if campaign else campaigns.first()
        if chosen is None:
            raise CommandError("No such campaign: create one first (or run seed_demo).")
        started = time.perf_counter()

        def step(label, value):
            self.stdout.write(f"{label:<44} {value:>10,}  {time.perf_counter() - started:6.1f} s")

        step("insurers added", add_missing_companies(companies))
        step(f"statistics reports added ({chosen.year})", report_every_unit(chosen, seed=seed))
        step("commitments published", publish_for_every_company(chosen))
        end = timezone.make_aware(datetime.datetime(chosen.year + 1, 1, 1))
        now = min(timezone.now(), end - datetime.timedelta(minutes=1))
        added = bulk_load_complaints(
            complaints,
            companies=companies,
            seed=seed,
            batch=batch,
            processes=processes,
            now=now,
            progress=lambda line: None,
        )
        step("complaints added", added)
        # The load's complaints were received in the year before ``now``: its years' figures.
        last_year = timezone.localtime(now).year
        years = range(timezone.localtime(now - datetime.timedelta(days=365)).year, last_year + 1)
        for year in years:
            refresh_tallies(year)
        step("years of dashboard figures counted", len(years))
        step("promises-kept records measured", measure_promises(year=last_year))
        self.stdout.write(self.style.SUCCESS(f"{added:,} complaints added"))
