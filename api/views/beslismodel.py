"""The beslismodel: the versions the caller may see with the answers read under their
grondslag, and the receiving school's decision."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from beslismodel import selectors as beslismodel_selectors
from beslismodel import services as beslismodel_services
from beslismodel.constants import Stand
from toegang import policy
from toegang.models import RaadplegingActie

from ..fouten import NietGedeeld
from ..serializers import beslismodel as s
from .basis import fouten, valideer


class Beslismodel(APIView):
    @extend_schema(
        summary="De versies van het beslismodel die jij mag zien (antwoorden per deel onder zijn grondslag)",
        responses={200: s.VersieUit(many=True), **fouten(403)},
    )
    def get(self, request, pk):
        traject = policy.traject_ophalen(request.user, pk)
        versies = list(
            policy.beslismodellen_zichtbaar_voor(request.user, traject)
            .select_related("ontvanger", "sjabloon")
            .prefetch_related("besluiten__maatregelen__medewerker__user")
            .order_by("-versie")
        )
        if not versies and not policy.mag_beslismodel_opstellen(request.user, traject):
            raise NietGedeeld(_("Het beslismodel is voor de JJI-school en de ontvangende school."))
        gelezen = beslismodel_selectors.versies_lezen(
            request.user, traject, versies, actie=RaadplegingActie.API, verzoek=request
        )
        return Response(s.VersieUit(gelezen, many=True).data)


class Besluit(APIView):
    @extend_schema(
        summary="Besluiten over een ingediende versie (de ontvangende school)",
        request=s.BesluitIn,
        responses={201: s.BesluitUit, **fouten(400, 403, 411, 413, 415)},
    )
    def post(self, request, pk, versie):
        traject = policy.traject_ophalen(request.user, pk)
        beslismodel = policy.beslismodellen_zichtbaar_voor(request.user, traject).filter(versie=versie).first()
        if beslismodel is None:
            raise Http404
        open_voor_besluit = beslismodel.stand == Stand.INGEDIEND and not traject.is_afgesloten
        if open_voor_besluit and not policy.mag_beslismodel_besluiten(request.user, beslismodel):
            # The service says why a version is closed; who may not decide it hears that first.
            raise NietGedeeld(
                _("Besluiten doet de ontvangende school: een intaker, zorgcoördinator of de verbindingsofficier.")
            )
        gegevens = valideer(s.BesluitIn, request)
        mensen = {m.pk: m for m in beslismodel_selectors.mensen_van_ontvanger(request.user, beslismodel)}

        def persoon(veld, waarde):
            if waarde is None:
                return None
            if waarde not in mensen:
                raise DjangoValidationError({veld: _("Kies iemand van de ontvangende school.")})
            return mensen[waarde]

        with transaction.atomic():
            besluit = beslismodel_services.beslismodel_besluiten(
                actor=request.user,
                beslismodel=beslismodel,
                status=gegevens["status"],
                advies=gegevens["advies"],
                motivatie=gegevens["motivatie"],
                afwijkingsreden=gegevens.get("afwijkingsreden", ""),
                aanspreekpunt=persoon("aanspreekpunt", gegevens.get("aanspreekpunt")),
                evaluatie_op=gegevens.get("evaluatie_op"),
                maatregelen=[
                    {
                        "omschrijving": m["omschrijving"],
                        "medewerker": persoon(f"maatregelen.{i}.medewerker", m.get("medewerker")),
                        "datum": m.get("datum"),
                        "veld": f"maatregelen.{i}.omschrijving",
                        "velden": {naam: f"maatregelen.{i}.{naam}" for naam in ("medewerker", "datum")},
                    }
                    for i, m in enumerate(gegevens.get("maatregelen", []))
                ],
            )
        return Response(s.BesluitUit(besluit).data, status=status.HTTP_201_CREATED)
