"""The national figures' GROUP BY, as PostgreSQL plans it: told by the planner statistics of
migration 0004 that a year has 12 months, it expects about as many groups as there are, not
one per complaint (which keeps it from aggregating in parallel at a million complaints)."""

import datetime
import json

import pytest
from django.db import connection
from django.utils import timezone

from complaints.bulk import bulk_load_complaints
from complaints.models import Complaint
from complaints.selectors.statistics import grouped_counts, received_in

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="planner statistics are PostgreSQL's"
    ),
    pytest.mark.postgresql,
]


def planned_groups(queryset):
    return json.loads(queryset.explain(format="json"))[0]["Plan"]["Plan Rows"]


@pytest.mark.django_db
def test_the_planner_expects_the_groups_there_are_not_one_per_complaint():
    end = timezone.make_aware(datetime.datetime(2014, 1, 1))
    bulk_load_complaints(3000, now=end, processes=1, progress=lambda line: None)
    # One bureau, channel and category: the groups are the months (× overdue or not).
    first = Complaint.objects.order_by("pk").first()
    Complaint.objects.update(
        bureau=first.bureau, channel=first.channel, category=first.category, status="closed"
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE complaints_complaint")
    rows = grouped_counts(received_in(Complaint.objects.all(), 2013), end.date())
    actual = len(list(rows))
    assert actual == 12
    assert planned_groups(rows) <= 2 * actual  # months × (overdue or not)
