"""The JSON endpoints of a passkey (WebAuthn): begin and complete enrolling one, begin and
complete signing in with one. They are django-otp-webauthn's views with this app's rules in
front (``netwerk.services.passkey``): the library's own URLs are not mounted, because its
registration would let someone who only knows the password enrol a passkey of their own.

The browser's side is ``static/js/passkey.js``. Every answer is JSON; an error carries a
``detail`` in Dutch for the person (never the library's technical text).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import JsonResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp_webauthn import exceptions
from django_otp_webauthn.views import (
    BeginCredentialAuthenticationView,
    BeginCredentialRegistrationView,
    CompleteCredentialAuthenticationView,
    CompleteCredentialRegistrationView,
)

from jji_traject import inloggen

from .services import passkey, tweefactor
from .views_tweefactor import NIEUWE_CODES


class Geweigerd(exceptions.OTPWebAuthnApiError):
    status_code = 403
    default_code = "geweigerd"


class Geblokkeerd(exceptions.OTPWebAuthnApiError):
    status_code = 429
    default_code = "geblokkeerd"


def _volgende(request, standaard: str) -> str:
    doel = request.GET.get(REDIRECT_FIELD_NAME) or ""
    if doel and url_has_allowed_host_and_scheme(
        doel, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return doel
    return standaard


class _Nederlands:
    """Errors in Dutch: this app's own refusals say why; the library's are one calm sentence."""

    fout = ""

    def handle_exception(self, exc):
        if isinstance(exc, Geweigerd | Geblokkeerd):
            return JsonResponse({"detail": str(exc), "code": exc.code}, status=exc.status_code)
        if isinstance(exc, exceptions.OTPWebAuthnApiError):
            return JsonResponse({"detail": str(self.fout), "code": exc.code}, status=exc.status_code)
        return super().handle_exception(exc)


class _Inschrijven(_Nederlands):
    fout = gettext_lazy("Het instellen van de passkey is niet gelukt. Probeer het opnieuw.")

    def initial(self, request, *args, **kwargs):
        # This app's rule before the library's (which would let a person without any factor
        # enrol one after the password alone): it says why, and a refusal is on record.
        self.check_can_register()
        super().initial(request, *args, **kwargs)

    def check_can_register(self):
        if not tweefactor.mag_inschrijven(self.request):
            passkey.inschrijven_geweigerd(self.request)
            raise Geweigerd(
                _(
                    "Een passkey instellen kan alleen als je het inloggen hebt afgerond met je tweede factor, "
                    "of met de link uit je e-mail."
                )
            )


class InstellenBeginnen(_Inschrijven, BeginCredentialRegistrationView):
    """The options for the browser to make a passkey (only where this session may enrol)."""


class InstellenVoltooien(_Inschrijven, CompleteCredentialRegistrationView):
    """The passkey the browser made, checked and stored; the first factor comes with backup
    codes, shown once on their page (where the answer's ``redirect_url`` leads)."""

    def post(self, *args, **kwargs):
        request = self.request
        state = self.get_state()
        _device, codes = passkey.passkey_registreren(request, state=state, data=request.data)
        messages.success(request, _("Je passkey is ingesteld."))
        volgende = _volgende(request, reverse("start") if tweefactor.aan() else reverse("tweede_factor_beheren"))
        if codes:
            request.session[NIEUWE_CODES] = codes
            volgende = f"{reverse('tweede_factor_reservecodes')}?{urlencode({REDIRECT_FIELD_NAME: volgende})}"
        return JsonResponse({"redirect_url": volgende})


class _Inloggen(_Nederlands):
    fout = gettext_lazy("Inloggen met je passkey is niet gelukt. Probeer het opnieuw, of vul een code uit je app in.")

    def check_can_authenticate(self):
        request = self.request
        if not passkey.mag_inloggen(request):
            raise Geweigerd(_("Inloggen met een passkey kan hier niet. Log opnieuw in met je wachtwoord."))
        blokkade = inloggen.blokkade_voor(request, request.user.get_username())
        if blokkade is not None:
            raise Geblokkeerd(inloggen.melding(blokkade))


class InloggenBeginnen(_Inloggen, BeginCredentialAuthenticationView):
    """The challenge for the person's passkeys (only after the password, never during a
    lockout)."""


class InloggenVoltooien(_Inloggen, CompleteCredentialAuthenticationView):
    """The browser's answer to the challenge: on success the second factor is done and the
    answer's ``redirect_url`` is the page asked for; a failure counts toward the lockout."""

    def post(self, *args, **kwargs):
        request = self.request
        try:
            state = self.get_state()
        except exceptions.InvalidState:
            state = None  # a failure all the same: counted below
        if passkey.passkey_controleren(request, state=state, data=request.data) is None:
            blokkade = inloggen.blokkade_voor(request, request.user.get_username())
            if blokkade is not None:
                raise Geblokkeerd(inloggen.melding(blokkade))
            raise exceptions.UnprocessableEntity(code="mislukt")
        return JsonResponse({"redirect_url": _volgende(request, reverse("start"))})
