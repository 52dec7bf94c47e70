"""One part of the doorstroomdossier: read under its grondslag (one raadpleging per reading, a
refused request on record), and written by the JJI-school."""

from __future__ import annotations

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, PolymorphicProxySerializer, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from dossier import services as dossier_services
from toegang import policy
from toegang.models import RaadplegingActie
from trajecten.constants import DOSSIER_CATEGORIEEN, Categorie

from ..fouten import NietGedeeld
from ..serializers import dossier as s
from .basis import fouten, valideer

DEEL_IN = {
    Categorie.ONDERWIJSINFORMATIE: (s.OnderwijsinformatieIn, dossier_services.onderwijsinformatie_opslaan),
    Categorie.BEGELEIDINGSBEHOEFTE: (s.BegeleidingsbehoefteIn, dossier_services.begeleidingsbehoefte_opslaan),
}

CATEGORIE = OpenApiParameter(
    "categorie", str, OpenApiParameter.PATH, enum=[c.value for c in DOSSIER_CATEGORIEEN], description="Het deel."
)


def _antwoord(categorie, gelezen):
    """The answer: what ``categorie_lezen`` returned, through the part's serializer alone."""
    return Response(s.DeelUit({"categorie": categorie, categorie: gelezen}).data)


class Dossierdeel(APIView):
    @extend_schema(
        summary="Een deel van het doorstroomdossier (met grondslag; elke lezing in de raadplegingen)",
        parameters=[CATEGORIE],
        responses={200: s.DeelUit, **fouten(403)},
    )
    def get(self, request, pk, categorie):
        traject = policy.dossier_traject_ophalen(
            request.user, pk, categorie=categorie, actie=RaadplegingActie.API, verzoek=request
        )
        if categorie not in DOSSIER_CATEGORIEEN:
            policy.raadpleging_weigeren(
                actor=request.user, traject=traject, categorie=categorie, actie=RaadplegingActie.API, verzoek=request
            )
            raise Http404
        try:
            gelezen = policy.categorie_lezen(
                actor=request.user, traject=traject, categorie=categorie, actie=RaadplegingActie.API, verzoek=request
            )
        except Http404:  # refused, and on record as a refused attempt
            raise NietGedeeld() from None
        return _antwoord(categorie, gelezen)

    @extend_schema(
        summary="Onderwijsinformatie of begeleidingsbehoefte vastleggen (de JJI-school)",
        parameters=[CATEGORIE],
        request=PolymorphicProxySerializer(
            component_name="DeelIn",
            serializers=[s.OnderwijsinformatieIn, s.BegeleidingsbehoefteIn],
            resource_type_field_name=None,
        ),
        responses={200: s.DeelUit, **fouten(400, 403, 411, 413, 415)},
    )
    def put(self, request, pk, categorie):
        traject = policy.dossier_traject_ophalen(
            request.user, pk, categorie=categorie, actie=RaadplegingActie.API, verzoek=request
        )
        if categorie not in DOSSIER_CATEGORIEEN:
            raise Http404
        if categorie not in DEEL_IN:
            raise ValidationError(
                {
                    "categorie": [
                        _("Signalen voor veiligheid leg je één voor één vast op de pagina, met reden en einddatum.")
                    ]
                }
            )
        if not policy.mag_dossier_schrijven(request.user, traject):
            raise NietGedeeld(_("Alleen de JJI-school schrijft het doorstroomdossier."))
        invoer, opslaan = DEEL_IN[categorie]
        gegevens = valideer(invoer, request)
        volledig = {veld: gegevens.get(veld, None if veld == "niveau" else "") for veld in invoer().get_fields()}
        with transaction.atomic():
            opslaan(actor=request.user, traject=traject, gegevens=volledig)
        gelezen = policy.categorie_lezen(
            actor=request.user, traject=traject, categorie=categorie, actie=RaadplegingActie.API, verzoek=request
        )
        return _antwoord(categorie, gelezen)
