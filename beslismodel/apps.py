from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BeslismodelConfig(AppConfig):
    name = "beslismodel"
    verbose_name = _("Beslismodel")
