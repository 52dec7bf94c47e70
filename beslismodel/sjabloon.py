"""The national template of the beslismodel: bijlage 2 of the handreiking "Versterken
samenwerkingen JJI's & mbo-instellingen" ("Beslismodel bij inschrijving jongere in het
reguliere mbo-onderwijs na de JJI"), every aspect and item in the source's words and order.

Two choice items are added in section 4, under "Geschiktheid van de onderwijsomgeving": the
passend mbo-aanbod the bijlage names there, and where the youth can learn now (the three
statuses of "Mogelijke uitwerking in de praktijk"). The suggestion of a status reads only
those two choices (``beslismodel.suggestie``).

Each item belongs to a part of the doorstroomdossier (who may read its answer); section 3
("heldere kaders en afspraken", the shareable form of what safety needs) is begeleidingsbehoefte.
"""

from django.apps import apps as django_apps

from trajecten.constants import Categorie

from .constants import Aanbod, ItemSoort, Sectie, Setting

ONDERWIJS = Categorie.ONDERWIJSINFORMATIE
BEGELEIDING = Categorie.BEGELEIDINGSBEHOEFTE
VEILIGHEID = Categorie.VEILIGHEIDSSIGNALEN
WAT_IS_NODIG = "Toelichting; wat is nodig"

NAAM = "Beslismodel bij inschrijving jongere in het reguliere mbo-onderwijs na de JJI"
ADVIESTITEL = "Advies voor maatregelen en ondersteuning t.b.v. een passende onderwijsplek"
ADVIESUITLEG = (
    "Kruis aan bij welk van de volgende aspecten extra aandacht nodig is en licht toe wat nodig is in het "
    "onderwijs waar de jongere onderwijs gaat volgen."
)

