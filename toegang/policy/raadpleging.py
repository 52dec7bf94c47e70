"""Writing the raadplegingen log: one row per reading outside the writing organisation, and a
refused explicit request as a refused attempt (written outside any transaction that rolls
back). No content of the part is ever written."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from netwerk.constants import Rol
from netwerk.models import Medewerker
from toegang.models import Raadpleging
from trajecten.models import Traject

from .. import delen, haken
from .lezers import medewerker_van

log = logging.getLogger(__name__)
User = get_user_model()


def _raadpleging(
    actor, traject, categorie, actie, verzoek, *, grondslag=None, ontvanger=None, geweigerd=False, **document
):

    if categorie not in (*delen.categorieen(), HERKOMST, "dossier"):
        categorie = "onbekend"  # a made-up part in a URL is not written into the youth's list

    # Also for a person whose organisation was deactivated: the log keeps where they came from.
    medewerker = medewerker_van(actor) or (
        Medewerker.objects.select_related("organisatie").filter(user_id=actor.pk).first()
    )
    return Raadpleging.objects.create(
        actor=actor,
        organisatie=medewerker.organisatie if medewerker else None,
        rol=medewerker.rol if medewerker else "",
        ontvanger=ontvanger,
        jongere_id=traject.jongere_id,
        traject=traject,
        categorie=str(categorie)[:30],
        actie=actie,
        geweigerd=geweigerd,
        grondslag=grondslag,
        verzoek_id=getattr(verzoek, "verzoek_id", "")[:64] if verzoek is not None else "",
        ip=(verzoek.META.get("REMOTE_ADDR") or None) if verzoek is not None else None,
        **document,  # ontvanger_persoon and document number, for a document that leaves the app
    )


def raadpleging_weigeren(*, actor, traject: Traject, categorie: str, actie: str, verzoek=None) -> None:
    """Record an explicit refused request (URL, API, export). Called outside any transaction
    that is rolled back afterwards, so the record stays.

    Without a flood: the first refusal of an (actor, traject, part, surface) in an hour is a
    row at once; its repeats in that hour are counted in the shared cache and become one row
    more when the hour is over (:func:`herhalingen_bijschrijven`, beat). Nothing is updated in
    place. With the cache away every refusal is a row (nothing is lost). A storm of refusals
    by one person tells the people who look after their account (:func:`_storm_melden`)."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return
    nu = timezone.now()
    sleutel = f"weigering:{actor.pk}:{traject.pk}:{str(categorie)[:30]}:{actie}"
    try:
        venster = cache.get(sleutel)
        if venster is None or venster["tot"] <= nu.timestamp():
            eerste = _raadpleging(actor, traject, categorie, actie, verzoek, geweigerd=True)
            cache.set(sleutel, {"rij": eerste.pk, "tot": nu.timestamp() + VENSTER}, timeout=BEWAAR)
        else:
            rij = venster["rij"]
            cache.add(f"weigering:n:{rij}", 0, timeout=BEWAAR)
            cache.incr(f"weigering:n:{rij}")
            cache.add(f"weigering:eerste:{rij}", nu.timestamp(), timeout=BEWAAR)
            cache.set(f"weigering:laatst:{rij}", nu.timestamp(), timeout=BEWAAR)
        _storm_tellen(actor, nu)
    except Exception as fout:  # noqa: BLE001 - the cache is away: every refusal a row of its own
        log.warning("weigering_zonder_cache fout=%s", type(fout).__name__)
        _raadpleging(actor, traject, categorie, actie, verzoek, geweigerd=True)


# One hour per window; the counters are kept long enough for the beat task to pick them up.
VENSTER = 3600
BEWAAR = 4 * 3600


def herhalingen_bijschrijven(nu=None) -> int:
    """Beat: for every first refusal whose hour is over, append one row with the number of its
    repeats and their first and last time (once: the row's ``herhaling_van`` is unique), and
    forget the counters. Returns the number of rows appended."""
    nu = nu or timezone.now()
    eersten = Raadpleging.objects.filter(
        geweigerd=True,
        herhaling_van=None,
        aantal=1,
        tijdstip__lte=nu - dt.timedelta(seconds=VENSTER),
        tijdstip__gte=nu - dt.timedelta(seconds=BEWAAR),
    ).exclude(pk__in=Raadpleging.objects.filter(herhaling_van__isnull=False).values("herhaling_van"))
    geschreven = 0
    for eerste in eersten.iterator():
        sleutels = [f"weigering:{soort}:{eerste.pk}" for soort in ("n", "eerste", "laatst")]
        waarden = cache.get_many(sleutels)
        aantal = waarden.get(sleutels[0]) or 0
        if aantal:
            try:
                with transaction.atomic():
                    Raadpleging.objects.create(
                        tijdstip=_moment(waarden.get(sleutels[1]), eerste.tijdstip),
                        tot=_moment(waarden.get(sleutels[2]), eerste.tijdstip),
                        aantal=aantal,
                        herhaling_van=eerste.pk,
                        actor_id=eerste.actor_id,
                        organisatie_id=eerste.organisatie_id,
                        rol=eerste.rol,
                        jongere_id=eerste.jongere_id,
                        traject_id=eerste.traject_id,
                        categorie=eerste.categorie,
                        actie=eerste.actie,
                        geweigerd=True,
                    )
            except IntegrityError:  # another run of the task wrote this hour's row already
                log.info("weigeringen_al_bijgeschreven rij=%s", eerste.pk)
            else:
                geschreven += 1
        cache.delete_many(sleutels)
    return geschreven


def _moment(stempel, anders):
    return dt.datetime.fromtimestamp(stempel, tz=dt.UTC) if stempel else anders


def _storm_tellen(actor, nu) -> None:
    """Count this person's refusals in the hour; at ``WEIGERINGEN_STORM`` tell once."""
    uur = nu.strftime("%Y%m%d%H")
    sleutel = f"weigering:storm:{actor.pk}:{uur}"
    cache.add(sleutel, 0, timeout=2 * VENSTER)
    aantal = cache.incr(sleutel)
    if aantal == settings.WEIGERINGEN_STORM:
        _storm_melden(actor, aantal, uur)


def _storm_melden(actor, aantal: int, uur: str) -> None:
    """Many refusals by one person may be misuse: their organisation's verbindingsofficier and
    the beheerders of its regio are told who and how many times, never which young person."""
    medewerker = medewerker_van(actor) or (
        Medewerker.objects.select_related("organisatie").filter(user_id=actor.pk).first()
    )
    if medewerker is None:
        return
    organisatie = medewerker.organisatie
    ontvangers = set(
        User.objects.filter(
            is_active=True,
            medewerker__rol=Rol.BEHEERDER,
            medewerker__organisatie__regio_id=organisatie.regio_id,
        )
    )
    if organisatie.verbindingsofficier_id:
        vo = Medewerker.objects.select_related("user").get(pk=organisatie.verbindingsofficier_id)
        if vo.user.is_active:
            ontvangers.add(vo.user)
    ontvangers.discard(actor)
    log.warning("weigeringen_storm actor=%s aantal=%s ontvangers=%s", actor.pk, aantal, len(ontvangers))
    haken.aanroepen(
        "melden",
        soort="weigeringen",
        ontvangers=[(user, f"weigeringen:{actor.pk}:{uur}") for user in ontvangers],
        organisatie=organisatie,
        persoon=actor,
        aantal=aantal,
    )


HERKOMST = "onderwijsinformatie_herkomst"  # its name in the raadplegingen log
