"""The regio's organisations with their verbindingsofficier, and its netwerkkaart."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from netwerk import selectors as netwerk_selectors

from ..serializers import netwerk as s
from .basis import fouten

REGIO = OpenApiParameter("regio", OpenApiTypes.INT, description="Een andere regio (bv. die van terugkeer).")


def _regio(request):
    gevraagd = request.query_params.get("regio")
    regio_id = netwerk_selectors.getal(gevraagd)
    if gevraagd is not None and regio_id is None:
        raise ValidationError({"regio": [_("Geef het id van een regio.")]})
    regio = netwerk_selectors.netwerkkaart_regio(request.user, regio_id)
    if regio is None:
        raise Http404
    return regio


class Organisaties(APIView):
    @extend_schema(
        summary="De organisaties van de regio, met hun verbindingsofficier",
        parameters=[REGIO],
        responses={200: s.OrganisatieUit(many=True), **fouten(400, 403)},
    )
    def get(self, request):
        return Response(s.OrganisatieUit(netwerk_selectors.netwerkkaart(_regio(request)), many=True).data)


class Netwerkkaart(APIView):
    @extend_schema(
        summary="De contactpersonen van de netwerkkaart van de regio",
        parameters=[REGIO],
        responses={200: s.ContactUit(many=True), **fouten(400, 403)},
    )
    def get(self, request):
        organisaties = netwerk_selectors.netwerkkaart(_regio(request))
        return Response(s.ContactUit([c for o in organisaties for c in o.contactpersonen.all()], many=True).data)
