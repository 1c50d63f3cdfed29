from decimal import Decimal, InvalidOperation

from django.db import migrations, models


def alert_due_from_stored_values(apps, schema_editor):
    """A past submission owed an alert when a value it stored broke a rule that alerts head
    office (E10–E12 > 0): the same test submit_report makes, on the values kept with it."""
    ReportTransition = apps.get_model("campaign", "ReportTransition")
    ValidationRule = apps.get_model("campaign", "ValidationRule")
    alerting = {}
    for rule in ValidationRule.objects.filter(alerts_head_office=True).exclude(left=""):
        alerting.setdefault(rule.campaign_id, set()).add(rule.left)
    due = []
    submissions = ReportTransition.objects.filter(
        action="submit", report__campaign_id__in=alerting
    ).values_list("pk", "report__campaign_id", "values")
    for pk, campaign_id, values in submissions.iterator():
        for code in alerting[campaign_id]:
            try:
                if Decimal(str(values.get(code) or "0").replace(",", "")) > 0:
                    due.append(pk)
                    break
            except InvalidOperation:
                continue
    ReportTransition.objects.filter(pk__in=due).update(alert_due=True)


class Migration(migrations.Migration):
    dependencies = [
        ("campaign", "0009_people_full_name_admin_role_history"),
    ]

    operations = [
        migrations.AddField(
            model_name="reporttransition",
            name="alert_due",
            field=models.BooleanField(default=False, verbose_name="alerts head office"),
        ),
        migrations.RunPython(alert_due_from_stored_values, migrations.RunPython.noop),
    ]
