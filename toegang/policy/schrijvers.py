"""Who writes each part of the dossier (the registry's ``schrijvers``): the JJI-school the three
parts of the handreiking, the receiving mbo — else leerplicht/RMC — the schoolloopbaan na
uitstroom; and who may write the schoolloopbaan and close nazorg."""

from __future__ import annotations

import functools
import operator

from django.db.models import BooleanField, ExpressionWrapper, OuterRef, Q, QuerySet

from netwerk.constants import NIET_IN_TRAJECTEN
from netwerk.models import Organisatie
from trajecten.constants import BetrokkenheidSoort, Categorie
from trajecten.models import Betrokkenheid, Traject

from .. import delen
from .lezers import medewerker_van
from .trajecten import betrokkenheden_van, is_actief_in, is_zichtbaar
from .zicht import PerRij, zichtbaar_voor


def schrijvende_school(traject: Traject) -> Organisatie | None:
    """The JJI-school of the traject: it writes the doorstroomdossier."""

    return _school_uit(betrokkenheden_van(traject))


def _school_uit(betrokkenheden) -> Organisatie | None:
    """Of a traject's involvements (by pk), the JJI-school's organisation (a traject has one:
    it cannot be added later)."""
    return next(
        (b.organisatie for b in betrokkenheden if b.soort == BetrokkenheidSoort.JJI_SCHOOL and b.organisatie.actief),
        None,
    )


def _schrijver_uit(betrokkenheden, deel: delen.Dossierdeel) -> Organisatie | None:
    """Of a traject's involvements with ``is_actief`` (by pk), the part's writer: the
    organisation of the first of its ``schrijvers`` involved actively."""
    actief = {}
    for betrokken in betrokkenheden:
        if betrokken.is_actief and betrokken.soort in deel.schrijvers and betrokken.organisatie.actief:
            actief.setdefault(betrokken.soort, betrokken.organisatie)
    return next((actief[soort] for soort in deel.schrijvers if soort in actief), None)


def _soorten_uit(betrokkenheden, organisatie_id: int) -> frozenset[str]:
    return frozenset(b.soort for b in betrokkenheden if b.organisatie_id == organisatie_id)


def schrijver_van(traject: Traject, categorie: str) -> Organisatie | None:
    """The organisation that writes this part of the dossier (the registry's ``schrijvers``:
    the first of those involvements that is active): the JJI-school for the three parts of the
    handreiking, the receiving mbo — or, when there is none, leerplicht/RMC — for the
    schoolloopbaan na uitstroom."""
    deel = delen.deel(categorie)
    if deel.schrijvers == (BetrokkenheidSoort.JJI_SCHOOL,):
        return schrijvende_school(traject)
    return _schrijver_uit(betrokkenheden_van(traject), deel)


def leest_nooit(traject: Traject, organisatie_id: int, deel: delen.Dossierdeel) -> bool:
    """Whether the organisation never reads this part in this traject, whatever grondslag is
    recorded: involved in a soort the part bars (``nooit``: the school van herkomst for the
    schoolloopbaan) and not its writer (a school van herkomst that receives the young person
    back writes it)."""
    if not deel.nooit or not _soorten_uit(betrokkenheden_van(traject), organisatie_id) & deel.nooit:
        return False
    schrijver = schrijver_van(traject, deel.categorie)
    return schrijver is None or schrijver.pk != organisatie_id


def zelf_geschreven(user, categorie: str) -> QuerySet[Traject]:
    """The trajecten the reader sees in which their own organisation writes this part (the SQL
    form of :func:`schrijver_van`, one query): what they read as their own record, with no
    raadpleging. For the verbindingsofficier's overview of his college's school outcomes."""
    medewerker = medewerker_van(user)
    if medewerker is None:
        return Traject.objects.none()
    schrijft = _schrijft_in_rij(delen.deel(categorie), OuterRef("pk"), medewerker.organisatie_id)
    return zichtbaar_voor(user).alias(schrijft_zelf=schrijft).filter(schrijft_zelf=True)


def _betrokken_als(traject: Traject, organisatie: Organisatie) -> frozenset[str]:
    """The soorten in which this organisation is involved in the traject."""
    return _soorten_uit(betrokkenheden_van(traject), organisatie.pk)


def mag_schoolloopbaan_schrijven(user, traject: Traject) -> bool:
    """The schoolloopbaan na uitstroom is written by the people of the organisation that
    writes it (:func:`schrijver_van`: the receiving mbo, else leerplicht/RMC) who see the
    traject — not a functioneel beheerder. A closed traject stays readable, not writable."""
    medewerker = medewerker_van(user)
    if medewerker is None or medewerker.rol in NIET_IN_TRAJECTEN or traject.is_afgesloten:
        return False
    schrijver = schrijver_van(traject, Categorie.SCHOOLLOOPBAAN)
    return schrijver is not None and medewerker.organisatie_id == schrijver.pk and is_zichtbaar(user, traject)


def mag_nazorg_afsluiten(user, traject: Traject) -> bool:
    """Step 10's "sluit nazorgtraject formeel af": the writer of the schoolloopbaan, or the
    gemeente active in the traject (the regie over nazorg in the demo regio)."""
    if mag_schoolloopbaan_schrijven(user, traject):
        return True
    medewerker = medewerker_van(user)
    if medewerker is None or medewerker.rol in NIET_IN_TRAJECTEN or traject.is_afgesloten:
        return False
    return (
        BetrokkenheidSoort.GEMEENTE in _betrokken_als(traject, medewerker.organisatie)
        and is_actief_in(medewerker.organisatie, traject)
        and is_zichtbaar(user, traject)
    )


def _schrijft_in_rij(deel: delen.Dossierdeel, rij, eigen: int):
    """Whether the reader's organisation writes this part in the row's traject (the SQL twin
    of :func:`schrijver_van`): active in the first of the part's ``schrijvers`` that is."""
    actief = Betrokkenheid.objects.actief()  # built once for every soort below
    if deel.schrijvers == (BetrokkenheidSoort.JJI_SCHOOL,):
        return PerRij(
            Betrokkenheid.objects.filter(
                traject=rij, soort=BetrokkenheidSoort.JJI_SCHOOL, organisatie_id=eigen, organisatie__actief=True
            )
        )
    voorwaarden = []
    for i, soort in enumerate(deel.schrijvers):
        eerder = deel.schrijvers[:i]
        hier = Q(PerRij(actief.filter(traject=rij, soort=soort, organisatie_id=eigen, organisatie__actief=True)))
        if eerder:
            hier &= ~Q(PerRij(actief.filter(traject=rij, soort__in=eerder, organisatie__actief=True)))
        voorwaarden.append(hier)
    return ExpressionWrapper(functools.reduce(operator.or_, voorwaarden), output_field=BooleanField())
