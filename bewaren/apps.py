from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BewarenConfig(AppConfig):
    """Retention (issue 20): nothing kept longer than the regio's schedule says — signalen,
    dossier parts and the youth's name and free texts erased, with their history."""

    name = "bewaren"
    verbose_name = _("Bewaartermijnen")
