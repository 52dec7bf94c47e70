"""The national routekaart template in the database holds bijlage 4 of the handreiking
("Routekaart", the doorstroomroutekaart) line for line.

The expected content below is transcribed from the bijlage itself, not imported from
``trajecten.routekaart_sjabloon``: de-hyphenated where the PDF broke a word across lines,
bullet removed, otherwise in the bijlage's own words and punctuation. Where the bijlage
prints two steps' lines as one list (steps 3-4, 5-6 and 8-9) they are split as in the
template: by the column the line stands in.
"""

from __future__ import annotations

import re

import pytest

from trajecten.models import Routekaart, RoutekaartActiviteit, Verantwoordelijkheid

pytestmark = pytest.mark.django_db

BLANK = "<blank>"

# Step number -> (activiteiten, verantwoordelijkheden), in the bijlage's order.
BIJLAGE_4: dict[int, tuple[list[str], list[str]]] = {
    1: (
        [
            "De jongere wordt aangehouden en tijdelijk vastgehouden voor onderzoek.",
            "Vastgesteld of het een strafzaak betreft waarin jeugdstrafrecht van toepassing is.",
            "Informatie over de jongere (persoonlijk, gezin, school) verzameld voor vervolgfase.",
            "Eerste signalering van schooluitval of zorgbehoefte kan plaatsvinden.",
        ],
        [
            "…………… informeert RvdK",
            "RvdK start eventueel met vroege inschatting",
            "(Jeugd)reclassering betrokken mits er al een lopend traject is",
            "Ouders door …………… op de hoogte gebracht",
            "School herkomst …………… geïnformeerd over aanhouding door …………… (met toestemming jongere).",
        ],
    ),
    2: (
        [
            "Voorgeleiding aan rechter-commissaris,",
            "Besluit: voorlopige hechtenis (JJI) of schorsing (vrij onder voorwaarden)",
            "Ketenpartners bereiden vervolgstappen voor, afhankelijk van beslissing.",
            "Indien plaatsing, overdracht dossier richting JJI.",
        ],
        [
            "RvdK voert raadsonderzoek uit, spreekt met jongere, ouders, netwerk, school, en adviseert de rechter",
            "…………… zorgt voor melding INJUS na besluit",
            "Jeugdreclassering (mits al betrokken) verzamelt contactgegevens JJI",
            "Gemeente ontvangt via INJUS bericht over plaatsing in een JJI",
            "School herkomst geïnformeerd over plaatsing JJI door …………… (met toestemming jongere)",
        ],
    ),
    3: (
        [
            "De jongere stroomt in bij de JJI en doorloopt de administratieve en inhoudelijke intake.",
            "Kennismaking met mentor/ begeleider.",
            "Informatie verzamelen leefgebieden",
            "Eerste planning: werkwijze en verwachtingen communiceren naar jongere",
            "Eerste nazorgtafel wordt georganiseerd (binnen 1 week na voorgeleiding)",
        ],
        [
            "…………… (uit JJI organisatie) coördineert de instroomprocedure en interne overdracht",
            "…………… begeleidt jongere op leefgroep, observeert gedrag.",
            "…………… voert psychologische intake uit, screent op zorgbehoefte",
            "…………… coördineert het individuele traject en zorgt voor verbinding met interne professionals en "
            "ketenpartners.",
        ],
    ),
    4: (
        [
            "Observatieperiode afgerond en perspectiefplan vastgesteld.",
            "Risicotaxatie op gedrag, zorg en onderwijs uitgevoerd.",
            "Afstemming over doelen binnen JJI en nazorgketen.",
        ],
        [
            "…………… Voert de onderwijsintake",
            "…………… coördineert observaties en bespreekt resultaten intern",
            "…………… bewaakt voortgang en stemt af met RvdK",
            "…………… stelt leerdoelen vast en stemt af met … (van onderwijs)",
            "…………… bewaakt samenhang met nazorgplan",
            # The bijlage breaks off here.
            "…………… neemt contact op met school van herkomst [mits eerder",
        ],
    ),
    5: (
        [
            "Uitvoeren perspectiefplan: organiseren dagelijks ritme & onderwijs (schema, lestijden).",
            "Monitoren aanwezigheid en voortgang perspectiefplan.",
            "Coördineren met onderwijsinstelling;",
            "Signaleren van problemen (motivatie, leerachterstand) en bijsturen.",
        ],
        [
            "…………… verzorgt onderwijs",
            "…………… monitort leerontwikkeling en adviseert bijstelling plan",
            "…………… bewaakt doelen, rapporteert voortgang",
            "…………… stemt af met RvdK en bewaakt samenhang met nazorgplan",
            "…………… houdt contact met school van herkomst",
            "…………… houdt contact met ouders/ verzorgers",
        ],
    ),
    6: (
        [
            "Toetsen voorwaarden verlof",
            "Faciliteren verlof- en examendagen.",
            "Coördinatie met exameninstantie / mbo-school.",
            "Evaluatie van examenresultaten en vervolgafspraken.",
            "Nazorgtafel voor uitstroom (bijv. 6 maanden voor STP)",
            "Eerste contact met mbo-school.",
        ],
        [
            "…………… bereidt met jongere examens voor",
            "…………… begeleidt jongeren bij examens",
            "…………… toetst risico’s en verlofvoorwaarden",
            "…………… organiseert nazorgtafel voor uitstroom",
            "…………… ontvangt eerste informatie over instroom op de mbo-school",
        ],
    ),
    7: (
        [
            "Opstellen scholings- en trainingsprogramma.",
            "Actieve voorbereiding op uitstroom: praktijk- en leertrajectaanbod.",
            "Eerste contact met mbo-school.",
        ],
        [
            "…………… organiseert nazorgtafel voor uitstroom",
            "…………… stemt af met ketenpartners over uitstroom",
            "…………… … coördineert voorbereiding uitstroom vanuit JJI",
            "…………… regelt ID, huisvesting, inkomen, zorg",
            "…………… neemt contact op met mbo school voor uitstroom",
        ],
    ),
    8: (
        [
            "Warme overdracht naar mbo-school,",
            "Jongere inschrijven",
            "Tijdelijke activiteiten via nazorgtraject (bijv. werkervaringsplek of leerwerktraject).",
            "Communicatie over starttermijn.",
        ],
        [
            "…………… ondersteunt jongere met inschrijving mbo-school",
            "…………… ondersteunt jongere bij plannen intake bij mbo-school",
            "…………… begeleidt jongere bij intake",
            "…………… heeft regie over nazorg",
            "…………… coördineert ondersteuning voor jongeren op verschillende leefgebieden",
            "…………… voert intake uit",
            "…………… ondersteunt jongere bij herintegratie",
            "…………… bewaakt naleving van voorwaarden",
            "…………… biedt steun in dagelijkse structuur",
        ],
    ),
    9: (
        [
            "Begeleiden eerste schooldagen: introductie, logistiek, mentorcontact.",
            "Ondersteuning in rooster, studiemateriaal, aansluiting.",
            "Monitoren van aanwezigheid en welbevinden.",
        ],
        [
            "…………… begeleidt jongere met school gerelateerde zaken",
            "…………… ondersteunt jongere bij op orde krijgen van verschillende levensgebieden",
            "…………… stemt bij zorgen af met gemeente of GI",
            "…………… monitort voortgang in onderwijs en welzijn",
            "…………… onderhoudt contact met mbo en jongere",
            "…………… coördineert inzet van ondersteuning of zorg",
            "…………… bewaakt naleving van voorwaarden",
            "…………… biedt steun in dagelijkse structuur",
        ],
    ),
    10: (
        [
            "Monitoren studievoortgang en studiebegeleiding bieden.",
            "Tijdige signalering en bijsturing bij achterstanden.",
            "Voorbereiding op vervolgtraject (mbo vervolg, stage, arbeid).",
            "Afsluiting begeleiding bij stabiliteit",
        ],
        [
            "……………  begeleidt jongere in school gerelateerde zaken",
            "…………… volgt studievoortgang en aanwezigheid",
            "…………… signaleert risico’s op motivatieverlies, uitval of gedragsproblemen",
            "…………… stemt bij zorgen af met gemeente of GI",
            "…………… coördineert hulp en begeleiding in de nazorgfase",
            "…………… adviseert over afbouw of voortzetting van begeleiding",
            "…………… sluit nazorgtraject formeel af bij stabiele situatie",
        ],
    ),
}