# Each section: (code, titel, uitleg, items); each item a dict.
SECTIES = [
    (
        Sectie.ASPECTEN,
        "Relevante aspecten",
        "",
        [
            {
                "sleutel": "veiligheid",
                "titel": "Veiligheidsrisico’s voor docenten en medeleerlingen/studenten (met name agressie, "
                "gewelddadig gedrag)",
                "vraag": "Wat is nodig op school om veiligheid docenten en studenten te waarborgen?",
                "categorie": VEILIGHEID,
            },
            {
                "sleutel": "onderwijsmogelijkheden",
                "titel": "Mogelijkheden voor onderwijs (ook met oog op VOG) en benodigde extra begeleiding",
                "vraag": "Is regulier onderwijs mogelijk of is aangepast of kleinschalig onderwijs nodig of extra "
                "scholing/bijspijkeren i.v.m. achterstanden?",
                "categorie": ONDERWIJS,
            },
            {
                "sleutel": "psychosociaal",
                "titel": "Benodigde extra psychosociale begeleiding/praktische ondersteuning",
                "punten": ["Bijv. op gebied van verslaving, schulden, huisvesting, depressie, gedragsproblemen."],
                "categorie": BEGELEIDING,
            },
            {
                "sleutel": "hulpverlening",
                "titel": "De hulpverlening die er is voor de jongere",
                "punten": ["Trajectbegeleider, jeugdzorg, therapie."],
                "categorie": BEGELEIDING,
            },
            {
                "sleutel": "privesituatie",
                "titel": "De privé situatie",
                "punten": ["Ouders, leefomgeving, woonomstandigheden, sociaal netwerk en daarin beschikbare hulp."],
                "categorie": BEGELEIDING,
            },
        ],
    ),
    (
        Sectie.PROFIEL,
        "1. Persoonsprofiel en onderwijsbehoefte",
        "",
        [
            {
                "sleutel": "opleidingsniveau",
                "titel": "Opleidingsniveau en leerachterstanden",
                "punten": [
                    "Voorgaande onderwijsresultaten en/of leerachterstanden",
                    "Behoefte aan extra begeleiding in taal, rekenen, studievaardigheden of anders.",
                ],
                "categorie": ONDERWIJS,
            },
            {
                "sleutel": "beroepsinteresses",
                "titel": "Beroepsinteresses en motivatie",
                "punten": [
                    "Passende opleiding op basis van interesses en arbeidsmarktkansen en mogelijkheden om VOG te "
                    "krijgen.",
                    "Motivatie voor leren en/of werken.",
                ],
                "categorie": ONDERWIJS,
            },
            {
                "sleutel": "sociaal-emotioneel",
                "titel": "Sociale en emotionele ontwikkeling",
                "punten": ["Zelfregulatie, sociale vaardigheden", "Behoefte aan begeleiding bij sociale interacties"],
                "categorie": BEGELEIDING,
            },
        ],
    ),
    (
        Sectie.RANDVOORWAARDEN,
        "2. Randvoorwaarden voor veilig en kansrijk functioneren in het mbo",
        "",
        [
            {
                "sleutel": "grenzen",
                "titel": "Omgaan met grenzen, spanning en conflictsituaties",
                "punten": [
                    "Behoefte aan voorspelbaarheid en duidelijke afspraken",
                    "Ondersteuning bij emotieregulatie of conflicthantering",
                    "Aanspreekpunt of mentorrol bij oplopende spanning",
                ],
                "vraag": "Toelichting; wat is helpend voor deze jongere in het mbo",
                "categorie": BEGELEIDING,
            },
            {
                "sleutel": "inbedding",
                "titel": "Inbedding in de leer- en groepsomgeving",
                "punten": [
                    "Begeleiding bij sociale interactie en groepsdynamiek",
                    "Aandachtspunten voor plaatsing in een klas of opleiding",
                ],
                "vraag": "Toelichting; wat draagt bij aan een positieve deelname aan de opleiding",
                "categorie": BEGELEIDING,
            },
            {
                "sleutel": "continuiteit",
                "titel": "Continuïteit, aanwezigheid en zelfregie in studie en schooldeelname",
                "uitleg": "Beschrijf welke ondersteuning en afspraken bijdragen aan regelmatige aanwezigheid en "
                "stabiele deelname aan het onderwijs. Denk aan:",
                "punten": [
                    "Behoefte aan structuur in het dag- en weekritme",
                    "Aandachtspunten rondom belastbaarheid en prikkelgevoeligheid",
                    "Ondersteuning bij het tijdig signaleren van terugval of overbelasting",
                ],
                "vraag": "Toelichting: wat helpt deze jongere om aanwezig te blijven en zijn of haar opleiding vol "
                "te houden",
                "categorie": BEGELEIDING,
            },
        ],
    ),
    (
        Sectie.KADERS,
        "3. Heldere kaders en afspraken",
        "Ter vervanging van Veiligheidsmaatregelen en crisis interventies.",
        [
            {
                "sleutel": "kaders-en-afspraken",
                "titel": "Heldere kaders en afspraken voor een voorspelbare en veilige leeromgeving",
                "punten": [
                    "Duidelijkheid over gedragsverwachtingen en huisregels binnen de opleiding",
                    "Afspraken over wie het eerste aanspreekpunt is bij zorgen of vragen",
                    "Momenten van evaluatie en afstemming tussen onderwijs en begeleiding",
                    "Signalen die aanleiding geven om extra ondersteuning te organiseren",
                    "Werkwijze voor het betrekken van aanvullende expertise, indien nodig",
                ],
                "vraag": "Toelichting: welke afspraken en contactlijnen dragen bij aan een stabiele en veilige "
                "start in het mbo",
                "categorie": BEGELEIDING,
            },
        ],
    ),
    (
        Sectie.PLAATSING,
        "4. Plaatsingsbesluit en monitoring",
        "",
        [
            {
                "sleutel": "onderwijsomgeving",
                "titel": "Geschiktheid van de onderwijsomgeving",
                "punten": [
                    "Passend mbo-aanbod (regulier, entreeopleiding, praktijkgericht of aangepaste leerroute)",
                    "Afstemming met docenten en schoolleiding over eventuele risico’s",
                ],
                "categorie": ONDERWIJS,
            },
            {
                "sleutel": "aanbod",
                "titel": "Passend mbo-aanbod",
                "soort": ItemSoort.KEUZE,
                "keuzes": [
                    (Aanbod.REGULIER, "regulier"),
                    (Aanbod.ENTREE, "entreeopleiding"),
                    (Aanbod.PRAKTIJKGERICHT, "praktijkgericht"),
                    (Aanbod.AANGEPAST, "aangepaste leerroute"),
                ],
            },
            {
                "sleutel": "setting",
                "titel": "Waar kan de jongere nu leren?",
                "uitleg": "Mogelijke uitwerking in de praktijk.",
                "soort": ItemSoort.KEUZE,
                "keuzes": [
                    (Setting.REGULIERE_KLAS, "instromen in regulier mbo met (lichte) ondersteuning"),
                    (Setting.KLEINSCHALIG, "extra ondersteuning in een kleinschalige setting"),
                    (Setting.DAGBESTEDING, "nog niet in het mbo: eerst een alternatieve route, zoals dagbesteding"),
                    (Setting.PRAKTIJKLEREN, "nog niet in het mbo: eerst een alternatieve route, zoals praktijkleren"),
                    (Setting.ZORG, "nog niet in het mbo: eerst aanvullende zorg"),
                ],
            },
            {
                "sleutel": "begeleidingsplan",
                "titel": "Opstellen van een individueel begeleidingsplan",
                "punten": [
                    "Concrete afspraken over begeleiding en terugvalpreventie",
                    "Periodieke evaluatie met student, school en betrokken hulpverleners",
                ],
                "categorie": BEGELEIDING,
            },
            {
                "sleutel": "evaluatie",
                "titel": "Evaluatie en bijstelling",
                "punten": [
                    "Regelmatige evaluatie van leerprestaties, gedrag en welzijn",
                    "Indien nodig doorverwijzing naar een andere vorm van onderwijs of ondersteuning",
                ],
                "categorie": BEGELEIDING,
            },
        ],
    ),
]


