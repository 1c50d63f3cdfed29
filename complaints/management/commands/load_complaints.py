from django.core.management.base import BaseCommand

from complaints.bulk import bulk_load_complaints


class Command(BaseCommand):
    help = (
        "Add COUNT made-up complaints received over the past year, across every bureau, "
        "channel, category, product line and state, for benchmarks and capacity tests "
        "(PostgreSQL: COPY from a pool of processes; SQLite: multi-row inserts). Adds made-up "
        "insurers first when there are fewer than 200. Never on a production database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True)
        parser.add_argument("--seed", type=int, default=12378, help="The same seed, the same rows.")
        parser.add_argument("--batch", type=int, default=10_000, help="Rows per COPY or insert.")
        parser.add_argument(
            "--processes", type=int, default=None, help="Encrypting processes (default: cores)."
        )

    def handle(self, *args, count, seed, batch, processes, **options):
        added = bulk_load_complaints(
            count, seed=seed, batch=batch, processes=processes, progress=self.stdout.write
        )
        self.stdout.write(self.style.SUCCESS(f"{added:,} complaints added"))
