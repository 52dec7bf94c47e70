"""Meetings and contact moments (overleggen): read as the traject page shows them to this reader,
and recorded by whoever may record them on the page, through the same service."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from netwerk.models import Medewerker
from toegang import policy
from trajecten import services as traject_services

from ..fouten import NietGedeeld
from ..serializers import overleggen as s
from ..serializers.algemeen import Medewerkerkort
from .basis import PAGINA, fouten, pagina, valideer

PER_PAGINA = 25


def _deelnemers():
    return Prefetch("deelnemers", queryset=Medewerker.objects.select_related("user", "organisatie").order_by("pk"))


def _vastlegbaar(request, pk):
    """A traject the reader sees and may record a meeting for (on the page: the same rule)."""
    traject = policy.traject_ophalen(request.user, pk)
    if not policy.mag_overleg_vastleggen(request.user, traject):
        raise NietGedeeld(
            _("Dit traject is afgesloten: er komt geen overleg meer bij.")
            if traject.is_afgesloten
            else _("Bij dit traject leg jij geen overleg vast.")
        )
    return traject


class Overleggen(APIView):
    @extend_schema(
        operation_id="trajecten_overleggen_list",
        summary="De overleggen en contactmomenten van een traject die jij mag zien, nieuwste eerst",
        description=(
            "Zoals op de pagina van het traject: de JJI, de JJI-school en justitiepartners zien alle overleggen; "
            "andere organisaties de overleggen die zij vastlegden of waaraan zij deelnamen. Het wekelijkse "
            "trajectknooppunt blijft bij de JJI en de JJI-school. Per pagina van 25."
        ),
        parameters=[PAGINA],
        responses={200: s.OverlegPagina, **fouten(400)},
    )
    def get(self, request, pk):
        traject = policy.traject_ophalen(request.user, pk)
        overleggen = (
            policy.overleggen_zichtbaar_voor(request.user, traject)
            .prefetch_related(_deelnemers())
            .order_by("-datum", "-pk")
        )
        return Response(pagina(request, overleggen, s.OverlegUit, PER_PAGINA))

    @extend_schema(
        operation_id="trajecten_overleggen_create",
        summary="Een overleg of contactmoment vastleggen",
        description=(
            "Voor wie het traject ziet, zolang het loopt (zoals op de pagina). Een openstaande taak die dit overleg "
            "vervult, wordt afgerond (als het overleg geweest is en jij die taak mag bijwerken); elke vervolgtaak "
            "komt bij jouw organisatie. De deelnemers kies je uit `GET …/overleggen/deelnemers/`. Een "
            "trajectknooppunt is intern voor de JJI en de JJI-school: een andere organisatie ziet het daarna niet "
            "in de lijst."
        ),
        request=s.OverlegIn,
        responses={201: s.OverlegUit, **fouten(400, 403, 411, 413, 415)},
    )
    def post(self, request, pk):
        traject = _vastlegbaar(request, pk)
        gegevens = dict(valideer(s.OverlegIn, request))
        gevraagd = list(dict.fromkeys(gegevens.pop("deelnemers")))
        kiesbaar = {m.pk: m for m in policy.actieve_medewerkers(request.user, traject).filter(pk__in=gevraagd)}
        if len(kiesbaar) != len(gevraagd):
            raise ValidationError(
                {"deelnemers": [_("Kies deelnemers van organisaties die actief betrokken zijn (zie de deelnemers).")]}
            )
        with transaction.atomic():
            overleg = traject_services.overleg_vastleggen(
                actor=request.user, traject=traject, deelnemers=[kiesbaar[i] for i in gevraagd], **gegevens
            )
        # What the caller just recorded, with its participants (people they could choose).
        prefetch_related_objects([overleg], _deelnemers())
        return Response(s.OverlegUit(overleg).data, status=status.HTTP_201_CREATED)


class Deelnemers(APIView):
    @extend_schema(
        summary="Wie je als deelnemer van een overleg kiest",
        description=(
            "De mensen van de organisaties die actief betrokken zijn (geen systeemaccounts), zoals op de pagina. "
            "Het `id` geef je mee in `deelnemers` bij `POST …/overleggen/`."
        ),
        responses={200: Medewerkerkort(many=True), **fouten(403)},
    )
    def get(self, request, pk):
        traject = _vastlegbaar(request, pk)
        mensen = policy.actieve_medewerkers(request.user, traject).order_by("organisatie__naam", "pk")
        return Response(Medewerkerkort(mensen, many=True).data)
