"""The ICT-fasen of bijlage 3 as regional data (issue 17, item 10): every regio starts from the
handreiking's example, its own functioneel beheerder (only) keeps them, in the service and on the
beheer pages; and whether a JJI is an official exam location."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from netwerk import services
from netwerk.constants import ICT_FASEN_VOORBEELD, OrganisatieSoort, Rol
from netwerk.models import IctFase, Organisatie, Regio

pytestmark = pytest.mark.django_db

MIGRATIE = importlib.import_module("netwerk.migrations.0014_ict_fasen_examenlocatie")
VOORBEELD = [("A1", "weinig bevoegdheden"), ("A2", ""), ("B1", ""), ("B2/D1-2", "volledige bevoegdheden")]


def _fasen(regio) -> list[tuple[str, str]]:
    return list(IctFase.objects.filter(regio=regio).order_by("volgorde").values_list("naam", "omschrijving"))


def _regio_met_beheerder(naam="Regio Zuidkust"):
    regio = services.regio_opslaan(actor=None, regio=Regio(naam=naam))
    bureau = services.organisatie_opslaan(
        actor=None, organisatie=Organisatie(naam=f"Bureau {naam}", soort=OrganisatieSoort.ANDERE, regio=regio)
    )
    beheerder = services.medewerker_opslaan(
        actor=None,
        gebruikersnaam=f"beheer-{regio.pk}",
        voornaam="Bo",
        achternaam="Beheer",
        email=f"beheer-{regio.pk}@example.org",
        organisatie=bureau,
        rol=Rol.BEHEERDER,
    )
    return regio, beheerder.user


def test_the_example_is_bijlage_3s_from_a1_to_b2_d1_2():
    assert ICT_FASEN_VOORBEELD == VOORBEELD
    assert MIGRATIE.VOORBEELD == ICT_FASEN_VOORBEELD  # the migration's frozen copy is the same list


def test_the_demo_regio_and_a_new_regio_start_with_the_example(demo):
    assert _fasen(demo.beheerder.medewerker.organisatie.regio) == VOORBEELD
    regio, _beheerder = _regio_met_beheerder()
    assert _fasen(regio) == VOORBEELD
    assert [str(f) for f in IctFase.objects.filter(regio=regio).order_by("volgorde")] == [
        "A1 (weinig bevoegdheden)",
        "A2",
        "B1",
        "B2/D1-2 (volledige bevoegdheden)",
    ]


def test_the_data_migration_gives_every_existing_regio_the_example_once(demo):
    kaal = Regio.objects.create(naam="Regio Zonder Fasen")  # as a regio made before the migration
    eigen = Regio.objects.create(naam="Regio Met Eigen Fase")
    IctFase.objects.create(regio=eigen, naam="A1", omschrijving="eigen omschrijving", volgorde=5)
    MIGRATIE.voorbeeld_laden(apps, None)
    MIGRATIE.voorbeeld_laden(apps, None)  # twice: nothing doubles
    assert _fasen(kaal) == VOORBEELD
    assert ("A1", "eigen omschrijving") in _fasen(eigen) and len(_fasen(eigen)) == 4  # the regio's own A1 stays
    assert _fasen(demo.beheerder.medewerker.organisatie.regio) == VOORBEELD


def test_only_the_beheerder_of_the_regio_keeps_its_phases(demo):
    lindewaard = demo.beheerder.medewerker.organisatie.regio
    zuidkust, ander = _regio_met_beheerder()
    fase = IctFase.objects.get(regio=lindewaard, naam="A2")
    fase.omschrijving = "Whitelist van schoolsites; geen eigen apparaat."
    for buiten in (ander, demo.jji_school, demo.coordinator, demo.itb, demo.verbindingsofficier):
        with pytest.raises(PermissionDenied):
            services.ict_fase_opslaan(actor=buiten, fase=fase)
    services.ict_fase_opslaan(actor=demo.beheerder, fase=fase)
    assert IctFase.objects.get(pk=fase.pk).omschrijving == "Whitelist van schoolsites; geen eigen apparaat."
    with pytest.raises(PermissionDenied):
        services.ict_fase_opslaan(actor=demo.beheerder, fase=IctFase(regio=zuidkust, naam="C1"))
    # A phase stays in its regio: moving it is moving it out of the beheerder's hands.
    fase.regio = zuidkust
    with pytest.raises(PermissionDenied):
        services.ict_fase_opslaan(actor=demo.beheerder, fase=fase)
    with pytest.raises(ValidationError, match="al een ICT-fase met deze naam"):
        services.ict_fase_opslaan(actor=demo.beheerder, fase=IctFase(regio=lindewaard, naam="B1", volgorde=9))


def test_the_beheerder_edits_the_phases_of_its_own_regio_in_beheer(client, demo):
    lindewaard = demo.beheerder.medewerker.organisatie.regio
    zuidkust, _ander = _regio_met_beheerder()
    client.force_login(demo.beheerder)
    lijst = client.get(reverse("admin:netwerk_ictfase_changelist"))
    assert lijst.status_code == 200
    assert {f.regio_id for f in lijst.context["cl"].result_list} == {lindewaard.pk}

    a2 = IctFase.objects.get(regio=lindewaard, naam="A2")
    antwoord = client.post(
        reverse("admin:netwerk_ictfase_change", args=[a2.pk]),
        {"naam": "A2", "omschrijving": "Whitelist; eigen leeromgeving van het mbo.", "volgorde": 2, "actief": "on"},
    )
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    assert IctFase.objects.get(pk=a2.pk).omschrijving == "Whitelist; eigen leeromgeving van het mbo."
    assert a2.history.first().history_user == demo.beheerder

    nieuw = client.post(
        reverse("admin:netwerk_ictfase_add"),
        {"regio": lindewaard.pk, "naam": "C1", "omschrijving": "Stage buiten de JJI, met laptop.", "volgorde": 5},
    )
    assert nieuw.status_code == 302
    assert IctFase.objects.filter(regio=lindewaard, naam="C1", actief=False).exists()  # unchecked box: off

    # Another regio: not in the list, not to open, not to add to.
    elders = IctFase.objects.get(regio=zuidkust, naam="A1")
    assert client.get(reverse("admin:netwerk_ictfase_change", args=[elders.pk])).status_code == 302
    client.post(reverse("admin:netwerk_ictfase_change", args=[elders.pk]), {"naam": "Z9", "volgorde": 1})
    assert IctFase.objects.get(pk=elders.pk).naam == "A1"
    fout = client.post(reverse("admin:netwerk_ictfase_add"), {"regio": zuidkust.pk, "naam": "Z9", "volgorde": 1})
    assert fout.status_code == 200 and not IctFase.objects.filter(naam="Z9").exists()
    assert client.get(reverse("admin:netwerk_ictfase_delete", args=[a2.pk])).status_code == 403


def test_others_do_not_reach_the_phases_in_beheer(client, demo):
    client.force_login(demo.jji_school)
    assert client.get(reverse("admin:netwerk_ictfase_changelist")).status_code == 302  # to the admin login


def test_a_bad_phase_gets_a_dutch_message_on_its_field(client, demo):
    client.force_login(demo.beheerder)
    lindewaard = demo.beheerder.medewerker.organisatie.regio
    antwoord = client.post(
        reverse("admin:netwerk_ictfase_add"), {"regio": lindewaard.pk, "naam": "B1", "volgorde": 3, "actief": "on"}
    )
    assert antwoord.status_code == 200
    assert "al een ICT-fase met deze naam" in antwoord.content.decode()
    antwoord = client.post(
        reverse("admin:netwerk_ictfase_add"),
        {"regio": lindewaard.pk, "naam": "C\u202e1", "volgorde": 3, "actief": "on"},
    )
    assert "onzichtbare of sturende tekens" in antwoord.content.decode()


def test_only_a_jji_is_an_official_exam_location(demo):
    jji = Organisatie.objects.get(naam="JJI Duinzicht")
    assert jji.officiele_examenlocatie  # the demo's JJI
    school = Organisatie.objects.get(naam="Duinzichtcollege (JJI-school)")
    school.officiele_examenlocatie = True
    with pytest.raises(ValidationError, match="Alleen een JJI is een officiële examenlocatie"):
        services.organisatie_opslaan(actor=demo.beheerder, organisatie=school)
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE netwerk_organisatie SET officiele_examenlocatie = TRUE WHERE id = %s", [school.pk])


def test_the_beheerder_records_the_exam_location_and_the_map_shows_it(client, demo):
    jji = Organisatie.objects.get(naam="JJI Duinzicht")
    client.force_login(demo.beheerder)
    antwoord = client.post(
        reverse("admin:netwerk_organisatie_change", args=[jji.pk]),
        {"naam": jji.naam, "soort": jji.soort, "regio": jji.regio_id, "plaats": jji.plaats, "actief": "on"},
    )
    assert antwoord.status_code == 302
    jji.refresh_from_db()
    assert not jji.officiele_examenlocatie
    kaart = client.get(reverse("netwerk:netwerkkaart")).content.decode()
    assert "officiële examenlocatie" not in kaart
    client.post(
        reverse("admin:netwerk_organisatie_change", args=[jji.pk]),
        {
            "naam": jji.naam,
            "soort": jji.soort,
            "regio": jji.regio_id,
            "plaats": jji.plaats,
            "officiele_examenlocatie": "on",
            "actief": "on",
        },
    )
    jji.refresh_from_db()
    assert jji.officiele_examenlocatie
    client.force_login(demo.mbo_intake)
    assert "officiële examenlocatie" in client.get(reverse("netwerk:netwerkkaart")).content.decode()
