"""Throttled sign-in: the rules of the lockout, in one place (django-axes keeps the count).

Rules (settings ``AXES_FAILURE_LIMIT``, ``INLOG_*``):

- **One username from one address.** After ``AXES_FAILURE_LIMIT`` (5) failures a cooldown
  of 5 minutes; every further failure after a cooldown starts a longer one (15, then 60
  minutes: ``INLOG_AFKOELING_MINUTEN``, computed from the count). The count is forgotten
  ``AXES_COOLOFF_TIME`` (24 hours) after the last failure, when that username signs in from
  that address, when its password is reset, or when a beheerder lifts the lockout.
- **One address alone.** ``INLOG_DREMPEL_ADRES`` (100) failures from one address within
  ``INLOG_ADRES_VENSTER`` (an hour), whatever the usernames: a whole college signs in from
  behind one NAT address, so this threshold is far higher.
- During a cooldown the correct password does not sign in either: axes' backend refuses
  before the password is checked, and such a try is not counted (it neither lengthens nor
  grows the cooldown).
- The rules never look at whether a username exists: an unknown username is counted,
  locked and answered in exactly the same way.

A step of signing in that Django's ``authenticate`` does not see (a one-time code, the
current password on the change page) checks :func:`blokkade_voor` first and reports a
failure with :func:`mislukte_poging_vastleggen`, which sends Django's ``user_login_failed``
like ``authenticate`` does: django-axes counts it toward the same limits.

Every failure and lockout is logged by :class:`Inlogbewaking` (logger
``jji_traject.inloggen``), with the username tried and the address, never a password.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import logging
from dataclasses import dataclass

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db.models import Max, Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Blokkade:
    """A lockout that holds: until when, and why (``gebruiker``: this username from this
    address; ``adres``: the address alone)."""

    tot: dt.datetime
    soort: str


@dataclass(frozen=True)
class Stand:
    """The failures that count now for a username from an address, and the lockout, if any."""

    pogingen: int
    pogingen_adres: int
    blokkade: Blokkade | None


def gebruikersnaam_van(request, credentials: dict | None = None) -> str | None:
    """The username a sign-in tried, cut to the longest a username can be (150): a longer one
    matches nobody, and must not break the table of attempts (bad input is never a 500)."""
    if credentials:
        waarde = credentials.get("username")
    else:
        waarde = request.POST.get("username") if request is not None and request.method == "POST" else None
    return str(waarde)[:150] if waarde else None


def client_ip(request) -> str | None:
    """The address a sign-in comes from. Behind ``PROXY_AANTAL`` proxies that each add the
    address they saw to X-Forwarded-For, the one the outermost proxy saw (entries further
    left are whatever the client sent, and cannot be trusted); else the connection's own."""
    aantal = settings.PROXY_AANTAL
    if aantal > 0:
        keten = [deel.strip() for deel in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if deel.strip()]
        if len(keten) >= aantal:
            try:
                return str(ipaddress.ip_address(keten[-aantal]))
            except ValueError:
                pass
    return request.META.get("REMOTE_ADDR") or None


def afkoeltijd(pogingen: int) -> dt.timedelta:
    """The cooldown after the last of ``pogingen`` failures (from the limit on): 5 minutes at
    the limit, then 15, then 60 for every failure after that."""
    stappen = settings.INLOG_AFKOELING_MINUTEN
    stap = min(max(pogingen - settings.AXES_FAILURE_LIMIT, 0), len(stappen) - 1)
    return dt.timedelta(minutes=stappen[stap])


def einde_adresblokkade(rijen: list[tuple[dt.datetime, int]]) -> dt.datetime | None:
    """When an address locked by its many failures is free again: ``rijen`` are its
    (last failure, failures) within the window, oldest first; the lockout ends when enough
    of them have left the window to bring the sum under the threshold."""
    drempel, venster = settings.INLOG_DREMPEL_ADRES, settings.INLOG_ADRES_VENSTER
    totaal = sum(aantal for _tijd, aantal in rijen)
    if totaal < drempel:
        return None
    for tijd, aantal in rijen:
        totaal -= aantal
        if totaal < drempel:
            return tijd + venster
    return None  # pragma: no cover - the sum reaches zero before the rows run out


def stand_van(gebruikersnaam: str | None, ip_adres: str | None, nu: dt.datetime | None = None) -> Stand:
    """The failures of ``gebruikersnaam`` from ``ip_adres`` that count now, those of the
    address alone, and the lockout that holds (the later one when both do)."""
    nu = nu or timezone.now()
    eigen = AccessAttempt.objects.filter(
        username=gebruikersnaam, ip_address=ip_adres, attempt_time__gte=nu - settings.AXES_COOLOFF_TIME
    ).aggregate(pogingen=Sum("failures_since_start"), laatste=Max("attempt_time"))
    pogingen = eigen["pogingen"] or 0
    blokkades = []
    if pogingen >= settings.AXES_FAILURE_LIMIT and nu < eigen["laatste"] + afkoeltijd(pogingen):
        blokkades.append(Blokkade(tot=eigen["laatste"] + afkoeltijd(pogingen), soort="gebruiker"))
    rijen = list(
        AccessAttempt.objects.filter(ip_address=ip_adres, attempt_time__gte=nu - settings.INLOG_ADRES_VENSTER)
        .order_by("attempt_time")
        .values_list("attempt_time", "failures_since_start")
    )
    einde = einde_adresblokkade(rijen)
    if einde is not None and nu < einde:
        blokkades.append(Blokkade(tot=einde, soort="adres"))
    return Stand(
        pogingen=pogingen,
        pogingen_adres=sum(aantal for _tijd, aantal in rijen),
        blokkade=max(blokkades, key=lambda b: b.tot, default=None),
    )


