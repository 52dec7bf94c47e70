from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OverdrachtConfig(AppConfig):
    name = "overdracht"
    verbose_name = _("Overdrachtsdocument")
