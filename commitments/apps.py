from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitmentsConfig(AppConfig):
    name = "commitments"
    verbose_name = _("Service commitments")

    def ready(self):
        # Registers the figures the statistics form shows beside C01–C04.
        from . import figures  # noqa: F401
