from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = _("Complaints")

    def ready(self):
        # Registers the sources the service commitments measure promises kept by.
        from . import timelines  # noqa: F401
