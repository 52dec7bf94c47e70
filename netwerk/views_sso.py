"""The two pages of single sign-on (``netwerk.sso``): off to the provider, and back.

Both answer 404 while single sign-on is off. Every refusal ends on the login page with one
message, whatever went wrong; the reason is on the security log.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import auth, messages
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from jji_traject import inloggen
from jji_traject.middleware import sessie_begonnen

from . import sso


def _weigeren(request, reden: str, melding: str | None = None):
    sso.mislukt(request, reden)
    messages.error(
        request,
        melding
        or _(
            "Inloggen via %(naam)s is niet gelukt. Log in met je gebruikersnaam en wachtwoord, of vraag de "
            "beheerder van je organisatie om hulp."
        )
        % {"naam": sso.naam()},
    )
    return redirect(settings.LOGIN_URL)


class SsoBeginView(OIDCAuthenticationRequestView):
    """Off to the provider, with a state, a nonce and a PKCE challenge kept in this session."""

    def __init__(self, **kwargs):
        # Not mozilla's __init__: it reads the authorization endpoint from settings; it comes
        # from the provider's discovery document instead (netwerk.sso.configuratie).
        View.__init__(self, **kwargs)
        self.OIDC_RP_CLIENT_ID = settings.SSO_CLIENT_ID

    def get(self, request):
        if not sso.aan():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = sso.configuratie()["authorization_endpoint"]
        except sso.Geweigerd as fout:
            return _weigeren(
                request,
                fout.reden,
                _(
                    "Inloggen via %(naam)s lukt nu niet. Probeer het later opnieuw, of log in met je "
                    "gebruikersnaam en wachtwoord."
                )
                % {"naam": sso.naam()},
            )
        return super().get(request)


class SsoTerugView(OIDCAuthenticationCallbackView):
    """Back from the provider: the code is exchanged and the ID token checked (the backend,
    ``netwerk.sso.SsoBackend``); signed in, or back to the login page."""

    def get(self, request):
        if not sso.aan():
            raise Http404
        try:
            return super().get(request)
        except SuspiciousOperation:
            # A state this session never sent (mozilla-django-oidc raises for it).
            request.sso_reden = "unknown_state"
            return self.login_failure()

    def login_failure(self):
        request = self.request
        reden = getattr(request, "sso_reden", None)
        if reden is None:
            if request.GET.get("error"):
                reden = "provider_error"  # the person cancelled, or the provider refused them
            elif not (request.GET.get("code") and request.GET.get("state")):
                reden = "incomplete_callback"
            elif getattr(request, "axes_locked_out", False):
                reden = "locked_out"
            elif "oidc_states" not in request.session:
                reden = "unknown_state"
            else:
                reden = "refused"
        if reden == "locked_out":
            return _weigeren(request, reden, inloggen.melding(None))
        return _weigeren(request, reden)

    def login_success(self):
        # Always a new session (a new key), also for a person who was half signed in.
        auth.login(self.request, self.user)
        sessie_begonnen(self.request)
        sso.aangemeld(self.request, self.user)
        return HttpResponseRedirect(self.success_url)
