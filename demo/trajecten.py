"""One demo youth's traject, told through the services: started, assigned, moved through its
fases, partners involved with a grondslag (or revoked, or expired), tasks done, and for some
a dossier, a toekomstperspectief, a beslismodel and an overdrachtsdocument."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

from dossier import services as dossier_services
from netwerk import services as netwerk_services
from netwerk.constants import NetwerkSoort
from netwerk.models import Contactpersoon
from overdracht import services as overdracht_services
from toegang.tasks import verlopen_afhandelen
from trajecten import services as traject_services
from trajecten.constants import BetrokkenheidSoort, Categorie, Fase, Grondslag, TaakStatus, Titel, Wijze
from trajecten.models import Jongere, leerplicht_geldt

from .beslismodellen import DEMO_BESLISMODELLEN, beslismodel_maken
from .dossiers import DEMO_PERSPECTIEF, DOSSIERS, dossier_schrijven
from .jongeren import PLOTSELING_VRIJ, ZONDER_ITB, DemoJongere
from .schoolloopbaan import SERIES, schoolloopbaan_vastleggen


def traject_aanmaken(demo: DemoJongere, organisaties, gebruikers) -> int:
    """The traject of one demo youth; 0 when it is already there (idempotent), else 1."""
    vandaag = timezone.localdate()
    geboortedatum = vandaag.replace(year=vandaag.year - demo.leeftijd_jaren) - dt.timedelta(days=40)
    # By name only: the birth date follows today, so a demo loaded yesterday (or before midnight) is still found.
    if Jongere.objects.filter(voornaam=demo.voornaam, achternaam=demo.achternaam).exists():
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
            "verwachte_einddatum": start + dt.timedelta(days=365) if demo.titel != Titel.VOORLOPIGE_HECHTENIS else None,
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
        _partner(
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
        _partner(
            traject,
            organisaties["herkomst"],
            BetrokkenheidSoort.MBO_HERKOMST,
            demo.herkomst,
            coordinator,
            toewijzer=coordinator,
            toe_te_wijzen=intaker,
        )
    if traject.fase == Fase.UITSTROOM:
        _nazorgpartners(traject, demo, organisaties, gebruikers)
    _voortgang(traject, docent, gebruikers["itb"] if demo.voornaam not in ZONDER_ITB else None)
    if demo.voornaam in ("Noah", "Liam"):
        _netwerk_rond(traject, gebruikers["coordinator"])
        dossier_services.toekomstperspectief_opslaan(
            actor=docent, traject=traject, teksten=DEMO_PERSPECTIEF[demo.voornaam]
        )
    if demo.voornaam in DOSSIERS:
        dossier_schrijven(traject, docent, coordinator, organisaties["mbo"], delen=DOSSIERS[demo.voornaam])
    if demo.voornaam in DEMO_BESLISMODELLEN:
        beslismodel_maken(traject, DEMO_BESLISMODELLEN[demo.voornaam], gebruikers, organisaties["mbo"])
    if demo.voornaam in SERIES:
        schoolloopbaan_vastleggen(traject, itb=gebruikers["itb"], gebruikers=gebruikers)
    if demo.voornaam == "Liam":
        # An overdrachtsdocument for the receiving mbo's verbindingsofficier (made after commit).
        overdracht_services.overdracht_aanvragen(
            actor=coordinator, traject=traject, ontvanger=gebruikers["verbindingsofficier"].medewerker
        )
    return 1


# The partners after release in the demo trajecten in uitstroom: the gemeente of inschrijving
# (told through INJUS, with the regie over nazorg in the demo routekaart) in each; the
# jeugdreclassering where a judge imposed supervision; leerplicht/RMC with the youth's consent
# (for Jayden, 18 and without a startkwalificatie, the RMC: his receiving mbo is no longer active).
JEUGDRECLASSERING_BIJ = {"Liam", "Thijs"}
LEERPLICHT_BIJ = {"Finn", "Jayden"}


def _nazorgpartners(traject, demo: DemoJongere, organisaties, gebruikers) -> None:
    coordinator = gebruikers["coordinator"]

    def betrekken(sleutel, soort, gegevens, gebruiker=None) -> None:
        organisatie = organisaties[sleutel]
        traject_services.betrokkenheid_toevoegen(
            actor=coordinator, traject=traject, organisatie=organisatie, soort=soort
        )
        traject_services.kennisgeving_vastleggen(
            actor=coordinator, traject=traject, ontvanger=organisatie, gegevens=gegevens
        )
        if gebruiker is not None:
            traject_services.toewijzing_toevoegen(actor=coordinator, traject=traject, medewerker=gebruiker.medewerker)

    plaatsing = traject.startdatum
    betrekken(
        "gemeente",
        BetrokkenheidSoort.GEMEENTE,
        {
            "grondslag": Grondslag.INJUS,
            "datum_gegeven": plaatsing,
            "wijze": Wijze.WETTELIJK,
            "bron": f"INJUS-bericht plaatsing JJI Duinzicht, {plaatsing:%d-%m-%Y} (demo)",
        },
    )
    if demo.voornaam in JEUGDRECLASSERING_BIJ:
        betrekken(
            "jr",
            BetrokkenheidSoort.RECLASSERING,
            {
                "grondslag": Grondslag.WETTELIJK,
                "datum_gegeven": plaatsing,
                "wijze": Wijze.WETTELIJK,
                "toelichting": "Toezicht en begeleiding door de jeugdreclassering, opgelegd door de rechter (demo)",
            },
            gebruikers["jeugdreclassering"],
        )
    if demo.voornaam in LEERPLICHT_BIJ:
        vandaag = timezone.localdate()
        betrekken(
            "leerplicht",
            BetrokkenheidSoort.LEERPLICHT_RMC,
            _toestemming(traject, vandaag - dt.timedelta(days=2)),
            gebruikers["leerplicht"],
        )


def _netwerk_rond(traject, coordinator) -> None:
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


def _voortgang(traject, docent, itb) -> None:
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


def _herkomst_opvragen(traject, herkomst, coordinator) -> None:
    """Leerplicht without telling the school van herkomst about the placement: the JJI-school
    records its grondslag to receive the onderwijsinformatie and asks for it."""
    school = traject.betrokkenheden.get(soort=BetrokkenheidSoort.JJI_SCHOOL).organisatie
    traject_services.toestemming_vastleggen(
        actor=coordinator,
        traject=traject,
        ontvanger=school,
        categorie=Categorie.ONDERWIJSINFORMATIE,
        gegevens={
            "grondslag": Grondslag.LEERPLICHT,
            "datum_gegeven": timezone.localdate(),
            "wijze": Wijze.WETTELIJK,
            "toelichting": "Leerplichtwet 1969: onderwijsinformatie van de school van inschrijving",
        },
    )
    dossier_services.herkomst_opvragen(
        actor=coordinator,
        traject=traject,
        organisatie=herkomst,
        vraag="Welke modules van het eerste jaar zijn afgerond, en welke examens staan nog open?",
    )


def _toestemming(traject, datum) -> dict:
    """Consent as the youth's age asks: from 16 the youth, below it a parent (the youth asked too)."""
    if traject.jongere.leeftijd(datum) >= 16:
        return {
            "grondslag": Grondslag.TOESTEMMING_JONGERE,
            "datum_gegeven": datum,
            "wijze": Wijze.MONDELING,
            "weigeren_zonder_gevolgen": True,
        }
    return {
        "grondslag": Grondslag.TOESTEMMING_OUDER,
        "datum_gegeven": datum,
        "wijze": Wijze.FORMULIER,
        "gegeven_door": "moeder (demo)",
        "jongere_gevraagd": True,
        "weigeren_zonder_gevolgen": True,
    }


