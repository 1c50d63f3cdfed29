from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .forms.organisations import OrganisationForm
from .models import (
    CalendarDay,
    Campaign,
    CampaignContact,
    Indicator,
    Organisation,
    ProductLine,
    Region,
    Section,
    StatisticsReport,
    StatisticsUpload,
    User,
    ValidationRule,
)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name_zh", "name_en", "parent"]
    search_fields = ["code", "name_zh", "name_en"]


@admin.register(ProductLine)
class ProductLineAdmin(admin.ModelAdmin):
    list_display = ["code", "name_zh", "name_en", "branch", "position"]
    list_filter = ["branch"]


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    # A new year's holidays and 调休 days are added here when the State Council publishes them.
    list_display = ["date", "name", "is_working_day"]
    list_filter = ["is_working_day"]
    date_hierarchy = "date"


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    # The portal's form: one active bureau per region, regions for bureaus only.
    form = OrganisationForm
    list_display = ["code", "name_zh", "name_en", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "name_zh", "name_en"]
    filter_horizontal = ["regions"]


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, DjangoUserAdmin):
    list_display = ["username", "full_name", "organisation", "role", "is_active"]
    list_filter = ["role", "organisation__kind", "is_active"]
    list_select_related = ["organisation"]
    search_fields = ["username", "full_name", "email"]
    autocomplete_fields = ["organisation"]
    # Django's own sets name first_name and last_name, which this user model replaces.
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Personal info"), {"fields": ["full_name", "email", "phone"]}),
        (_("Organisation"), {"fields": ["organisation", "role"]}),
        *DjangoUserAdmin.fieldsets[2:],
    ]
    add_fieldsets = [
        *DjangoUserAdmin.add_fieldsets,
        (_("Organisation"), {"fields": ["full_name", "email", "organisation", "role"]}),
    ]


class CampaignContactInline(admin.TabularInline):
    model = CampaignContact
    extra = 1


@admin.register(Campaign)
class CampaignAdmin(SimpleHistoryAdmin):
    """Details and contacts; the status changes only through the portal's open/close
    buttons, and the year never, since reports and files are filed under it."""

    list_display = ["year", "theme", "notice_reference", "deadline", "status"]
    list_filter = ["status"]
    inlines = [CampaignContactInline]

    def get_readonly_fields(self, request, obj=None):
        return ["year", "status"] if obj else ["status"]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["campaign", "code", "name_zh", "name_en", "position"]
    list_filter = ["campaign"]
    list_select_related = ["campaign"]
    ordering = ["-campaign__year", "position", "code"]


class ReadOnlyModelAdmin(admin.ModelAdmin):
    """Shown here, never added, changed or deleted here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ReadOnlyModelAdmin, SimpleHistoryAdmin):
    """Shown with its history, changed only through the portal's pages and services, which
    guard what depends on it (values entered against an indicator, reports checked by a rule)."""


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyAdmin):
    list_display = [
        "campaign",
        "code",
        "name_zh",
        "name_en",
        "unit_zh",
        "value_type",
        "for_bureau",
        "for_insurer",
        "for_association",
        "is_retired",
    ]
    list_filter = ["campaign", "section__code", "is_retired"]
    list_select_related = ["campaign"]
    search_fields = ["code", "name_zh", "name_en"]
    ordering = ["-campaign__year", "position", "code"]


@admin.register(ValidationRule)
class ValidationRuleAdmin(SimpleHistoryAdmin):
    """Rules can be tuned here; each change is kept in the rule's history."""

    list_display = [
        "campaign",
        "code",
        "severity",
        "operator",
        "left",
        "right",
        "factor",
        "for_bureau",
        "for_insurer",
        "for_association",
    ]
    list_filter = ["campaign", "severity"]
    list_select_related = ["campaign"]
    ordering = ["-campaign__year", "position", "code"]


@admin.register(StatisticsReport)
class StatisticsReportAdmin(ReadOnlyAdmin):
    list_display = ["campaign", "organisation", "status", "submitted_at", "is_late", "version"]
    list_filter = ["campaign", "status", "is_late", "organisation__kind"]
    list_select_related = ["campaign", "organisation"]
    search_fields = ["organisation__code", "organisation__name_zh"]


@admin.register(StatisticsUpload)
class StatisticsUploadAdmin(ReadOnlyModelAdmin):
    """Read-only: the record of Excel forms uploaded, accepted or refused."""

    list_display = ["report", "original_name", "uploaded_by", "uploaded_at", "accepted"]
    list_filter = ["accepted", "report__campaign"]
    list_select_related = ["report__campaign", "report__organisation", "uploaded_by"]
    search_fields = ["report__organisation__code", "report__organisation__name_zh"]
