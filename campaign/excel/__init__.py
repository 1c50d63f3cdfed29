"""The Excel round-trip of a unit's statistics form (SPEC §2, issue 3 item 6).

``template`` writes the form a unit downloads, ``reading`` checks a filled-in file cell
by cell, ``uploads`` stores it through the report services, ``annotation`` gives a
refused file back with its problems marked. The web pages (views/excel.py) and the
``statistics_template`` and ``import_statistics`` commands share these functions.
"""

from .reading import MAX_FILE_SIZE, CellError, FilledForm, WorkbookRefused, read_statistics_workbook
from .template import (
    IDENTITY_SHEET,
    build_statistics_workbook,
    form_sheet_title,
    template_filename,
    workbook_language,
)
from .uploads import (
    KEPT_UPLOADS,
    UploadResult,
    annotated_filename,
    annotated_workbook,
    recent_uploads,
    unit_report,
    upload_statistics,
)

__all__ = [
    "IDENTITY_SHEET",
    "KEPT_UPLOADS",
    "MAX_FILE_SIZE",
    "CellError",
    "FilledForm",
    "UploadResult",
    "WorkbookRefused",
    "annotated_filename",
    "annotated_workbook",
    "build_statistics_workbook",
    "form_sheet_title",
    "read_statistics_workbook",
    "recent_uploads",
    "template_filename",
    "unit_report",
    "upload_statistics",
    "workbook_language",
]
