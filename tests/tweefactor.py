"""Signing in with the second factor in tests (``make test`` runs with TWEE_FACTOR=verplicht,
the production default).

Tests that are not about the entrance sign in with ``client.force_login(user)``; the conftest
makes that complete the second factor too, with the person's own TOTP device (the demo secret
for demo users, a fresh device for people a test made), as the step after the password would.
Tests about the entrance post the real forms and compute codes with pyotp (:func:`code`).
"""

from __future__ import annotations

import pyotp
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

_force_login = Client.force_login


def apparaat(user):
    """The person's confirmed app device (made when a test's person has none)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=True)


def code(device) -> str:
    """The code the app shows now."""
    totp = pyotp.TOTP(base64_sleutel(device), interval=device.step, digits=device.digits)
    return totp.now()


def base64_sleutel(device) -> str:
    from base64 import b32encode

    return b32encode(device.bin_key).decode("ascii")


def voltooien(client: Client, user) -> None:
    """Mark the client's session as having completed the second factor with the person's
    device (as ``django_otp.login`` does after a right code)."""
    sessie = client.session
    if sessie.get(SESSION_KEY) != str(user.pk):
        return
    sessie[DEVICE_ID_SESSION_KEY] = apparaat(user).persistent_id
    sessie.save()


def force_login_met_tweede_factor(self, user, backend=None):
    _force_login(self, user, backend)
    if settings.TWEE_FACTOR == "verplicht" and getattr(user, "is_active", False):
        voltooien(self, user)


def zonder_tweede_factor(client: Client, user) -> Client:
    """Sign in with the password step only (for tests of the step itself)."""
    _force_login(client, user)
    return client


def code_nu(user) -> str:
    """A code the person's app shows now, usable now: a device accepts each 30-second code
    once, and a test signs in many times a minute, so the device forgets its last used code."""
    device = apparaat(user)
    type(device).objects.filter(pk=device.pk).update(last_t=-1)
    device.refresh_from_db()
    return code(device)


def inloggen(client: Client, naam: str, wachtwoord: str, *, volgende: str = ""):
    """Sign in through the real pages: the login form, then the code from the person's app.
    Returns the answer of the second step (a redirect when it worked)."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    antwoord = client.post(reverse("login"), {"username": naam, "password": wachtwoord, "next": volgende})
    if antwoord.status_code != 302 or settings.TWEE_FACTOR != "verplicht":
        return antwoord
    user = get_user_model().objects.get(username=naam)
    return client.post(reverse("tweede_factor"), {"code": code_nu(user), "next": volgende})