# The lines the handreiking fixes to one party, by step.
VASTE_REGELS = {
    (1, "RvdK start eventueel met vroege inschatting"),
    (1, "(Jeugd)reclassering betrokken mits er al een lopend traject is"),
    (2, "RvdK voert raadsonderzoek uit, spreekt met jongere, ouders, netwerk, school, en adviseert de rechter"),
    (2, "Jeugdreclassering (mits al betrokken) verzamelt contactgegevens JJI"),
    (2, "Gemeente ontvangt via INJUS bericht over plaatsing in een JJI"),
}


def normaliseer(tekst: str) -> str:
    """Compare modulo formatting: case, whitespace (also around a slash), trailing
    punctuation, typographic quotes, and the length of a blank (…………… / …… / … / ...)."""
    tekst = tekst.replace("’", "'").replace("‘", "'")
    tekst = re.sub(r"(?:…|\.{3})+", f" {BLANK} ", tekst)
    tekst = re.sub(r"\s*/\s*", "/", tekst)
    tekst = " ".join(tekst.split()).lower()
    return tekst.rstrip(".,;: ")


def test_normaliseer_vergelijkt_alleen_opmaak_weg():
    assert normaliseer("……………  Voert de  onderwijsintake.") == normaliseer("…… voert de onderwijsintake")
    assert normaliseer("toetst risico’s,") == normaliseer("toetst risico's")
    assert normaliseer("ouders/ verzorgers") == normaliseer("ouders/verzorgers")
    assert normaliseer("…………… … coördineert") != normaliseer("…………… coördineert")
    assert normaliseer("…………… bewaakt doelen") != normaliseer("…………… bewaakt de doelen")


