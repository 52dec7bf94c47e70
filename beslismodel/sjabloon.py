"""The national template of the beslismodel: bijlage 2 of the handreiking "Versterken
samenwerkingen JJI's & mbo-instellingen" ("Beslismodel bij inschrijving jongere in het
reguliere mbo-onderwijs na de JJI"), every aspect and item in the source's words and order.

Two choice items are added in section 4, under "Geschiktheid van de onderwijsomgeving": the
passend mbo-aanbod the bijlage names there, and where the youth can learn now (the three
statuses of "Mogelijke uitwerking in de praktijk"). The suggestion of a status reads only
those two choices (``beslismodel.suggestie``).

Each item belongs to a part of the doorstroomdossier (who may read its answer); section 3
("heldere kaders en afspraken", the shareable form of what safety needs) is begeleidingsbehoefte.

Every text is stored in Dutch; each is marked with ``gettext_noop`` (the value stays the Dutch
text) so the English catalogue can translate it, and pages show a stored text through
``jji_traject.standaardtekst``: a regio's own wording in a later version has no translation
and shows as typed.
"""

from django.apps import apps as django_apps
from django.utils.translation import gettext_noop

from trajecten.constants import Categorie

from .constants import Aanbod, ItemSoort, Sectie, Setting

ONDERWIJS = Categorie.ONDERWIJSINFORMATIE
BEGELEIDING = Categorie.BEGELEIDINGSBEHOEFTE
VEILIGHEID = Categorie.VEILIGHEIDSSIGNALEN
WAT_IS_NODIG = gettext_noop("Toelichting; wat is nodig")

NAAM = gettext_noop("Beslismodel bij inschrijving jongere in het reguliere mbo-onderwijs na de JJI")
ADVIESTITEL = gettext_noop("Advies voor maatregelen en ondersteuning t.b.v. een passende onderwijsplek")
ADVIESUITLEG = gettext_noop(
    "Kruis aan bij welk van de volgende aspecten extra aandacht nodig is en licht toe wat nodig is in het "
    "onderwijs waar de jongere onderwijs gaat volgen."
)

