from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Campaign,
    CampaignContact,
    Indicator,
    Organisation,
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


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["code", "name_zh", "name_en", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "name_zh", "name_en"]
    filter_horizontal = ["regions"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "last_name", "first_name", "organisation", "role", "is_active"]
    list_filter = ["role", "organisation__kind", "is_active"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        (_("Organisation"), {"fields": ["organisation", "role", "phone"]}),
    ]
    add_fieldsets = [
        *DjangoUserAdmin.add_fieldsets,
        (_("Organisation"), {"fields": ["organisation", "role"]}),
    ]


class CampaignContactInline(admin.TabularInline):
    model = CampaignContact
    extra = 1


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["year", "theme", "notice_reference", "deadline", "status"]
    list_filter = ["status"]
    inlines = [CampaignContactInline]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["campaign", "code", "name_zh", "name_en", "position"]
    list_filter = ["campaign"]
    list_select_related = ["campaign"]
    ordering = ["-campaign__year", "position", "code"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    """Head office edits indicators on the portal's table page, which guards entered values;
    here a code stays fixed once the indicator exists."""

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

    def get_readonly_fields(self, request, obj=None):
        return ["campaign", "code"] if obj else []


@admin.register(ValidationRule)
class ValidationRuleAdmin(admin.ModelAdmin):
    list_display = ["campaign", "code", "severity", "operator", "left", "right", "factor"]
    list_filter = ["campaign", "severity"]
    list_select_related = ["campaign"]
    ordering = ["-campaign__year", "position", "code"]


@admin.register(StatisticsReport)
class StatisticsReportAdmin(SimpleHistoryAdmin):
    """Read-only: reports change only through the portal's workflow, which keeps the history."""

    list_display = ["campaign", "organisation", "status", "submitted_at", "is_late", "version"]
    list_filter = ["campaign", "status", "is_late", "organisation__kind"]
    list_select_related = ["campaign", "organisation"]
    search_fields = ["organisation__code", "organisation__name_zh"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StatisticsUpload)
class StatisticsUploadAdmin(admin.ModelAdmin):
    """Read-only: the record of Excel forms uploaded, accepted or refused."""

    list_display = ["report", "original_name", "uploaded_by", "uploaded_at", "accepted"]
    list_filter = ["accepted", "report__campaign"]
    list_select_related = ["report__campaign", "report__organisation", "uploaded_by"]
    search_fields = ["report__organisation__code", "report__organisation__name_zh"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