def sjabloon_laden(apps=django_apps) -> None:
    """Load version 1 of the national template (idempotent); used by the data migration and
    by test re-seeding after a transactional test flushed the tables."""
    Sjabloon = apps.get_model("beslismodel", "Sjabloon")
    SjabloonSectie = apps.get_model("beslismodel", "SjabloonSectie")
    SjabloonItem = apps.get_model("beslismodel", "SjabloonItem")
    SjabloonKeuze = apps.get_model("beslismodel", "SjabloonKeuze")
    from django.utils import timezone

    sjabloon, nieuw = Sjabloon.objects.get_or_create(
        regio=None,
        versie=1,
        defaults={
            "naam": NAAM,
            "adviestitel": ADVIESTITEL,
            "adviesuitleg": ADVIESUITLEG,
            "gepubliceerd_op": timezone.now(),
        },
    )
    if not nieuw:
        return
    for volgorde, (code, titel, uitleg, items) in enumerate(SECTIES, 1):
        sectie = SjabloonSectie.objects.create(
            sjabloon=sjabloon, code=code, titel=titel, uitleg=uitleg, volgorde=volgorde
        )
        for item_volgorde, gegevens in enumerate(items, 1):
            soort = gegevens.get("soort", ItemSoort.AANDACHT)
            item = SjabloonItem.objects.create(
                sectie=sectie,
                sleutel=gegevens["sleutel"],
                volgorde=item_volgorde,
                titel=gegevens["titel"],
                uitleg=gegevens.get("uitleg", ""),
                aandachtspunten="\n".join(gegevens.get("punten", [])),
                vraag=gegevens.get("vraag", WAT_IS_NODIG if soort == ItemSoort.AANDACHT else ""),
                soort=soort,
                categorie=gegevens.get("categorie", ""),
            )
            for keuze_volgorde, (keuze_code, label) in enumerate(gegevens.get("keuzes", []), 1):
                SjabloonKeuze.objects.create(item=item, code=keuze_code, label=label, volgorde=keuze_volgorde)
