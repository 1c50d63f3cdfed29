"""Dates in the English interface in the same order as the Chinese: 10 April 2013,
1 December 2026 00:51 (Django's default for en is "April 10, 2013, 12:51 a.m.")."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y H:i"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
TIME_FORMAT = "H:i"
