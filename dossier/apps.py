from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossierConfig(AppConfig):
    name = "dossier"
    verbose_name = _("doorstroomdossier")

    def ready(self):
        # The parts of the dossier go into the policy's registry: the policy asks it, and
        # never imports this app.
        from .delen import registreren

        registreren()
