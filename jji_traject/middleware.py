"""Middleware of the project: no caching of private pages, the language, a request id, and
the limits of a session."""

import logging
import re
import time
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _


class GeenCacheMiddleware:
    """Mark every response for a logged-in user as not cacheable (private data)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            response.headers["Cache-Control"] += ", private"
        return response


class TaalMiddleware(LocaleMiddleware):
    """Dutch first: the language is Dutch unless the user chose another with the language
    switch (its cookie). A browser's Accept-Language does not decide it: the professionals
    using this app work in Dutch, whatever their browser is set to."""

    def process_request(self, request):
        taal = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if taal not in dict(settings.LANGUAGES):
            taal = settings.LANGUAGE_CODE
        translation.activate(taal)
        request.LANGUAGE_CODE = translation.get_language()


class VerzoekIdMiddleware:
    """Give every request an id (from a proxy's X-Request-ID when it is well-formed): the
    raadplegingen log records it, and the response carries it for tracing."""

    PATROON = re.compile(r"[A-Za-z0-9._-]{8,64}")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        gegeven = request.headers.get("X-Request-ID", "")
        request.verzoek_id = gegeven if self.PATROON.fullmatch(gegeven) else uuid.uuid4().hex
        response = self.get_response(request)
        response.headers["X-Request-ID"] = request.verzoek_id
        return response


BEGIN = "jji_sessie_begin"
LAATST = "jji_sessie_laatst"
# The last activity is written at most this often (not on every request: each write is a query).
BIJWERKEN_NA = 60


def sessie_begonnen(request) -> None:
    """Mark the start of a signed-in session (the absolute limit counts from here); the login
    view calls it, and the middleware when a session has no start yet."""
    nu = int(time.time())
    request.session[BEGIN] = nu
    request.session[LAATST] = nu


class SessieMiddleware:
    """The limits of a session: signed out after ``SESSIE_INACTIEF_MINUTEN`` without a request,
    and ``SESSIE_MAX_UREN`` after signing in. A page then sends the person to the login page
    with a message and ``?next=`` the page they were on, so they come back to it; an htmx
    request gets ``HX-Redirect`` (the browser loads the login page, not a fragment of it); an
    API request simply goes on without a user (the API answers 401). A request with an API
    token has no session user here and is not touched."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            verlopen = self._verlopen(request)
            if verlopen:
                return self._uitloggen(request, verlopen)
        return self.get_response(request)

    def _verlopen(self, request) -> str:
        sessie = request.session
        nu = int(time.time())
        begin, laatst = sessie.get(BEGIN), sessie.get(LAATST)
        if not isinstance(begin, int) or not isinstance(laatst, int):
            sessie_begonnen(request)
            return ""
        if nu - begin >= settings.SESSIE_MAX_UREN * 3600:
            return "max"
        if nu - laatst >= settings.SESSIE_INACTIEF_MINUTEN * 60:
            return "inactief"
        if nu - laatst >= BIJWERKEN_NA:
            sessie[LAATST] = nu
        return ""

    def _uitloggen(self, request, reden: str):
        terug = self._terug(request)
        logout(request)
        if request.path.startswith("/api/"):
            return self.get_response(request)  # on without a user: the API answers 401
        if reden == "inactief":
            tekst = _(
                "Je bent uitgelogd omdat je %(minuten)s minuten niets hebt gedaan. Log opnieuw in om verder te gaan "
                "waar je was."
            ) % {"minuten": settings.SESSIE_INACTIEF_MINUTEN}
        else:
            tekst = _("Je bent uitgelogd omdat je %(uren)s uur geleden bent ingelogd. Log opnieuw in.") % {
                "uren": settings.SESSIE_MAX_UREN
            }
        messages.info(request, tekst)
        antwoord = redirect_to_login(terug) if terug else redirect(settings.LOGIN_URL)
        if request.headers.get("HX-Request") == "true":
            htmx = HttpResponse(status=200)
            htmx["HX-Redirect"] = antwoord["Location"]
            return htmx
        return antwoord

    def _terug(self, request) -> str:
        """The page the person was on: this page for a GET, the page the form or the htmx
        request came from otherwise (a POST-only address would answer 405 after login)."""
        if request.method == "GET" and not request.headers.get("HX-Request"):
            return request.get_full_path()
        herkomst = request.headers.get("HX-Current-URL") or request.headers.get("Referer") or ""
        if herkomst and url_has_allowed_host_and_scheme(
            herkomst, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            deel = urlsplit(herkomst)
            return deel.path + (f"?{deel.query}" if deel.query else "")
        return ""


PERIODEN = {"s": 1, "sec": 1, "min": 60, "m": 60, "h": 3600, "uur": 3600}


def limiet(tekst: str) -> tuple[int, int]:
    """``"600/min"`` → (600, 60): so many requests per so many seconds."""
    aantal, _schuin, periode = str(tekst).partition("/")
    return int(aantal), PERIODEN[periode.strip().lower()]


class PaginaLimietMiddleware:
    """So many pages per person per period (``PAGINA_LIMIET``, like the API's ``API_LIMIET``)
    on the shared cache, so every web container counts together: beyond it a clear 429 page
    with Retry-After. The API (its own limit per token) and static files are not counted. With
    the cache away the limit fails open, with a line in the log (the policy decides access
    either way; this limit is against floods, not a door)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith(("/api/", "/static/")):
            wacht = self._te_veel(user)
            if wacht:
                antwoord = render(request, "429.html", {"titel": _("Even rustig aan"), "seconden": wacht}, status=429)
                antwoord["Retry-After"] = str(wacht)
                return antwoord
        return self.get_response(request)

    def _te_veel(self, user) -> int:
        """Seconds to wait when the person is over the limit, else 0."""
        aantal, periode = limiet(settings.PAGINA_LIMIET)
        nu = int(time.time())
        venster = nu // periode
        sleutel = f"pagina:{user.pk}:{venster}"
        try:
            cache.add(sleutel, 0, timeout=periode + 5)
            gedaan = cache.incr(sleutel)
        except Exception as fout:  # noqa: BLE001 - the cache is away: fail open
            logging.getLogger(__name__).warning("pagina_limiet_open cache=%s", type(fout).__name__)
            return 0
        if gedaan <= aantal:
            return 0
        if gedaan == aantal + 1:
            logging.getLogger(__name__).warning("pagina_limiet gebruiker=%s limiet=%s", user.pk, settings.PAGINA_LIMIET)
        return (venster + 1) * periode - nu
