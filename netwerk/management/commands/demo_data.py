"""Fictional demo data: one regio with its partners, demo users and about a dozen youths.

Idempotent: running it twice changes nothing. Every name here is invented. Later issues
extend this command; the usernames below never change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from dossier import services as dossier_services
from netwerk import services as netwerk_services
from netwerk.constants import ContactRol, NetwerkSoort, Niveau, OrganisatieSoort, Rol
from netwerk.models import Contactpersoon, Medewerker, Organisatie, Regio
from toegang.tasks import verlopen_grondslagen_verwerken
from trajecten import schaal
from trajecten import services as traject_services
from trajecten.constants import (
    BetrokkenheidSoort,
    Categorie,
    Fase,
    Grondslag,
    TaakStatus,
    Titel,
    Uitstroombestemming,
    Verblijfsduur,
    Wijze,
)
from trajecten.models import Jongere, Routekaart, Verantwoordelijkheid

User = get_user_model()

REGIO = "Regio Lindewaard"
ORGANISATIES = {
    "jji": ("JJI Duinzicht", OrganisatieSoort.JJI, "Lindewaard"),
    "school": ("Duinzichtcollege (JJI-school)", OrganisatieSoort.JJI_SCHOOL, "Lindewaard"),
    "mbo": ("ROC Lindewaard", OrganisatieSoort.MBO, "Lindewaard"),
    "herkomst": ("Vakcollege Oostmeer", OrganisatieSoort.MBO, "Oostmeer"),
    "ander_mbo": ("Techniekcollege Noordpolder", OrganisatieSoort.MBO, "Noordpolder"),
    "gemeente": ("Gemeente Lindewaard", OrganisatieSoort.GEMEENTE, "Lindewaard"),
    "jr": ("Jeugdreclassering Lindewaard", OrganisatieSoort.JEUGDRECLASSERING, "Lindewaard"),
}

# username: (organisation key, rol, first name, last name, functietitel)
GEBRUIKERS = {
    "jji-school": ("school", Rol.DOCENT, "Sanne", "de Wit", "Docent en trajectbegeleider"),
    "coordinator": ("school", Rol.ZORGCOORDINATOR, "Peter", "Aydin", "Zorgcoördinator"),
    "itb": ("jji", Rol.ITB, "Fatima", "Bakker", "Individueel trajectbegeleider"),
    "verbindingsofficier": ("mbo", Rol.VEILIGHEIDSCOORDINATOR, "Marco", "Janssen", "Veiligheidscoördinator"),
    "mbo-intake": ("mbo", Rol.INTAKER, "Linda", "Vermeulen", "Intaker"),
    "mbo-herkomst": ("herkomst", Rol.INTAKER, "Youssef", "El Amrani", "Intaker"),
    "mbo-intake-other": ("ander_mbo", Rol.INTAKER, "Ellen", "Kok", "Intaker"),
    "beheerder": ("school", Rol.BEHEERDER, "Bram", "Visser", "Functioneel beheerder"),
}
VERBINDINGSOFFICIEREN = {"school": "coordinator", "mbo": "verbindingsofficier"}
# A small mbo without its own verbindingsofficier: the one of ROC Lindewaard is its contact point.
AANSPREEKPUNTEN = {"herkomst": "mbo"}
# The demo regio's netwerkkaart: (organisation key, role, name, function, level)
NETWERKKAART = [
    ("jji", ContactRol.JJI, "Karin Smits", "Afdelingshoofd onderwijs en nazorg", Niveau.MANAGEMENT),
    ("school", ContactRol.JJI_SCHOOL, "Peter Aydin", "Zorgcoördinator", Niveau.UITVOERING),
    ("school", ContactRol.ICT, "Jeroen Bos", "ICT-coördinator", Niveau.UITVOERING),
    ("mbo", ContactRol.MBO_SCHOOL, "Marco Janssen", "Veiligheidscoördinator", Niveau.UITVOERING),
    ("mbo", ContactRol.MBO_SCHOOL, "Anne Kuipers", "Teamleider entree", Niveau.MANAGEMENT),
    ("mbo", ContactRol.NAZORG_MENTOR, "Rik de Vries", "Mentor XXL", Niveau.UITVOERING),
    ("herkomst", ContactRol.MBO_SCHOOL, "Youssef El Amrani", "Intaker", Niveau.UITVOERING),
    ("gemeente", ContactRol.GEMEENTE, "Lotte Hendriks", "Casusregisseur nazorg", Niveau.UITVOERING),
    ("jr", ContactRol.RECLASSERING, "Tom Willems", "Jeugdreclasseerder", Niveau.UITVOERING),
]

# Who acts on each line of the demo regio's routekaart, per step in the order of bijlage 4
# (None: still open, to show the list of blanks; locked lines keep the handreiking's party).
_J, _S, _M, _G, _R = "jji", "jji_school", "mbo_ontvangend", "gemeente", "reclassering"
ROUTEKAART_INVULLING = {
    1: [None, None, None, None, _S],
    2: [None, _J, None, None, _S],
    3: [_J, _J, _J, _J],
    4: [_S, _J, _J, _S, _J, _S],
    5: [_S, _S, _J, _J, _S, _J],
    6: [_S, _S, _J, _G, _M],
    7: [_G, _J, _J, _G, _S],
    8: [_S, _S, _S, _G, _G, _M, _R, _R, _G],
    9: [_M, _G, _M, _M, _G, _G, _R, _G],
    10: [_M, _M, _M, _M, _G, _G, _G],
}
REGIE_PER_STAP = {1: "", 2: "", 3: _J, 4: _J, 5: _J, 6: _J, 7: _J, 8: _G, 9: _G, 10: _G}

# The ITB'er works on most trajecten and records their titel; the others (just arrived, or
# without an ITB'er yet) have no titel recorded.
ZONDER_ITB = {"Mila", "Yara", "Amira"}
# Released suddenly from voorlopige hechtenis (schorsing): straight from instroom to uitstroom.
PLOTSELING_VRIJ = {"Finn"}


@dataclass
class DemoJongere:
    voornaam: str
    achternaam: str
    leeftijd_jaren: int
    dagen_in_jji: int
    fase: str
    titel: str
    verblijfsduur: str
    ontvangend: str | None = None  # None, "actief", "wacht", "ingetrokken", "verlopen"
    intake_toegewezen: bool = False
    herkomst: str | None = None  # None, "actief" (leerplicht), "wacht"
    eerdere_titel: str | None = None
    bestemming: str = Uitstroombestemming.NOG_ONBEKEND
    startkwalificatie: bool = False
    tussenvoegsel: str = ""


# The doorstroomdossier of a few demo youths (fictional), and which parts they agreed to share
# with the receiving mbo. Noah's is written but not shared yet: the browser test shares it.
DOSSIERS = {
    "Noah": [],
    "Liam": [Categorie.ONDERWIJSINFORMATIE, Categorie.BEGELEIDINGSBEHOEFTE, Categorie.VEILIGHEIDSSIGNALEN],
}
DEMO_ONDERWIJS = {
    "ingeschreven_bij": "Duinzichtcollege (JJI-school)",
    "opleiding": "Medewerker logistiek",
    "crebo": "25431",
    "niveau": 2,
    "examinerende_instelling": "ROC Lindewaard",
    "diplomas_en_resultaten": "Rekenen 2F: voldoende (proeftoets in de JJI)",
    "lopende_modules": "Magazijnbeheer, Nederlands 2F",
    "leerdoelen": "Zelfstandig een orderpick-opdracht plannen en uitvoeren.",
    "motivatie": "Wil na het verblijf een BBL-plek in de logistiek.",
    "talenten": "Werkt nauwkeurig, helpt anderen graag.",
    "ict_fase": "B1",
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

JONGEREN = [
    DemoJongere(
        "Noah",
        "Verbeek",
        17,
        120,
        Fase.VERBLIJF,
        Titel.JEUGDDETENTIE,
        Verblijfsduur.LANG,
        ontvangend="actief",
        intake_toegewezen=True,
        eerdere_titel=Titel.VOORLOPIGE_HECHTENIS,
        bestemming=Uitstroombestemming.MBO,
    ),
    DemoJongere(
        "Sem",
        "Hoekstra",
        16,
        30,
        Fase.VERBLIJF,
        Titel.VOORLOPIGE_HECHTENIS,
        Verblijfsduur.ONBEKEND,
        ontvangend="wacht",
        intake_toegewezen=True,
    ),
    DemoJongere(
        "Liam",
        "Mulder",
        18,
        200,
        Fase.UITSTROOM,
        Titel.JEUGDDETENTIE,
        Verblijfsduur.LANG,
        ontvangend="actief",
        intake_toegewezen=True,
        bestemming=Uitstroombestemming.MBO,
    ),
    DemoJongere(
        "Daan",
        "Smit",
        17,
        75,
        Fase.VERBLIJF,
        Titel.PIJ,
        Verblijfsduur.LANG,
        ontvangend="actief",
        intake_toegewezen=False,
    ),
    DemoJongere(
        "Mila",
        "Groot",
        15,
        10,
        Fase.INSTROOM,
        Titel.VOORLOPIGE_HECHTENIS,
        Verblijfsduur.KORT,
        herkomst="actief",
        tussenvoegsel="de",
    ),
    DemoJongere(
        "Yara",
        "Bos",
        16,
        5,
        Fase.INSTROOM,
        Titel.VOORLOPIGE_HECHTENIS,
        Verblijfsduur.ONBEKEND,
        herkomst="wacht",
    ),
    DemoJongere(
        "Luca",
        "Dekker",
        17,
        150,
        Fase.VERBLIJF,
        Titel.JEUGDDETENTIE,
        Verblijfsduur.LANG,
        ontvangend="ingetrokken",
        intake_toegewezen=True,
    ),
    DemoJongere(
        "Jayden",
        "Meijer",
        18,
        300,
        Fase.UITSTROOM,
        Titel.PIJ,
        Verblijfsduur.LANG,
        ontvangend="verlopen",
        bestemming=Uitstroombestemming.PRAKTIJKLEREN,
    ),
    DemoJongere(
        "Sara",
        "Dijk",
        16,
        45,
        Fase.VERBLIJF,
        Titel.JEUGDDETENTIE,
        Verblijfsduur.KORT,
        herkomst="actief",
        bestemming=Uitstroombestemming.MBO,
        tussenvoegsel="van",
    ),
    DemoJongere(
        "Finn",
        "Jacobs",
        17,
        20,
        Fase.UITSTROOM,
        Titel.VOORLOPIGE_HECHTENIS,
        Verblijfsduur.KORT,
        ontvangend="actief",
        intake_toegewezen=True,
        bestemming=Uitstroombestemming.MBO,
    ),
    DemoJongere("Amira", "Koster", 17, 90, Fase.VERBLIJF, Titel.JEUGDDETENTIE, Verblijfsduur.LANG),
    DemoJongere(
        "Thijs",
        "Brouwer",
        19,
        400,
        Fase.UITSTROOM,
        Titel.PIJ,
        Verblijfsduur.LANG,
        bestemming=Uitstroombestemming.WERK,
        startkwalificatie=True,
    ),
]


class Command(BaseCommand):
    help = (
        "Fictieve demogegevens: een regio, partners, demogebruikers en een twaalftal jongeren (idempotent). "
        "Met --trajecten N en --raadplegingen M daarbij N extra fictieve trajecten en M regels in het "
        "raadplegingenlog (voor de benchmark)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--trajecten", type=int, default=0, help="extra fictieve trajecten (bulk)")
        parser.add_argument("--raadplegingen", type=int, default=0, help="extra regels in het raadplegingenlog")

    def handle(self, *args, **options):
        if options["trajecten"] < 0 or options["raadplegingen"] < 0:
            raise CommandError("--trajecten en --raadplegingen zijn aantallen van 0 of meer.")
        with transaction.atomic():
            organisaties = self._organisaties()
            gebruikers = self._gebruikers(organisaties)
            self._routekaart(organisaties["jji"].regio, gebruikers["beheerder"])
            self._netwerkkaart(organisaties, gebruikers["beheerder"])
            nieuw = sum(self._traject(j, organisaties, gebruikers) for j in JONGEREN)
        if options["trajecten"]:
            nieuw += schaal.trajecten_genereren(
                options["trajecten"],
                jji=organisaties["jji"],
                school=organisaties["school"],
                mbo=organisaties["mbo"],
                actor=gebruikers["coordinator"],
            )
        if options["raadplegingen"]:
            schaal.raadplegingen_genereren(
                options["raadplegingen"], lezer=gebruikers["mbo-intake"], organisatie=organisaties["mbo"]
            )
            self.stdout.write(f"{options['raadplegingen']} raadplegingen toegevoegd.")
        self.stdout.write(self.style.SUCCESS(f"Demogegevens klaar ({nieuw} nieuwe trajecten)."))
        self.stdout.write(f"Demogebruikers (wachtwoord: {settings.DEMO_PASSWORD}):")
        for naam, (org, rol, *_rest) in GEBRUIKERS.items():
            extra = " · verbindingsofficier" if naam in VERBINDINGSOFFICIEREN.values() else ""
            self.stdout.write(f"  {naam:<20} {Rol(rol).label}, {ORGANISATIES[org][0]}{extra}")

    def _organisaties(self) -> dict[str, Organisatie]:
        regio = Regio.objects.filter(naam=REGIO).first() or netwerk_services.regio_opslaan(
            actor=None, regio=Regio(naam=REGIO)
        )
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

    def _gebruikers(self, organisaties) -> dict[str, User]:
        gevonden = {}
        for naam, (org, rol, voornaam, achternaam, functie) in GEBRUIKERS.items():
            bestaand = Medewerker.objects.filter(user__username=naam).first()
            medewerker = bestaand or netwerk_services.medewerker_opslaan(
                actor=None,
                gebruikersnaam=naam,
                voornaam=voornaam,
                achternaam=achternaam,
                email=f"{naam}@example.org",
                organisatie=organisaties[org],
                rol=rol,
                functietitel=functie,
                telefoon="06-00000000",
                wachtwoord=settings.DEMO_PASSWORD,
            )
            gevonden[naam] = medewerker.user
        for org, naam in VERBINDINGSOFFICIEREN.items():
            organisatie = organisaties[org]
            if organisatie.verbindingsofficier_id is None:
                netwerk_services.verbindingsofficier_aanwijzen(
                    actor=None, organisatie=organisatie, medewerker=gevonden[naam].medewerker
                )
        for org, via in AANSPREEKPUNTEN.items():
            organisatie = organisaties[org]
            if organisatie.aanspreekpunt_id is None and organisatie.verbindingsofficier_id is None:
                organisatie.aanspreekpunt = organisaties[via]
                netwerk_services.organisatie_opslaan(actor=None, organisatie=organisatie)
        return gevonden

    def _netwerkkaart(self, organisaties, beheerder) -> None:
        """The demo regio's netwerkkaart (bijlage 5): a few contacts per partner."""
        for sleutel, rol, naam, functie, niveau in NETWERKKAART:
            organisatie = organisaties[sleutel]
            if Contactpersoon.objects.filter(organisatie=organisatie, rol=rol, naam=naam).exists():
                continue
            netwerk_services.contactpersoon_opslaan(
                actor=beheerder,
                contactpersoon=Contactpersoon(
                    organisatie=organisatie,
                    rol=rol,
                    naam=naam,
                    functie=functie,
                    niveau=niveau,
                    telefoon="06-00000000",
                    email=f"{naam.split()[0].lower()}@example.org",
                    bereikbaarheid="ma-vr 8.30-16.30",
                ),
            )

    def _routekaart(self, regio, beheerder) -> None:
        """The demo regio adopts this year's routekaart and fills in most blanks."""
        jaar = timezone.localdate().year
        if Routekaart.objects.filter(regio=regio, jaar=jaar).exists():
            return
        kaart = traject_services.routekaart_overnemen(actor=beheerder, regio=regio, jaar=jaar)
        regels = Verantwoordelijkheid.objects.filter(stap__routekaart=kaart, vast=False).select_related("stap")
        for regel in regels:
            ingevuld = ROUTEKAART_INVULLING.get(regel.stap.nummer, [])
            partij = ingevuld[regel.volgorde - 1] if regel.volgorde <= len(ingevuld) else None
            if partij:
                traject_services.verantwoordelijkheid_invullen(
                    actor=beheerder, regel=regel, uitvoerder=partij, regie=REGIE_PER_STAP[regel.stap.nummer]
                )

    def _traject(self, demo: DemoJongere, organisaties, gebruikers) -> int:
        vandaag = timezone.localdate()
        geboortedatum = vandaag.replace(year=vandaag.year - demo.leeftijd_jaren) - dt.timedelta(days=40)
        if Jongere.objects.filter(
            voornaam=demo.voornaam, achternaam=demo.achternaam, geboortedatum=geboortedatum
        ).exists():
            return 0
        docent, coordinator = gebruikers["jji-school"], gebruikers["coordinator"]
        start = vandaag - dt.timedelta(days=demo.dagen_in_jji)
        traject = traject_services.traject_starten(
            actor=docent,
            jongere={
                "voornaam": demo.voornaam,
                "tussenvoegsel": demo.tussenvoegsel,
                "achternaam": demo.achternaam,
                "geboortedatum": geboortedatum,
                "startkwalificatie": demo.startkwalificatie,
            },
            traject={
                "verblijfsduur": demo.verblijfsduur,
                "startdatum": start,
                "verwachte_einddatum": start + dt.timedelta(days=365)
                if demo.titel != Titel.VOORLOPIGE_HECHTENIS
                else None,
            },
        )
        traject_services.traject_wijzigen(
            actor=docent, traject=traject, jongere={}, gegevens={"uitstroombestemming": demo.bestemming}
        )
        if demo.voornaam not in ZONDER_ITB:
            itb = gebruikers["itb"]
            traject_services.toewijzing_toevoegen(actor=coordinator, traject=traject, medewerker=itb.medewerker)
            for titel in filter(None, (demo.eerdere_titel, demo.titel)):
                traject_services.traject_wijzigen(actor=itb, traject=traject, jongere={}, gegevens={"titel": titel})
        # Through verblijf, except for a sudden release (schorsing) straight to uitstroom.
        route = {Fase.VERBLIJF: [Fase.VERBLIJF], Fase.UITSTROOM: [Fase.VERBLIJF, Fase.UITSTROOM]}.get(demo.fase, [])
        if demo.voornaam in PLOTSELING_VRIJ:
            route = [Fase.UITSTROOM]
        for fase in route:
            traject = traject_services.traject_fase_wijzigen(actor=docent, traject=traject, fase=fase)
        if demo.ontvangend:
            intaker = gebruikers["mbo-intake"] if demo.intake_toegewezen else None
            self._partner(
                traject,
                organisaties["mbo"],
                BetrokkenheidSoort.MBO_ONTVANGEND,
                demo.ontvangend,
                coordinator,
                toewijzer=gebruikers["verbindingsofficier"],
                toe_te_wijzen=intaker,
            )
        if demo.herkomst:
            intaker = gebruikers["mbo-herkomst"]
            self._partner(
                traject,
                organisaties["herkomst"],
                BetrokkenheidSoort.MBO_HERKOMST,
                demo.herkomst,
                coordinator,
                toewijzer=coordinator,
                toe_te_wijzen=intaker,
            )
        self._voortgang(traject, docent, gebruikers["itb"] if demo.voornaam not in ZONDER_ITB else None)
        if demo.voornaam in ("Noah", "Liam"):
            self._netwerk_rond(traject, gebruikers["coordinator"])
            dossier_services.toekomstperspectief_opslaan(
                actor=docent, traject=traject, teksten=DEMO_PERSPECTIEF[demo.voornaam]
            )
        if demo.voornaam in DOSSIERS:
            self._dossier(traject, docent, coordinator, organisaties["mbo"], delen=DOSSIERS[demo.voornaam])
        if demo.voornaam in DEMO_BESLISMODELLEN:
            self._beslismodel(traject, DEMO_BESLISMODELLEN[demo.voornaam], gebruikers, organisaties["mbo"])
        if demo.voornaam == "Liam":
            # An overdrachtsdocument for the receiving mbo's verbindingsofficier (made after commit).
            from overdracht import services as overdracht_services

            overdracht_services.overdracht_aanvragen(
                actor=coordinator, traject=traject, ontvanger=gebruikers["verbindingsofficier"].medewerker
            )
        return 1

    def _beslismodel(self, traject, demo: dict, gebruikers, mbo) -> None:
        """A beslismodel prepared by the JJI-school and submitted to the receiving mbo; decided
        there when the demo case has a decision."""
        from beslismodel import services as beslismodel_services
        from beslismodel.constants import veldnaam

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

    def _dossier(self, traject, docent, coordinator, mbo, *, delen) -> None:
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

    def _netwerk_rond(self, traject, coordinator) -> None:
        """The people around a demo youth: the nazorg mentor (regie after uitstroom) and a parent."""
        mentor = Contactpersoon.objects.get(naam="Rik de Vries")
        netwerk_services.netwerkcontact_toevoegen(
            actor=coordinator,
            traject=traject,
            gegevens={"soort": NetwerkSoort.PROFESSIONAL, "contactpersoon": mentor, "regie_na_uitstroom": True},
        )
        netwerk_services.netwerkcontact_toevoegen(
            actor=coordinator,
            traject=traject,
            gegevens={
                "soort": NetwerkSoort.OUDER,
                "naam": "Moeder (fictief)",
                "relatie": "moeder",
                "telefoon": "06-00000001",
            },
        )

    def _voortgang(self, traject, docent, itb) -> None:
        """Tasks of the steps before the traject's fase are done, or not applicable where
        their condition was never met (no grondslag for a school van herkomst)."""
        eerste_stap = {Fase.INSTROOM: 1, Fase.VERBLIJF: 3, Fase.UITSTROOM: 8}[traject.fase]
        for taak in traject.taken.filter(stap__lt=eerste_stap, status=TaakStatus.OPEN).order_by("stap", "pk"):
            actor = itb if taak.justitieel else docent
            if actor is None:
                continue
            try:
                traject_services.taak_bijwerken(actor=actor, taak=taak, status=TaakStatus.GEDAAN)
            except ValidationError:
                traject_services.taak_bijwerken(
                    actor=actor, taak=taak, status=TaakStatus.NVT, reden="Voorwaarde niet vervuld (demo)."
                )

    def _partner(self, traject, organisatie, soort, toestand, coordinator, *, toewijzer, toe_te_wijzen) -> None:
        """Involve a partner and, unless it waits, make it active with a grondslag, assign its
        person, and then revoke or let expire the grondslag as the demo case asks."""
        traject_services.betrokkenheid_toevoegen(
            actor=coordinator, traject=traject, organisatie=organisatie, soort=soort
        )
        if toestand == "wacht":
            return
        vandaag = timezone.localdate()
        leerplicht = soort == BetrokkenheidSoort.MBO_HERKOMST and traject.jongere.leerplichtig()
        gegevens = {
            "grondslag": Grondslag.LEERPLICHT if leerplicht else Grondslag.TOESTEMMING_JONGERE,
            "datum_gegeven": vandaag - dt.timedelta(days=60 if toestand == "verlopen" else 3),
            "wijze": Wijze.WETTELIJK if leerplicht else Wijze.MONDELING,
            "weigeren_zonder_gevolgen": not leerplicht,
            "toelichting": "Leerplichtwet 1969: informeren van de school van inschrijving" if leerplicht else "",
        }
        toestemming = traject_services.kennisgeving_vastleggen(
            actor=coordinator, traject=traject, ontvanger=organisatie, gegevens=gegevens
        )
        if toe_te_wijzen is not None:
            traject_services.toewijzing_toevoegen(actor=toewijzer, traject=traject, medewerker=toe_te_wijzen.medewerker)
        if toestand == "ingetrokken":
            traject_services.toestemming_intrekken(actor=coordinator, toestemming=toestemming)
        elif toestand == "verlopen":
            # A consent that ran out yesterday, as time would have done (history is kept).
            toestemming.geldig_tot = vandaag - dt.timedelta(days=1)
            toestemming.save(update_fields=["geldig_tot"])
            verlopen_grondslagen_verwerken()
