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

from toegang import delen, policy
from toegang.models import RaadplegingActie

from ..fouten import NietGedeeld
from ..serializers import dossier as s
from .basis import fouten, valideer

CATEGORIE = OpenApiParameter(
    "categorie", str, OpenApiParameter.PATH, enum=list(delen.categorieen()), description="Het deel."
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
        if not delen.is_deel(categorie):
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
            serializers=[deel.api_invoer for deel in delen.alle() if deel.api_invoer is not None],
            resource_type_field_name=None,
        ),
        responses={200: s.DeelUit, **fouten(400, 403, 411, 413, 415)},
    )
    def put(self, request, pk, categorie):
        traject = policy.dossier_traject_ophalen(
            request.user, pk, categorie=categorie, actie=RaadplegingActie.API, verzoek=request
        )
        if not delen.is_deel(categorie):
            raise Http404
        deel = delen.deel(categorie)
        if deel.api_invoer is None:
            raise ValidationError(
                {
                    "categorie": [
                        _("Signalen voor veiligheid leg je één voor één vast op de pagina, met reden en einddatum.")
                    ]
                }
            )
        if not policy.mag_dossier_schrijven(request.user, traject):
            raise NietGedeeld(_("Alleen de JJI-school schrijft het doorstroomdossier."))
        invoer, opslaan = deel.api_invoer, deel.opslaan
        gegevens = valideer(invoer, request)
        volledig = {veld: gegevens.get(veld, None if veld == "niveau" else "") for veld in invoer().get_fields()}
        with transaction.atomic():
            opslaan(actor=request.user, traject=traject, gegevens=volledig)
        gelezen = policy.categorie_lezen(
            actor=request.user, traject=traject, categorie=categorie, actie=RaadplegingActie.API, verzoek=request
        )
        return _antwoord(categorie, gelezen)
