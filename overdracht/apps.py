from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OverdrachtConfig(AppConfig):
    name = "overdracht"
    verbose_name = _("Overdrachtsdocument")

    def ready(self):
        # Revoking a grondslag (trajecten, below this app) asks the copies it opened back.
        from toegang import haken

        from .services import grondslagen_ingetrokken

        haken.registreren("grondslag_ingetrokken", grondslagen_ingetrokken)
