"""Services refuse what the field does not allow, with a clear message and nothing saved."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from netwerk.constants import OrganisatieSoort
from netwerk.models import Organisatie
from trajecten import services
from trajecten.constants import BetrokkenheidSoort, Fase, Grondslag, Wijze
from trajecten.models import Betrokkenheid, Jongere, Toestemming, Traject

pytestmark = pytest.mark.django_db
VANDAAG = timezone.localdate


def _jongere(geboren_jaren_geleden: int, dagen: int = 40) -> dict:
    vandaag = VANDAAG()
    return {
        "voornaam": "Test",
        "achternaam": "Persoon",
        "geboortedatum": vandaag.replace(year=vandaag.year - geboren_jaren_geleden) - dt.timedelta(days=dagen),
    }


def _start(actor, leeftijd=17):
    return services.traject_starten(
        actor=actor,
        jongere=_jongere(leeftijd),
        traject={"verblijfsduur": "lang", "startdatum": VANDAAG()},
    )


def test_itb_starts_a_traject_at_its_own_jji(demo):
    traject = _start(demo.itb)
    assert traject.jji == demo.itb.medewerker.organisatie
    assert traject.betrokkenheden.get(soort=BetrokkenheidSoort.JJI_SCHOOL).organisatie.naam.startswith("Duinzicht")
    assert traject.toewijzingen.get().medewerker == demo.itb.medewerker


def test_mbo_cannot_start_a_traject(demo):
    with pytest.raises(PermissionDenied):
        _start(demo.verbindingsofficier)


def test_police_is_never_a_party(demo):
    politie = Organisatie.objects.create(
        naam="Politie Lindewaard", soort=OrganisatieSoort.POLITIE, regio=demo.itb.medewerker.organisatie.regio
    )
    traject = demo.trajecten["Amira"]
    with pytest.raises(ValidationError):
        services.betrokkenheid_toevoegen(
            actor=demo.coordinator, traject=traject, organisatie=politie, soort=BetrokkenheidSoort.GEMEENTE
        )
    assert not Betrokkenheid.objects.filter(organisatie=politie).exists()


def test_organisation_soort_must_fit(demo):
    gemeente = Organisatie.objects.get(soort=OrganisatieSoort.GEMEENTE)
    with pytest.raises(ValidationError, match="kan niet betrokken zijn als"):
        services.betrokkenheid_toevoegen(
            actor=demo.coordinator,
            traject=demo.trajecten["Amira"],
            organisatie=gemeente,
            soort=BetrokkenheidSoort.MBO_ONTVANGEND,
        )


def _grondslag(actor, traject, ontvanger, **gegevens):
    basis = {"datum_gegeven": VANDAAG(), "wijze": Wijze.MONDELING, "weigeren_zonder_gevolgen": True}
    return services.kennisgeving_vastleggen(
        actor=actor, traject=traject, ontvanger=ontvanger, gegevens={**basis, **gegevens}
    )


@pytest.fixture
def gemeente_bij(demo):
    def maak(traject):
        gemeente = Organisatie.objects.get(soort=OrganisatieSoort.GEMEENTE)
        services.betrokkenheid_toevoegen(
            actor=demo.coordinator, traject=traject, organisatie=gemeente, soort=BetrokkenheidSoort.GEMEENTE
        )
        return gemeente

    return maak


@pytest.mark.parametrize(
    ("leeftijd", "grondslag", "extra", "fout"),
    [
        (15, Grondslag.TOESTEMMING_JONGERE, {}, "Onder de 16"),
        (17, Grondslag.TOESTEMMING_OUDER, {"gegeven_door": "moeder"}, "Vanaf 16 jaar"),
        (15, Grondslag.TOESTEMMING_OUDER, {"gegeven_door": "moeder"}, "Vraag ook de jongere"),
        (15, Grondslag.TOESTEMMING_OUDER, {"jongere_gevraagd": True}, "welke ouder of voogd"),
        (15, Grondslag.LEERPLICHT, {"wijze": Wijze.WETTELIJK}, "alleen een grondslag voor de JJI-school"),
        (17, Grondslag.WETTELIJK, {"wijze": Wijze.WETTELIJK}, "Beschrijf de wettelijke grondslag"),
        (17, Grondslag.TOESTEMMING_JONGERE, {"weigeren_zonder_gevolgen": False}, "weigeren geen gevolgen"),
        (17, Grondslag.TOESTEMMING_JONGERE, {"geldig_tot": dt.date(2020, 1, 1)}, "in het verleden"),
    ],
)
def test_grondslag_rules(demo, gemeente_bij, leeftijd, grondslag, extra, fout):
    traject = _start(demo.jji_school, leeftijd)
    gemeente = gemeente_bij(traject)
    with pytest.raises(ValidationError) as info:
        _grondslag(demo.jji_school, traject, gemeente, grondslag=grondslag, **extra)
    assert fout in " ".join(info.value.messages)
    assert not Toestemming.objects.filter(traject=traject).exists()


def test_valid_parent_consent_under_16(demo, gemeente_bij):
    traject = _start(demo.jji_school, 15)
    gemeente = gemeente_bij(traject)
    toestemming = _grondslag(
        demo.jji_school,
        traject,
        gemeente,
        grondslag=Grondslag.TOESTEMMING_OUDER,
        gegeven_door="Moeder (gezaghebbend)",
        jongere_gevraagd=True,
    )
    assert toestemming.is_geldig()


def test_grondslag_for_an_uninvolved_organisation_is_refused(demo):
    ander = demo.mbo_intake_other.medewerker.organisatie
    with pytest.raises(ValidationError, match="eerst toe"):
        _grondslag(demo.coordinator, demo.trajecten["Amira"], ander, grondslag=Grondslag.TOESTEMMING_JONGERE)


def test_fase_never_goes_back_and_closing_needs_uitstroom(demo):
    traject = _start(demo.jji_school)
    with pytest.raises(ValidationError):
        services.traject_afsluiten(actor=demo.jji_school, traject=traject, datum=VANDAAG())
    services.traject_fase_wijzigen(actor=demo.jji_school, traject=traject, fase=Fase.UITSTROOM)
    with pytest.raises(ValidationError):
        services.traject_fase_wijzigen(actor=demo.jji_school, traject=traject, fase=Fase.VERBLIJF)
    with pytest.raises(ValidationError, match="stabiel"):
        services.traject_afsluiten(actor=demo.jji_school, traject=traject, datum=VANDAAG())
    services.traject_afsluiten(
        actor=demo.jji_school,
        traject=traject,
        datum=VANDAAG(),
        besluit="Gaat elke dag naar school; woont stabiel.",
        advies="Mentor ROC Lindewaard",
    )
    gesloten = Traject.objects.get(pk=traject.pk)
    assert gesloten.is_afgesloten and gesloten.afsluiting_advies == "Mentor ROC Lindewaard"
    assert gesloten.taken.get(tekst="Nazorgtraject formeel afsluiten").status == "gedaan"


def test_titel_change_is_kept_in_history(demo):
    traject = _start(demo.itb)
    services.traject_wijzigen(actor=demo.itb, traject=traject, jongere={}, gegevens={"titel": "jeugddetentie"})
    services.traject_wijzigen(actor=demo.itb, traject=traject, jongere={}, gegevens={"titel": "pij"})
    titels = list(traject.history.order_by("history_id").values_list("titel", flat=True))
    assert titels == ["", "jeugddetentie", "pij"]


def test_every_domain_model_keeps_history():
    from django.apps import apps

    for label in ("netwerk", "trajecten"):
        for model in apps.get_app_config(label).get_models():
            if model.__name__.startswith("Historical"):
                continue
            # An append-only log (the account log) never changes a row: no history to keep.
            assert hasattr(model, "history") or getattr(model, "ALLEEN_TOEVOEGEN", False), model


def test_school_cannot_set_the_titel(demo):
    with pytest.raises(ValidationError, match="Alleen de JJI"):
        services.traject_starten(
            actor=demo.jji_school,
            jongere=_jongere(17),
            traject={"titel": "pij", "verblijfsduur": "lang", "startdatum": VANDAAG()},
        )
    noah = demo.trajecten["Noah"]
    with pytest.raises(ValidationError, match="Alleen de JJI"):
        services.traject_wijzigen(actor=demo.jji_school, traject=noah, jongere={}, gegevens={"titel": "pij"})


def test_leerplicht_grondslag_lapses_when_leerplicht_ends(demo):
    """Mila's JJI-school reads the school van herkomst's onderwijsinformatie on leerplicht; it
    lapses with leerplicht (kwalificatieplicht does not count in the demo regio)."""
    mila = demo.trajecten["Mila"]
    toestemming = mila.toestemmingen.get(grondslag=Grondslag.LEERPLICHT)
    assert toestemming.ontvanger.soort == "jji_school" and toestemming.categorie == "onderwijsinformatie"
    assert toestemming.geldig_tot == mila.jongere.leerplicht_einde


def test_second_valid_grondslag_for_the_same_organisation_is_refused(demo):
    from django.core.exceptions import ValidationError

    noah = demo.trajecten["Noah"]
    with pytest.raises(ValidationError, match="al een geldige grondslag"):
        services.kennisgeving_vastleggen(
            actor=demo.coordinator,
            traject=noah,
            ontvanger=noah.toestemmingen.get().ontvanger,
            gegevens={
                "grondslag": Grondslag.TOESTEMMING_JONGERE,
                "datum_gegeven": timezone.localdate(),
                "wijze": Wijze.MONDELING,
                "weigeren_zonder_gevolgen": True,
            },
        )


def test_closed_traject_cannot_be_changed(demo):
    from django.core.exceptions import ValidationError

    liam = demo.trajecten["Liam"]
    services.traject_afsluiten(
        actor=demo.jji_school,
        traject=liam,
        datum=timezone.localdate(),
        besluit="Stabiel op school.",
        advies="Mentor ROC",
    )
    with pytest.raises(ValidationError, match="afgesloten"):
        services.betrokkenheid_toevoegen(
            actor=demo.coordinator,
            traject=liam,
            organisatie=demo.mbo_herkomst.medewerker.organisatie,
            soort=BetrokkenheidSoort.MBO_HERKOMST,
        )


def test_implausible_dates_are_refused(demo):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        Jongere(voornaam="A", achternaam="B", geboortedatum=dt.date(1, 1, 1)).full_clean()
