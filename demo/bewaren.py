"""A fictional traject closed three years ago, so a run of the retention schedule
(``manage.py bewaartermijnen``) has something to do in the demo: its dossier parts are due
for erasure and the traject for pseudonymisation. The coordinator sees it in Mijn trajecten
until then, and as "Jongere P-…" after."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from dossier.models import Onderwijsinformatie
from jji_traject.geschiedenis import bulk_aanmaken
from netwerk.constants import NetwerkSoort
from netwerk.models import IctFase, NetwerkContact
from toegang import policy
from trajecten.constants import BetrokkenheidSoort, Fase, Titel, Uitstroombestemming, Verblijfsduur
from trajecten.models import Betrokkenheid, Jongere, Traject

VOORNAAM, ACHTERNAAM = "Sem", "Wit"


def oud_traject_aanmaken(organisaties, gebruikers) -> int:
    """1 when made, 0 when it is there already (idempotent by name)."""
    if Jongere.objects.filter(voornaam=VOORNAAM, achternaam=ACHTERNAAM).exists():
        return 0
    actor = gebruikers["coordinator"]
    vandaag = timezone.localdate()
    vrij = vandaag - dt.timedelta(days=3 * 365 + 200)
    (jongere,) = bulk_aanmaken(
        [
            Jongere(
                voornaam=VOORNAAM,
                tussenvoegsel="de",
                achternaam=ACHTERNAAM,
                geboortedatum=vandaag - dt.timedelta(days=21 * 365 + 40),
            )
        ],
        Jongere,
        actor=actor,
    )
    (traject,) = bulk_aanmaken(
        [
            Traject(
                jongere=jongere,
                sorteernaam=jongere.sorteersleutel,
                jji=organisaties["jji"],
                titel=Titel.JEUGDDETENTIE,
                verblijfsduur=Verblijfsduur.LANG,
                startdatum=vrij - dt.timedelta(days=300),
                fase=Fase.UITSTROOM,
                vrijgelaten_op=vrij,
                uitstroombestemming=Uitstroombestemming.MBO,
                afgesloten_op=vrij + dt.timedelta(days=200),
                afsluiting_besluit="Sem gaat al een jaar elke dag naar school; de nazorg is afgebouwd.",
                afsluiting_advies="Casemanager nazorg gemeente Lindewaard",
            )
        ],
        Traject,
        actor=actor,
    )
    for organisatie, soort in (
        (organisaties["jji"], BetrokkenheidSoort.JJI),
        (organisaties["school"], BetrokkenheidSoort.JJI_SCHOOL),
    ):
        Betrokkenheid.objects.create(traject=traject, organisatie=organisatie, soort=soort, toegevoegd_door=actor)
    info = Onderwijsinformatie(
        traject=traject,
        ingeschreven_bij="Vakcollege Oostmeer",
        opleiding="Entree, assistent logistiek",
        ict_fase=IctFase.objects.filter(regio=organisaties["jji"].regio).order_by("volgorde").last(),
        bijgewerkt_door=actor,
        bijgewerkt_op=timezone.now(),
    )
    info.save()
    NetwerkContact.objects.create(
        traject=traject, soort=NetwerkSoort.OUDER, naam="Ria de Wit", relatie="moeder", toegevoegd_door=actor
    )
    policy.rechten_afleiden(traject)
    return 1
