"""The national template of the doorstroomroutekaart: bijlage 4 of the handreiking
"Versterken samenwerkingen JJI's & mbo-instellingen", every step, activity and
responsibility line in the source's words. Lines with …… are blanks a regio fills in;
lines the handreiking fixes to one party are locked (``vast``).

Where the source prints two steps' lines in one list (steps 3-4, 5-6 and 8-9) they are
divided by the step they belong to in the bijlage's columns and in the handreiking's text.
"""

from django.apps import apps as django_apps

B = "……………"

# Each line: (tekst, taak, extra fields)
STAPPEN = [
    {
        "nummer": 1,
        "stem_jongere": "Opgepakt door de politie. Aantal dagen vast op bureau.",
        "activiteiten": [
            "De jongere wordt aangehouden en tijdelijk vastgehouden voor onderzoek.",
            "Vastgesteld of het een strafzaak betreft waarin jeugdstrafrecht van toepassing is.",
            "Informatie over de jongere (persoonlijk, gezin, school) verzameld voor vervolgfase.",
            "Eerste signalering van schooluitval of zorgbehoefte kan plaatsvinden.",
        ],
        "regels": [
            (f"{B} informeert RvdK", "RvdK informeren", {"geinformeerd": "RvdK", "justitieel": True}),
            (
                "RvdK start eventueel met vroege inschatting",
                "Eventueel vroege inschatting door de RvdK",
                {"vast": True, "uitvoerder": "rvdk", "justitieel": True},
            ),
            (
                "(Jeugd)reclassering betrokken mits er al een lopend traject is",
                "(Jeugd)reclassering betrekken bij een lopend traject",
                {
                    "vast": True,
                    "uitvoerder": "reclassering",
                    "justitieel": True,
                    "voorwaarde": "reclassering_betrokken",
                },
            ),
            (f"Ouders door {B} op de hoogte gebracht", "Ouders op de hoogte brengen", {"geinformeerd": "ouders"}),
            (
                f"School herkomst {B} geïnformeerd over aanhouding door {B} (met toestemming jongere).",
                "School van herkomst informeren over de aanhouding",
                {"geinformeerd": "school van herkomst", "voorwaarde": "kennisgeving_herkomst"},
            ),
        ],
    },
    {
        "nummer": 2,
        "stem_jongere": "Naar de rechter. Die bepaalde dat ik (voorlopig) vast moest blijven zitten.",
        "activiteiten": [
            "Voorgeleiding aan rechter-commissaris.",
            "Besluit: voorlopige hechtenis (JJI) of schorsing (vrij onder voorwaarden).",
            "Ketenpartners bereiden vervolgstappen voor, afhankelijk van beslissing.",
            "Indien plaatsing, overdracht dossier richting JJI.",
        ],
        "regels": [
            (
                "RvdK voert raadsonderzoek uit, spreekt met jongere, ouders, netwerk, school, en adviseert de rechter",
                "Raadsonderzoek door de RvdK",
                {"vast": True, "uitvoerder": "rvdk", "justitieel": True},
            ),
            (f"{B} zorgt voor melding INJUS na besluit", "Melding INJUS na het besluit", {"justitieel": True}),
            (
                "Jeugdreclassering (mits al betrokken) verzamelt contactgegevens JJI",
                "Contactgegevens JJI verzamelen (jeugdreclassering)",
                {
                    "vast": True,
                    "uitvoerder": "reclassering",
                    "justitieel": True,
                    "voorwaarde": "reclassering_betrokken",
                },
            ),
            (
                "Gemeente ontvangt via INJUS bericht over plaatsing in een JJI",
                "Gemeente ontvangt bericht via INJUS",
                {"vast": True, "uitvoerder": "gemeente", "geinformeerd": "gemeente"},
            ),
            (
                f"School herkomst geïnformeerd over plaatsing JJI door {B} (met toestemming jongere)",
                "School van herkomst informeren over de plaatsing",
                {"geinformeerd": "school van herkomst", "voorwaarde": "kennisgeving_herkomst"},
            ),
        ],
    },
    {
        "nummer": 3,
        "stem_jongere": "Wennen in de JJI, intake gesprek, administratie.",
        "activiteiten": [
            "De jongere stroomt in bij de JJI en doorloopt de administratieve en inhoudelijke intake.",
            "Kennismaking met mentor/begeleider.",
            "Informatie verzamelen leefgebieden.",
            "Eerste planning: werkwijze en verwachtingen communiceren naar jongere.",
            (
                "Eerste nazorgtafel wordt georganiseerd (binnen 1 week na voorgeleiding).",
                {
                    "taak": "Eerste nazorgtafel",
                    "termijn_gebeurtenis": "voorgeleiding",
                    "termijn_dagen": 7,
                    "overleg_soort": "nazorgtafel",
                },
            ),
        ],
        "regels": [
            (
                f"{B} (uit JJI organisatie) coördineert de instroomprocedure en interne overdracht",
                "Instroomprocedure en interne overdracht coördineren",
                {"uitvoerder": "jji"},
            ),
            (
                f"{B} begeleidt jongere op leefgroep, observeert gedrag.",
                "Jongere begeleiden op de leefgroep en gedrag observeren",
                {"alleen_registratie": True, "justitieel": True},
            ),
            (
                f"{B} voert psychologische intake uit, screent op zorgbehoefte",
                "Psychologische intake en screening op zorgbehoefte",
                {"alleen_registratie": True, "justitieel": True},
            ),
            (
                f"{B} coördineert het individuele traject en zorgt voor verbinding met interne professionals en "
                "ketenpartners.",
                "Individueel traject coördineren en verbinden met professionals en ketenpartners",
                {},
            ),
        ],
    },
    {
        "nummer": 4,
        "stem_jongere": "Allemaal gesprekken met me voeren om een perspectiefplan op te stellen.",
        "activiteiten": [
            (
                "Observatieperiode afgerond en perspectiefplan vastgesteld.",
                {
                    "taak": "Perspectiefplan vastgesteld",
                    "alleen_registratie": True,
                    "termijn_gebeurtenis": "aankomst",
                    "termijn_dagen": 21,
                },
            ),
            "Risicotaxatie op gedrag, zorg en onderwijs uitgevoerd.",
            "Afstemming over doelen binnen JJI en nazorgketen.",
        ],
        "regels": [
            (f"{B} Voert de onderwijsintake", "Onderwijsintake", {}),
            (
                f"{B} coördineert observaties en bespreekt resultaten intern",
                "Observaties coördineren en intern bespreken",
                {"alleen_registratie": True, "justitieel": True},
            ),
            (
                f"{B} bewaakt voortgang en stemt af met RvdK",
                "Voortgang bewaken en afstemmen met de RvdK",
                {"justitieel": True},
            ),
            (
                f"{B} stelt leerdoelen vast en stemt af met … (van onderwijs)",
                "Leerdoelen vaststellen en afstemmen met het onderwijs",
                {},
            ),
            (f"{B} bewaakt samenhang met nazorgplan", "Samenhang met het nazorgplan bewaken", {}),
            (
                f"{B} neemt contact op met school van herkomst [mits eerder",
                "Contact opnemen met de school van herkomst",
                {"voorwaarde": "kennisgeving_herkomst"},
            ),
        ],
    },
    {
        "nummer": 5,
        "stem_jongere": "Mijn dag begint elke dag om 7.00 uur en ik volg zes uur onderwijs.",
        "activiteiten": [
            "Uitvoeren perspectiefplan: organiseren dagelijks ritme & onderwijs (schema, lestijden).",
            "Monitoren aanwezigheid en voortgang perspectiefplan.",
            "Coördineren met onderwijsinstelling.",
            "Signaleren van problemen (motivatie, leerachterstand) en bijsturen.",
        ],
        "regels": [
            (f"{B} verzorgt onderwijs", "Onderwijs verzorgen", {}),
            (
                f"{B} monitort leerontwikkeling en adviseert bijstelling plan",
                "Leerontwikkeling monitoren en bijstelling adviseren",
                {},
            ),
            (f"{B} bewaakt doelen, rapporteert voortgang", "Doelen bewaken en voortgang rapporteren", {}),
            (
                f"{B} stemt af met RvdK en bewaakt samenhang met nazorgplan",
                "Afstemmen met de RvdK en samenhang met het nazorgplan bewaken",
                {"justitieel": True},
            ),
            (
                f"{B} houdt contact met school van herkomst",
                "Contact houden met de school van herkomst",
                {"voorwaarde": "kennisgeving_herkomst"},
            ),
            (f"{B} houdt contact met ouders/ verzorgers", "Contact houden met ouders/verzorgers", {}),
        ],
    },
    {
        "nummer": 6,
        "stem_jongere": "Ik mag op verlof en doe examens.",
        "activiteiten": [
            "Toetsen voorwaarden verlof.",
            "Faciliteren verlof- en examendagen.",
            "Coördinatie met exameninstantie / mbo-school.",
            "Evaluatie van examenresultaten en vervolgafspraken.",
            "Nazorgtafel voor uitstroom (bijv. 6 maanden voor STP).",
            "Eerste contact met mbo-school.",
        ],
        "regels": [
            (f"{B} bereidt met jongere examens voor", "Examens voorbereiden met de jongere", {}),
            (f"{B} begeleidt jongeren bij examens", "Jongere begeleiden bij examens", {}),
            (
                f"{B} toetst risico's en verlofvoorwaarden",
                "Risico's en verlofvoorwaarden toetsen",
                {"alleen_registratie": True, "justitieel": True},
            ),
            (
                f"{B} organiseert nazorgtafel voor uitstroom",
                "Nazorgtafel voor uitstroom organiseren",
                # "bijv. 6 maanden voor STP": a default the regio can change.
                {"termijn_gebeurtenis": "stp_start", "termijn_dagen": -182, "overleg_soort": "nazorgtafel_uitstroom"},
            ),
            (
                f"{B} ontvangt eerste informatie over instroom op de mbo-school",
                "Eerste informatie ontvangen over instroom op de mbo-school",
                {},
            ),
        ],
    },
    {
        "nummer": 7,
        "stem_jongere": "Bereid me voor op naar buiten gaan in een scholings- en trainingsprogramma (STP).",
        "activiteiten": [
            "Opstellen scholings- en trainingsprogramma.",
            "Actieve voorbereiding op uitstroom: praktijk- en leertrajectaanbod.",
            "Eerste contact met mbo-school.",
        ],
        "regels": [
            (
                f"{B} organiseert nazorgtafel voor uitstroom",
                "Nazorgtafel voor uitstroom organiseren",
                {
                    "voorwaarde": "stp",
                    "termijn_gebeurtenis": "stp_start",
                    "termijn_dagen": 0,
                    "overleg_soort": "nazorgtafel_uitstroom",
                },
            ),
            (f"{B} stemt af met ketenpartners over uitstroom", "Afstemmen met ketenpartners over uitstroom", {}),
            (
                f"{B} … coördineert voorbereiding uitstroom vanuit JJI",
                "Voorbereiding uitstroom vanuit de JJI coördineren",
                {},
            ),
            (f"{B} regelt ID, huisvesting, inkomen, zorg", "ID, huisvesting, inkomen en zorg regelen", {}),
            (
                f"{B} neemt contact op met mbo school voor uitstroom",
                "Contact opnemen met de mbo-school voor uitstroom",
                {"voorwaarde": "kennisgeving_ontvangend"},
            ),
        ],
    },
    {
        "nummer": 8,
        "stem_jongere": "Ik sta definitief buiten. Ik schrijf me in bij een mbo, maar moet wachten. "
        "Ik heb nog weinig te doen.",
        "activiteiten": [
            "Warme overdracht naar mbo-school.",
            "Jongere inschrijven.",
            "Tijdelijke activiteiten via nazorgtraject (bijv. werkervaringsplek of leerwerktraject).",
            "Communicatie over starttermijn.",
        ],
        "regels": [
            (
                f"{B} ondersteunt jongere met inschrijving mbo-school",
                "Jongere ondersteunen bij inschrijving mbo-school",
                {},
            ),
            (
                f"{B} ondersteunt jongere bij plannen intake bij mbo-school",
                "Intake bij de mbo-school plannen met de jongere",
                {},
            ),
            (f"{B} begeleidt jongere bij intake", "Jongere begeleiden bij de intake", {}),
            (f"{B} heeft regie over nazorg", "Regie over de nazorg", {}),
            (
                f"{B} coördineert ondersteuning voor jongeren op verschillende leefgebieden",
                "Ondersteuning op de leefgebieden coördineren",
                {},
            ),
            (f"{B} voert intake uit", "Intake uitvoeren", {}),
            (f"{B} ondersteunt jongere bij herintegratie", "Jongere ondersteunen bij herintegratie", {}),
            (f"{B} bewaakt naleving van voorwaarden", "Naleving van voorwaarden bewaken", {"justitieel": True}),
            (f"{B} biedt steun in dagelijkse structuur", "Steun bieden in dagelijkse structuur", {}),
        ],
    },
    {
        "nummer": 9,
        "stem_jongere": "Ik start met de eerste dag school bij het mbo. Ik voel me nog niet direct thuis. "
        "Het gebouw is groot en er zijn veel mensen die ik niet ken.",
        "activiteiten": [
            "Begeleiden eerste schooldagen: introductie, logistiek, mentorcontact.",
            "Ondersteuning in rooster, studiemateriaal, aansluiting.",
            "Monitoren van aanwezigheid en welbevinden.",
        ],
        "regels": [
            (f"{B} begeleidt jongere met school gerelateerde zaken", "Jongere begeleiden bij schoolzaken", {}),
            (
                f"{B} ondersteunt jongere bij op orde krijgen van verschillende levensgebieden",
                "Jongere ondersteunen bij het op orde krijgen van de levensgebieden",
                {},
            ),
            (f"{B} stemt bij zorgen af met gemeente of GI", "Bij zorgen afstemmen met gemeente of GI", {}),
            (f"{B} monitort voortgang in onderwijs en welzijn", "Voortgang in onderwijs en welzijn monitoren", {}),
            (f"{B} onderhoudt contact met mbo en jongere", "Contact onderhouden met mbo en jongere", {}),
            (f"{B} coördineert inzet van ondersteuning of zorg", "Inzet van ondersteuning of zorg coördineren", {}),
            (f"{B} bewaakt naleving van voorwaarden", "Naleving van voorwaarden bewaken", {"justitieel": True}),
            (f"{B} biedt steun in dagelijkse structuur", "Steun bieden in dagelijkse structuur", {}),
        ],
    },
    {
        "nummer": 10,
        "stem_jongere": "Ik ben bezig met m'n eerste jaar mbo. Dat gaat met vallen en opstaan.",
        "activiteiten": [
            "Monitoren studievoortgang en studiebegeleiding bieden.",
            "Tijdige signalering en bijsturing bij achterstanden.",
            "Voorbereiding op vervolgtraject (mbo vervolg, stage, arbeid).",
            "Afsluiting begeleiding bij stabiliteit.",
        ],
        "regels": [
            (f"{B} begeleidt jongere in school gerelateerde zaken", "Jongere begeleiden bij schoolzaken", {}),
            (f"{B} volgt studievoortgang en aanwezigheid", "Studievoortgang en aanwezigheid volgen", {}),
            (
                f"{B} signaleert risico's op motivatieverlies, uitval of gedragsproblemen",
                "Risico's op motivatieverlies, uitval of gedragsproblemen signaleren",
                {},
            ),
            (f"{B} stemt bij zorgen af met gemeente of GI", "Bij zorgen afstemmen met gemeente of GI", {}),
            (
                f"{B} coördineert hulp en begeleiding in de nazorgfase",
                "Hulp en begeleiding in de nazorgfase coördineren",
                {},
            ),
            (
                f"{B} adviseert over afbouw of voortzetting van begeleiding",
                "Adviseren over afbouw of voortzetting van begeleiding",
                {},
            ),
            (f"{B} sluit nazorgtraject formeel af bij stabiele situatie", "Nazorgtraject formeel afsluiten", {}),
        ],
    },
]


