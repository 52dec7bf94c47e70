"""The doorstroomdossier and toekomstperspectief of a few demo youths (fictional, future-oriented)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from dossier import services as dossier_services
from trajecten import services as traject_services
from trajecten.constants import Categorie, Grondslag, Wijze

# The doorstroomdossier of a few demo youths (fictional), and which parts they agreed to share
# with the receiving mbo. Noah's is written but not shared yet: the browser test shares it.
DOSSIERS = {
    "Noah": [],
    "Liam": [Categorie.ONDERWIJSINFORMATIE, Categorie.BEGELEIDINGSBEHOEFTE, Categorie.VEILIGHEIDSSIGNALEN],
}
# Enrolled at an mbo (the diploma is the mbo's), never with a crebo at the JJI-school: the
# JJI-school teaches and facilitates exams, ROC Lindewaard enrols and examines.
DEMO_ONDERWIJS = {
    "ingeschreven_bij": "ROC Lindewaard",
    "opleiding": "Medewerker logistiek",
    "crebo": "25431",
    "niveau": 2,
    "examinerende_instelling": "ROC Lindewaard",
    "diplomas_en_resultaten": "Rekenen 2F: voldoende (proeftoets in de JJI)",
    "lopende_modules": "Magazijnbeheer, Nederlands 2F",
    "leerdoelen": "Zelfstandig een orderpick-opdracht plannen en uitvoeren.",
    "motivatie": "Wil na het verblijf een BBL-plek in de logistiek.",
    "talenten": "Werkt nauwkeurig, helpt anderen graag.",
    "ict_fase": "B1",  # a phase of the demo regio's ICT-fasen (bijlage 3), by its name
    "ict_beperkingen": "Werkt op de schoolcomputer, niet op een eigen laptop. Spreekexamens met opname, in overleg "
    "met ROC Lindewaard.",
}
DEMO_BEGELEIDING = {
    "structuur": "Een vast dagritme en een vast aanspreekpunt in de eerste weken.",
    "sociaal_emotioneel": "Heeft tijd nodig om te wennen aan nieuwe groepen.",
    "praktisch": "Hulp bij het aanvragen van een OV-kaart.",
    "wat_helpt": "Kort en concreet uitleggen wat er van hem verwacht wordt; complimenten op inzet.",
}
DEMO_SIGNAAL = {
    "signaal": "Plaats hem de eerste periode niet in dezelfde klas als een bekende uit de wijk.",
    "reden": "Voorkomt dat oude conflicten de start op school verstoren.",
}

# The toekomstperspectief per leefgebied of two demo youths (fictional).
DEMO_PERSPECTIEF = {
    "Noah": {
        "wonen": "Gaat terug naar huis bij zijn moeder; zijn kamer is vrij.",
        "onderwijs_werk": "Wil een BBL-opleiding logistiek bij ROC Lindewaard.",
        "vrije_tijd": "Voetbal bij de club in de wijk, twee avonden per week.",
    },
    "Liam": {
        "wonen": "Kamer in een begeleid-wonenproject van de gemeente, vanaf de dag van vertrek.",
        "onderwijs_werk": "Logistiek niveau 2 bij ROC Lindewaard, start na de zomer; tot dan werkervaring.",
        "vrije_tijd": "Fitness; wil een vaste sportschool dicht bij huis.",
        "zorg": "Wekelijks gesprek met de nazorgcoach van de gemeente in de eerste drie maanden.",
    },
}


def dossier_schrijven(traject, docent, coordinator, mbo, *, delen) -> None:
    """A written doorstroomdossier (fictional, future-oriented); ``delen`` are the parts the
    youth agreed to share with the receiving mbo."""
    dossier_services.onderwijsinformatie_opslaan(actor=docent, traject=traject, gegevens=DEMO_ONDERWIJS)
    dossier_services.resultaat_toevoegen(
        actor=docent,
        traject=traject,
        gegevens={
            "soort": "certificaat",
            "omschrijving": "Certificaat heftruck",
            "datum": timezone.localdate() - dt.timedelta(days=20),
            "gevalideerd_door": mbo,
        },
    )
    dossier_services.begeleidingsbehoefte_opslaan(actor=docent, traject=traject, gegevens=DEMO_BEGELEIDING)
    dossier_services.veiligheidssignaal_toevoegen(
        actor=docent,
        traject=traject,
        gegevens={**DEMO_SIGNAAL, "einddatum": timezone.localdate() + dt.timedelta(days=180)},
    )
    jong = traject.jongere.leeftijd() < 16
    for categorie in delen:
        traject_services.toestemming_vastleggen(
            actor=coordinator,
            traject=traject,
            ontvanger=mbo,
            categorie=categorie,
            gegevens={
                "grondslag": Grondslag.TOESTEMMING_OUDER if jong else Grondslag.TOESTEMMING_JONGERE,
                "gegeven_door": "Moeder (fictief)" if jong else "",
                "jongere_gevraagd": jong,
                "datum_gegeven": timezone.localdate() - dt.timedelta(days=7),
                "wijze": Wijze.MONDELING,
                "weigeren_zonder_gevolgen": True,
            },
        )
