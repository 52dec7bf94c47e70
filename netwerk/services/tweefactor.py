"""The second factor (django-otp): an authenticator app (TOTP) with one-time backup codes, and
WebAuthn (a passkey or security key, django-otp-webauthn).

Who must complete it: every person who signs in with a password, when ``TWEE_FACTOR`` is
``verplicht`` (the production default). That covers everyone who can read youth data and the
beheerders; a system account signs in with an API token only and is not affected.

Where a factor is enrolled: only where a second proof of the person is at hand, never with a
password alone (whoever guessed it would then enrol their own phone):

- on the activation page of an approved account (the link went to the approved address);
- after a factor reset, which goes through four eyes and ends in a new activation link;
- for a person who signed in with a password before factors were required and has none: with
  a one-time link to their own address (:mod:`netwerk.activatie` ``factorlink``);
- by a person who completed their second factor, for another device.

Single sign-on counts as the second factor when the provider says it did one (``SESSIE_EXTERN``,
written by :mod:`netwerk.sso`).
"""

from __future__ import annotations

import logging
from importlib import import_module

import segno
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from jji_traject import beveiliging, inloggen, uitbox
from jji_traject.forms import is_systeemaccount

from .. import activatie
from ..constants import GebeurtenisSoort
from ..models import Medewerker
from .accountlog import gebeurtenis_vastleggen
from .ingang import persoon_mailen

log = logging.getLogger(__name__)
User = get_user_model()

# Single sign-on that did a second factor at the provider: {"user": pk, "bron": "sso"}.
SESSIE_EXTERN = "jji_tweede_factor_extern"
# This session may enrol a first factor for this user (pk): set by the activation page and the
# factor link, never by the password alone.
SESSIE_INSCHRIJVEN = "jji_factor_inschrijven"

APP_NAAM = "Authenticator-app"
RESERVE_NAAM = "Reservecodes"


def aan() -> bool:
    return settings.TWEE_FACTOR == "verplicht"


def vereist(user) -> bool:
    """Whether this signed-in user must complete a second factor before anything else."""
    return aan() and user.is_authenticated and not is_systeemaccount(user)


def voltooid(request) -> bool:
    """Whether this session completed the second factor (a device of django-otp, or single
    sign-on whose provider did one)."""
    user = request.user
    if not user.is_authenticated:
        return False
    if getattr(user, "is_verified", None) and user.is_verified():
        return True
    extern = request.session.get(SESSIE_EXTERN)
    return isinstance(extern, dict) and extern.get("user") == user.pk


def heeft_factor(user) -> bool:
    """Whether the user has a confirmed factor of their own (backup codes alone are not one:
    they come with an app and are for when it is out of reach)."""
    return any(not isinstance(device, StaticDevice) for device in devices_for_user(user, confirmed=True))


def mag_inschrijven(request) -> bool:
    """Whether this session may enrol a factor now: right after activation or a factor link,
    or once the second factor is done (another device); with factors off, anyone signed in."""
    user = request.user
    if not user.is_authenticated or is_systeemaccount(user):
        return False
    return not aan() or voltooid(request) or request.session.get(SESSIE_INSCHRIJVEN) == user.pk


def factoren(user) -> list:
    """The person's confirmed devices, oldest first (for the account page)."""
    return sorted(devices_for_user(user, confirmed=True), key=lambda d: (d.created_at or timezone.now(), d.pk))


def reservecodes_over(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def na_activatie(request, user) -> str:
    """Where a person goes once they chose their password on the activation page (signed in by
    then): the enrolment of the second factor, which this session may do (the link went to the
    approved address), before any page with youth data. With factors off it can wait."""
    if not aan():
        return reverse("start")
    request.session[SESSIE_INSCHRIJVEN] = user.pk
    return reverse("tweede_factor_instellen")


def factorlink_gebruiken(request, uidb64: str, token: str) -> bool:
    """The factor link, opened in the session of the person it was sent to: this session may
    enrol a first factor now. False for a link that is not (or no longer) valid for them."""
    from django.utils.http import urlsafe_base64_decode

    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
    except (ValueError, TypeError, UnicodeDecodeError):
        pk = None
    user = request.user
    if pk != user.pk or heeft_factor(user) or not activatie.factortokens.check_token(user, token):
        beveiliging.vastleggen("otp_link_refused", request=request, username=user.get_username(), user_id=user.pk)
        return False
    request.session[SESSIE_INSCHRIJVEN] = user.pk
    return True


# Enrolment of an authenticator app.


def totp_beginnen(user) -> TOTPDevice:
    """A new, unconfirmed app device (an earlier unconfirmed one is dropped: its QR code was
    shown but never answered)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=APP_NAAM, confirmed=False)


def totp_in_wording(user, device_id) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False, pk=device_id).first()


def qr_svg(device: TOTPDevice) -> str:
    """The QR code of the app's setup as inline SVG (no ``style`` attribute, no ``data:`` URI:
    it passes the Content-Security-Policy), drawn on the server."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, border=2, dark="#000", light="#fff")


