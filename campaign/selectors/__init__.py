"""Reads that pages, services and files need, one module per page or feature: ``reports``
(one report's indicators, values, findings and return), ``statistics`` (the unit's form
and history), ``review`` (head office's review), ``tables`` (the table editor),
``campaigns``, ``organisations`` and ``people``. Import from the module, not from here."""
