"""The trajecten the caller sees, one traject, its tasks, its grondslagen (the regie) and its
raadplegingen (the JJI-school)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from dossier import selectors as dossier_selectors
from netwerk import selectors as netwerk_selectors
from netwerk.models import Organisatie
from toegang import policy
from trajecten import services as traject_services
from trajecten.constants import KENNISGEVING, Fase
from trajecten.selectors import huidige_stap

from ..fouten import NietGedeeld
from ..serializers import trajecten as s
from .basis import PAGINA, fouten, pagina, valideer

PER_PAGINA = 25
VOOR = OpenApiParameter("voor", OpenApiTypes.INT, description="Alleen regels van vóór deze (uit de `next`-link).")


class Trajecten(APIView):
    @extend_schema(
        operation_id="trajecten_list",
        summary="De trajecten die jij mag zien",
        parameters=[OpenApiParameter("fase", str, enum=Fase.values), PAGINA],
        responses={200: s.TrajectPagina, **fouten(400)},
    )
    def get(self, request):
        trajecten = policy.zichtbaar_voor(request.user).select_related("jongere", "jji").order_by("sorteernaam", "pk")
        fase = request.query_params.get("fase")
        if fase is not None:
            if fase not in Fase.values:
                raise ValidationError({"fase": [_("Kies een van: %(fasen)s.") % {"fasen": ", ".join(Fase.values)}]})
            trajecten = trajecten.filter(fase=fase)
        return Response(pagina(request, trajecten, s.TrajectRegel, PER_PAGINA))


class TrajectDetail(APIView):
    @extend_schema(summary="Eén traject, met de betrokken organisaties", responses={200: s.TrajectDetail, **fouten()})
    def get(self, request, pk):
        traject = policy.traject_ophalen(request.user, pk)
        beheer = policy.mag_traject_beheren(request.user, traject)
        traject.organisaties = [
            b
            for b in traject.betrokkenheden.met_actief().select_related("organisatie").order_by("soort", "pk")
            if b.is_actief or beheer
        ]
        traject.huidige_stap = huidige_stap(traject)
        titel_zien = policy.mag_titel_zien(request.user, traject)
        return Response(s.TrajectDetail(traject, context={"titel_zien": titel_zien}).data)


def _taken(request, traject):
    return policy.taken_zichtbaar_voor(request.user, traject).select_related("organisatie", "medewerker__user")


class Taken(APIView):
    @extend_schema(
        summary="De taken van een traject die jij mag zien", responses={200: s.TaakUit(many=True), **fouten()}
    )
    def get(self, request, pk):
        traject = policy.traject_ophalen(request.user, pk)
        return Response(s.TaakUit(_taken(request, traject).order_by("stap", "pk"), many=True).data)


class Taak(APIView):
    @extend_schema(
        summary="De status van een taak bijwerken",
        request=s.TaakIn,
        responses={200: s.TaakUit, **fouten(400, 403, 411, 413, 415)},
    )
    def patch(self, request, pk, taak_pk):
        traject = policy.traject_ophalen(request.user, pk)
        taak = policy.taken_zichtbaar_voor(request.user, traject).filter(pk=taak_pk).first()
        if taak is None:
            raise Http404
        if not policy.mag_taak_bijwerken(request.user, taak):
            raise NietGedeeld(_("Deze taak werk je niet bij: ze is van een andere organisatie."))
        gegevens = valideer(s.TaakIn, request)
        with transaction.atomic():
            traject_services.taak_bijwerken(
                actor=request.user,
                taak=taak,
                status=gegevens["status"],
                reden=gegevens.get("reden", ""),
                notitie=gegevens.get("notitie"),
            )
        return Response(s.TaakUit(_taken(request, traject).get(pk=taak_pk)).data)


class Toestemmingen(APIView):
    def _beheerbaar(self, request, pk):
        traject = policy.traject_ophalen(request.user, pk)
        if not policy.mag_grondslag_vastleggen(request.user, traject):
            raise NietGedeeld(_("Toestemmingen legt de JJI of de JJI-school vast."))
        return traject

    @extend_schema(
        summary="De grondslagen van een traject (de regie)",
        responses={200: s.ToestemmingUit(many=True), **fouten(403)},
    )
    def get(self, request, pk):
        traject = self._beheerbaar(request, pk)
        return Response(s.ToestemmingUit(dossier_selectors.toestemmingenregister(traject), many=True).data)

    @extend_schema(
        summary="Een toestemming of andere grondslag vastleggen",
        request=s.ToestemmingIn,
        responses={201: s.ToestemmingUit, **fouten(400, 403, 411, 413, 415)},
    )
    def post(self, request, pk):
        traject = self._beheerbaar(request, pk)
        gegevens = dict(valideer(s.ToestemmingIn, request))
        ontvanger = Organisatie.objects.filter(pk=gegevens.pop("ontvanger")).first()
        if ontvanger is None:
            raise ValidationError({"ontvanger": [_("Kies een organisatie die bij dit traject betrokken is.")]})
        categorie = gegevens.pop("categorie")
        with transaction.atomic():
            if categorie == KENNISGEVING:
                toestemming = traject_services.kennisgeving_vastleggen(
                    actor=request.user, traject=traject, ontvanger=ontvanger, gegevens=gegevens
                )
            else:
                toestemming = traject_services.toestemming_vastleggen(
                    actor=request.user, traject=traject, ontvanger=ontvanger, categorie=categorie, gegevens=gegevens
                )
        return Response(s.ToestemmingUit(toestemming).data, status=status.HTTP_201_CREATED)


class ToestemmingIntrekken(APIView):
    @extend_schema(
        summary="Een toestemming intrekken (direct)",
        request=None,
        responses={200: s.ToestemmingUit, **fouten(400, 415)},
    )
    def post(self, request, toestemming_pk):
        toestemming = policy.toestemming_ophalen(request.user, toestemming_pk)
        if request.META.get("CONTENT_LENGTH") not in (None, "", "0"):
            request.data  # noqa: B018 - a body is optional, but a broken one is refused before anything happens
        with transaction.atomic():
            toestemming = traject_services.toestemming_intrekken(actor=request.user, toestemming=toestemming)
        return Response(s.ToestemmingUit(toestemming).data)


class Raadplegingen(APIView):
    @extend_schema(
        summary="Wie las welk deel (de JJI-school), nieuwste eerst",
        description=(
            "Per pagina van 25, gebladerd met een cursor: `next` vraagt de regels van vóór de laatste van deze "
            "pagina (`voor`), zodat nieuwe regels de pagina's niet verschuiven en het hele log bereikbaar is."
        ),
        parameters=[VOOR],
        responses={200: s.RaadplegingPagina, **fouten(400, 403)},
    )
    def get(self, request, pk):
        traject = policy.traject_ophalen(request.user, pk)
        if not policy.mag_raadplegingen_zien(request.user, traject):
            raise NietGedeeld(_("De raadplegingen zijn voor de JJI-school."))
        log = (
            policy.raadplegingen_zichtbaar_voor(request.user, traject)
            .select_related("actor", "organisatie", "ontvanger")
            .order_by("-tijdstip", "-pk")
        )
        gevraagd = request.query_params.get("voor")
        if gevraagd is not None:
            vanaf = netwerk_selectors.getal(gevraagd)
            grens = log.filter(pk=vanaf).values_list("tijdstip", flat=True).first() if vanaf is not None else None
            if grens is None:
                raise ValidationError({"voor": [_("Geef het id van een regel uit het log van dit traject.")]})
            log = log.filter(Q(tijdstip__lt=grens) | Q(tijdstip=grens, pk__lt=vanaf))
        rijen = list(log[: PER_PAGINA + 1])
        volgende = None
        if len(rijen) > PER_PAGINA:
            parameters = request.query_params.copy()
            parameters["voor"] = rijen[PER_PAGINA - 1].pk
            volgende = request.build_absolute_uri(f"{request.path}?{parameters.urlencode()}")
        return Response({"results": s.RaadplegingUit(rijen[:PER_PAGINA], many=True).data, "next": volgende})