def _partner(traject, organisatie, soort, toestand, coordinator, *, toewijzer, toe_te_wijzen) -> None:
    """Involve a partner and, unless it waits, make it active with a grondslag, assign its
    person, and then revoke or let expire the grondslag as the demo case asks."""
    traject_services.betrokkenheid_toevoegen(actor=coordinator, traject=traject, organisatie=organisatie, soort=soort)
    if toestand == "wacht":
        if soort == BetrokkenheidSoort.MBO_HERKOMST and leerplicht_geldt(traject, timezone.localdate()):
            _herkomst_opvragen(traject, organisatie, coordinator)
        return
    vandaag = timezone.localdate()
    datum = vandaag - dt.timedelta(days=60 if toestand == "verlopen" else 3)
    gegevens = _toestemming(traject, datum)
    toestemming = traject_services.kennisgeving_vastleggen(
        actor=coordinator, traject=traject, ontvanger=organisatie, gegevens=gegevens
    )
    if toe_te_wijzen is not None:
        traject_services.toewijzing_toevoegen(actor=toewijzer, traject=traject, medewerker=toe_te_wijzen.medewerker)
    if soort == BetrokkenheidSoort.MBO_HERKOMST and toestand == "actief":
        # The JJI-school reads the school van herkomst's onderwijsinformatie: on leerplicht while
        # the youth is leerplichtig (handreiking), otherwise with consent.
        school = traject.betrokkenheden.get(soort=BetrokkenheidSoort.JJI_SCHOOL).organisatie
        lezen = (
            {
                "grondslag": Grondslag.LEERPLICHT,
                "datum_gegeven": datum,
                "wijze": Wijze.WETTELIJK,
                "toelichting": "Leerplichtwet 1969: onderwijsinformatie van de school van inschrijving",
            }
            if leerplicht_geldt(traject, datum)
            else _toestemming(traject, datum)
        )
        traject_services.toestemming_vastleggen(
            actor=coordinator,
            traject=traject,
            ontvanger=school,
            categorie=Categorie.ONDERWIJSINFORMATIE,
            gegevens=lezen,
        )
    if toestand == "ingetrokken":
        traject_services.toestemming_intrekken(actor=coordinator, toestemming=toestemming)
    elif toestand == "verlopen":
        # A consent that ran out yesterday, as time would have done (history is kept), and what
        # the hourly task did with it the first hour after.
        toestemming.geldig_tot = vandaag - dt.timedelta(days=1)
        toestemming.save(update_fields=["geldig_tot"])
        verlopen_afhandelen(traject)