# Each section: (code, titel, uitleg, items); each item a dict.
SECTIES = [
    (
        Sectie.ASPECTEN,
        gettext_noop("Relevante aspecten"),
        "",
        [
            {
                "sleutel": "veiligheid",
                "titel": gettext_noop(
                    "Veiligheidsrisico’s voor docenten en medeleerlingen/studenten (met name agressie, "
                    "gewelddadig gedrag)"
                ),
                "vraag": gettext_noop("Wat is nodig op school om veiligheid docenten en studenten te waarborgen?"),
                "categorie": VEILIGHEID,
            },
            {
                "sleutel": "onderwijsmogelijkheden",
                "titel": gettext_noop(
                    "Mogelijkheden voor onderwijs (ook met oog op VOG) en benodigde extra begeleiding"
                ),
                "vraag": gettext_noop(
                    "Is regulier onderwijs mogelijk of is aangepast of kleinschalig onderwijs nodig of extra "
                    "scholing/bijspijkeren i.v.m. achterstanden?"
                ),
                "categorie": ONDERWIJS,
            },
            {
                "sleutel": "psychosociaal",
                "titel": gettext_noop("Benodigde extra psychosociale begeleiding/praktische ondersteuning"),
                "punten": [
                    gettext_noop("Bijv. op gebied van verslaving, schulden, huisvesting, depressie, gedragsproblemen.")
                ],
                "categorie": BEGELEIDING,
            },
            {
                "sleutel": "hulpverlening",
                "titel": gettext_noop("De hulpverlening die er is voor de jongere"),
                "punten": [gettext_noop("Trajectbegeleider, jeugdzorg, therapie.")],
                "categorie": BEGELEIDING,
            },
            {
                "sleutel": "privesituatie",
                "titel": gettext_noop("De privé situatie"),
                "punten": [
                    gettext_noop(
                        "Ouders, leefomgeving, woonomstandigheden, sociaal netwerk en daarin beschikbare hulp."
                    )
                ],
                "categorie": BEGELEIDING,
            },
        ],
    ),
    (
        Sectie.PROFIEL,
        gettext_noop("1. Persoonsprofiel en onderwijsbehoefte"),
        "",
        [
            {
                "sleutel": "opleidingsniveau",
                "titel": gettext_noop("Opleidingsniveau en leerachterstanden"),
                "punten": [
                    gettext_noop("Voorgaande onderwijsresultaten en/of leerachterstanden"),
                    gettext_noop("Behoefte aan extra begeleiding in taal, rekenen, studievaardigheden of anders."),
                ],
                "categorie": ONDERWIJS,
            },
            {
                "sleutel": "beroepsinteresses",
                "titel": gettext_noop("Beroepsinteresses en motivatie"),
                "punten": [
                    gettext_noop(
                        "Passende opleiding op basis van interesses en arbeidsmarktkansen en mogelijkheden om VOG te "
                        "krijgen."
                    ),
                    gettext_noop("Motivatie voor leren en/of werken."),
                ],
                "categorie": ONDERWIJS,
            },
            {
                "sleutel": "sociaal-emotioneel",
                "titel": gettext_noop("Sociale en emotionele ontwikkeling"),
                "punten": [
                    gettext_noop("Zelfregulatie, sociale vaardigheden"),
                    gettext_noop("Behoefte aan begeleiding bij sociale interacties"),
                ],
                "categorie": BEGELEIDING,
            },
        ],
    ),
    (
        Sectie.RANDVOORWAARDEN,
        gettext_noop("2. Randvoorwaarden voor veilig en kansrijk functioneren in het mbo"),
        "",
        [
            {
                "sleutel": "grenzen",
                "titel": gettext_noop("Omgaan met grenzen, spanning en conflictsituaties"),
                "punten": [
                    gettext_noop("Behoefte aan voorspelbaarheid en duidelijke afspraken"),
                    gettext_noop("Ondersteuning bij emotieregulatie of conflicthantering"),
                    gettext_noop("Aanspreekpunt of mentorrol bij oplopende spanning"),
                ],
                "vraag": gettext_noop("Toelichting; wat is helpend voor deze jongere in het mbo"),
                "categorie": BEGELEIDING,
            },
            {
                "sleutel": "inbedding",
                "titel": gettext_noop("Inbedding in de leer- en groepsomgeving"),
                "punten": [
                    gettext_noop("Begeleiding bij sociale interactie en groepsdynamiek"),
                    gettext_noop("Aandachtspunten voor plaatsing in een klas of opleiding"),
                ],
                "vraag": gettext_noop("Toelichting; wat draagt bij aan een positieve deelname aan de opleiding"),
                "categorie": BEGELEIDING,
            },
            {
                "sleutel": "continuiteit",
                "titel": gettext_noop("Continuïteit, aanwezigheid en zelfregie in studie en schooldeelname"),
                "uitleg": gettext_noop(
                    "Beschrijf welke ondersteuning en afspraken bijdragen aan regelmatige aanwezigheid en "
                    "stabiele deelname aan het onderwijs. Denk aan:"
                ),
                "punten": [
                    gettext_noop("Behoefte aan structuur in het dag- en weekritme"),
                    gettext_noop("Aandachtspunten rondom belastbaarheid en prikkelgevoeligheid"),
                    gettext_noop("Ondersteuning bij het tijdig signaleren van terugval of overbelasting"),
                ],
                "vraag": gettext_noop(
                    "Toelichting: wat helpt deze jongere om aanwezig te blijven en zijn of haar opleiding vol te houden"
                ),
                "categorie": BEGELEIDING,
            },
        ],
    ),
    (
        Sectie.KADERS,
        gettext_noop("3. Heldere kaders en afspraken"),
        gettext_noop("Ter vervanging van Veiligheidsmaatregelen en crisis interventies."),
        [
            {
                "sleutel": "kaders-en-afspraken",
                "titel": gettext_noop("Heldere kaders en afspraken voor een voorspelbare en veilige leeromgeving"),
                "punten": [
                    gettext_noop("Duidelijkheid over gedragsverwachtingen en huisregels binnen de opleiding"),
                    gettext_noop("Afspraken over wie het eerste aanspreekpunt is bij zorgen of vragen"),
                    gettext_noop("Momenten van evaluatie en afstemming tussen onderwijs en begeleiding"),
                    gettext_noop("Signalen die aanleiding geven om extra ondersteuning te organiseren"),
                    gettext_noop("Werkwijze voor het betrekken van aanvullende expertise, indien nodig"),
                ],
                "vraag": gettext_noop(
                    "Toelichting: welke afspraken en contactlijnen dragen bij aan een stabiele en veilige "
                    "start in het mbo"
                ),
                "categorie": BEGELEIDING,
            },
        ],
    ),
    (
        Sectie.PLAATSING,
        gettext_noop("4. Plaatsingsbesluit en monitoring"),
        "",
        [
            {
                "sleutel": "onderwijsomgeving",
                "titel": gettext_noop("Geschiktheid van de onderwijsomgeving"),
                "punten": [
                    gettext_noop(
                        "Passend mbo-aanbod (regulier, entreeopleiding, praktijkgericht of aangepaste leerroute)"
                    ),
                    gettext_noop("Afstemming met docenten en schoolleiding over eventuele risico’s"),
                ],
                "categorie": ONDERWIJS,
            },
            {
                "sleutel": "aanbod",
                "titel": gettext_noop("Passend mbo-aanbod"),
                "soort": ItemSoort.KEUZE,
                "keuzes": [
                    (Aanbod.REGULIER, gettext_noop("regulier")),
                    (Aanbod.ENTREE, gettext_noop("entreeopleiding")),
                    (Aanbod.PRAKTIJKGERICHT, gettext_noop("praktijkgericht")),
                    (Aanbod.AANGEPAST, gettext_noop("aangepaste leerroute")),
                ],
            },
            {
                "sleutel": "setting",
                "titel": gettext_noop("Waar kan de jongere nu leren?"),
                "uitleg": gettext_noop("Mogelijke uitwerking in de praktijk."),
                "soort": ItemSoort.KEUZE,
                "keuzes": [
                    (Setting.REGULIERE_KLAS, gettext_noop("instromen in regulier mbo met (lichte) ondersteuning")),
                    (Setting.KLEINSCHALIG, gettext_noop("extra ondersteuning in een kleinschalige setting")),
                    (
                        Setting.DAGBESTEDING,
                        gettext_noop("nog niet in het mbo: eerst een alternatieve route, zoals dagbesteding"),
                    ),
                    (
                        Setting.PRAKTIJKLEREN,
                        gettext_noop("nog niet in het mbo: eerst een alternatieve route, zoals praktijkleren"),
                    ),
                    (Setting.ZORG, gettext_noop("nog niet in het mbo: eerst aanvullende zorg")),
                ],
            },
            {
                "sleutel": "begeleidingsplan",
                "titel": gettext_noop("Opstellen van een individueel begeleidingsplan"),
                "punten": [
                    gettext_noop("Concrete afspraken over begeleiding en terugvalpreventie"),
                    gettext_noop("Periodieke evaluatie met student, school en betrokken hulpverleners"),
                ],
                "categorie": BEGELEIDING,
            },
            {
                "sleutel": "evaluatie",
                "titel": gettext_noop("Evaluatie en bijstelling"),
                "punten": [
                    gettext_noop("Regelmatige evaluatie van leerprestaties, gedrag en welzijn"),
                    gettext_noop("Indien nodig doorverwijzing naar een andere vorm van onderwijs of ondersteuning"),
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
