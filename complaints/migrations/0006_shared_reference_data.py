"""ProductLine and CalendarDay are campaign's now (campaign 0017): the complaint's product
line points there, and complaints forgets both models. Nothing changes in the database."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("campaign", "0017_shared_reference_data"),
        ("complaints", "0005_registered_changes_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="complaint",
                    name="product_line",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="campaign.productline",
                        verbose_name="product line",
                    ),
                ),
                migrations.DeleteModel(name="CalendarDay"),
                migrations.DeleteModel(name="ProductLine"),
            ],
            database_operations=[],
        ),
    ]
