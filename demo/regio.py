"""The demo regio: its organisations, demo users, netwerkkaart and routekaart (all fictional).

The usernames below never change: tests, the README and the browser journeys use them.
"""

from __future__ import annotations

import datetime as dt
from base64 import b32decode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from netwerk import services as netwerk_services
from netwerk.constants import ContactRol, Niveau, OrganisatieSoort, Rol
from netwerk.models import Accountaanvraag, Contactpersoon, Medewerker, Organisatie, Regio
from netwerk.services import accounts as account_services
from toegang import policy
from toegang.models import Logonderzoek
from trajecten import services as traject_services
from trajecten.models import Routekaart, Verantwoordelijkheid

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
    "leerplicht": ("Leerplicht en RMC Lindewaard", OrganisatieSoort.LEERPLICHT_RMC, "Lindewaard"),
    # The regio's partnership: its regiocoördinator reads the monitor (figures only).
    "samenwerkingsverband": ("Samenwerkingsverband Lindewaard", OrganisatieSoort.SAMENWERKINGSVERBAND, "Lindewaard"),
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
    "privacy": ("mbo", Rol.FG, "Noor", "Hendriks", "Functionaris gegevensbescherming"),
    # The partners after release (bijlage 4, steps 8–10): the gemeente has the regie over
    # nazorg in the demo regio's routekaart; the other two work in the trajecten assigned to them.
    "gemeente": ("gemeente", Rol.NAZORGCOORDINATOR, "Lotte", "Hendriks", "Nazorgcoördinator"),
    "jeugdreclassering": ("jr", Rol.JEUGDRECLASSEERDER, "Tom", "Willems", "Jeugdreclasseerder"),
    "leerplicht": ("leerplicht", Rol.LEERPLICHTAMBTENAAR, "Ilse", "Maas", "Leerplichtambtenaar"),
    # The regional monitor (issue 19): aggregates of the regio's cohorts, no youth data.
    "regio": ("samenwerkingsverband", Rol.REGIOCOORDINATOR, "Eva", "de Boer", "Regiocoördinator"),
}
VERBINDINGSOFFICIEREN = {"school": "coordinator", "mbo": "verbindingsofficier"}
# The second factor of every demo user: one authenticator-app device with this fixed, fictional
# secret (base32), printed by demo_data, so that TWEE_FACTOR=verplicht make run can be tried
# at once. A fixed secret is a back door anywhere else: demo_data refuses such databases.
DEMO_TOTP_SLEUTEL = "JJITRAJECTDEMOTWEEDEFACTORDEMO23"
DEMO_APP = "Demo-app"
# E-mail domains reserved for examples (RFC 2606): a person with another address is real.
VOORBEELDDOMEINEN = ("example.org", "example.com", "example.net", "test", "invalid")
# An account request waiting in the demo regio (four eyes): the beheerder asked for a new
# intaker at ROC Lindewaard; its verbindingsofficier approves or refuses it.
AANVRAAG = {
    "gebruikersnaam": "nieuwe-intaker",
    "voornaam": "Iris",
    "achternaam": "van Dam",
    "email": "nieuwe-intaker@example.org",
    "organisatie": "mbo",
    "rol": Rol.INTAKER,
    "functietitel": "Intaker entree",
}
# A small mbo without its own verbindingsofficier: the one of ROC Lindewaard is its contact point.
AANSPREEKPUNTEN = {"herkomst": "mbo"}
# The demo regio's netwerkkaart: (organisation key, role, name, function, level, demo user or
# None). A contact who is a demo user is linked to that user: one e-mail address, the user's.
NETWERKKAART = [
    ("jji", ContactRol.JJI, "Karin Smits", "Afdelingshoofd onderwijs en nazorg", Niveau.MANAGEMENT, None),
    ("school", ContactRol.JJI_SCHOOL, "Peter Aydin", "Zorgcoördinator", Niveau.UITVOERING, "coordinator"),
    ("school", ContactRol.ICT, "Jeroen Bos", "ICT-coördinator", Niveau.UITVOERING, None),
    ("mbo", ContactRol.MBO_SCHOOL, "Marco Janssen", "Veiligheidscoördinator", Niveau.UITVOERING, "verbindingsofficier"),
    ("mbo", ContactRol.MBO_SCHOOL, "Anne Kuipers", "Teamleider entree", Niveau.MANAGEMENT, None),
    ("mbo", ContactRol.NAZORG_MENTOR, "Rik de Vries", "Mentor XXL", Niveau.UITVOERING, None),
    ("herkomst", ContactRol.MBO_SCHOOL, "Youssef El Amrani", "Intaker", Niveau.UITVOERING, "mbo-herkomst"),
    ("gemeente", ContactRol.GEMEENTE, "Lotte Hendriks", "Nazorgcoördinator", Niveau.UITVOERING, "gemeente"),
    ("jr", ContactRol.RECLASSERING, "Tom Willems", "Jeugdreclasseerder", Niveau.UITVOERING, "jeugdreclassering"),
    ("leerplicht", ContactRol.LEERPLICHT_RMC, "Ilse Maas", "Leerplichtambtenaar", Niveau.UITVOERING, "leerplicht"),
]
# Bijlage 3: JJI Duinzicht is an official exam location.
EXAMENLOCATIES = {"jji"}

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


