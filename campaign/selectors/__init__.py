"""Reads that pages, services and files need, one module per page or feature: ``reports``
(one report's indicators, values, findings and return), ``statistics`` (the unit's form
and history), ``review`` (head office's review), ``tables`` (the table editor),
``campaigns`` and ``organisations``. Import from the module, not from here."""

# Only for campaign/excel/uploads.py, which another branch of issue 6 rewrites: it reads
# ``selectors.indicators_for``. Remove once it imports campaign.selectors.reports.
from .reports import indicators_for  # noqa: F401