def blokkade_voor(request, gebruikersnaam: str | None) -> Blokkade | None:
    """The lockout that holds for this username from this request's address, if any."""
    return stand_van(gebruikersnaam, client_ip(request)).blokkade


def mislukte_poging_vastleggen(request, gebruikersnaam: str) -> Blokkade | None:
    """Record a failed step of signing in that ``authenticate`` did not see (a wrong
    one-time code, a wrong current password): Django's ``user_login_failed``, which
    django-axes counts like any other failure. Returns the lockout that now holds. Check
    :func:`blokkade_voor` first: a failure recorded during a cooldown makes it grow."""
    user_login_failed.send(sender=__name__, credentials={"username": gebruikersnaam}, request=request)
    return blokkade_voor(request, gebruikersnaam)


def pogingen_vergeten(*, gebruikersnaam: str | None = None, ip_adres: str | None = None) -> int:
    """Forget the failures of a username (from one address, or from all), or of an address
    (every username from it). Returns the number of records removed."""
    if not gebruikersnaam and not ip_adres:
        raise ValueError("pogingen_vergeten: a username or an address")
    pogingen = AccessAttempt.objects.all()
    if gebruikersnaam:
        pogingen = pogingen.filter(username=gebruikersnaam)
    if ip_adres:
        pogingen = pogingen.filter(ip_address=ip_adres)
    aantal, _soorten = pogingen.delete()
    return aantal


def tijdstip_tekst(moment: dt.datetime) -> str:
    """``14:35`` today, ``3 maart om 00:20`` another day; rounded up to the minute, so the
    time said is never before the end."""
    lokaal = timezone.localtime(moment)
    if lokaal.second or lokaal.microsecond:
        lokaal = lokaal.replace(second=0, microsecond=0) + dt.timedelta(minutes=1)
    tijd = formats.time_format(lokaal, "H:i")
    if lokaal.date() == timezone.localdate():
        return tijd
    return _("%(datum)s om %(tijd)s") % {"datum": formats.date_format(lokaal, "j F"), "tijd": tijd}


def melding(blokkade: Blokkade | None) -> str:
    """What the page says during a lockout: the same for every username, known or not, and
    for both kinds of lockout; when to try again, and what else one can do."""
    if blokkade is None:
        wanneer = _("Probeer het later opnieuw.")
    else:
        wanneer = _("Probeer het opnieuw om %(tijd)s.") % {
            "tijd": tijdstip_tekst(blokkade.tot),
        }
    return " ".join(
        [
            _("Te veel mislukte pogingen."),
            _("Tot het einde van de wachttijd lukt inloggen niet, ook niet met het goede wachtwoord."),
            str(wanneer),
            _("Wachtwoord vergeten? Vraag een nieuw wachtwoord aan."),
        ]
    )


def _tekst(waarde) -> str:
    """A value for a log line: quoted and escaped (a username can hold anything)."""
    return json.dumps(str(waarde)[:150] if waarde is not None else None, ensure_ascii=False)


class Inlogbewaking(AxesDatabaseHandler):
    """django-axes on the database, with the rules of this module: two thresholds, a
    cooldown that grows, a reset on success that touches only the one username and address,
    and a log line for every failure and lockout."""

    def is_locked(self, request, credentials: dict | None = None) -> bool:
        return self._stand(request, credentials).blokkade is not None

    def get_failures(self, request, credentials: dict | None = None) -> int:
        """axes locks out when this reaches ``AXES_FAILURE_LIMIT``: so it is the limit while
        a lockout of this module holds, and below it otherwise (after a cooldown the count
        itself stays at or above the limit, to make the next cooldown longer)."""
        stand = self._stand(request, credentials)
        if stand.blokkade is not None:
            return settings.AXES_FAILURE_LIMIT
        return min(stand.pogingen, settings.AXES_FAILURE_LIMIT - 1)

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        """On a successful sign-in: forget this username's failures from this address only
        (not those of everyone else behind the same address). With the second factor required
        a right password is only half a sign-in: the failures (wrong codes included) are
        forgotten when the second factor is done, else signing in again with the password would
        give a new set of tries at the six digits every time."""
        if settings.TWEE_FACTOR == "verplicht":
            return 0
        gebruikersnaam = get_client_username(request, credentials)
        if not gebruikersnaam:
            return 0
        return pogingen_vergeten(gebruikersnaam=gebruikersnaam, ip_adres=request.axes_ip_address)

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        if request is None:
            return super().user_login_failed(sender, credentials, request, **kwargs)
        # Set by axes' backend before the signal when it refused a try during a cooldown.
        tijdens_blokkade = bool(getattr(request, "axes_locked_out", False))
        super().user_login_failed(sender, credentials, request, **kwargs)
        gebruikersnaam = get_client_username(request, credentials)
        stand = self._stand(request, credentials)
        velden = (
            f"gebruikersnaam={_tekst(gebruikersnaam)} adres={_tekst(request.axes_ip_address)} "
            f"pad={_tekst(request.axes_path_info)} pogingen={stand.pogingen} pogingen_adres={stand.pogingen_adres}"
        )
        if tijdens_blokkade:
            tot = stand.blokkade.tot.isoformat() if stand.blokkade else ""
            log.warning("inloggen_geweigerd_tijdens_blokkade %s tot=%s", velden, tot)
        elif stand.blokkade is not None:
            log.warning(
                "inloggen_geblokkeerd %s soort=%s tot=%s", velden, stand.blokkade.soort, stand.blokkade.tot.isoformat()
            )
        else:
            log.info("inloggen_mislukt %s", velden)
        return None

    def _stand(self, request, credentials: dict | None) -> Stand:
        return stand_van(get_client_username(request, credentials), request.axes_ip_address)
