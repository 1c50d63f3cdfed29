"""The commitments' Celery tasks: thin, they call a service."""

from celery import shared_task
from django.db.models import Min
from django.utils import timezone

from campaign.models import Campaign

from .services import promises


@shared_task
def measure_promises():
    """Nightly (CELERY_BEAT_SCHEDULE): how often each company kept its promises in the
    complaints of every year from the first campaign's to this one (complaints of past years
    still gain dates as they are settled). Running it twice gives the same records. Returns
    how many it wrote."""
    first = Campaign.objects.aggregate(year=Min("year"))["year"]
    this_year = timezone.localdate().year
    if first is None:
        return 0
    return sum(promises.measure_promises(year=year) for year in range(first, this_year + 1))
