from .activities import Activity, ActivityPhoto, Article, Exemplar, MediaReport
from .campaigns import Campaign, CampaignContact, ExpectedUnit
from .organisations import Organisation, Region, User
from .reference import CalendarDay, ProductLine
from .statistics import (
    Indicator,
    IndicatorComment,
    IndicatorValue,
    ReportAttachment,
    ReportTransition,
    Section,
    StatisticsReport,
    StatisticsUpload,
    ValidationRule,
    WarningAcknowledgement,
)

__all__ = [
    "Activity",
    "ActivityPhoto",
    "Article",
    "CalendarDay",
    "Campaign",
    "CampaignContact",
    "Exemplar",
    "ExpectedUnit",
    "Indicator",
    "IndicatorComment",
    "IndicatorValue",
    "MediaReport",
    "Organisation",
    "ProductLine",
    "Region",
    "ReportAttachment",
    "ReportTransition",
    "Section",
    "StatisticsReport",
    "StatisticsUpload",
    "User",
    "ValidationRule",
    "WarningAcknowledgement",
]
