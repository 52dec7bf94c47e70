"""Retention (issue 20): the dry run writes nothing; a real run erases exactly what is due,
with its history; pseudonymised trajecten leave the monitor's figures as they were; and after
a run no text column of any table — history included — holds a marker of what was erased."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from bewaren import services
from bewaren.models import Bewaarrun
from bewaren.selectors import maanden_terug, te_doen
from bewaren.services_wissen import KOPPELINGEN, ONAANGEROERD
from dossier import services as dossier_services
from monitor.selectors_tellingen import tellen
from netwerk.constants import NetwerkSoort
from netwerk.models import IctFase, NetwerkContact, Organisatie
from trajecten import services as traject_services
from trajecten.constants import BetrokkenheidSoort, Categorie, Fase, Grondslag, OverlegSoort, Stap, Wijze
from trajecten.models import Betrokkenheid, Jongere, Overleg, Taak, Traject
from trajecten.services import traject_afsluiten

from ..factories import TrajectFactory
from ..lezers import dossier_vullen, toestemming_geven

pytestmark = pytest.mark.django_db

MERK = "Bewaarmerkzeven"  # in every text of the old traject, and nowhere else
BLIJFT = "Blijfmerkacht"  # in the texts of a traject that is not due


def _markers(merk: str) -> dict:
    return {c: f"{merk} {c}" for c in Categorie.values}


def _vullen(demo, traject, merk: str) -> Traject:
    """A marker in the name, the dossier, a consent, the network, a task, a meeting, the close."""
    dossier_vullen(demo, traject, _markers(merk))
    dossier_services.onderwijsinformatie_opslaan(
        actor=demo.jji_school,
        traject=traject,
        gegevens={
            "ingeschreven_bij": f"{merk} school",
            "ict_fase": IctFase.objects.filter(regio=traject.jji.regio).first(),
        },
    )
    roc = Organisatie.objects.get(naam="ROC Lindewaard")
    if not Betrokkenheid.objects.filter(traject=traject, organisatie=roc).exists():
        traject_services.betrokkenheid_toevoegen(
            actor=demo.coordinator, traject=traject, organisatie=roc, soort=BetrokkenheidSoort.MBO_ONTVANGEND
        )
        traject_services.kennisgeving_vastleggen(
            actor=demo.coordinator,
            traject=traject,
            ontvanger=roc,
            gegevens={
                "grondslag": Grondslag.TOESTEMMING_JONGERE,
                "datum_gegeven": traject.startdatum,
                "wijze": Wijze.MONDELING,
                "weigeren_zonder_gevolgen": True,
                "toelichting": f"{merk} kennisgeving",
            },
        )
    toestemming_geven(demo, traject, Categorie.ONDERWIJSINFORMATIE, toelichting=f"{merk} toelichting")
    NetwerkContact.objects.create(
        traject=traject,
        soort=NetwerkSoort.OUDER,
        naam=f"{merk} moeder",
        relatie="moeder",
        toegevoegd_door=demo.coordinator,
    )
    Taak.objects.create(traject=traject, stap=Stap.values[0], tekst=f"Bel {merk}", notitie=f"{merk} notitie")
    Overleg.objects.create(
        traject=traject,
        soort=OverlegSoort.WARME_OVERDRACHT,
        datum=traject.startdatum,
        andere_deelnemers=f"{merk} oom",
        uitkomst=f"{merk} afspraken",
        vastgelegd_door=demo.coordinator,
    )
    return traject


@pytest.fixture
def oud(demo):
    """A traject released four years ago and closed three years ago: everything is due."""
    vandaag = timezone.localdate()
    traject = TrajectFactory(
        jji=demo.itb.medewerker.organisatie,
        fase=Fase.UITSTROOM,
        startdatum=vandaag - dt.timedelta(days=5 * 365),
        vrijgelaten_op=vandaag - dt.timedelta(days=4 * 365),
        jongere__voornaam=MERK,
        jongere__geboortedatum=vandaag - dt.timedelta(days=22 * 365),
        jongere__achternaam=f"{MERK}achter",
        betrokkenheden__toegewezen=demo.jji_school.medewerker,
    )
    _vullen(demo, traject, MERK)
    traject_afsluiten(
        actor=demo.coordinator,
        traject=traject,
        datum=vandaag - dt.timedelta(days=3 * 365),
        besluit=f"{MERK} stabiel",
        advies=f"{MERK} adviseur",
    )
    return Traject.objects.get(pk=traject.pk)


@pytest.fixture
def nieuw(demo):
    """Noah's traject, open: nothing of it is due."""
    return _vullen(demo, demo.trajecten["Noah"], BLIJFT)


