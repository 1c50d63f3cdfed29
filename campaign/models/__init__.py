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
    "CalendarDay",
    "Campaign",
    "CampaignContact",
    "ExpectedUnit",
    "Indicator",
    "IndicatorComment",
    "IndicatorValue",
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