@pytest.fixture
def sjabloon():
    return Routekaart.objects.get(regio__isnull=True)


def _stap(sjabloon, nummer):
    return sjabloon.stappen.get(nummer=nummer)


def test_sjabloon_heeft_de_tien_stappen(sjabloon):
    assert list(sjabloon.stappen.order_by("nummer").values_list("nummer", flat=True)) == sorted(BIJLAGE_4)
    assert sorted(BIJLAGE_4) == list(range(1, 11))


@pytest.mark.parametrize("nummer", sorted(BIJLAGE_4))
def test_activiteiten_van_de_stap(sjabloon, nummer):
    verwacht = [normaliseer(t) for t in BIJLAGE_4[nummer][0]]
    stap = _stap(sjabloon, nummer)
    in_db = [normaliseer(t) for t in stap.activiteiten.order_by("volgorde").values_list("tekst", flat=True)]
    assert in_db == verwacht


@pytest.mark.parametrize("nummer", sorted(BIJLAGE_4))
def test_verantwoordelijkheden_van_de_stap(sjabloon, nummer):
    verwacht = [normaliseer(t) for t in BIJLAGE_4[nummer][1]]
    stap = _stap(sjabloon, nummer)
    in_db = [normaliseer(t) for t in stap.verantwoordelijkheden.order_by("volgorde").values_list("tekst", flat=True)]
    assert in_db == verwacht


def test_totalen(sjabloon):
    activiteiten = sum(len(a) for a, _ in BIJLAGE_4.values())
    regels = sum(len(r) for _, r in BIJLAGE_4.values())
    assert (activiteiten, regels) == (40, 60)
    assert RoutekaartActiviteit.objects.filter(stap__routekaart=sjabloon).count() == activiteiten
    assert Verantwoordelijkheid.objects.filter(stap__routekaart=sjabloon).count() == regels


def test_vaste_regels_zijn_precies_die_van_de_handreiking(sjabloon):
    regels = Verantwoordelijkheid.objects.filter(stap__routekaart=sjabloon).select_related("stap")
    vast = {(r.stap.nummer, normaliseer(r.tekst)) for r in regels if r.vast}
    assert vast == {(nummer, normaliseer(tekst)) for nummer, tekst in VASTE_REGELS}
    for regel in regels:
        if not regel.vast:
            assert BLANK in normaliseer(regel.tekst), f"stap {regel.stap.nummer}: {regel.tekst!r} heeft geen invulplek"
    for _nummer, tekst in VASTE_REGELS:
        assert BLANK not in normaliseer(tekst)


def test_school_van_herkomst_alleen_met_toestemming_jongere(sjabloon):
    regels = [
        r
        for r in Verantwoordelijkheid.objects.filter(stap__routekaart=sjabloon).select_related("stap")
        if "met toestemming jongere" in normaliseer(r.tekst)
    ]
    assert sorted(r.stap.nummer for r in regels) == [1, 2]
    assert all("school herkomst" in normaliseer(r.tekst) for r in regels)
    assert {r.voorwaarde for r in regels} == {"kennisgeving_herkomst"}