def _vindplaatsen(merk: str) -> list[str]:
    """Every text column of every table (history, sessions and logs included) holding ``merk``."""
    gevonden = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND data_type IN ('text', 'character varying', 'json', 'jsonb')"
        )
        for tabel, kolom in cursor.fetchall():
            cursor.execute(
                f'SELECT count(*) FROM "{tabel}" WHERE "{kolom}"::text ILIKE %s',  # noqa: S608 - names from the catalog
                [f"%{merk}%"],
            )
            if cursor.fetchone()[0]:
                gevonden.append(f"{tabel}.{kolom}")
    return gevonden


def _tellingen(regio_id: int) -> dict:
    jaren = list(range(timezone.localdate().year - 5, timezone.localdate().year + 1))
    return tellen([regio_id], jaren)


def test_a_dry_run_counts_and_writes_nothing(demo, oud, nieuw, vereist_postgres):
    voor = {m._meta.label: m._default_manager.count() for m in apps.get_models()}
    aantallen = services.uitvoeren(droog=True)
    assert aantallen["dossiers"] == 1 and aantallen["pseudoniemen"] == 1
    assert {m._meta.label: m._default_manager.count() for m in apps.get_models()} == voor
    assert not Bewaarrun.objects.exists()
    assert len(_vindplaatsen(MERK)) >= 6  # still there
    assert "1 dossier te wissen, 1 traject te pseudonimiseren" in services.verslag(aantallen, droog=True)


def test_a_run_erases_what_is_due_with_its_history_and_nothing_else(demo, oud, nieuw, vereist_postgres):
    regio = oud.jji.regio_id
    from dossier.services_schoolloopbaan import standen_bijwerken

    standen_bijwerken()
    monitor_voor = _tellingen(regio)
    assert _vindplaatsen(MERK), "the fixture put the marker in the tables"
    aantallen = services.uitvoeren()
    assert aantallen["dossiers"] == 1 and aantallen["pseudoniemen"] == 1 and not aantallen.get("mislukt")
    assert _vindplaatsen(MERK) == []  # erased is erased: history, deletions and all
    assert len(_vindplaatsen(BLIJFT)) >= 6  # what is not due stays, with its history
    oud = Traject.objects.get(pk=oud.pk)
    assert oud.dossier_gewist_op == oud.gepseudonimiseerd_op == timezone.localdate()
    assert oud.jongere.achternaam.startswith("P-") and oud.jongere.geboortedatum.day == 1
    assert oud.taken.exists() and oud.overleggen.exists()  # the steps stay, for the monitor
    standen_bijwerken()
    assert _tellingen(regio) == monitor_voor  # the monitor's figures did not change
    run = Bewaarrun.objects.get()
    assert run.aantallen["dossiers"] == 1 and MERK not in str(run.aantallen)
    assert services.uitvoeren()["pseudoniemen"] == 0  # done once


def test_a_signaal_goes_thirty_days_after_its_end_date(demo, nieuw):
    from dossier.models import Veiligheidssignaal

    signaal = Veiligheidssignaal.objects.get(traject=nieuw, signaal__contains=BLIJFT)
    einde = signaal.einddatum
    assert te_doen(einde + dt.timedelta(days=30)).signalen.count() == 0
    assert te_doen(einde + dt.timedelta(days=31)).signalen.count() == 1
    services.uitvoeren(op=einde + dt.timedelta(days=31))
    assert not Veiligheidssignaal.objects.filter(pk=signaal.pk).exists()
    assert not Veiligheidssignaal.history.filter(id=signaal.pk).exists()
    assert Traject.objects.get(pk=nieuw.pk).dossier_gewist_op is None  # only the signaal


