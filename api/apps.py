from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("API voor partnersystemen")

    def ready(self):
        # Each part of the dossier gets its API serializers in the registry (toegang.delen); a
        # part without input is not written through the API.
        from toegang import delen
        from trajecten.constants import Categorie

        from .serializers import dossier as s
        from .serializers import schoolloopbaan as sl

        delen.api_koppelen(
            Categorie.ONDERWIJSINFORMATIE, invoer=s.OnderwijsinformatieIn, uitvoer=s.OnderwijsinformatieUit
        )
        delen.api_koppelen(
            Categorie.BEGELEIDINGSBEHOEFTE, invoer=s.BegeleidingsbehoefteIn, uitvoer=s.BegeleidingsbehoefteUit
        )
        delen.api_koppelen(Categorie.VEILIGHEIDSSIGNALEN, invoer=None, uitvoer=s.SignaalUit)
        # Written through its own endpoints (an enrolment, a checkpoint), not as one PUT.
        delen.api_koppelen(Categorie.SCHOOLLOOPBAAN, invoer=None, uitvoer=sl.SchoolloopbaanUit)