def geheim_tekst(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an app that cannot scan."""
    from base64 import b32encode

    tekst = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(tekst[i : i + 4] for i in range(0, len(tekst), 4))


def normaliseren(code: str) -> str:
    return "".join((code or "").split()).replace("-", "").lower()[:64]


@transaction.atomic
def totp_bevestigen(request, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm an app with a code it shows. Returns fresh backup codes (to show once) when this
    is the person's first factor, an empty list for a further one, ``None`` for a wrong code
    (counted toward the lockout like a wrong password)."""
    user = request.user
    if not device.verify_token(normaliseren(code)):
        inloggen.mislukte_poging_vastleggen(request, user.get_username())
        beveiliging.vastleggen(
            "otp_failure", request=request, username=user.get_username(), user_id=user.pk, reason="inschrijven"
        )
        return None
    eerste = not heeft_factor(user)
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = reservecodes_maken(user) if eerste or not reservecodes_over(user) else []
    factor_ingesteld(request, device, soort="totp")
    return codes


def factor_ingesteld(request, device, *, soort: str) -> None:
    """After a factor was enrolled (an app here, a passkey through django-otp-webauthn): this
    session counts as verified with it, the enrolment permission is used up, every other
    session of the person ends, and it is on record."""
    user = request.user
    otp_login(request, device)
    request.session.pop(SESSIE_INSCHRIJVEN, None)
    andere_sessies_beeindigen(user, request.session.session_key)
    factor_vastleggen(
        user=user, request=request, omschrijving=_("Tweede factor ingesteld: %(naam)s.") % {"naam": device.name}
    )
    beveiliging.vastleggen("otp_enrolled", request=request, username=user.get_username(), user_id=user.pk, device=soort)


def reservecodes_maken(user) -> list[str]:
    """Ten new one-time backup codes; the old ones stop working. Stored as Django-otp keeps
    them; shown to the person once."""
    device, _nieuw = StaticDevice.objects.get_or_create(user=user, name=RESERVE_NAAM, defaults={"confirmed": True})
    if not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.RESERVECODES_AANTAL)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def reservecodes_vernieuwen(request) -> list[str]:
    """The person makes ten new backup codes (the old ones stop working); on record."""
    user = request.user
    codes = reservecodes_maken(user)
    factor_vastleggen(
        user=user, request=request, omschrijving=_("Nieuwe reservecodes gemaakt."), soort=GebeurtenisSoort.RESERVECODES
    )
    beveiliging.vastleggen("otp_backup_codes", request=request, username=user.get_username(), user_id=user.pk)
    return codes


def code_tekst(code: str) -> str:
    """A backup code as shown: ``abcd-efgh``."""
    return f"{code[:4]}-{code[4:]}"


# Verification at sign-in.


def controleren(request, code: str):
    """Check a code from the app or a backup code for the signed-in user. On success the
    session is verified with that device (a backup code is used up); a wrong code is counted
    toward the lockout like a wrong password. Returns the device, or ``None``."""
    user = request.user
    code = normaliseren(code)
    if code:
        for device in devices_for_user(user, confirmed=True):
            if (
                isinstance(device, TOTPDevice | StaticDevice)
                and device.verify_is_allowed()[0]
                and device.verify_token(code)
            ):
                geverifieerd(request, device)
                return device
    inloggen.mislukte_poging_vastleggen(request, user.get_username())
    beveiliging.vastleggen("otp_failure", request=request, username=user.get_username(), user_id=user.pk)
    return None


def geverifieerd(request, device) -> None:
    """The session completed the second factor with ``device`` (also called after a passkey)."""
    user = request.user
    otp_login(request, device)
    inloggen.pogingen_vergeten(gebruikersnaam=user.get_username(), ip_adres=inloggen.client_ip(request))
    soort = "reservecode" if isinstance(device, StaticDevice) else device.__class__.__name__.lower()
    beveiliging.vastleggen("otp_success", request=request, username=user.get_username(), user_id=user.pk, device=soort)