def sjabloon_laden(apps=django_apps) -> None:
    """Load the national template (idempotent); used by the data migration and test re-seeding."""
    Routekaart = apps.get_model("trajecten", "Routekaart")
    RoutekaartStap = apps.get_model("trajecten", "RoutekaartStap")
    RoutekaartActiviteit = apps.get_model("trajecten", "RoutekaartActiviteit")
    Verantwoordelijkheid = apps.get_model("trajecten", "Verantwoordelijkheid")
    routekaart, nieuw = Routekaart.objects.get_or_create(
        regio=None, jaar=2026, defaults={"naam": "Doorstroomroutekaart (landelijk sjabloon, bijlage 4)"}
    )
    if not nieuw:
        return
    for gegevens in STAPPEN:
        stap = RoutekaartStap.objects.create(
            routekaart=routekaart, nummer=gegevens["nummer"], stem_jongere=gegevens["stem_jongere"]
        )
        for volgorde, activiteit in enumerate(gegevens["activiteiten"], 1):
            tekst, extra = activiteit if isinstance(activiteit, tuple) else (activiteit, {})
            RoutekaartActiviteit.objects.create(stap=stap, volgorde=volgorde, tekst=tekst, **extra)
        for volgorde, (tekst, taak, extra) in enumerate(gegevens["regels"], 1):
            Verantwoordelijkheid.objects.create(stap=stap, volgorde=volgorde, tekst=tekst, taak=taak, **extra)
