from django.contrib import admin

from .models import Category, TimeLimit


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["code", "name_zh", "name_en", "position"]


@admin.register(TimeLimit)
class TimeLimitAdmin(admin.ModelAdmin):
    # A changed rule is a new row from its effective date: complaints already running keep
    # the limit in force on the day their clock started.
    list_display = ["step", "amount", "unit", "effective_from", "source"]
    list_filter = ["step"]
