"""ProductLine and CalendarDay move from complaints to campaign, where commitments read them
too: their tables stay as they are (state only); 0018 renames them once complaints has let
go of them (complaints 0006)."""

from django.db import migrations, models

PRODUCT_LINE_BRANCHES = [
    ("property", "Property insurance"),
    ("life", "Life and health insurance"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("campaign", "0016_language"),
        ("complaints", "0005_registered_changes_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="CalendarDay",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("date", models.DateField(unique=True, verbose_name="date")),
                        ("is_working_day", models.BooleanField(verbose_name="working day")),
                        (
                            "name",
                            models.CharField(
                                help_text="E.g. 清明节.", max_length=100, verbose_name="occasion"
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "holiday calendar day",
                        "verbose_name_plural": "holiday calendar",
                        "ordering": ["date"],
                        "db_table": "complaints_calendarday",
                    },
                ),
                migrations.CreateModel(
                    name="ProductLine",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("name_zh", models.CharField(max_length=200, verbose_name="Chinese name")),
                        (
                            "name_en",
                            models.CharField(
                                blank=True, max_length=200, verbose_name="English name"
                            ),
                        ),
                        ("code", models.SlugField(max_length=40, unique=True, verbose_name="code")),
                        (
                            "branch",
                            models.CharField(
                                choices=PRODUCT_LINE_BRANCHES, max_length=10, verbose_name="branch"
                            ),
                        ),
                        (
                            "position",
                            models.PositiveSmallIntegerField(default=0, verbose_name="order"),
                        ),
                    ],
                    options={
                        "verbose_name": "product line",
                        "verbose_name_plural": "product lines",
                        "ordering": ["position", "code"],
                        "db_table": "complaints_productline",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
