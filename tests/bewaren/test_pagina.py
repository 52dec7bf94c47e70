"""The functioneel beheerder's retention page: the access matrix, the forecast (counts only),
and a schedule that refuses periods of zero, negative, or below the log's floor."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bewaren.models import Bewaarschema

pytestmark = pytest.mark.django_db

URL = reverse("bewaren:overzicht")
GOED = {
    "signalen_dagen": "30",
    "dossier_maanden": "12",
    "pseudonimiseren_maanden": "24",
    "raadplegingen_jaren": "5",
    "bevestigd_door": "Functionaris gegevensbescherming Lindewaard",
}


@pytest.mark.parametrize(
    ("gebruiker", "status"),
    [
        ("beheerder", 200),
        ("coordinator", 404),
        ("jji-school", 404),
        ("verbindingsofficier", 404),
        ("mbo-intake", 404),
        ("regio", 404),
        ("privacy", 404),
        ("gemeente", 404),
    ],
)
def test_only_the_functioneel_beheerder_sees_the_retention_page(client, demo, gebruiker, status):
    client.force_login(demo.users[gebruiker])
    assert client.get(URL).status_code == status
    assert client.post(URL, GOED).status_code in (status, 302)
    assert Bewaarschema.objects.exists() == (status == 200)


def test_anonymous_is_sent_to_sign_in(client):
    antwoord = client.get(URL)
    assert antwoord.status_code == 302 and "inloggen" in antwoord["Location"]


def test_the_page_shows_the_defaults_the_forecast_and_saves_a_schedule(client, demo):
    client.force_login(demo.users["beheerder"])
    tekst = client.get(URL).content.decode()
    assert "Je regio volgt de standaardtermijnen" in tekst and "Wat tot en met" in tekst
    assert "Noah" not in tekst  # counts, never who
    antwoord = client.post(URL, {**GOED, "dossier_maanden": "18", "pseudonimiseren_maanden": "36"}, follow=True)
    assert "Het bewaarschema van je regio is opgeslagen." in antwoord.content.decode()
    schema = Bewaarschema.objects.get()
    assert (schema.dossier_maanden, schema.pseudonimiseren_maanden) == (18, 36)
    assert schema.history.count() == 1 and schema.history.first().history_user == demo.users["beheerder"]
    assert "Bevestigd door Functionaris gegevensbescherming Lindewaard" in client.get(URL).content.decode()


@pytest.mark.parametrize(
    ("veld", "waarde", "melding"),
    [
        ("signalen_dagen", "0", "0 of minder kan niet"),
        ("dossier_maanden", "-3", "0 of minder kan niet"),
        ("raadplegingen_jaren", "4", "minstens 5 jaar"),
        ("raadplegingen_jaren", "0", "minstens 5 jaar"),
        ("pseudonimiseren_maanden", "6", "Pseudonimiseren kan niet eerder dan het wissen"),
        ("dossier_maanden", "twaalf", "Vul een heel getal in."),
        ("bevestigd_door", "", "Dit veld is verplicht"),
    ],
)
def test_a_wrong_period_is_refused_with_a_clear_message_and_nothing_changes(client, demo, veld, waarde, melding):
    client.force_login(demo.users["beheerder"])
    antwoord = client.post(URL, {**GOED, veld: waarde})
    assert antwoord.status_code == 200 and melding in antwoord.content.decode()
    assert not Bewaarschema.objects.exists()


@pytest.mark.parametrize(
    ("naam", "waarde"),
    [
        ("BEWAAR_RAADPLEGINGEN_JAREN", "4"),
        ("BEWAAR_SIGNALEN_DAGEN", "0"),
        ("BEWAAR_DOSSIER_MAANDEN", "-1"),
        ("BEWAAR_PSEUDONIMISEREN_MAANDEN", "6"),
        ("BEWAARTERMIJN_JAREN", "3"),
    ],
)
def test_a_deployment_cannot_set_a_default_below_the_floor(monkeypatch, capsys, naam, waarde):
    from jji_traject import omgeving

    assert omgeving.bewaartermijnen()[1]["dossier_maanden"] == 12
    monkeypatch.setenv(naam, waarde)
    with pytest.raises(SystemExit):
        omgeving.bewaartermijnen()
    assert naam in capsys.readouterr().err
