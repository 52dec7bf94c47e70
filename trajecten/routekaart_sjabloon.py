"""The national template of the doorstroomroutekaart: bijlage 4 of the handreiking
"Versterken samenwerkingen JJI's & mbo-instellingen", every step, activity and
responsibility line in the source's words. Lines with …… are blanks a regio fills in;
lines the handreiking fixes to one party are locked (``vast``).

Where the source prints two steps' lines in one list (steps 3-4, 5-6 and 8-9) they are
divided by the step they belong to in the bijlage's columns and in the handreiking's text.

The texts are stored in Dutch, as the source words them, and a regio may change its copy.
Each shipped text is marked with ``gettext_noop`` (the value stays the Dutch text) so the
English catalogue can translate it; pages show a stored text through
``jji_traject.standaardtekst``, which translates only a text the catalogue knows and shows a
regio's own wording as typed. The blanks (……………) are written out in each text, since
extraction cannot read a formatted string.
"""

from django.apps import apps as django_apps
from django.utils.translation import gettext_noop

# Each line: (tekst, taak, extra fields)
STAPPEN = [
    {
        "nummer": 1,
        "stem_jongere": gettext_noop("Opgepakt door de politie. Aantal dagen vast op bureau."),
        "activiteiten": [
            gettext_noop("De jongere wordt aangehouden en tijdelijk vastgehouden voor onderzoek."),
            gettext_noop("Vastgesteld of het een strafzaak betreft waarin jeugdstrafrecht van toepassing is."),
            gettext_noop("Informatie over de jongere (persoonlijk, gezin, school) verzameld voor vervolgfase."),
            gettext_noop("Eerste signalering van schooluitval of zorgbehoefte kan plaatsvinden."),
        ],
        "regels": [
            (
                gettext_noop("…………… informeert RvdK"),
                gettext_noop("RvdK informeren"),
                {"geinformeerd": "RvdK", "justitieel": True},
            ),
            (
                gettext_noop("RvdK start eventueel met vroege inschatting"),
                gettext_noop("Eventueel vroege inschatting door de RvdK"),
                {"vast": True, "uitvoerder": "rvdk", "justitieel": True},
            ),
            (
                gettext_noop("(Jeugd)reclassering betrokken mits er al een lopend traject is"),
                gettext_noop("(Jeugd)reclassering betrekken bij een lopend traject"),
                {
                    "vast": True,
                    "uitvoerder": "reclassering",
                    "justitieel": True,
                    "voorwaarde": "reclassering_betrokken",
                },
            ),
            (
                gettext_noop("Ouders door …………… op de hoogte gebracht"),
                gettext_noop("Ouders op de hoogte brengen"),
                {"geinformeerd": "ouders", "voorwaarde": "ouders_betrekken"},
            ),
            (
                gettext_noop(
                    "School herkomst …………… geïnformeerd over aanhouding door …………… (met toestemming jongere)."
                ),
                gettext_noop("School van herkomst informeren over de aanhouding"),
                {"geinformeerd": "school van herkomst", "voorwaarde": "kennisgeving_herkomst"},
            ),
        ],
    },
    {
        "nummer": 2,
        "stem_jongere": gettext_noop("Naar de rechter. Die bepaalde dat ik (voorlopig) vast moest blijven zitten."),
        "activiteiten": [
            gettext_noop("Voorgeleiding aan rechter-commissaris."),
            gettext_noop("Besluit: voorlopige hechtenis (JJI) of schorsing (vrij onder voorwaarden)."),
            gettext_noop("Ketenpartners bereiden vervolgstappen voor, afhankelijk van beslissing."),
            gettext_noop("Indien plaatsing, overdracht dossier richting JJI."),
        ],
        "regels": [
            (
                gettext_noop(
                    "RvdK voert raadsonderzoek uit, spreekt met jongere, ouders, netwerk, school, en adviseert de "
                    "rechter"
                ),
                gettext_noop("Raadsonderzoek door de RvdK"),
                {"vast": True, "uitvoerder": "rvdk", "justitieel": True},
            ),
            (
                gettext_noop("…………… zorgt voor melding INJUS na besluit"),
                gettext_noop("Melding INJUS na het besluit"),
                {"justitieel": True},
            ),
            (
                gettext_noop("Jeugdreclassering (mits al betrokken) verzamelt contactgegevens JJI"),
                gettext_noop("Contactgegevens JJI verzamelen (jeugdreclassering)"),
                {
                    "vast": True,
                    "uitvoerder": "reclassering",
                    "justitieel": True,
                    "voorwaarde": "reclassering_betrokken",
                },
            ),
            (
                gettext_noop("Gemeente ontvangt via INJUS bericht over plaatsing in een JJI"),
                gettext_noop("Gemeente ontvangt bericht via INJUS"),
                {"vast": True, "uitvoerder": "gemeente", "geinformeerd": "gemeente"},
            ),
            (
                gettext_noop("School herkomst geïnformeerd over plaatsing JJI door …………… (met toestemming jongere)"),
                gettext_noop("School van herkomst informeren over de plaatsing"),
                {"geinformeerd": "school van herkomst", "voorwaarde": "kennisgeving_herkomst"},
            ),
        ],
    },
    {
        "nummer": 3,
        "stem_jongere": gettext_noop("Wennen in de JJI, intake gesprek, administratie."),
        "activiteiten": [
            gettext_noop("De jongere stroomt in bij de JJI en doorloopt de administratieve en inhoudelijke intake."),
            gettext_noop("Kennismaking met mentor/begeleider."),
            gettext_noop("Informatie verzamelen leefgebieden."),
            gettext_noop("Eerste planning: werkwijze en verwachtingen communiceren naar jongere."),
            (
                gettext_noop("Eerste nazorgtafel wordt georganiseerd (binnen 1 week na voorgeleiding)."),
                {
                    "taak": gettext_noop("Eerste nazorgtafel"),
                    "termijn_gebeurtenis": "voorgeleiding",
                    "termijn_dagen": 7,
                    "overleg_soort": "nazorgtafel",
                },
            ),
        ],
        "regels": [
            (
                gettext_noop("…………… (uit JJI organisatie) coördineert de instroomprocedure en interne overdracht"),
                gettext_noop("Instroomprocedure en interne overdracht coördineren"),
                {"uitvoerder": "jji"},
            ),
            (
                gettext_noop("…………… begeleidt jongere op leefgroep, observeert gedrag."),
                gettext_noop("Jongere begeleiden op de leefgroep en gedrag observeren"),
                {"alleen_registratie": True, "justitieel": True},
            ),
            (
                gettext_noop("…………… voert psychologische intake uit, screent op zorgbehoefte"),
                gettext_noop("Psychologische intake en screening op zorgbehoefte"),
                {"alleen_registratie": True, "justitieel": True},
            ),
            (
                gettext_noop(
                    "…………… coördineert het individuele traject en zorgt voor verbinding met interne professionals en "
                    "ketenpartners."
                ),
                gettext_noop("Individueel traject coördineren en verbinden met professionals en ketenpartners"),
                {},
            ),
        ],
    },
    {
        "nummer": 4,
        "stem_jongere": gettext_noop("Allemaal gesprekken met me voeren om een perspectiefplan op te stellen."),
        "activiteiten": [
            (
                gettext_noop("Observatieperiode afgerond en perspectiefplan vastgesteld."),
                {
                    "taak": gettext_noop("Perspectiefplan vastgesteld"),
                    "alleen_registratie": True,
                    "termijn_gebeurtenis": "aankomst",
                    "termijn_dagen": 21,
                },
            ),
            gettext_noop("Risicotaxatie op gedrag, zorg en onderwijs uitgevoerd."),
            gettext_noop("Afstemming over doelen binnen JJI en nazorgketen."),
        ],
        "regels": [
            (gettext_noop("…………… Voert de onderwijsintake"), gettext_noop("Onderwijsintake"), {}),
            (
                gettext_noop("…………… coördineert observaties en bespreekt resultaten intern"),
                gettext_noop("Observaties coördineren en intern bespreken"),
                {"alleen_registratie": True, "justitieel": True},
            ),
            (
                gettext_noop("…………… bewaakt voortgang en stemt af met RvdK"),
                gettext_noop("Voortgang bewaken en afstemmen met de RvdK"),
                {"justitieel": True},
            ),
            (
                gettext_noop("…………… stelt leerdoelen vast en stemt af met … (van onderwijs)"),
                gettext_noop("Leerdoelen vaststellen en afstemmen met het onderwijs"),
                {},
            ),
            (
                gettext_noop("…………… bewaakt samenhang met nazorgplan"),
                gettext_noop("Samenhang met het nazorgplan bewaken"),
                {},
            ),
            (
                gettext_noop("…………… neemt contact op met school van herkomst [mits eerder"),
                gettext_noop("Contact opnemen met de school van herkomst"),
                {"voorwaarde": "kennisgeving_herkomst"},
            ),
        ],
    },
    {
        "nummer": 5,
        "stem_jongere": gettext_noop("Mijn dag begint elke dag om 7.00 uur en ik volg zes uur onderwijs."),
        "activiteiten": [
            gettext_noop("Uitvoeren perspectiefplan: organiseren dagelijks ritme & onderwijs (schema, lestijden)."),
            gettext_noop("Monitoren aanwezigheid en voortgang perspectiefplan."),
            gettext_noop("Coördineren met onderwijsinstelling."),
            gettext_noop("Signaleren van problemen (motivatie, leerachterstand) en bijsturen."),
        ],
        "regels": [
            (gettext_noop("…………… verzorgt onderwijs"), gettext_noop("Onderwijs verzorgen"), {}),
            (
                gettext_noop("…………… monitort leerontwikkeling en adviseert bijstelling plan"),
                gettext_noop("Leerontwikkeling monitoren en bijstelling adviseren"),
                {},
            ),
            (
                gettext_noop("…………… bewaakt doelen, rapporteert voortgang"),
                gettext_noop("Doelen bewaken en voortgang rapporteren"),
                {},
            ),
            (
                gettext_noop("…………… stemt af met RvdK en bewaakt samenhang met nazorgplan"),
                gettext_noop("Afstemmen met de RvdK en samenhang met het nazorgplan bewaken"),
                {"justitieel": True},
            ),
            (
                gettext_noop("…………… houdt contact met school van herkomst"),
                gettext_noop("Contact houden met de school van herkomst"),
                {"voorwaarde": "kennisgeving_herkomst"},
            ),
            (
                gettext_noop("…………… houdt contact met ouders/ verzorgers"),
                gettext_noop("Contact houden met ouders/verzorgers"),
                {"voorwaarde": "ouders_betrekken"},
            ),
        ],
    },
    {
        "nummer": 6,
        "stem_jongere": gettext_noop("Ik mag op verlof en doe examens."),
        "activiteiten": [
            gettext_noop("Toetsen voorwaarden verlof."),
            gettext_noop("Faciliteren verlof- en examendagen."),
            gettext_noop("Coördinatie met exameninstantie / mbo-school."),
            gettext_noop("Evaluatie van examenresultaten en vervolgafspraken."),
            gettext_noop("Nazorgtafel voor uitstroom (bijv. 6 maanden voor STP)."),
            gettext_noop("Eerste contact met mbo-school."),
        ],
        "regels": [
            (
                gettext_noop("…………… bereidt met jongere examens voor"),
                gettext_noop("Examens voorbereiden met de jongere"),
                {},
            ),
            (gettext_noop("…………… begeleidt jongeren bij examens"), gettext_noop("Jongere begeleiden bij examens"), {}),
            (
                gettext_noop("…………… toetst risico's en verlofvoorwaarden"),
                gettext_noop("Risico's en verlofvoorwaarden toetsen"),
                {"alleen_registratie": True, "justitieel": True},
            ),
            (
                gettext_noop("…………… organiseert nazorgtafel voor uitstroom"),
                gettext_noop("Nazorgtafel voor uitstroom organiseren"),
                # "bijv. 6 maanden voor STP": a default the regio can change.
                {"termijn_gebeurtenis": "stp_start", "termijn_dagen": -182, "overleg_soort": "nazorgtafel_uitstroom"},
            ),
            (
                gettext_noop("…………… ontvangt eerste informatie over instroom op de mbo-school"),
                gettext_noop("Eerste informatie ontvangen over instroom op de mbo-school"),
                {},
            ),
        ],
    },
    {
        "nummer": 7,
        "stem_jongere": gettext_noop(
            "Bereid me voor op naar buiten gaan in een scholings- en trainingsprogramma (STP)."
        ),
        "activiteiten": [
            gettext_noop("Opstellen scholings- en trainingsprogramma."),
            gettext_noop("Actieve voorbereiding op uitstroom: praktijk- en leertrajectaanbod."),
            gettext_noop("Eerste contact met mbo-school."),
        ],
        "regels": [
            (
                gettext_noop("…………… organiseert nazorgtafel voor uitstroom"),
                gettext_noop("Nazorgtafel voor uitstroom organiseren"),
                {
                    "voorwaarde": "stp",
                    "termijn_gebeurtenis": "stp_start",
                    "termijn_dagen": 0,
                    "overleg_soort": "nazorgtafel_uitstroom",
                },
            ),
            (
                gettext_noop("…………… stemt af met ketenpartners over uitstroom"),
                gettext_noop("Afstemmen met ketenpartners over uitstroom"),
                {},
            ),
            (
                gettext_noop("…………… … coördineert voorbereiding uitstroom vanuit JJI"),
                gettext_noop("Voorbereiding uitstroom vanuit de JJI coördineren"),
                {},
            ),
            (
                gettext_noop("…………… regelt ID, huisvesting, inkomen, zorg"),
                gettext_noop("ID, huisvesting, inkomen en zorg regelen"),
                {},
            ),
            (
                gettext_noop("…………… neemt contact op met mbo school voor uitstroom"),
                gettext_noop("Contact opnemen met de mbo-school voor uitstroom"),
                {"voorwaarde": "kennisgeving_ontvangend"},
            ),
        ],
    },
    {
        "nummer": 8,
        "stem_jongere": gettext_noop(
            "Ik sta definitief buiten. Ik schrijf me in bij een mbo, maar moet wachten. Ik heb nog weinig te doen."
        ),
        "activiteiten": [
            gettext_noop("Warme overdracht naar mbo-school."),
            gettext_noop("Jongere inschrijven."),
            gettext_noop("Tijdelijke activiteiten via nazorgtraject (bijv. werkervaringsplek of leerwerktraject)."),
            gettext_noop("Communicatie over starttermijn."),
        ],
        "regels": [
            (
                gettext_noop("…………… ondersteunt jongere met inschrijving mbo-school"),
                gettext_noop("Jongere ondersteunen bij inschrijving mbo-school"),
                {},
            ),
            (
                gettext_noop("…………… ondersteunt jongere bij plannen intake bij mbo-school"),
                gettext_noop("Intake bij de mbo-school plannen met de jongere"),
                {},
            ),
            (gettext_noop("…………… begeleidt jongere bij intake"), gettext_noop("Jongere begeleiden bij de intake"), {}),
            (
                gettext_noop("…………… heeft regie over nazorg"),
                gettext_noop("Regie over de nazorg"),
                {"regie_nazorg": True},
            ),
            (
                gettext_noop("…………… coördineert ondersteuning voor jongeren op verschillende leefgebieden"),
                gettext_noop("Ondersteuning op de leefgebieden coördineren"),
                {},
            ),
            (gettext_noop("…………… voert intake uit"), gettext_noop("Intake uitvoeren"), {}),
            (
                gettext_noop("…………… ondersteunt jongere bij herintegratie"),
                gettext_noop("Jongere ondersteunen bij herintegratie"),
                {},
            ),
            (
                gettext_noop("…………… bewaakt naleving van voorwaarden"),
                gettext_noop("Naleving van voorwaarden bewaken"),
                {"justitieel": True},
            ),
            (
                gettext_noop("…………… biedt steun in dagelijkse structuur"),
                gettext_noop("Steun bieden in dagelijkse structuur"),
                {},
            ),
        ],
    },
    {
        "nummer": 9,
        "stem_jongere": gettext_noop(
            "Ik start met de eerste dag school bij het mbo. Ik voel me nog niet direct thuis. "
            "Het gebouw is groot en er zijn veel mensen die ik niet ken."
        ),
        "activiteiten": [
            gettext_noop("Begeleiden eerste schooldagen: introductie, logistiek, mentorcontact."),
            gettext_noop("Ondersteuning in rooster, studiemateriaal, aansluiting."),
            gettext_noop("Monitoren van aanwezigheid en welbevinden."),
        ],
        "regels": [
            (
                gettext_noop("…………… begeleidt jongere met school gerelateerde zaken"),
                gettext_noop("Jongere begeleiden bij schoolzaken"),
                {},
            ),
            (
                gettext_noop("…………… ondersteunt jongere bij op orde krijgen van verschillende levensgebieden"),
                gettext_noop("Jongere ondersteunen bij het op orde krijgen van de levensgebieden"),
                {},
            ),
            (
                gettext_noop("…………… stemt bij zorgen af met gemeente of GI"),
                gettext_noop("Bij zorgen afstemmen met gemeente of GI"),
                {},
            ),
            (
                gettext_noop("…………… monitort voortgang in onderwijs en welzijn"),
                gettext_noop("Voortgang in onderwijs en welzijn monitoren"),
                {},
            ),
            (
                gettext_noop("…………… onderhoudt contact met mbo en jongere"),
                gettext_noop("Contact onderhouden met mbo en jongere"),
                {},
            ),
            (
                gettext_noop("…………… coördineert inzet van ondersteuning of zorg"),
                gettext_noop("Inzet van ondersteuning of zorg coördineren"),
                {},
            ),
            (
                gettext_noop("…………… bewaakt naleving van voorwaarden"),
                gettext_noop("Naleving van voorwaarden bewaken"),
                {"justitieel": True},
            ),
            (
                gettext_noop("…………… biedt steun in dagelijkse structuur"),
                gettext_noop("Steun bieden in dagelijkse structuur"),
                {},
            ),
        ],
    },
    {
        "nummer": 10,
        "stem_jongere": gettext_noop("Ik ben bezig met m'n eerste jaar mbo. Dat gaat met vallen en opstaan."),
        "activiteiten": [
            gettext_noop("Monitoren studievoortgang en studiebegeleiding bieden."),
            gettext_noop("Tijdige signalering en bijsturing bij achterstanden."),
            gettext_noop("Voorbereiding op vervolgtraject (mbo vervolg, stage, arbeid)."),
            gettext_noop("Afsluiting begeleiding bij stabiliteit."),
        ],
        "regels": [
            (
                gettext_noop("…………… begeleidt jongere in school gerelateerde zaken"),
                gettext_noop("Jongere begeleiden bij schoolzaken"),
                {},
            ),
            (
                gettext_noop("…………… volgt studievoortgang en aanwezigheid"),
                gettext_noop("Studievoortgang en aanwezigheid volgen"),
                {},
            ),
            (
                gettext_noop("…………… signaleert risico's op motivatieverlies, uitval of gedragsproblemen"),
                gettext_noop("Risico's op motivatieverlies, uitval of gedragsproblemen signaleren"),
                {},
            ),
            (
                gettext_noop("…………… stemt bij zorgen af met gemeente of GI"),
                gettext_noop("Bij zorgen afstemmen met gemeente of GI"),
                {},
            ),
            (
                gettext_noop("…………… coördineert hulp en begeleiding in de nazorgfase"),
                gettext_noop("Hulp en begeleiding in de nazorgfase coördineren"),
                {},
            ),
            (
                gettext_noop("…………… adviseert over afbouw of voortzetting van begeleiding"),
                gettext_noop("Adviseren over afbouw of voortzetting van begeleiding"),
                {},
            ),
            (
                gettext_noop("…………… sluit nazorgtraject formeel af bij stabiele situatie"),
                gettext_noop("Nazorgtraject formeel afsluiten"),
                {},
            ),
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
        regio=None, jaar=2026, defaults={"naam": gettext_noop("Doorstroomroutekaart (landelijk sjabloon, bijlage 4)")}
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
        # A field added after the migration that loads the template (such as ``regie_nazorg``)
        # is left out there; the migration that adds it marks the line.
        velden = {veld.name for veld in Verantwoordelijkheid._meta.get_fields()}
        for volgorde, (tekst, taak, extra) in enumerate(gegevens["regels"], 1):
            extra = {sleutel: waarde for sleutel, waarde in extra.items() if sleutel in velden}
            Verantwoordelijkheid.objects.create(stap=stap, volgorde=volgorde, tekst=tekst, taak=taak, **extra)
    from .models.routekaart import STAPPEN_NASLAG  # the cached steps (not the migration's state)

    STAPPEN_NASLAG.vernieuwen()
