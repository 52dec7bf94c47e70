"""A person signed in with a password only reaches the step of the second factor.

With ``TWEE_FACTOR=verplicht`` every signed-in person (not a system account) must complete the
second factor (``netwerk.services.tweefactor``) before any other page: a page sends them to
the step (with ``?next=`` the page they asked for), an htmx request gets ``HX-Redirect``, and
an API call with the session cookie gets a JSON refusal (a call with an API token is not a
session and is not touched). Only the pages of the step itself, signing out, the language and
the health check stay open.
"""

from __future__ import annotations

from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .services import tweefactor

OPEN = frozenset(
    {
        "tweede_factor",
        "tweede_factor_instellen",
        "tweede_factor_link",
        "tweede_factor_reservecodes",
        "logout",
        "set_language",
        "gezondheid",
        "netwerk:activeren",
        # Switching to single sign-on halfway: its own return decides about the second factor.
        "sso_begin",
        "sso_terug",
        # A passkey's JSON endpoints (netwerk.views_passkey): each checks its own rule
        # (enrolling only where tweefactor.mag_inschrijven holds).
        "passkey_inloggen_begin",
        "passkey_inloggen_voltooien",
        "passkey_instellen_begin",
        "passkey_instellen_voltooien",
    }
)
# No namespace is open: django-otp-webauthn's own URLs are not mounted (its registration
# would accept a password alone).


def is_open(request) -> bool:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return match.view_name in OPEN


class TweeFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and tweefactor.vereist(user)
            and not tweefactor.voltooid(request)
            and not is_open(request)
        ):
            return self._naar_stap(request)
        return self.get_response(request)

    def _naar_stap(self, request):
        if request.path.startswith("/api/v"):  # the API's operations (the documentation is a page)
            if request.headers.get("Authorization"):
                return self.get_response(request)  # a token: the API decides, not the session
            return JsonResponse(
                {
                    "code": "tweede_factor_nodig",
                    "message": _(
                        "Je bent ingelogd met alleen je wachtwoord. Rond het inloggen af met je tweede factor "
                        "voordat je de API met deze sessie gebruikt."
                    ),
                    "fields": {},
                },
                status=403,
            )
        stap = "tweede_factor" if tweefactor.heeft_factor(request.user) else "tweede_factor_instellen"
        doel = reverse(stap)
        terug = request.get_full_path() if request.method == "GET" else ""
        if terug and terug != "/":
            doel += "?" + urlencode({REDIRECT_FIELD_NAME: terug})
        if request.headers.get("HX-Request") == "true":
            antwoord = HttpResponse(status=200)
            antwoord["HX-Redirect"] = doel
            return antwoord
        return redirect(doel)
