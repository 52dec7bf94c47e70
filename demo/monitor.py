"""Fictional cohorts for the regional monitor in the demo regio (issue 19, item 6).

A second JJI of Regio Lindewaard, "JJI De Horst" with its school, and "MBO College Westhaven"
as the receiving school of most of its young people. ``COHORT`` young people, released evenly
from January 2024 to a few weeks ago, each with — drawn from a fixed seed, so the demo is the
same every time — a school before placement (or not) and an ICT-fase in the onderwijsinformatie,
a warme overdracht before release for most, an enrolment at Westhaven for most (some starting
late — likelier without a warme overdracht —, some ending without a next one), the
checkpoints that have come due, a diploma for some, a decided beslismodel with measures as
tasks for most, and the derived stand. None of the demo
users works at these organisations or is involved in these trajecten, so none of them sees
any of these young people (need to know holds in the demo too); the monitor counts them.
Every name is made up; nothing here is real personal data.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from beslismodel.constants import STAP_VAN_MAATREGEL, Bevestiging, MaatregelSoort, Stand, Status
from beslismodel.models import Beslismodel, Besluit, Maatregel
from beslismodel.sjabloonbeheer import in_gebruik
from dossier.constants import CheckpointUitkomst
from dossier.models import Inschrijving, Onderwijsinformatie, Schoolcheckpoint
from dossier.services_stand import standen_bijwerken
from jji_traject.geschiedenis import bulk_aanmaken
from netwerk import services as netwerk_services
from netwerk.constants import OrganisatieSoort
from netwerk.models import IctFase, Organisatie, Regio
from toegang import policy
from trajecten.constants import (
    CHECKPOINT_DAGEN,
    BetrokkenheidSoort,
    Fase,
    OverlegSoort,
    TaakStatus,
    Titel,
    Uitstroombestemming,
    Verblijfsduur,
)
from trajecten.models import Betrokkenheid, Jongere, Overleg, Taak, Traject

from .schaal import ACHTERNAMEN, VOORNAMEN

COHORT = 160
EERSTE_VRIJLATING = dt.date(2024, 1, 8)
ORGANISATIES = {
    "jji": ("JJI De Horst", OrganisatieSoort.JJI, "Horstmeer"),
    "school": ("De Horst College (JJI-school)", OrganisatieSoort.JJI_SCHOOL, "Horstmeer"),
    "mbo": ("MBO College Westhaven", OrganisatieSoort.MBO, "Westhaven"),
}


def _organisaties(regio: Regio) -> dict[str, Organisatie]:
    gevonden: dict[str, Organisatie] = {}
    for sleutel, (naam, soort, plaats) in ORGANISATIES.items():
        organisatie = Organisatie.objects.filter(naam=naam, regio=regio).first()
        if organisatie is None:
            organisatie = Organisatie(naam=naam, soort=soort, regio=regio, plaats=plaats)
            if soort == OrganisatieSoort.JJI_SCHOOL:
                organisatie.jji = gevonden["jji"]
            netwerk_services.organisatie_opslaan(actor=None, organisatie=organisatie)
        gevonden[sleutel] = organisatie
    return gevonden


@transaction.atomic
def cohorten_genereren(regio: Regio, *, actor, aantal: int = COHORT) -> int:
    """Add the fictional cohorts to ``regio`` (once: nothing when JJI De Horst has young people)."""
    org = _organisaties(regio)
    if Traject.objects.filter(jji=org["jji"]).exists():
        return 0
    return _genereren(org, aantal, actor=actor, rnd=random.Random(19))  # noqa: S311 - fictional, fixed


def cohorten_bijmaken(regio: Regio, *, actor, aantal: int, portie: int = 2000) -> int:
    """``aantal`` more young people in the cohorts (the benchmark's scale), in portions of
    ``portie``, each in its own transaction."""
    org = _organisaties(regio)
    rnd = random.Random(aantal)  # noqa: S311 - fictional data, the same for the same size
    gemaakt = 0
    while gemaakt < aantal:
        with transaction.atomic():
            gemaakt += _genereren(org, min(portie, aantal - gemaakt), actor=actor, rnd=rnd)
    return gemaakt


def _genereren(org: dict[str, Organisatie], aantal: int, *, actor, rnd: random.Random) -> int:
    """``aantal`` young people released evenly from EERSTE_VRIJLATING to three weeks ago."""
    regio = org["jji"].regio
    vandaag = timezone.localdate()
    laatste = vandaag - dt.timedelta(days=21)
    stap = max((laatste - EERSTE_VRIJLATING).days / max(aantal - 1, 1), 0)
    fasen = list(IctFase.objects.filter(regio=regio).order_by("volgorde"))
    nu = timezone.now()

    jongeren = bulk_aanmaken(
        [
            Jongere(
                voornaam=rnd.choice(VOORNAMEN),
                achternaam=f"{rnd.choice(ACHTERNAMEN)} H{i}",
                geboortedatum=vandaag - dt.timedelta(days=rnd.randint(17 * 365, 21 * 365)),
            )
            for i in range(aantal)
        ],
        Jongere,
        actor=actor,
    )
    trajecten = []
    for i, jongere in enumerate(jongeren):
        vrij = EERSTE_VRIJLATING + dt.timedelta(days=round(i * stap))
        trajecten.append(
            Traject(
                jongere=jongere,
                sorteernaam=jongere.sorteersleutel,  # bulk_create skips save()
                jji=org["jji"],
                titel=rnd.choice([Titel.JEUGDDETENTIE, Titel.PIJ, Titel.VOORLOPIGE_HECHTENIS]),
                verblijfsduur=rnd.choice([Verblijfsduur.KORT, Verblijfsduur.LANG]),
                startdatum=vrij - dt.timedelta(days=rnd.randint(40, 400)),
                fase=Fase.UITSTROOM,
                vrijgelaten_op=vrij,
                uitstroombestemming=rnd.choices(
                    [Uitstroombestemming.MBO, Uitstroombestemming.WERK, Uitstroombestemming.PRAKTIJKLEREN],
                    weights=[8, 1, 1],
                )[0],
            )
        )
    trajecten = bulk_aanmaken(trajecten, Traject, actor=actor)

    betrokkenheden, delen, inschrijvingen, checkpoints, overleggen = [], [], [], [], []
    vastgelegd = {"organisatie": org["mbo"], "vastgelegd_door": actor, "vastgelegd_op": nu}
    for traject in trajecten:
        vrij = traject.vrijgelaten_op
        betrokkenheden += [
            Betrokkenheid(traject=traject, organisatie=org["jji"], soort=BetrokkenheidSoort.JJI, toegevoegd_door=actor),
            Betrokkenheid(
                traject=traject, organisatie=org["school"], soort=BetrokkenheidSoort.JJI_SCHOOL, toegevoegd_door=actor
            ),
        ]
        delen.append(
            Onderwijsinformatie(
                traject=traject,
                ingeschreven_bij="Vakcollege Horstmeer" if rnd.random() < 0.6 else "",
                ict_fase=rnd.choice(fasen) if fasen and rnd.random() < 0.85 else None,
                bijgewerkt_door=actor,
                bijgewerkt_op=nu,
            )
        )
        if traject.uitstroombestemming != Uitstroombestemming.MBO or rnd.random() < 0.1:
            continue  # no enrolment recorded: counts as interrupted after the threshold
        betrokkenheden.append(
            Betrokkenheid(
                traject=traject, organisatie=org["mbo"], soort=BetrokkenheidSoort.MBO_ONTVANGEND, toegevoegd_door=actor
            )
        )
        # A warme overdracht before release for most: the routekaart kept (step 7).
        warm = rnd.random() < 0.7
        if warm:
            overleggen.append(
                Overleg(
                    traject=traject,
                    soort=OverlegSoort.WARME_OVERDRACHT,
                    datum=vrij - dt.timedelta(days=rnd.randint(3, 20)),
                    jongere_aanwezig=True,
                    vastgelegd_door=actor,
                    vastgelegd_op=nu,
                )
            )
        # Without one, a late start is likelier (the demo's figures show the difference).
        start = vrij + dt.timedelta(days=rnd.choice([3, 5, 7, 10, 14, 21] if warm else [7, 14, 28, 45, 60]))
        if start > vandaag:
            continue
        einde = start + dt.timedelta(days=rnd.randint(40, 250)) if rnd.random() < 0.15 else None
        einde = einde if einde and einde <= vandaag else None
        inschrijvingen.append(
            Inschrijving(
                traject=traject,
                instelling=org["mbo"].naam,
                opleiding="Entree assistent logistiek",
                crebo="25410",
                niveau=1,
                startdatum=start,
                eerste_schooldag=start + dt.timedelta(days=rnd.randint(0, 3)),
                einddatum=einde,
                reden_uitschrijving="Gestopt met de opleiding (demo)." if einde else "",
                **vastgelegd,
            )
        )
        diploma = rnd.random() < 0.2
        for moment, dagen in CHECKPOINT_DAGEN.items():
            peildatum = vrij + dt.timedelta(days=dagen)
            if peildatum > vandaag or peildatum < start:
                continue
            if einde and peildatum >= einde:
                uitkomst = CheckpointUitkomst.UITGESCHREVEN
            elif diploma and moment == 12:
                uitkomst = CheckpointUitkomst.DIPLOMA
            else:
                uitkomst = CheckpointUitkomst.VERZUIM if rnd.random() < 0.2 else CheckpointUitkomst.AANWEZIG
            checkpoints.append(
                Schoolcheckpoint(
                    traject=traject,
                    moment=moment,
                    peildatum=peildatum,
                    uitkomst=uitkomst,
                    reden="Gestopt met de opleiding (demo)." if uitkomst == CheckpointUitkomst.UITGESCHREVEN else "",
                    **vastgelegd,
                )
            )
    bulk_aanmaken(betrokkenheden, Betrokkenheid, actor=actor)
    bulk_aanmaken(delen, Onderwijsinformatie, actor=actor)
    bulk_aanmaken(inschrijvingen, Inschrijving, actor=actor)
    bulk_aanmaken(checkpoints, Schoolcheckpoint, actor=actor)
    bulk_aanmaken(overleggen, Overleg, actor=actor)
    _besluiten(trajecten, org["mbo"], actor=actor, rnd=rnd, nu=nu)
    # This portion's trajecten as one queryset (a range, never a list of ids).
    nieuw = Traject.objects.filter(jji=org["jji"], pk__gte=min(t.pk for t in trajecten))
    policy.rechten_afleiden(nieuw)
    standen_bijwerken(nieuw)
    return len(trajecten)


def _besluiten(trajecten: list[Traject], mbo: Organisatie, *, actor, rnd: random.Random, nu) -> None:
    """A decided beslismodel for most (groen most often, then oranje, then rood), each with one
    or two measures as routekaart tasks, most of them done before release: the monitor's
    figures during placement. Fictional text only."""
    sjabloon = in_gebruik(mbo.regio)
    gekozen = [t for t in trajecten if rnd.random() < 0.85]
    modellen = bulk_aanmaken(
        [
            Beslismodel(
                traject=traject,
                versie=1,
                sjabloon=sjabloon,
                stand=Stand.VASTGESTELD,
                ontvanger=mbo,
                met_jongere_besproken=True,
                aangemaakt_door=actor,
                bijgewerkt_door=actor,
                ingediend_door=actor,
                ingediend_op=nu,
            )
            for traject in gekozen
        ],
        Beslismodel,
        actor=actor,
    )
    besluiten = bulk_aanmaken(
        [
            Besluit(
                beslismodel=model,
                advies="Vast aanspreekpunt op school en een rustige start (demo).",
                status=(status := rnd.choices([Status.GROEN, Status.ORANJE, Status.ROOD], weights=[5, 3, 1])[0]),
                suggestie=status,
                regelversie=1,
                motivatie="Past bij de antwoorden in het beslismodel (demo).",
                besloten_door=actor,
                bevestiging=Bevestiging.NIET_NODIG if status == Status.GROEN else Bevestiging.GEVRAAGD,
            )
            for model in modellen
        ],
        Besluit,
        actor=actor,
    )
    taken, maatregelen = [], []
    for besluit, model in zip(besluiten, modellen, strict=True):
        vrij = model.traject.vrijgelaten_op
        for volgorde, soort in enumerate(rnd.sample(list(MaatregelSoort), rnd.choice([1, 2]))):
            gedaan = rnd.random() < 0.75
            taak = Taak(
                traject=model.traject,
                stap=STAP_VAN_MAATREGEL[soort],
                tekst=f"{soort.label.capitalize()} (demo)",
                organisatie=mbo,
                status=TaakStatus.GEDAAN if gedaan else TaakStatus.OPEN,
                gedaan_op=vrij - dt.timedelta(days=rnd.randint(1, 10)) if gedaan else None,
                gedaan_door=actor if gedaan else None,
            )
            taken.append(taak)
            maatregelen.append(
                Maatregel(besluit=besluit, soort=soort, omschrijving=taak.tekst, volgorde=volgorde, taak=taak)
            )
    bulk_aanmaken(taken, Taak, actor=actor)
    bulk_aanmaken(maatregelen, Maatregel, actor=actor)
