"""Planner statistics for the complaint figures' GROUP BY (PostgreSQL only).

Without them PostgreSQL takes the month of ``received_at`` for 200 distinct values and the
bureau, channel and category for independent columns, expects about a million groups at a
million complaints, and aggregates in one process. Told there are 12 months and how the three
columns go together, it expects some 30,000 groups and aggregates in parallel workers: about
twice as fast on two cores. The expression is the one Django writes for
``ExtractMonth("received_at")`` in the portal's time zone (settings.TIME_ZONE), which the
planner matches by its form.
"""

from django.db import migrations

CREATE = [
    "CREATE STATISTICS IF NOT EXISTS complaint_received_month "
    "ON (EXTRACT(MONTH FROM received_at AT TIME ZONE 'Asia/Shanghai')) "
    "FROM complaints_complaint",
    "CREATE STATISTICS IF NOT EXISTS complaint_bureau_channel_category (ndistinct) "
    "ON bureau_id, channel, category_id FROM complaints_complaint",
]
DROP = [
    "DROP STATISTICS IF EXISTS complaint_received_month",
    "DROP STATISTICS IF EXISTS complaint_bureau_channel_category",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("complaints", "0003_list_deadline_indexes")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
