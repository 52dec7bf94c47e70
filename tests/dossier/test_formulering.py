"""Toekomstgericht formuleren: flagged wording, kept only with a reason, refused in the
safety part; the word list is data the functioneel beheerder keeps."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from dossier import services
from dossier.formulering import toetsen
from dossier.models import Formuleringswoord
from jji_traject.geschiedenis import bijwerken
from trajecten.constants import Categorie

pytestmark = pytest.mark.django_db

ONDERWIJS, B, V = Categorie.ONDERWIJSINFORMATIE, Categorie.BEGELEIDINGSBEHOEFTE, Categorie.VEILIGHEIDSSIGNALEN


@pytest.mark.parametrize(
    ("categorie", "tekst", "toelichting", "uitkomst"),
    [
        (ONDERWIJS, "Wil graag verder in de logistiek.", "", "goed"),
        (ONDERWIJS, "Na zijn delict is hij gestopt met school.", "", "toelichting"),
        (ONDERWIJS, "Na zijn delict is hij gestopt met school.", "Verklaart het gat in de schoolloopbaan.", "goed"),
        (B, "Is veroordeeld en heeft structuur nodig.", "", "toelichting"),
        (B, "Na zijn veroordeling heeft hij structuur nodig.", "", "toelichting"),
        (B, "Contact met de Politie verliep moeizaam.", "", "toelichting"),
        (B, "Heeft ADHD; een rustige plek helpt.", "", "goed"),  # diagnoses: only the safety part
        (B, "Wordt als probleemjongere gezien.", "", "toelichting"),
        (ONDERWIJS, "Is heel delicaat in de omgang.", "", "goed"),  # a word matches at its start: not 'delict'
        (V, "Niet naast een bekende uit de wijk plaatsen.", "", "goed"),
        (V, "Na de geweldpleging niet in dezelfde klas.", "Nodig voor de klasindeling.", "geweigerd"),
        (V, "Gebruikt medicatie; rustige plek.", "", "geweigerd"),
        (V, "Kan agressief reageren bij spanning.", "", "toelichting"),
        (V, "Kan agressief reageren bij spanning.", "Zo weet de docent wanneer hij moet de-escaleren.", "goed"),
    ],
)
def test_the_check(demo, categorie, tekst, toelichting, uitkomst):
    if uitkomst == "goed":
        toetsen(categorie, {"tekst": tekst}, toelichting)
        return
    with pytest.raises(ValidationError) as fout:
        toetsen(categorie, {"tekst": tekst}, toelichting)
    velden = fout.value.message_dict
    if uitkomst == "geweigerd":
        assert "tekst" in velden and "geen delict- of behandelgegevens" in " ".join(velden["tekst"])
    else:
        assert "formulering_toelichting" in velden
        assert "Pas de tekst aan" in " ".join(velden["formulering_toelichting"])


def test_the_author_keeps_flagged_wording_with_a_reason_that_is_recorded(client, demo):
    noah = demo.trajecten["Noah"]
    client.force_login(demo.jji_school)
    url = reverse("dossier:bewerken", args=[noah.pk, ONDERWIJS])
    gegevens = {"opleiding": "Entree", "motivatie": "Wil na het delict een nieuwe start."}
    tekst = client.post(url, gegevens).content.decode()
    assert "kijkt terug of kan stigmatiseren" in tekst and "Beschrijf wat de jongere nodig heeft" in tekst
    assert (
        client.post(url, {**gegevens, "formulering_toelichting": "Uitdrukkelijke wens van de jongere."}).status_code
        == 302
    )
    info = noah.onderwijsinformatie
    info.refresh_from_db()
    assert info.formulering_toelichting == "Uitdrukkelijke wens van de jongere."
    assert info.history.first().formulering_toelichting == "Uitdrukkelijke wens van de jongere."


def test_offence_and_treatment_details_are_refused_in_the_safety_part(client, demo):
    noah = demo.trajecten["Noah"]
    voor = noah.veiligheidssignalen.count()
    with pytest.raises(ValidationError, match="geen delict- of behandelgegevens"):
        services.veiligheidssignaal_toevoegen(
            actor=demo.jji_school,
            traject=noah,
            gegevens={
                "signaal": "Na de overval niet alleen laten.",
                "reden": "Veiligheid",
                "einddatum": timezone.localdate() + dt.timedelta(days=30),
                "formulering_toelichting": "Toch nodig",
            },
        )
    assert noah.veiligheidssignalen.count() == voor


@pytest.mark.parametrize(
    ("gegevens", "melding"),
    [
        ({"tekst": "   ", "soort": "delict", "hint": "x"}, "Vul een woord"),
        ({"tekst": "(onaf", "is_regex": "on", "soort": "delict", "hint": "x"}, "geen geldige reguliere expressie"),
        ({"tekst": ".*", "is_regex": "on", "soort": "delict", "hint": "x"}, "past op elke tekst"),
        ({"tekst": "123", "soort": "delict", "hint": "x"}, "bevat letters"),
    ],
)
def test_the_beheerder_keeps_the_word_list_and_bad_entries_get_a_message(client, demo, gegevens, melding):
    client.force_login(demo.beheerder)
    voor = Formuleringswoord.objects.count()
    antwoord = client.post(reverse("admin:dossier_formuleringswoord_add"), {**gegevens, "actief": "on"})
    assert antwoord.status_code == 200 and melding in antwoord.content.decode()
    assert Formuleringswoord.objects.count() == voor


def test_a_new_word_and_a_regex_take_effect(client, demo):
    client.force_login(demo.beheerder)
    client.post(
        reverse("admin:dossier_formuleringswoord_add"),
        {"tekst": "jeugdgevangenis", "soort": "delict", "hint": "Zeg: de JJI.", "actief": "on"},
    )
    client.post(
        reverse("admin:dossier_formuleringswoord_add"),
        {
            "tekst": r"(^|[^\pL])art\.?\s*\d+\s*sr([^\pL]|$)",
            "is_regex": "on",
            "soort": "delict",
            "hint": "Geen wetsartikelen.",
            "actief": "on",
        },
    )
    with pytest.raises(ValidationError, match="Zeg: de JJI"):
        toetsen(ONDERWIJS, {"t": "Zat in de jeugdgevangenis."}, "")
    with pytest.raises(ValidationError, match="Geen wetsartikelen"):
        toetsen(ONDERWIJS, {"t": "Op grond van art. 300 Sr."}, "")
    bijwerken(Formuleringswoord.objects.filter(tekst="jeugdgevangenis"), actief=False)
    toetsen(ONDERWIJS, {"t": "Zat in de jeugdgevangenis."}, "")


@pytest.mark.parametrize(
    ("gegevens", "melding"),
    [
        ({"tekst": "ex", "soort": "delict", "hint": "x"}, "minder dan vier letters"),
        ({"tekst": "(x|y)*", "is_regex": "on", "soort": "delict", "hint": "x"}, "past op elke tekst"),
    ],
)
def test_patterns_that_hit_everything_are_refused(client, demo, gegevens, melding):
    client.force_login(demo.beheerder)
    antwoord = client.post(reverse("admin:dossier_formuleringswoord_add"), {**gegevens, "actief": "on"})
    assert antwoord.status_code == 200 and melding in antwoord.content.decode()


def test_a_judge_is_flagged_but_the_right_hand_is_not(demo):
    toetsen(V, {"t": "Zit aan de rechterhand van de docent."}, "")
    with pytest.raises(ValidationError):
        toetsen(V, {"t": "De rechter besliste anders."}, "")
