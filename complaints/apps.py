from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = _("Complaints")

    def ready(self):
        # Registers the sources the service commitments measure promises kept by, and the
        # figures the statistics form shows beside E01–E05, E13 and E10–E12.
        from . import figures, timelines  # noqa: F401
