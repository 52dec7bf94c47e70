"""Reads of the netwerkkaart (no youth data: every logged-in person reads it), and the
sign-in lockouts a beheerder sees."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from jji_traject import inloggen
from toegang import policy

from .constants import ContactRol
from .models import Contactpersoon, Medewerker, Organisatie, Regio


def netwerkkaart(
    regio, *, rol: str = "", soort: str = "", zoek: str = "", organisatie_id: int | None = None
) -> QuerySet[Organisatie]:
    """The active organisations of a regio with their verbindingsofficier (or contact point
    elsewhere) and contacts, filtered by contact role, organisation soort, one organisation
    and a name search."""
    contacten = Contactpersoon.objects.select_related("medewerker__user").order_by("rol", "naam")
    if rol:
        contacten = contacten.filter(rol=rol)
    organisaties = Organisatie.objects.filter(regio=regio, actief=True)
    if organisatie_id is not None:
        organisaties = organisaties.filter(pk=organisatie_id)
    if soort:
        organisaties = organisaties.filter(soort=soort)
    if rol:
        organisaties = organisaties.filter(contactpersonen__rol=rol).distinct()
    for woord in zoek.split():
        organisaties = organisaties.filter(
            Q(naam__icontains=woord) | Q(plaats__icontains=woord) | Q(contactpersonen__naam__icontains=woord)
        ).distinct()
    return (
        organisaties.select_related("regio", "verbindingsofficier__user", "aanspreekpunt__verbindingsofficier__user")
        .prefetch_related(
            Prefetch("contactpersonen", queryset=contacten),
            Prefetch("aanspreekpunt_voor", queryset=Organisatie.objects.filter(actief=True).order_by("naam")),
        )
        .order_by("naam")
    )


def kaart_per_rol(regio) -> list[tuple[str, list[Contactpersoon]]]:
    """The boxes of bijlage 5: every role with the regio's contacts in it (also when empty,
    so the printed map shows what is still missing)."""
    per_rol: dict[str, list[Contactpersoon]] = {waarde: [] for waarde in ContactRol.values}
    contacten = (
        Contactpersoon.objects.filter(organisatie__regio=regio, organisatie__actief=True)
        .select_related("organisatie", "medewerker__user")
        .order_by("organisatie__naam", "naam")
    )
    for contact in contacten:
        per_rol[contact.rol].append(contact)
    labels = dict(ContactRol.choices)
    return [(labels[waarde], lijst) for waarde, lijst in per_rol.items()]


def getal(tekst: str | None) -> int | None:
    """An id from a query string, or None for anything else (also "²" or a huge number)."""
    tekst = tekst or ""
    return int(tekst) if tekst.isascii() and tekst.isdecimal() and len(tekst) < 10 else None


def netwerkkaart_regio(user, regio_id: int | None = None) -> Regio | None:
    """The regio whose netwerkkaart a reader gets: the one asked for (any regio: the map of
    the regio of return is needed too), else their own (a superuser: the first). None when
    the reader has no map at all (no active person of an active organisation) or the regio
    asked for does not exist."""
    if policy.medewerker_van(user) is None and not getattr(user, "is_superuser", False):
        return None
    if regio_id is not None:
        return Regio.objects.filter(pk=regio_id).first()
    return policy.regio_van(user) or Regio.objects.order_by("naam").first()


@dataclass(frozen=True)
class Inlogblokkade:
    """A lockout on the beheer page: a username from an address, or (``gebruikersnaam``
    empty) an address alone. ``tot`` is when it ends, ``None`` once it is over while the
    failures are still remembered (the next one locks again, longer)."""

    gebruikersnaam: str
    ip_adres: str | None
    pogingen: int
    laatste: dt.datetime
    tot: dt.datetime | None
    medewerker: Medewerker | None = None


# The page shows at most this many lockouts (an attack may make many; the newest first).
MAX_BLOKKADES = 200


def inlogblokkades(user, nu: dt.datetime | None = None) -> list[Inlogblokkade]:
    """The sign-in lockouts a reader may see and lift: those of the people of a regio they
    manage (``policy.mag_regio_beheren``: a beheerder their own regio, a superuser every one);
    usernames that are no one's and addresses alone cannot be tied to a regio, so only a
    superuser sees them. A lockout is a username from an address with at least
    ``AXES_FAILURE_LIMIT`` failures remembered, or an address over ``INLOG_DREMPEL_ADRES``."""
    nu = nu or timezone.now()
    per_naam = list(
        AccessAttempt.objects.filter(attempt_time__gte=nu - settings.AXES_COOLOFF_TIME)
        .values("username", "ip_address")
        .annotate(pogingen=Sum("failures_since_start"), laatste=Max("attempt_time"))
        .filter(pogingen__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("-laatste")[:MAX_BLOKKADES]
    )
    namen = {rij["username"] for rij in per_naam if rij["username"]}
    medewerkers = {
        m.user.username: m
        for m in Medewerker.objects.select_related("user", "organisatie__regio").filter(user__username__in=namen)
    }
    gevonden = []
    for rij in per_naam:
        medewerker = medewerkers.get(rij["username"])
        if not policy.mag_regio_beheren(user, medewerker.organisatie.regio if medewerker else None):
            continue
        tot = rij["laatste"] + inloggen.afkoeltijd(rij["pogingen"])
        gevonden.append(
            Inlogblokkade(
                gebruikersnaam=rij["username"] or "",
                ip_adres=rij["ip_address"],
                pogingen=rij["pogingen"],
                laatste=rij["laatste"],
                tot=tot if tot > nu else None,
                medewerker=medewerker,
            )
        )
    if policy.mag_regio_beheren(user, None):
        gevonden += _adresblokkades(nu)
    return gevonden


def _adresblokkades(nu: dt.datetime) -> list[Inlogblokkade]:
    """Addresses locked by their many failures, whatever the usernames."""
    recent = AccessAttempt.objects.filter(attempt_time__gte=nu - settings.INLOG_ADRES_VENSTER)
    adressen = (
        recent.values("ip_address")
        .annotate(pogingen=Sum("failures_since_start"), laatste=Max("attempt_time"))
        .filter(pogingen__gte=settings.INLOG_DREMPEL_ADRES)
        .order_by("-laatste")[:MAX_BLOKKADES]
    )
    gevonden = []
    for rij in adressen:
        rijen = list(
            recent.filter(ip_address=rij["ip_address"])
            .order_by("attempt_time")
            .values_list("attempt_time", "failures_since_start")
        )
        tot = inloggen.einde_adresblokkade(rijen)
        gevonden.append(
            Inlogblokkade(
                gebruikersnaam="",
                ip_adres=rij["ip_address"],
                pogingen=rij["pogingen"],
                laatste=rij["laatste"],
                tot=tot if tot is not None and tot > nu else None,
            )
        )
    return gevonden


def verouderde_contactpersonen(regio) -> int:
    """How many netwerkkaart entries of a regio's active organisations were last confirmed
    more than a year ago (the yearly reminder asks them to be confirmed)."""
    grens = timezone.localdate() - dt.timedelta(days=365)
    return Contactpersoon.objects.filter(
        organisatie__regio=regio, organisatie__actief=True, bevestigd_op__lt=grens
    ).count()
