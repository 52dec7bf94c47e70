"""What every view of the API shares: the documented error answers, reading a write's body and
a page of a list."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework.exceptions import ValidationError

from jji_traject import paginering
from netwerk import selectors as netwerk_selectors

from ..fouten import inhoud
from ..serializers.algemeen import Fout

FOUTEN = {
    400: OpenApiResponse(Fout, description="Onjuiste invoer"),
    401: OpenApiResponse(Fout, description="Niet aangemeld"),
    403: OpenApiResponse(Fout, description="Niet met jou gedeeld"),
    404: OpenApiResponse(Fout, description="Niet gevonden (of niet voor jou)"),
    411: OpenApiResponse(Fout, description="Content-Length ontbreekt"),
    413: OpenApiResponse(Fout, description="Te groot"),
    415: OpenApiResponse(Fout, description="Alleen JSON"),
    429: OpenApiResponse(Fout, description="Te veel verzoeken"),
}


def fouten(*codes):
    """The error answers of an operation for its schema: 401, 404 and 429 always."""
    return {code: FOUTEN[code] for code in (401, 404, 429, *codes)}


def valideer(serializer_klasse, request):
    serializer = serializer_klasse(data=inhoud(request))
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


PAGINA = OpenApiParameter("pagina", OpenApiTypes.INT, description="Paginanummer (vanaf 1).")


def pagina(request, queryset, serializer_klasse, per_pagina: int) -> dict:
    """A page without counting to the end (one row more tells whether there is a next one).
    A page number that is not one is a 400; a page beyond the end, a 404 (never silently
    the first page)."""
    nummer = netwerk_selectors.getal(request.query_params.get("pagina", "1"))
    if nummer is None or not 1 <= nummer <= paginering.MAX_PAGINA:
        raise ValidationError(
            {"pagina": [_("Een paginanummer van 1 tot en met %(max)s.") % {"max": paginering.MAX_PAGINA}]}
        )
    blad = paginering.pagina(queryset, nummer, per_pagina)
    if blad.number != nummer:
        raise Http404

    def link(nummer):
        parameters = request.query_params.copy()
        parameters["pagina"] = nummer
        return request.build_absolute_uri(f"{request.path}?{parameters.urlencode()}")

    return {
        "results": serializer_klasse(blad.object_list, many=True).data,
        "next": link(blad.number + 1) if blad.has_next() else None,
        "previous": link(blad.number - 1) if blad.has_previous() else None,
    }
