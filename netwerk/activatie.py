"""The one-time activation link with which a person chooses their own password.

A signed token (Django's password-reset token machinery with its own key salt), bound to the
user's id, password hash, last login, e-mail address and active state: choosing a password
changes the hash, so the link works once; sending a new link sets a new unusable password, so
older links die; after ``GELDIG`` it has expired. Nothing about the token is stored.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_encode

GELDIG = dt.timedelta(hours=72)

# Why a link is refused (the page says what to do next).
VERLOPEN = "verlopen"
ONGELDIG = "ongeldig"  # used already, replaced by a newer link, or not a link of ours


class ActivatieTokens(PasswordResetTokenGenerator):
    key_salt = "jji_traject.netwerk.activatie"

    def _make_hash_value(self, user, timestamp):
        return f"{super()._make_hash_value(user, timestamp)}{int(user.is_active)}"

    def weigering(self, user, token: str | None) -> str | None:
        """None for a valid link; else why it is refused (``VERLOPEN`` or ``ONGELDIG``). Only
        a correctly signed token can be called expired: a made-up one learns nothing."""
        if user is None or not token or not user.is_active or user.has_usable_password():
            return ONGELDIG
        try:
            ts_b36, _hash = token.split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return ONGELDIG
        if not any(
            constant_time_compare(self._make_token_with_timestamp(user, ts, geheim), token)
            for geheim in [self.secret, *self.secret_fallbacks]
        ):
            return ONGELDIG
        if self._num_seconds(self._now()) - ts > GELDIG.total_seconds():
            return VERLOPEN
        return None

    def check_token(self, user, token):
        return self.weigering(user, token) is None


tokens = ActivatieTokens()


def activatielink(user) -> str:
    """The path of a fresh activation link for this user (the site's address goes in front)."""
    return reverse(
        "netwerk:activeren",
        kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": tokens.make_token(user)},
    )


# The link with which a person who has a password but no second factor yet enrols one (a
# deployment that turned factors on after people had signed in without): password and mailbox
# together, never the password alone. Bound to the person's devices, so it dies once used.
FACTORLINK_GELDIG = dt.timedelta(hours=1)


class FactorTokens(PasswordResetTokenGenerator):
    key_salt = "jji_traject.netwerk.factorlink"

    def _make_hash_value(self, user, timestamp):
        from django_otp import devices_for_user

        apparaten = ",".join(sorted(d.persistent_id for d in devices_for_user(user, confirmed=True)))
        return f"{super()._make_hash_value(user, timestamp)}{int(user.is_active)}{apparaten}"

    def check_token(self, user, token):
        if not super().check_token(user, token):
            return False
        try:
            ts = base36_to_int(token.split("-")[0])
        except ValueError:
            return False
        return self._num_seconds(self._now()) - ts <= FACTORLINK_GELDIG.total_seconds()


factortokens = FactorTokens()


def factorlink(user) -> str:
    return reverse(
        "tweede_factor_link",
        kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": factortokens.make_token(user)},
    )
