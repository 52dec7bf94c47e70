from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BeslismodelConfig(AppConfig):
    name = "beslismodel"
    verbose_name = _("Beslismodel")

    def ready(self):
        # Assigning a person (trajecten, below this app) tells them of a version waiting for them.
        from toegang import haken

        from .services.meldingen import toegewezen_melden

        haken.registreren("toegewezen", toegewezen_melden)
