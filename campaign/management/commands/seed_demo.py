import os

from django.core.management.base import BaseCommand

from campaign.demo import seed_demo
from campaign.models import Campaign
from commitments.demo import seed_commitments
from commitments.tasks import measure_promises
from complaints.demo import seed_complaints
from complaints.services.tallies import refresh_due_tallies
from portal import audit

# The documented demo password (README); never used outside demo data.
DEFAULT_PASSWORD = "demo12378"  # noqa: S105  # nosec B105


class Command(BaseCommand):
    help = (
        "Add the fictitious demo insurers and users, the closed 2013 campaign and the current "
        "year's open one, with sample reports (safe to run again: what exists is kept). "
        "The history records the inactive 'system' account as their author."
    )

    def handle(self, *args, **options):
        password = os.environ.get("DEMO_PASSWORD") or DEFAULT_PASSWORD
        # Demo data is nobody's work: its history names the system account.
        with audit.acting_as(audit.system_account()):
            accounts = seed_demo(password=password)
            complaints = seed_complaints()
            commitments = seed_commitments()
        # What the nightly task would find, so the public pages show it on first run.
        measured = measure_promises()
        # The dashboards' complaint figures, as beat would count them within minutes.
        refresh_due_tallies()
        self.stdout.write(f"{'username':<14} {'role':<10} organisation")
        for user, created in accounts:
            marker = "" if created else " (existing)"
            self.stdout.write(
                f"{user.username:<14} {user.role:<10} {user.organisation.name_zh}{marker}"
            )
        for campaign in Campaign.objects.order_by("year"):
            self.stdout.write(
                f"campaign {campaign.year}: {campaign.get_status_display()}, "
                f"deadline {campaign.deadline:%Y-%m-%d}, {campaign.reports.count()} reports"
            )
        self.stdout.write(f"{complaints} demo complaints added")
        self.stdout.write(f"{commitments} demo service commitments added")
        self.stdout.write(f"{measured} records of promises kept measured")
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(accounts)} demo accounts; new ones have the password {password!r}."
            )
        )
