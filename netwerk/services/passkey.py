"""A passkey or security key (WebAuthn, django-otp-webauthn) as the second factor: who may start
a ceremony, and what happens after one. The general rules are in :mod:`.tweefactor`.

- **Enrolling** a passkey follows the rule of every factor (``tweefactor.mag_inschrijven``):
  never with a password alone. The library's own check lets a person without any factor
  register one after the password only; the views of ``netwerk.views_passkey`` ask this module
  first, and the library's URLs are not mounted.
- **Signing in** with a passkey is the step after the password only (no passwordless login):
  for a signed-in person who still has to complete the second factor. It is throttled like a
  code: during a lockout no passkey is checked, and a failure counts toward the lockout.
- A passkey gets a human name: "Passkey" and the day it was added.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django_otp_webauthn.exceptions import OTPWebAuthnApiError, UnprocessableEntity
from django_otp_webauthn.models import WebAuthnCredential
from django_otp_webauthn.utils import rewrite_exceptions
from webauthn.helpers.exceptions import WebAuthnException

from jji_traject import beveiliging, inloggen
from jji_traject.forms import is_systeemaccount

from . import tweefactor

SOORT = "webauthn"  # the device field of the security log

# Whatever a client sends may be wrong in many ways; none of them is a 500, each is a failure
# (on the security log with the library's code as reason; no traceback on the error log).
FOUTEN = (OTPWebAuthnApiError, WebAuthnException, ValueError, TypeError, KeyError)


def heeft_passkey(user) -> bool:
    return user.is_authenticated and WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()


def mag_inloggen(request) -> bool:
    """Whether this session may sign in with a passkey now: a person signed in with their
    password who still has to complete the second factor and has a passkey (never a system
    account, never someone not signed in: a passkey is not a way in by itself)."""
    user = request.user
    return (
        user.is_authenticated
        and not is_systeemaccount(user)
        and tweefactor.vereist(user)
        and not tweefactor.voltooid(request)
        and heeft_passkey(user)
    )


def inschrijven_geweigerd(request) -> None:
    """A try to enrol a passkey where this session may not (a password alone): on record."""
    user = request.user
    beveiliging.vastleggen(
        "otp_enrol_refused",
        request=request,
        username=user.get_username() if user.is_authenticated else None,
        user_id=user.pk,
        device=SOORT,
    )


def naam_kiezen(user) -> str:
    """A human name: "Passkey (3 maart 2026)", numbered when that name is taken."""
    datum = formats.date_format(timezone.localdate(), "j F Y")
    basis = _("Passkey (%(datum)s)") % {"datum": datum}
    namen = set(WebAuthnCredential.objects.filter(user=user).values_list("name", flat=True))
    naam, nummer = basis, 1
    while naam in namen:
        nummer += 1
        naam = f"{basis} {nummer}"
    return naam[:64]


@transaction.atomic
def passkey_registreren(request, *, state: dict, data) -> tuple[WebAuthnCredential, list[str]]:
    """Complete the enrolment of a passkey the browser made (``state`` from the start of the
    ceremony). Only call where ``tweefactor.mag_inschrijven`` holds. The session counts as
    verified with it, other sessions end, it is on record (``tweefactor.factor_ingesteld``).
    Returns the device and fresh backup codes when it is the person's first factor (to show
    once), else an empty list. Raises the library's ``OTPWebAuthnApiError`` for a response
    that does not verify."""
    user = request.user
    eerste = not tweefactor.heeft_factor(user)
    naam = naam_kiezen(user)
    helper = WebAuthnCredential.get_webauthn_helper(request=request)
    try:
        with rewrite_exceptions(logger=None):
            device = helper.register_complete(user=user, state=state, data=data)
    except FOUTEN as fout:
        beveiliging.vastleggen(
            "otp_failure",
            request=request,
            username=user.get_username(),
            user_id=user.pk,
            device=SOORT,
            reason="inschrijven",
        )
        if isinstance(fout, OTPWebAuthnApiError):
            raise
        raise UnprocessableEntity(code="ongeldig") from fout
    device.name = naam
    device.save(update_fields=["name"])
    codes = tweefactor.reservecodes_maken(user) if eerste or not tweefactor.reservecodes_over(user) else []
    tweefactor.factor_ingesteld(request, device, soort=SOORT)
    return device, codes


def passkey_controleren(request, *, state: dict | None, data) -> WebAuthnCredential | None:
    """The step after the password with a passkey: check the browser's answer to the challenge
    in ``state`` (``None`` when the session has none) for the signed-in person. On success
    the session completed the second factor (``tweefactor.geverifieerd``); on failure it
    counts toward the lockout like a wrong code, and ``None`` is returned. Check
    ``inloggen.blokkade_voor`` first."""
    user = request.user
    helper = WebAuthnCredential.get_webauthn_helper(request=request)
    reden = "ongeldig"
    device = None
    try:
        if state is None:
            reden = "geen_uitdaging"
        else:
            with rewrite_exceptions(logger=None):
                device = helper.authenticate_complete(user=user, state=state, data=data)
            if not device.confirmed or device.user_id != user.pk:
                reden, device = "niet_bruikbaar", None
    except FOUTEN as fout:
        reden = getattr(fout, "code", reden)
    if device is None:
        inloggen.mislukte_poging_vastleggen(request, user.get_username())
        beveiliging.vastleggen(
            "otp_failure", request=request, username=user.get_username(), user_id=user.pk, device=SOORT, reason=reden
        )
        return None
    tweefactor.geverifieerd(request, device)
    return device