def organisaties_aanmaken() -> dict[str, Organisatie]:
    """The demo regio and its organisations by key (found again when they exist)."""
    regio = Regio.objects.filter(naam=REGIO).first() or netwerk_services.regio_opslaan(
        actor=None, regio=Regio(naam=REGIO)
    )
    gevonden: dict[str, Organisatie] = {}
    for sleutel, (naam, soort, plaats) in ORGANISATIES.items():
        organisatie = Organisatie.objects.filter(naam=naam, regio=regio).first()
        if organisatie is None:
            organisatie = Organisatie(
                naam=naam, soort=soort, regio=regio, plaats=plaats, officiele_examenlocatie=sleutel in EXAMENLOCATIES
            )
            if soort == OrganisatieSoort.JJI_SCHOOL:
                organisatie.jji = gevonden["jji"]
            netwerk_services.organisatie_opslaan(actor=None, organisatie=organisatie)
        gevonden[sleutel] = organisatie
    return gevonden


def gebruikers_aanmaken(organisaties) -> dict[str, User]:
    """The demo users by username, the verbindingsofficieren and a small mbo's aanspreekpunt."""
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


def tweede_factor_klaarzetten(gebruikers: dict[str, User]) -> None:
    """Every demo user gets the demo app device (once)."""
    sleutel = b32decode(DEMO_TOTP_SLEUTEL).hex()
    for user in gebruikers.values():
        TOTPDevice.objects.get_or_create(user=user, name=DEMO_APP, defaults={"key": sleutel, "confirmed": True})


def vreemde_personen() -> int:
    """People in the database that the demo did not make: not a demo username, and an e-mail
    address outside the domains reserved for examples."""
    bekend = {*GEBRUIKERS, AANVRAAG["gebruikersnaam"]}
    vreemd = User.objects.exclude(username__in=bekend)
    for domein in VOORBEELDDOMEINEN:
        vreemd = vreemd.exclude(email__iendswith=f"@{domein}").exclude(email__iendswith=f".{domein}")
    return vreemd.count()


def accountaanvraag_klaarzetten(organisaties, beheerder) -> Accountaanvraag | None:
    """The demo's waiting account request (once: not when it, or the account, exists)."""
    naam = AANVRAAG["gebruikersnaam"]
    if Accountaanvraag.objects.filter(gebruikersnaam=naam).exists() or User.objects.filter(username=naam).exists():
        return None
    return account_services.accountaanvraag_indienen(
        actor=beheerder, **{**AANVRAAG, "organisatie": organisaties[AANVRAAG["organisatie"]]}
    )


def logonderzoek_klaarzetten(gebruikers) -> None:
    """The FG of ROC Lindewaard checked last month's readings of its intaker (once)."""
    if Logonderzoek.objects.exists():
        return
    vandaag = timezone.localdate()
    policy.log_onderzoeken(
        gebruikers["privacy"],
        persoon=gebruikers["mbo-intake"],
        van=vandaag - dt.timedelta(days=30),
        tot=vandaag,
        aanleiding="Steekproef raadplegingen (privacyjaarplan)",
    )


def netwerkkaart_vullen(organisaties, beheerder) -> None:
    """The demo regio's netwerkkaart (bijlage 5): a few contacts per partner; a demo user's
    entry is linked to the user (also an entry made before the link existed)."""
    for sleutel, rol, naam, functie, niveau, gebruikersnaam in NETWERKKAART:
        organisatie = organisaties[sleutel]
        medewerker = Medewerker.objects.filter(user__username=gebruikersnaam).first() if gebruikersnaam else None
        bestaand = Contactpersoon.objects.filter(organisatie=organisatie, rol=rol, naam=naam).first()
        if bestaand is not None:
            if medewerker is not None and bestaand.medewerker_id is None:
                bestaand.medewerker, bestaand.email = medewerker, ""
                netwerk_services.contactpersoon_opslaan(actor=beheerder, contactpersoon=bestaand)
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
                email="" if medewerker else f"{naam.split()[0].lower()}@example.org",
                medewerker=medewerker,
                bereikbaarheid="ma-vr 8.30-16.30",
            ),
        )


def routekaart_invullen(regio, beheerder) -> None:
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
