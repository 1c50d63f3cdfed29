"""The moved reference tables take campaign's names (complaints_productline →
campaign_productline, complaints_calendarday → campaign_calendarday); the complaints'
foreign key follows the rename."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("campaign", "0017_shared_reference_data"),
        ("complaints", "0006_shared_reference_data"),
    ]

    operations = [
        migrations.AlterModelTable(name="calendarday", table=None),
        migrations.AlterModelTable(name="productline", table=None),
    ]
