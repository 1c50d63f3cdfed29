from .campaigns import Campaign, CampaignContact, ExpectedUnit
from .organisations import Organisation, Region, User
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
    "Campaign",
    "CampaignContact",
    "ExpectedUnit",
    "Indicator",
    "IndicatorComment",
    "IndicatorValue",
    "Organisation",
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
