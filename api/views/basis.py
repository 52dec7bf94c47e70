"""What every view of the API shares: the documented error answers and reading a write's body."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse

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
