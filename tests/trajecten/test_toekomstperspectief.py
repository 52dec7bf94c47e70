"""The toekomstperspectief per leefgebied: written by the regie with the young person, read by
everyone who sees the traject, never with offence or treatment details."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from dossier import services as dossier_services
from trajecten.constants import Leefgebied

pytestmark = pytest.mark.django_db


def test_the_regie_writes_it_and_every_reader_sees_it(client, demo):
    noah = demo.trajecten["Noah"]
    client.force_login(demo.jji_school)
    antwoord = client.post(
        reverse("trajecten:toekomstperspectief", args=[noah.pk]),
        {"wonen": "Terug bij moeder, kamer is geregeld.", "onderwijs_werk": "BBL logistiek bij ROC Lindewaard."},
    )
    assert antwoord["Location"] == reverse("trajecten:detail", args=[noah.pk])
    assert {t.leefgebied for t in noah.toekomstperspectieven.all()} == {Leefgebied.WONEN, Leefgebied.ONDERWIJS_WERK}
    for gebruiker in ("mbo_intake", "verbindingsofficier", "itb"):
        client.force_login(getattr(demo, gebruiker))
        assert (
            "Terug bij moeder, kamer is geregeld."
            in client.get(reverse("trajecten:detail", args=[noah.pk])).content.decode()
        )
        assert client.get(reverse("trajecten:toekomstperspectief", args=[noah.pk])).status_code == (
            200 if gebruiker == "itb" else 404
        )


def test_emptying_a_leefgebied_removes_it_and_saving_the_same_leaves_no_history(demo):
    daan = demo.trajecten["Daan"]
    dossier_services.toekomstperspectief_opslaan(actor=demo.jji_school, traject=daan, teksten={"wonen": "Bij tante."})
    geschiedenis = daan.toekomstperspectieven.get().history.count()
    dossier_services.toekomstperspectief_opslaan(actor=demo.jji_school, traject=daan, teksten={"wonen": " Bij tante. "})
    assert daan.toekomstperspectieven.get().history.count() == geschiedenis
    dossier_services.toekomstperspectief_opslaan(actor=demo.jji_school, traject=daan, teksten={"wonen": ""})
    assert not daan.toekomstperspectieven.exists()


@pytest.mark.parametrize("tekst", ["Na de diefstal niet meer terug naar die wijk.", "Therapie voor ADHD loopt door."])
def test_offence_and_treatment_details_are_refused(demo, tekst):
    daan = demo.trajecten["Daan"]
    with pytest.raises(ValidationError) as fout:
        dossier_services.toekomstperspectief_opslaan(actor=demo.jji_school, traject=daan, teksten={"zorg": tekst})
    assert "zorg" in fout.value.message_dict
    assert not daan.toekomstperspectieven.exists()


def test_only_the_regie_writes_and_unknown_leefgebieden_are_refused(demo):
    daan = demo.trajecten["Daan"]
    with pytest.raises(PermissionDenied):
        dossier_services.toekomstperspectief_opslaan(actor=demo.mbo_intake, traject=daan, teksten={"wonen": "x"})
    with pytest.raises(ValidationError):
        dossier_services.toekomstperspectief_opslaan(actor=demo.jji_school, traject=daan, teksten={"maan": "x"})
