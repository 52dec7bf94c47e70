"""The schoolloopbaan na uitstroom through the API: read like every part (``GET
…/dossier/schoolloopbaan/``, under its grondslag, one raadpleging per reading); written by the
organisation that writes it — the receiving mbo, else leerplicht/RMC — through the page's
services: an enrolment and a checkpoint, each created (POST) and corrected (PATCH)."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from dossier import services_schoolloopbaan as services
from dossier.models import Inschrijving as InschrijvingModel
from dossier.models import Schoolcheckpoint
from toegang import policy

from ..fouten import NietGedeeld
from ..serializers import schoolloopbaan as s
from .basis import fouten, valideer

BESCHRIJVING = (
    "Voor de organisatie die de schoolloopbaan na uitstroom vastlegt: de ontvangende mbo-instelling, of "
    "leerplicht/RMC als er geen school is. Lezen doe je met `GET …/dossier/schoolloopbaan/`. Een datum vóór "
    "de vrijlating of vóór de inschrijving, hetzelfde checkpoint twee keer of een organisatie die niet actief "
    "is: 400, en er wordt niets opgeslagen."
)


def _schrijfbaar(request, pk):
    traject = policy.traject_ophalen(request.user, pk)
    if not policy.mag_schoolloopbaan_schrijven(request.user, traject):
        raise NietGedeeld(_("Alleen de ontvangende school (of leerplicht/RMC zonder school) legt dit vast."))
    return traject


def _rij(model, traject, rij_pk):
    rij = model.objects.filter(traject=traject, pk=rij_pk).select_related("organisatie", "traject").first()
    if rij is None:
        raise Http404
    return rij


class Inschrijvingen(APIView):
    @extend_schema(
        summary="Een inschrijving na uitstroom vastleggen",
        description=BESCHRIJVING,
        request=s.InschrijvingIn,
        responses={201: s.InschrijvingUit, **fouten(400, 403, 411, 413, 415)},
    )
    def post(self, request, pk):
        traject = _schrijfbaar(request, pk)
        gegevens = valideer(s.InschrijvingIn, request)
        rij = services.inschrijving_vastleggen(actor=request.user, traject=traject, gegevens=gegevens)
        return Response(s.InschrijvingUit(rij).data, status=status.HTTP_201_CREATED)


class Inschrijving(APIView):
    @extend_schema(
        summary="Een inschrijving bijwerken (eerste schooldag, uitschrijving)",
        description=BESCHRIJVING,
        request=s.InschrijvingWijzigen,
        responses={200: s.InschrijvingUit, **fouten(400, 403, 411, 413, 415)},
    )
    def patch(self, request, pk, inschrijving_pk):
        traject = _schrijfbaar(request, pk)
        rij = _rij(InschrijvingModel, traject, inschrijving_pk)
        gegevens = valideer(s.InschrijvingWijzigen, request)
        rij = services.inschrijving_wijzigen(actor=request.user, inschrijving=rij, gegevens=gegevens)
        return Response(s.InschrijvingUit(rij).data)


class Checkpoints(APIView):
    @extend_schema(
        summary="Een checkpoint van de schoolloopbaan vastleggen (1, 3, 6 of 12 maanden na uitstroom)",
        description=BESCHRIJVING + " De taak van het checkpoint wordt afgerond.",
        request=s.CheckpointIn,
        responses={201: s.CheckpointUit, **fouten(400, 403, 411, 413, 415)},
    )
    def post(self, request, pk):
        traject = _schrijfbaar(request, pk)
        gegevens = valideer(s.CheckpointIn, request)
        rij = services.checkpoint_vastleggen(actor=request.user, traject=traject, gegevens=gegevens)
        return Response(s.CheckpointUit(rij).data, status=status.HTTP_201_CREATED)


class Checkpoint(APIView):
    @extend_schema(
        summary="Een checkpoint corrigeren",
        description=BESCHRIJVING,
        request=s.CheckpointWijzigen,
        responses={200: s.CheckpointUit, **fouten(400, 403, 411, 413, 415)},
    )
    def patch(self, request, pk, checkpoint_pk):
        traject = _schrijfbaar(request, pk)
        rij = _rij(Schoolcheckpoint, traject, checkpoint_pk)
        gegevens = valideer(s.CheckpointWijzigen, request)
        rij = services.checkpoint_wijzigen(actor=request.user, checkpoint=rij, gegevens=gegevens)
        return Response(s.CheckpointUit(rij).data)
