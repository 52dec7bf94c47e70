"""Requests to correct or erase (AVG art. 16, 17, 19): recorded with who asked and when,
decided once with a reason; a granted erasure erases the part with its history; whoever read the
part is told, without its content; the letter tells the young person the outcome."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from bewaren.models import Rechtenverzoek
from dossier.models import Begeleidingsbehoefte, Onderwijsinformatie
from signalering.models import Melding
from trajecten.constants import Categorie

from ..lezers import consent_zetten, dossier_vullen
from .test_bewaartermijnen import _vindplaatsen

pytestmark = pytest.mark.django_db

MERKEN = {
    Categorie.ONDERWIJSINFORMATIE: "RECHTONDERWIJSMERK",
    Categorie.BEGELEIDINGSBEHOEFTE: "RECHTBEGELEIDINGMERK",
    Categorie.VEILIGHEIDSSIGNALEN: "RECHTSIGNAALMERK",
    Categorie.SCHOOLLOOPBAAN: "RECHTSCHOOLMERK",
}


@pytest.fixture
def gelezen(client, demo):
    """Noah's dossier, shared with ROC Lindewaard and read there by its intaker."""
    noah = demo.trajecten["Noah"]
    dossier_vullen(demo, noah, MERKEN)
    consent_zetten(demo, noah, "gedeeld")
    client.force_login(demo.mbo_intake)
    assert (
        MERKEN[Categorie.BEGELEIDINGSBEHOEFTE]
        in client.get(reverse("dossier:dossier", args=[noah.pk])).content.decode()
    )
    client.logout()
    return noah


def _verzoek(client, noah, soort="wissen", categorie="onderwijsinformatie", **extra):
    gegevens = {
        "soort": soort,
        "categorie": categorie,
        "ontvangen_op": timezone.localdate().isoformat(),
        "aanvrager": "jongere",
        "omschrijving": "Dit deel wil ik niet meer in mijn dossier.",
        **extra,
    }
    return client.post(reverse("inzage:rechten", args=[noah.pk]), gegevens)


def test_a_granted_erasure_erases_the_part_and_tells_the_reader_without_content(
    client, demo, gelezen, vereist_postgres
):
    noah = gelezen
    client.force_login(demo.coordinator)
    assert _verzoek(client, noah, "wissen", "begeleidingsbehoefte").status_code == 302
    verzoek = Rechtenverzoek.objects.get()
    url = reverse("inzage:recht", args=[noah.pk, verzoek.pk])
    assert "Dit veld is verplicht" in client.post(url, {"besluit": "toegewezen", "reden": "  "}).content.decode()
    assert Begeleidingsbehoefte.objects.filter(traject=noah).exists()  # nothing done without a reason
    assert client.post(url, {"besluit": "toegewezen", "reden": "Het hoort niet meer in je dossier."}).status_code == 302
    assert not Begeleidingsbehoefte.objects.filter(traject=noah).exists()
    assert _vindplaatsen(MERKEN[Categorie.BEGELEIDINGSBEHOEFTE]) == []  # with its history
    assert _vindplaatsen(MERKEN[Categorie.ONDERWIJSINFORMATIE])  # the other parts stay
    melding = Melding.objects.get(soort="gegevens_gewist")
    assert melding.ontvanger == demo.mbo_intake and melding.document == "begeleidingsbehoefte"
    verzoek.refresh_from_db()
    assert verzoek.besluit == "toegewezen" and verzoek.geinformeerd == 1
    client.force_login(demo.mbo_intake)
    tekst = client.get(reverse("signalering:meldingen")).content.decode()
    assert "is de begeleidingsbehoefte in het dossier" in tekst and "gewist" in tekst
    client.force_login(demo.coordinator)
    nog_eens = client.post(url, {"besluit": "afgewezen", "reden": "Toch niet."})
    assert "al besloten" in nog_eens.content.decode()
    verzoek.refresh_from_db()
    assert verzoek.besluit == "toegewezen"
    brief = client.get(reverse("inzage:recht_brief", args=[noah.pk, verzoek.pk])).content.decode()
    assert "Je verzoek is toegewezen" in brief and "Het hoort niet meer in je dossier." in brief


def test_a_granted_correction_keeps_the_part_and_tells_the_reader(client, demo, gelezen):
    noah = gelezen
    client.force_login(demo.coordinator)
    _verzoek(client, noah, "verbeteren", "onderwijsinformatie")
    verzoek = Rechtenverzoek.objects.get()
    client.post(reverse("inzage:recht", args=[noah.pk, verzoek.pk]), {"besluit": "toegewezen", "reden": "Klopt."})
    assert Onderwijsinformatie.objects.filter(traject=noah).exists()
    assert Melding.objects.get(soort="gegevens_verbeterd").ontvanger == demo.mbo_intake


def test_a_rejection_tells_nobody_but_the_young_person(client, demo, gelezen):
    noah = gelezen
    client.force_login(demo.coordinator)
    _verzoek(client, noah, "wissen", "onderwijsinformatie")
    verzoek = Rechtenverzoek.objects.get()
    client.post(reverse("inzage:recht", args=[noah.pk, verzoek.pk]), {"besluit": "afgewezen", "reden": "Nodig."})
    assert (
        Onderwijsinformatie.objects.filter(traject=noah).exists()
        and not Melding.objects.filter(soort__startswith="gegevens_").exists()
    )
    brief = client.get(reverse("inzage:recht_brief", args=[noah.pk, verzoek.pk])).content.decode()
    assert "Je verzoek is afgewezen" in brief


@pytest.mark.parametrize(
    ("extra", "melding"),
    [
        ({"omschrijving": ""}, "Dit veld is verplicht"),
        ({"categorie": "titel"}, "Selecteer een geldige keuze"),
        ({"aanvrager": "ouder"}, "Vul de naam van de ouder of voogd in."),
        ({"ontvangen_op": "2099-01-01"}, "De datum ligt in de toekomst."),
    ],
)
def test_a_wrong_request_is_refused_and_nothing_saved(client, demo, extra, melding):
    noah = demo.trajecten["Noah"]
    client.force_login(demo.coordinator)
    antwoord = _verzoek(client, noah, **extra)
    assert antwoord.status_code == 200 and melding in antwoord.content.decode()
    assert not Rechtenverzoek.objects.exists()


@pytest.mark.parametrize("gebruiker", ["jji-school", "verbindingsofficier", "mbo-intake", "beheerder"])
def test_others_cannot_record_a_request(client, demo, gebruiker):
    noah = demo.trajecten["Noah"]
    client.force_login(demo.users[gebruiker])
    assert client.get(reverse("inzage:rechten", args=[noah.pk])).status_code == 404
    assert _verzoek(client, noah, "wissen", "onderwijsinformatie").status_code == 404
    assert not Rechtenverzoek.objects.exists()
