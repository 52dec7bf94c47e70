from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitorConfig(AppConfig):
    """The regional monitor toward "0 onderbroken schoolloopbaan" (issue 19): aggregates only,
    private by construction."""

    name = "monitor"
    verbose_name = _("Regionale monitor")