def test_the_command_has_a_dry_run_and_refuses_a_date_for_a_real_one(demo, oud, capsys):
    call_command("bewaartermijnen", "--droog")
    assert "Droog (er is niets gewijzigd): 0 signalen voor veiligheid te wissen, 1 dossier te wissen" in (
        capsys.readouterr().out
    )
    assert Traject.objects.get(pk=oud.pk).dossier_gewist_op is None
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="alleen met --droog"):
        call_command("bewaartermijnen", "--datum", "2030-01-01")
    with pytest.raises(CommandError, match="een datum"):
        call_command("bewaartermijnen", "--droog", "--datum", "morgen")


def test_a_youth_with_a_second_traject_keeps_the_name_until_both_are_due(demo, oud):
    tweede = TrajectFactory(
        jji=oud.jji,
        jongere=oud.jongere,
        startdatum=timezone.localdate(),
        betrokkenheden__toegewezen=demo.jji_school.medewerker,
    )
    services.uitvoeren()
    assert Jongere.objects.get(pk=oud.jongere_id).voornaam == MERK
    assert Traject.objects.get(pk=oud.pk).gepseudonimiseerd_op is not None
    assert Traject.objects.get(pk=tweede.pk).sorteernaam.startswith(MERK.lower()[:5])


def test_every_model_that_hangs_off_a_traject_is_swept_or_left_with_a_reason():
    bekend = {k.model for k in KOPPELINGEN} | {Traject}
    for model in apps.get_models():
        if model.__name__.startswith("Historical") or model in bekend:
            continue
        verwijzingen = [
            f for f in model._meta.concrete_fields if f.is_relation and f.related_model in bekend | {Jongere}
        ]
        if verwijzingen:
            assert model._meta.label in ONAANGEROERD, f"{model._meta.label}: wat doet de bewaartermijn ermee?"


@pytest.mark.parametrize(
    ("datum", "maanden", "verwacht"),
    [
        (dt.date(2027, 3, 31), 1, dt.date(2027, 2, 28)),
        (dt.date(2028, 3, 31), 1, dt.date(2028, 2, 29)),
        (dt.date(2027, 1, 15), 12, dt.date(2026, 1, 15)),
        (dt.date(2027, 1, 15), 25, dt.date(2024, 12, 15)),
    ],
)
def test_months_back(datum, maanden, verwacht):
    assert maanden_terug(datum, maanden) == verwacht


def test_the_daily_task_is_scheduled():
    from django.conf import settings

    taak = settings.CELERY_BEAT_SCHEDULE["bewaartermijnen"]
    assert taak["task"] == "bewaren.tasks.bewaartermijnen_toepassen"


def test_the_demo_has_a_closed_traject_a_run_acts_on_and_its_pages_still_open(client, demo):
    from django.urls import reverse

    from ..omgeving import demo_data_laden

    demo_data_laden(zonder_cohorten=False)
    sem = Traject.objects.get(jongere__voornaam="Sem", jongere__achternaam="Wit")
    aantallen = services.uitvoeren(droog=True)
    assert aantallen["dossiers"] >= 1 and aantallen["pseudoniemen"] >= 1
    services.uitvoeren()
    sem = Traject.objects.get(pk=sem.pk)
    assert sem.gepseudonimiseerd_op and sem.jongere.voornaam == "Jongere" and not sem.netwerk.exists()
    client.force_login(demo.coordinator)
    for url in (reverse("trajecten:detail", args=[sem.pk]), reverse("trajecten:lijst")):
        tekst = client.get(url).content.decode()
        assert sem.jongere.achternaam in tekst and "Ria de Wit" not in tekst and "Sem de Wit" not in tekst
    detail = client.get(reverse("trajecten:detail", args=[sem.pk])).content.decode()
    assert "Volgens het bewaarschema van de regio is dit traject op" in detail
