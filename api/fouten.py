"""Errors of the API in one stable JSON shape, never a stack trace:

    {"code": "invalid", "message": "…", "fields": {"veld": ["…"]}}

Also the body-size limit (413) and the throttle per token on the shared cache."""

from __future__ import annotations

import io
import logging
import re

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, status
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import exception_handler

logger = logging.getLogger(__name__)


class TeGroot(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = gettext_lazy("Het verzoek is te groot.")
    default_code = "too_large"


class NietGedeeld(exceptions.APIException):
    """The traject is visible, this part or resource is not (for this reader)."""

    status_code = status.HTTP_403_FORBIDDEN
    default_detail = gettext_lazy("Dit is niet met jou gedeeld.")
    default_code = "not_shared"


# No body of this API nests deeper than a few levels. Python's json has no depth limit of its
# own: 10,000 nested brackets end in a RecursionError (a 500), so depth is counted first.
MAX_DIEPTE = 20
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')  # a JSON string: its brackets do not count (linear)
_GEEN_HAAK = re.compile(rb"[^\[\]{}]+")
_OPEN = frozenset(b"[{")


def te_diep(inhoud: bytes, grens: int = MAX_DIEPTE) -> bool:
    """Whether arrays and objects in this JSON nest deeper than ``grens``."""
    if inhoud.count(b"[") + inhoud.count(b"{") <= grens:
        return False  # too few brackets to be too deep: the usual body is not scanned
    diepte = 0
    for haak in _GEEN_HAAK.sub(b"", _STRING.sub(b"", inhoud)):
        diepte += 1 if haak in _OPEN else -1
        if diepte > grens:
            return True
    return False


class BegrensdeJSONParser(JSONParser):
    """JSON only, and never more than DATA_UPLOAD_MAX_MEMORY_SIZE bytes, whatever the
    Content-Length says (a body without one is refused before parsing: :func:`inhoud`), nor
    nested deeper than ``MAX_DIEPTE`` (a 400, before ``json`` could recurse)."""

    def parse(self, stream, media_type=None, parser_context=None):
        grens = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        request = (parser_context or {}).get("request")
        lengte = request.META.get("CONTENT_LENGTH") if request is not None else None
        if lengte and str(lengte).isdigit() and int(lengte) > grens:
            raise TeGroot(_("Het verzoek is groter dan %(grens)s bytes.") % {"grens": grens})
        inhoud = stream.read(grens + 1) if stream is not None else b""
        if len(inhoud) > grens:
            raise TeGroot(_("Het verzoek is groter dan %(grens)s bytes.") % {"grens": grens})
        if te_diep(inhoud):
            raise exceptions.ParseError(
                _("De JSON is te diep genest (meer dan %(grens)s niveaus).") % {"grens": MAX_DIEPTE}
            )
        return super().parse(io.BytesIO(inhoud), media_type, parser_context)


class LengteNodig(exceptions.APIException):
    status_code = status.HTTP_411_LENGTH_REQUIRED
    default_detail = gettext_lazy("Stuur de inhoud met een Content-Length (niet in delen).")
    default_code = "length_required"


def inhoud(request):
    """The JSON body of a write. A body without Content-Length (chunked) never reaches Django
    and an empty one would save every field as empty: both are refused, not read as ``{}``."""
    lengte = request.META.get("CONTENT_LENGTH")
    if not lengte:
        if request.META.get("HTTP_TRANSFER_ENCODING"):
            raise LengteNodig()
        raise exceptions.ValidationError([_("Het verzoek heeft geen inhoud: stuur JSON.")])
    if lengte == "0":
        raise exceptions.ValidationError([_("Het verzoek heeft geen inhoud: stuur JSON.")])
    return request.data


class PerToken(SimpleRateThrottle):
    """So many requests per token (a session: per person) on the shared cache (Redis in
    production, so every web container counts together)."""

    scope = "token"

    def get_rate(self):
        return settings.API_LIMIET

    def get_cache_key(self, request, view):
        sleutel = getattr(request.auth, "token_key", None)
        if sleutel:
            return f"api:token:{sleutel}"
        if request.user and request.user.is_authenticated:
            return f"api:user:{request.user.pk}"
        return f"api:ip:{self.get_ident(request)}"

    def allow_request(self, request, view):
        """With the shared cache away (Redis down) the API keeps working: the throttle fails
        open, with a warning in the log for every refused count (the API's data is behind the
        policy either way; the limit is against overload, not a door)."""
        try:
            return super().allow_request(request, view)
        except Exception as fout:  # noqa: BLE001 - any cache failure
            logger.warning("api_limiet_open cache=%s", type(fout).__name__)
            return True


def _velden(detail, voorvoegsel: str = "") -> dict[str, list[str]]:
    """Field errors as ``{"veld": ["…"]}`` (nested fields as ``veld.sub``)."""
    velden: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        for sleutel, waarde in detail.items():
            naam = f"{voorvoegsel}{sleutel}"
            if isinstance(waarde, dict):
                velden.update(_velden(waarde, f"{naam}."))
            elif isinstance(waarde, list) and waarde and isinstance(waarde[0], dict):
                for i, onder in enumerate(waarde):
                    velden.update(_velden(onder, f"{naam}.{i}."))
            else:
                velden[naam] = [str(m) for m in (waarde if isinstance(waarde, list) else [waarde])]
    return velden


def _antwoord(code: str, bericht: str, status_code: int, velden: dict | None = None, headers=None) -> Response:
    return Response({"code": code, "message": bericht, "fields": velden or {}}, status=status_code, headers=headers)


def uitzondering(exc, context):
    """DRF's exception handler, in the one shape; a service's Django ValidationError is a 400
    with its field errors; anything unexpected is a 500 without detail (logged, no content)."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Niet gevonden."))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.NotFound(_("Niet gevonden."))  # a form one may not use does not exist for them
    elif isinstance(exc, RequestDataTooBig):
        exc = TeGroot()
    elif isinstance(exc, SuspiciousOperation):  # e.g. too many query parameters
        return _antwoord("invalid", _("Dit verzoek kan niet worden verwerkt."), 400)
    elif isinstance(exc, DjangoValidationError):
        velden = {k: [str(m) for m in v] for k, v in exc.message_dict.items()} if hasattr(exc, "error_dict") else {}
        algemeen = velden.pop("__all__", None) or ([] if velden else [str(m) for m in exc.messages])
        return _antwoord("invalid", " ".join(algemeen) or _("Controleer de velden."), 400, velden)
    antwoord = exception_handler(exc, context)
    if antwoord is None:
        logger.error("Onverwachte API-fout: %s", type(exc).__name__, exc_info=exc)
        return _antwoord("server_error", _("Er ging iets mis. Probeer het later opnieuw."), 500)
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail
        velden = _velden(detail) if isinstance(detail, dict) else {}
        algemeen = velden.pop("non_field_errors", None) or (
            [str(m) for m in detail] if isinstance(detail, list) else []
        )
        return _antwoord("invalid", " ".join(algemeen) or _("Controleer de velden."), 400, velden)
    code = exc.get_codes() if hasattr(exc, "get_codes") else "error"
    code = code if isinstance(code, str) else getattr(exc, "default_code", "error")
    bericht = exc.detail if isinstance(getattr(exc, "detail", None), str) else str(getattr(exc, "detail", exc))
    headers = {k: v for k, v in antwoord.items() if k in ("Retry-After", "WWW-Authenticate", "Allow")}
    return _antwoord(code, str(bericht), antwoord.status_code, headers=headers)


def json_404(request, exception=None):
    """Django's 404 for an API URL (a path that matches no operation): JSON too."""
    return JsonResponse({"code": "not_found", "message": _("Niet gevonden."), "fields": {}}, status=404)


def json_500(request):
    return JsonResponse(
        {"code": "server_error", "message": _("Er ging iets mis. Probeer het later opnieuw."), "fields": {}}, status=500
    )
