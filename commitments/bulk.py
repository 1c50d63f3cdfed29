"""Made-up load (``manage.py generate_load``): every insurer's published commitments in a
campaign, bulk-created instead of drafted and published one by one through the services.
Each company promises what the demo's insurers promise this year (commitments.demo.PLAN:
every kind, all within the law), in the demo's words. No history rows are written."""

from django.utils import timezone

from campaign.models import Organisation
from portal.audit import system_account

from .demo import PLAN, promise_fields
from .models import CommitmentKind, ServiceCommitment


def publish_for_every_company(campaign):
    """Each active insurer with no published commitment in ``campaign`` publishes one of each
    kind of PLAN; returns how many commitments were added."""
    companies = (
        Organisation.objects.filter(kind=Organisation.Kind.INSURER, is_active=True)
        .exclude(
            service_commitments__campaign=campaign,
            service_commitments__status=ServiceCommitment.Status.PUBLISHED,
        )
        .order_by("pk")
    )
    kinds = {kind.code: kind for kind in CommitmentKind.objects.all()}
    author, now = system_account(), timezone.now()
    rows = [
        ServiceCommitment(
            company=company,
            campaign=campaign,
            kind=kinds[code],
            status=ServiceCommitment.Status.PUBLISHED,
            published_at=now,
            created_by=author,
            **promise_fields(code, limit),
        )
        for company in companies
        for code, _before, limit, _reason in PLAN
        if limit is not False and code in kinds
    ]
    ServiceCommitment.objects.bulk_create(rows, batch_size=1000)
    return len(rows)
