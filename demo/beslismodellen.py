"""Demo beslismodellen (fictional, future-oriented), prepared and submitted through the services."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from beslismodel import services as beslismodel_services
from beslismodel.constants import veldnaam

# Demo beslismodellen (fictional, future-oriented): Liam's is decided (groen), Finn's waits
# at ROC Lindewaard, Daan's is a draft. Per item: (extra aandacht nodig, wat is nodig); the two placement choices.
DEMO_BESLISMODELLEN = {
    "Liam": {
        "antwoorden": {
            "veiligheid": (False, "Geen bijzondere afspraken nodig."),
            "onderwijsmogelijkheden": (
                False,
                "Regulier mbo niveau 2 logistiek is mogelijk. De VOG-check bij Justis is besproken: voor een "
                "BBL-plek in de logistiek is een VOG haalbaar.",
            ),
            "psychosociaal": (True, "Hulp bij het aanvragen van zorgtoeslag en een OV-kaart."),
            "opleidingsniveau": (True, "Rekenen 2F net gehaald: extra oefentijd rekenen in het eerste half jaar."),
            "beroepsinteresses": (False, "Wil een BBL-plek in de logistiek; gemotiveerd door de heftruckcursus."),
            "sociaal-emotioneel": (True, "Heeft tijd nodig in een nieuwe groep; een vast aanspreekpunt helpt."),
            "continuiteit": (True, "Vast dagritme; de mentor belt als hij een dag mist."),
            "kaders-en-afspraken": (
                True,
                "De mentor is het eerste aanspreekpunt. Elke twee weken een kort gesprek. Bij zorgen belt de mentor "
                "de nazorgcoach van de gemeente.",
            ),
            "begeleidingsplan": (True, "Begeleidingsplan in de eerste week opstellen met mentor en nazorgcoach."),
            "evaluatie": (False, "Na zes weken evalueren met Liam, de mentor en de nazorgcoach."),
        },
        "keuzes": {"aanbod": "regulier", "setting": "reguliere_klas"},
        "besluit": {
            "status": "groen",
            "advies": "Start in de reguliere klas logistiek niveau 2, met extra rekenen en een vaste mentor.",
            "motivatie": "Liam is gemotiveerd en heeft een duidelijk doel; met een vast aanspreekpunt past regulier.",
            "maatregelen": ["Extra rekenles in het eerste half jaar"],
        },
    },
    # Daan's is a draft the JJI-school is still filling in (only the JJI-school sees it).
    "Daan": {
        "antwoorden": {"beroepsinteresses": (False, "Wil graag in de techniek werken; praktisch ingesteld.")},
        "keuzes": {},
        "concept": True,
    },
    "Finn": {
        "antwoorden": {
            "onderwijsmogelijkheden": (True, "Eerst een entreeopleiding om weer in een ritme te komen."),
            "opleidingsniveau": (True, "Achterstand in taal; extra begeleiding bij lezen en schrijven."),
            "inbedding": (True, "Een kleine groep met een vaste docent helpt hem te wennen."),
            "kaders-en-afspraken": (True, "Vaste afspraken over aanwezigheid; een vaste mentor als aanspreekpunt."),
        },
        "keuzes": {"aanbod": "entree", "setting": "kleinschalig"},
    },
}


def beslismodel_maken(traject, demo: dict, gebruikers, mbo) -> None:
    """A beslismodel prepared by the JJI-school and submitted to the receiving mbo; decided
    there when the demo case has a decision."""
    docent, intaker = gebruikers["jji-school"], gebruikers["mbo-intake"]
    gegevens = {veldnaam(sleutel, "keuze"): code for sleutel, code in demo["keuzes"].items()}
    for sleutel, (aandacht, tekst) in demo["antwoorden"].items():
        gegevens[veldnaam(sleutel, "aandacht")] = aandacht
        gegevens[veldnaam(sleutel, "toelichting")] = tekst
    concept = beslismodel_services.beslismodel_beginnen(actor=docent, traject=traject)
    beslismodel_services.antwoorden_opslaan(actor=docent, beslismodel=concept, gegevens=gegevens)
    if demo.get("concept"):
        return
    versie = beslismodel_services.beslismodel_indienen(
        actor=docent, beslismodel=concept, ontvanger=mbo, met_jongere_besproken=True
    )
    besluit = demo.get("besluit")
    if besluit:
        beslismodel_services.beslismodel_besluiten(
            actor=intaker,
            beslismodel=versie,
            status=besluit["status"],
            advies=besluit["advies"],
            motivatie=besluit["motivatie"],
            aanspreekpunt=intaker.medewerker,
            evaluatie_op=timezone.localdate() + dt.timedelta(days=42),
            maatregelen=[{"omschrijving": tekst} for tekst in besluit["maatregelen"]],
        )
