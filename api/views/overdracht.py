"""The overdrachtsdocument for one person: whom it can be made for, made in the background, its
status and its PDF, for its maker."""

from __future__ import annotations

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from jji_traject.afdruk import pdf_antwoord
from overdracht import selectors as overdracht_selectors
from overdracht import services as overdracht_services
from overdracht.models import OverdrachtStatus
from toegang import policy

from ..fouten import NietGedeeld
from ..serializers import overdracht as s
from ..serializers.algemeen import Medewerkerkort
from .basis import fouten, valideer


def _maakbaar(request, pk):
    traject = policy.traject_ophalen(request.user, pk)
    if not policy.mag_overdracht_maken(request.user, traject):
        raise NietGedeeld(_("Een overdrachtsdocument maakt de JJI-school."))
    return traject


class Ontvangers(APIView):
    @extend_schema(
        summary="Voor wie een overdrachtsdocument gemaakt kan worden (de JJI-school)",
        description=(
            "Iedereen van een organisatie die actief betrokken is en dit traject ziet (geen systeemaccounts, niet de "
            "schrijvende school zelf), zoals op de pagina. Het `id` is wat `POST …/overdracht/` als `ontvanger` "
            "vraagt; het document bevat precies wat die persoon mag lezen, met de toestemmingen van dat moment."
        ),
        responses={200: Medewerkerkort(many=True), **fouten(403)},
    )
    def get(self, request, pk):
        traject = _maakbaar(request, pk)
        return Response(Medewerkerkort(policy.overdracht_ontvangers(request.user, traject), many=True).data)


class OverdrachtMaken(APIView):
    @extend_schema(
        summary="Een overdrachtsdocument laten maken (op de achtergrond) voor één persoon",
        description="Kies de `ontvanger` uit `GET …/overdracht/ontvangers/`.",
        request=s.OverdrachtIn,
        responses={202: s.OverdrachtUit, **fouten(400, 403, 411, 413, 415)},
    )
    def post(self, request, pk):
        traject = _maakbaar(request, pk)
        gegevens = valideer(s.OverdrachtIn, request)
        ontvanger = policy.overdracht_ontvangers(request.user, traject).filter(pk=gegevens["ontvanger"]).first()
        if ontvanger is None:
            raise ValidationError(
                {"ontvanger": [_("Kies iemand van een organisatie die actief betrokken is en dit traject ziet.")]}
            )
        with transaction.atomic():
            overdracht = overdracht_services.overdracht_aanvragen(
                actor=request.user, traject=traject, ontvanger=ontvanger, verzoek=request
            )
        return Response(s.OverdrachtUit(overdracht).data, status=status.HTTP_202_ACCEPTED)


class Overdracht(APIView):
    @extend_schema(
        summary="Hoe ver het document is (alleen voor wie het maakte)", responses={200: s.OverdrachtUit, **fouten()}
    )
    def get(self, request, overdracht_pk):
        overdracht = policy.overdracht_ophalen(request.user, overdracht_pk)
        overdracht_services.opnieuw_inplannen_als_nodig(overdracht)
        return Response(s.OverdrachtUit(overdracht).data)


class OverdrachtBestand(APIView):
    @extend_schema(
        summary="Het PDF-bestand (alleen voor wie het maakte, zolang de ontvanger alles mag lezen)",
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, **fouten(403)},
    )
    def get(self, request, overdracht_pk):
        overdracht = policy.overdracht_ophalen(request.user, overdracht_pk)
        if overdracht.status != OverdrachtStatus.KLAAR:
            raise Http404
        if not policy.overdracht_geldt_nog(overdracht):
            raise NietGedeeld(_("De ontvanger mag niet meer alles lezen wat in dit document staat."))
        return pdf_antwoord(overdracht_selectors.bestand(overdracht), overdracht_selectors.bestandsnaam(overdracht))
