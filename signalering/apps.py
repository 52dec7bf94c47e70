from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignaleringConfig(AppConfig):
    name = "signalering"
    verbose_name = _("Signalering: herinneringen en meldingen")

    def ready(self):
        # netwerk (below this app) chooses who is told about an account; this app stores and mails.
        from toegang import haken

        from .services import melden

        haken.registreren("melden", melden)