# Removing a factor, and what it ends.


@transaction.atomic
def factor_verwijderen(request, device) -> bool:
    """The person removes one of their own devices, never the last one while factors are
    required (a lost device goes through four eyes instead). Other sessions end."""
    user = request.user
    if device.user_id != user.pk or isinstance(device, StaticDevice):
        return False
    if aan() and sum(1 for d in factoren(user) if not isinstance(d, StaticDevice)) <= 1:
        return False
    naam = device.name
    device.delete()
    if request.session.get(DEVICE_ID_SESSION_KEY) == device.persistent_id:
        otp_login(request, next(d for d in factoren(user) if not isinstance(d, StaticDevice)))
    andere_sessies_beeindigen(user, request.session.session_key)
    factor_vastleggen(
        user=user,
        request=request,
        omschrijving=_("Tweede factor verwijderd: %(naam)s.") % {"naam": naam},
        soort=GebeurtenisSoort.FACTOR_VERWIJDERD,
    )
    beveiliging.vastleggen("otp_removed", request=request, username=user.get_username(), user_id=user.pk)
    return True


def alles_wissen(user) -> int:
    """Every factor of the person is removed (an approved reset: the person activates the
    account again with a new link). Returns the number of devices removed."""
    aantal = 0
    for device in devices_for_user(user, confirmed=None):
        device.delete()
        aantal += 1
    andere_sessies_beeindigen(user, None)
    return aantal


def andere_sessies_beeindigen(user, behalve: str | None) -> int:
    """End every stored session of the person but ``behalve`` (this one). Sessions are kept in
    the database (only those not expired are read) and read from the cache
    (``jji_traject.sessies``): each is ended through the session store, which removes both."""
    te_beeindigen = []
    for sessie in Session.objects.filter(expire_date__gt=timezone.now()).iterator(chunk_size=500):
        if sessie.session_key == behalve:
            continue
        # An unreadable session decodes as {} (Django logs it): nobody's.
        if sessie.get_decoded().get("_auth_user_id") == str(user.pk):
            te_beeindigen.append(sessie.session_key)
    winkel = import_module(settings.SESSION_ENGINE).SessionStore
    for sleutel in te_beeindigen:
        winkel(session_key=sleutel).delete()
    if te_beeindigen:
        log.info("sessies_beeindigd gebruiker_id=%s aantal=%s", user.pk, len(te_beeindigen))
    return len(te_beeindigen)


def factor_vastleggen(*, user, request, omschrijving: str, soort: str = GebeurtenisSoort.FACTOR_INGESTELD) -> None:
    """A factor change on the account log (the person's own doing) and a mail to the person, so
    that a change they did not make does not go unnoticed."""
    from .. import tasks

    medewerker = Medewerker.objects.select_related("organisatie").filter(user=user).first()
    gebeurtenis_vastleggen(soort=soort, actor=user, medewerker=medewerker, omschrijving=omschrijving, verzoek=request)
    uitbox.plannen(tasks.factor_gewijzigd_mailen, user.pk)


def factor_gewijzigd_mailen(user_id: int) -> int:
    """Tell a person a factor of their account changed (neutral, as every mail of the app)."""
    return persoon_mailen(
        user_id, _("De tweede factor van je account is gewijzigd"), "registration/factor_gewijzigd_mail.txt"
    )


def factorlink_aanvragen(request) -> None:
    """A person who signed in with a password and has no factor yet asks for the link to enrol
    one; it goes to their own address (nobody else's), after commit."""
    from .. import tasks

    user = request.user
    beveiliging.vastleggen("otp_link_requested", request=request, username=user.get_username(), user_id=user.pk)
    uitbox.plannen(tasks.factorlink_mailen, user.pk)


def factorlink_mailen(user_id: int) -> int:
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email or not user.has_usable_password() or heeft_factor(user):
        return 0
    send_mail(
        subject=_("Stel je tweede factor in"),
        message=render_to_string(
            "registration/factorlink_mail.txt",
            {
                "user": user,
                "link": settings.SITE_URL + activatie.factorlink(user),
                "minuten": int(activatie.FACTORLINK_GELDIG.total_seconds() // 60),
            },
        ),
        from_email=None,
        recipient_list=[user.email],
        fail_silently=False,
    )
    return 1
