from django.contrib import admin

from .models import CommitmentKind, StatutoryLimit


@admin.register(CommitmentKind)
class CommitmentKindAdmin(admin.ModelAdmin):
    # Head office extends the notice's list; the model's clean() checks the units.
    list_display = ["code", "name_zh", "name_en", "stage", "limit", "units", "position"]
    list_filter = ["stage", "limit"]


@admin.register(StatutoryLimit)
class StatutoryLimitAdmin(admin.ModelAdmin):
    # A changed law is a new row from its effective date: drafts are checked against the
    # limit in force on the day, and promises kept against the one in force when the clock
    # started.
    list_display = ["kind", "value", "unit", "effective_from", "source"]
    list_filter = ["kind"]
