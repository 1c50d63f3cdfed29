"""The commitments' Celery tasks: thin, they call a service."""

from celery import shared_task

from campaign.models import Campaign

from .services import promises


@shared_task
def measure_promises():
    """Nightly (CELERY_BEAT_SCHEDULE): how often each company kept its promises, for every
    campaign year (complaints of past years still gain dates as they are settled). Running it
    twice gives the same records. Returns how many it wrote."""
    years = Campaign.objects.order_by("year").values_list("year", flat=True)
    return sum(promises.measure_promises(year=year) for year in years)
