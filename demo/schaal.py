"""Fictional data at scale, for the benchmark and for trying the app with a full regio.

``trajecten_genereren`` adds N trajecten at the demo JJI with involvement (JJI, JJI-school,
and for two in three the ontvangende mbo with a kennisgeving), consent for onderwijsinformatie
for half of those, a written onderwijsinformatie for each, all with their history rows
(``jji_traject.geschiedenis.bulk_aanmaken``), then derives the permissions once for the whole set.
``raadplegingen_genereren`` appends M rows to the log (inserts only: the log is append-only).
Every name is made up; nothing here is real personal data.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from django.db import transaction
from django.utils import timezone

from dossier import services as dossier_services
from dossier.models import Onderwijsinformatie
from jji_traject.geschiedenis import bulk_aanmaken
from netwerk.models import Organisatie
from toegang import policy
from toegang.models import Raadpleging
from trajecten.constants import (
    KENNISGEVING,
    BetrokkenheidSoort,
    Categorie,
    Fase,
    Grondslag,
    Titel,
    Verblijfsduur,
    Wijze,
)
from trajecten.models import Betrokkenheid, Jongere, Toestemming, Traject

VOORNAMEN = ["Adam", "Bilal", "Chris", "Dani", "Emre", "Fenna", "Gijs", "Hamza", "Ilse", "Jesse", "Kim", "Lars"]
ACHTERNAMEN = ["Aalbers", "Bakker", "Claassen", "Dekkers", "Evers", "Franssen", "Gerritsen", "Hofman", "Jansen"]
BATCH = 2000


def _in_porties(reeks: list, grootte: int = BATCH) -> Iterator[list]:
    for begin in range(0, len(reeks), grootte):
        yield reeks[begin : begin + grootte]


def trajecten_genereren(aantal: int, *, jji: Organisatie, school: Organisatie, mbo: Organisatie, actor) -> int:
    """Add ``aantal`` fictional trajecten (see the module docstring). Returns the number added."""
    rnd = random.Random(aantal)  # noqa: S311 - fictional data, the same for the same size
    vandaag = timezone.localdate()
    nu = timezone.now()
    begin = Traject.objects.count()
    for porties in _in_porties(list(range(aantal))):
        with transaction.atomic():
            voor = Traject.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            jongeren = bulk_aanmaken(
                [
                    Jongere(
                        voornaam=rnd.choice(VOORNAMEN),
                        achternaam=f"{rnd.choice(ACHTERNAMEN)} {begin + i}",
                        geboortedatum=vandaag - dt.timedelta(days=rnd.randint(16 * 365, 20 * 365)),
                    )
                    for i in porties
                ],
                Jongere,
                actor=actor,
            )
            trajecten = bulk_aanmaken(
                [
                    Traject(
                        jongere=jongere,
                        sorteernaam=jongere.sorteersleutel,  # bulk_create skips save()
                        jji=jji,
                        titel=rnd.choice([Titel.JEUGDDETENTIE, Titel.PIJ, Titel.VOORLOPIGE_HECHTENIS]),
                        verblijfsduur=rnd.choice([Verblijfsduur.KORT, Verblijfsduur.LANG]),
                        startdatum=vandaag - dt.timedelta(days=rnd.randint(1, 300)),
                        fase=rnd.choice([Fase.INSTROOM, Fase.VERBLIJF, Fase.UITSTROOM]),
                    )
                    for jongere in jongeren
                ],
                Traject,
                actor=actor,
            )
            _betrokkenheden_en_grondslagen(trajecten, jji, school, mbo, actor, nu, rnd)
            dossier_services.massaal_aanmaken(
                [
                    Onderwijsinformatie(
                        traject=t,
                        opleiding="Medewerker logistiek",
                        leerdoelen="Zelfstandig plannen en uitvoeren.",
                        bijgewerkt_door=actor,
                        bijgewerkt_op=nu,
                    )
                    for t in trajecten
                ],
                actor=actor,
            )
            # Permissions for this batch at once (a queryset, never a list of ids).
            policy.rechten_afleiden(Traject.objects.filter(pk__gt=voor))
    return aantal


def _betrokkenheden_en_grondslagen(trajecten, jji, school, mbo, actor, nu, rnd) -> None:
    betrokkenheden, toestemmingen = [], []
    for traject in trajecten:
        betrokkenheden += [
            Betrokkenheid(traject=traject, organisatie=jji, soort=BetrokkenheidSoort.JJI, toegevoegd_door=actor),
            Betrokkenheid(
                traject=traject, organisatie=school, soort=BetrokkenheidSoort.JJI_SCHOOL, toegevoegd_door=actor
            ),
        ]
        if rnd.random() < 2 / 3:
            betrokkenheden.append(
                Betrokkenheid(
                    traject=traject, organisatie=mbo, soort=BetrokkenheidSoort.MBO_ONTVANGEND, toegevoegd_door=actor
                )
            )
            categorieen = [KENNISGEVING] + ([Categorie.ONDERWIJSINFORMATIE] if rnd.random() < 0.5 else [])
            toestemmingen += [
                Toestemming(
                    traject=traject,
                    ontvanger=mbo,
                    categorie=categorie,
                    grondslag=Grondslag.TOESTEMMING_JONGERE,
                    datum_gegeven=traject.startdatum,
                    wijze=Wijze.MONDELING,
                    weigeren_zonder_gevolgen=True,
                    vastgelegd_door=actor,
                    vastgelegd_op=nu,
                )
                for categorie in categorieen
            ]
    bulk_aanmaken(betrokkenheden, Betrokkenheid, actor=actor)
    bulk_aanmaken(toestemmingen, Toestemming, actor=actor)


def raadplegingen_genereren(aantal: int, *, lezer, organisatie) -> int:
    """Append ``aantal`` fictional readings of onderwijsinformatie, spread over the trajecten."""
    trajecten = list(Traject.objects.values_list("pk", "jongere_id"))
    if not trajecten:
        return 0
    rnd = random.Random(aantal)  # noqa: S311 - fictional data
    nu = timezone.now()
    for porties in _in_porties(list(range(aantal)), 10_000):
        Raadpleging.objects.bulk_create(
            [
                Raadpleging(
                    tijdstip=nu - dt.timedelta(minutes=i),
                    actor=lezer,
                    organisatie=organisatie,
                    rol="intaker",
                    jongere_id=jongere_id,
                    traject_id=traject_id,
                    categorie=Categorie.ONDERWIJSINFORMATIE,
                    actie="bekijken",
                )
                for i in porties
                for traject_id, jongere_id in [rnd.choice(trajecten)]
            ]
        )
    return aantal


def vloed_genereren(traject, *, actor, aantal: int, op: dt.datetime | None = None) -> int:
    """Append ``aantal`` refused attempts by ``actor`` on one traject, ten a second from ``op``
    (a flood of URL tampering, as any signed-in person outside the traject could cause): to
    measure the youth's list, which groups them."""
    medewerker = policy.medewerker_van(actor)
    begin = op or timezone.now() - dt.timedelta(hours=1)
    for porties in _in_porties(list(range(aantal)), 10_000):
        Raadpleging.objects.bulk_create(
            [
                Raadpleging(
                    tijdstip=begin + dt.timedelta(milliseconds=100 * i),
                    actor=actor,
                    organisatie=medewerker.organisatie if medewerker else None,
                    rol=medewerker.rol if medewerker else "",
                    jongere_id=traject.jongere_id,
                    traject=traject,
                    categorie=Categorie.BEGELEIDINGSBEHOEFTE,
                    actie="bekijken",
                    geweigerd=True,
                )
                for i in porties
            ]
        )
    return aantal
