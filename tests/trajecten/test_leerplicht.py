"""Leerplicht opens only what the handreiking says it opens (issue 17, item 10): the JJI-school
may ask the school van herkomst for its onderwijsinformatie "mits de jongere daarvoor
toestemming geeft of nog leerplichtig is". It never tells a school about the placement (bijlage
4: "met toestemming jongere") and never gives the JJI-school's own dossier to a school.
Kwalificatieplicht counts only where the regio says so. Old grondslagen that no longer hold
stop opening at once and become review tasks; nothing is deleted."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import timezone

from netwerk.constants import OrganisatieSoort
from netwerk.models import Organisatie
from trajecten import regels, services
from trajecten.constants import KENNISGEVING, BetrokkenheidSoort, Categorie, Grondslag, Wijze
from trajecten.models import Betrokkenheid, Taak, Toestemming

pytestmark = pytest.mark.django_db

LEERPLICHT = {
    "grondslag": Grondslag.LEERPLICHT,
    "wijze": Wijze.WETTELIJK,
    "toelichting": "Leerplichtwet 1969",
}


def _leerplicht(**extra):
    return {**LEERPLICHT, "datum_gegeven": timezone.localdate(), **extra}


def _jji_school(traject):
    return traject.betrokkenheden.get(soort=BetrokkenheidSoort.JJI_SCHOOL).organisatie


def _leeftijd_zetten(traject, *, jaren: int, dagen: int = 0):
    """Make the youth ``jaren`` years and ``dagen`` days old today."""
    jongere = traject.jongere
    vandaag = timezone.localdate()
    jongere.geboortedatum = regels.verjaardag(vandaag, -jaren) - dt.timedelta(days=dagen)
    jongere.save(update_fields=["geboortedatum"])
    traject.refresh_from_db()


def _partner(demo, traject, soort_organisatie, betrokkenheid):
    organisatie = Organisatie.objects.create(
        naam=f"Partner {soort_organisatie}", soort=soort_organisatie, regio=traject.jji.regio
    )
    services.betrokkenheid_toevoegen(
        actor=demo.coordinator, traject=traject, organisatie=organisatie, soort=betrokkenheid
    )
    return organisatie


# -- direction 1: telling an organisation about the placement (kennisgeving) -------------------

KENNISGEVING_ONTVANGERS = [
    ("herkomst", None, None),  # the school van herkomst: "met toestemming jongere"
    ("ontvangend", None, None),  # the receiving mbo
    ("leerplicht_rmc", OrganisatieSoort.LEERPLICHT_RMC, BetrokkenheidSoort.LEERPLICHT_RMC),
    ("gemeente", OrganisatieSoort.GEMEENTE, BetrokkenheidSoort.GEMEENTE),
]


@pytest.mark.parametrize(
    ("naam", "soort", "betrokkenheid"), KENNISGEVING_ONTVANGERS, ids=[k[0] for k in KENNISGEVING_ONTVANGERS]
)
def test_leerplicht_never_tells_anyone_about_the_placement(demo, naam, soort, betrokkenheid):
    yara = demo.trajecten["Yara"]  # the school van herkomst is involved and waits for a grondslag
    _leeftijd_zetten(yara, jaren=14)  # leerplichtig without doubt
    if naam == "herkomst":
        ontvanger = demo.mbo_herkomst.medewerker.organisatie
    elif naam == "ontvangend":
        ontvanger = demo.mbo_intake_other.medewerker.organisatie
        services.betrokkenheid_toevoegen(
            actor=demo.coordinator, traject=yara, organisatie=ontvanger, soort=BetrokkenheidSoort.MBO_ONTVANGEND
        )
    else:
        ontvanger = _partner(demo, yara, soort, betrokkenheid)
    with pytest.raises(ValidationError) as fout:
        services.kennisgeving_vastleggen(
            actor=demo.coordinator, traject=yara, ontvanger=ontvanger, gegevens=_leerplicht()
        )
    assert "Leerplicht is alleen een grondslag voor de JJI-school" in str(fout.value)
    assert not Toestemming.objects.filter(traject=yara, ontvanger=ontvanger, categorie=KENNISGEVING).exists()
    assert not Betrokkenheid.objects.actief().filter(traject=yara, organisatie=ontvanger).exists()


# -- direction 2: the JJI-school's own dossier to a school ------------------------------------


@pytest.mark.parametrize("categorie", [c.value for c in Categorie])
def test_leerplicht_never_gives_the_jji_schools_dossier_to_an_mbo(demo, categorie):
    noah = demo.trajecten["Noah"]  # ROC Lindewaard active
    _leeftijd_zetten(noah, jaren=14)
    roc = demo.mbo_intake.medewerker.organisatie
    with pytest.raises(ValidationError):
        services.toestemming_vastleggen(
            actor=demo.coordinator, traject=noah, ontvanger=roc, categorie=categorie, gegevens=_leerplicht()
        )
    assert not Toestemming.objects.filter(traject=noah, ontvanger=roc, grondslag=Grondslag.LEERPLICHT).exists()


# -- direction 3: the school van herkomst's onderwijsinformatie to the JJI-school -------------


def test_leerplicht_opens_the_herkomst_onderwijsinformatie_for_the_jji_school_until_leerplicht_ends(demo):
    mila = demo.trajecten["Mila"]  # the school van herkomst is active (with consent)
    _leeftijd_zetten(mila, jaren=15)
    school = _jji_school(mila)
    Toestemming.objects.filter(traject=mila, ontvanger=school).delete()
    toestemming = services.toestemming_vastleggen(
        actor=demo.coordinator,
        traject=mila,
        ontvanger=school,
        categorie=Categorie.ONDERWIJSINFORMATIE,
        gegevens=_leerplicht(),
    )
    assert toestemming.geldig_tot == regels.leerplicht_einde(mila.jongere.geboortedatum)
    for categorie in (Categorie.BEGELEIDINGSBEHOEFTE, Categorie.VEILIGHEIDSSIGNALEN):
        with pytest.raises(ValidationError):
            services.toestemming_vastleggen(
                actor=demo.coordinator, traject=mila, ontvanger=school, categorie=categorie, gegevens=_leerplicht()
            )


@pytest.mark.parametrize(("kwalificatieplicht", "mag"), [(False, False), (True, True)])
def test_kwalificatieplicht_counts_only_where_the_regio_says_so(demo, kwalificatieplicht, mag):
    mila = demo.trajecten["Mila"]
    _leeftijd_zetten(mila, jaren=17)  # past leerplicht, still kwalificatieplichtig
    regio = mila.jji.regio
    regio.kwalificatieplicht = kwalificatieplicht
    regio.save(update_fields=["kwalificatieplicht"])
    school = _jji_school(mila)
    Toestemming.objects.filter(traject=mila, ontvanger=school).delete()

    def vastleggen():
        return services.toestemming_vastleggen(
            actor=demo.coordinator,
            traject=mila,
            ontvanger=school,
            categorie=Categorie.ONDERWIJSINFORMATIE,
            gegevens=_leerplicht(),
        )

    if mag:
        toestemming = vastleggen()
        assert toestemming.geldig_tot == regels.verjaardag(mila.jongere.geboortedatum, 18) - dt.timedelta(days=1)
    else:
        with pytest.raises(ValidationError, match="niet \\(meer\\) leerplichtig"):
            vastleggen()


# -- the grondslagen recorded before: reviewed, not deleted -----------------------------------


def test_old_grondslagen_that_no_longer_hold_stop_opening_and_become_review_tasks(demo):
    migratie = importlib.import_module("trajecten.migrations.0010_leerplicht_alleen_herkomst")
    yara, mila = demo.trajecten["Yara"], demo.trajecten["Mila"]
    _leeftijd_zetten(yara, jaren=14)
    _leeftijd_zetten(mila, jaren=17)
    vandaag = timezone.localdate()
    herkomst = demo.mbo_herkomst.medewerker.organisatie
    # Written as the old rules allowed (no clean): a kennisgeving on leerplicht to the school van
    # herkomst, and the JJI-school's herkomst grondslag running into the kwalificatieplicht.
    oud = {"grondslag": Grondslag.LEERPLICHT, "wijze": Wijze.WETTELIJK, "vastgelegd_door": demo.coordinator}
    kennisgeving = Toestemming.objects.create(
        traject=yara,
        ontvanger=herkomst,
        categorie=KENNISGEVING,
        datum_gegeven=vandaag - dt.timedelta(days=10),
        **oud,
    )
    lang = Toestemming.objects.create(
        traject=mila,
        ontvanger=_jji_school(mila),
        categorie=Categorie.ONDERWIJSINFORMATIE,
        datum_gegeven=regels.leerplicht_einde(mila.jongere.geboortedatum) - dt.timedelta(days=30),
        geldig_tot=regels.verjaardag(mila.jongere.geboortedatum, 18) - dt.timedelta(days=1),
        **oud,
    )
    assert Betrokkenheid.objects.actief().filter(traject=yara, organisatie=herkomst).exists()
    taken_voor = Taak.objects.count()

    migratie.herzien(apps, None)

    kennisgeving.refresh_from_db()
    lang.refresh_from_db()
    assert kennisgeving.geldig_tot == vandaag - dt.timedelta(days=1)  # closed at once, still there
    assert lang.geldig_tot == regels.leerplicht_einde(mila.jongere.geboortedatum)
    assert not kennisgeving.is_geldig() and not lang.is_geldig()
    assert not Betrokkenheid.objects.actief().filter(traject=yara, organisatie=herkomst).exists()
    # One per grondslag: Yara's kennisgeving, and Mila's two (the demo's, recorded at 15, and this one).
    taken = list(Taak.objects.order_by("-pk")[: Taak.objects.count() - taken_voor])
    assert sorted(t.traject.jongere.voornaam for t in taken) == ["Mila", "Mila", "Yara"]
    for taak in taken:
        assert taak.organisatie == _jji_school(taak.traject)
        assert taak.medewerker.rol == "zorgcoordinator"
        assert taak.tekst.startswith("Herzien: de grondslag leerplicht")
    # A second run changes nothing.
    na_eerste = Taak.objects.count()
    migratie.herzien(apps, None)
    assert Taak.objects.count() == na_eerste
