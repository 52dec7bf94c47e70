"""The word list on RE2 (issue 16, item 3): a pattern that makes Python's re backtrack for
ages is saved and runs in linear time; a pattern RE2 cannot take is refused with a message;
the shipped patterns find words with accents; the whole text is read and capped at 20,000."""

import importlib
import time
from contextlib import nullcontext

import pytest
import re2
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse

from dossier.formulering import MAX_TEKST, toetsen, vinden
from dossier.models import Begeleidingsbehoefte, Formuleringswoord, WoordSoort
from dossier.woordenlijst import HERSCHREVEN, REGEX
from jji_traject.geschiedenis import bijwerken
from trajecten.constants import Categorie

pytestmark = pytest.mark.django_db

B = Categorie.BEGELEIDINGSBEHOEFTE
ALLE = frozenset(WoordSoort.values)


def regex_opslaan(client, tekst: str):
    return client.post(
        reverse("admin:dossier_formuleringswoord_add"),
        {"tekst": tekst, "is_regex": "on", "soort": "delict", "hint": "Zeg het anders.", "actief": "on"},
    )


@pytest.mark.parametrize(
    ("patroon", "tekst"),
    [
        ("(e|e)+q", "e" * 10_000),  # the issue: 26 e's took 9 s in Python's re, doubling per character
        ("(a+)+$", "a" * 10_000 + "!"),
        ("(x+x+)+y", "x" * 10_000),
        (r"(\pL+\s?)*x", "woord " * 1_600),
        ("(.*a){12}", "a" * 10_000),
    ],
)
def test_catastrophic_patterns_are_saved_and_run_in_linear_time(client, demo, patroon, tekst):
    client.force_login(demo.beheerder)
    assert regex_opslaan(client, patroon).status_code == 302
    woord = Formuleringswoord.objects.get(tekst=patroon)
    assert isinstance(woord.patroon(), re2._Regexp)  # RE2, not Python's backtracking re
    begin = time.perf_counter()
    with pytest.raises(ValidationError) if woord.patroon().search(tekst) else nullcontext():
        toetsen(B, {"structuur": tekst}, "")
    assert time.perf_counter() - begin < 2  # Python's re: longer than the age of the universe


@pytest.mark.parametrize(
    ("patroon", "melding"),
    [
        ("(?=delict)del", "Vooruit- of terugkijken"),
        ("(?!rust)r", "Vooruit- of terugkijken"),
        ("(?<=ge)straft", "Vooruit- of terugkijken"),
        (r"(\pL)\1", "Terugverwijzingen"),
        (r"(?P<a>x)(?P=a)", "Terugverwijzingen"),
        (r"\brechter\b", "letters zonder accent"),
        (r"[\w]+isch", "letters zonder accent"),
        ("a{1001}", "geen geldige reguliere expressie"),
        ("((a)", "geen geldige reguliere expressie"),
        (r"abc\Z", "geen geldige reguliere expressie"),
    ],
)
def test_patterns_re2_cannot_take_are_refused_with_a_message(client, demo, patroon, melding):
    client.force_login(demo.beheerder)
    voor = Formuleringswoord.objects.count()
    antwoord = regex_opslaan(client, patroon)
    assert antwoord.status_code == 200 and melding in antwoord.content.decode()
    assert Formuleringswoord.objects.count() == voor


def test_an_escaped_backslash_before_b_is_not_a_word_boundary(client, demo):
    client.force_login(demo.beheerder)
    assert regex_opslaan(client, r"map\\bestand").status_code == 302


def test_a_pattern_saved_before_re2_that_it_cannot_read_is_skipped_not_a_500(demo, caplog):
    Formuleringswoord.objects.create(tekst="(?=straf)straf", is_regex=True, soort="delict", hint="x")
    toetsen(B, {"structuur": "Werkt graag buiten."}, "")
    assert "kan RE2 niet lezen" in caplog.text


@pytest.mark.parametrize(
    ("tekst", "gevonden"),
    [
        ("Hij is veroordeelde in een zaak.", {"veroordeelde"}),
        ("Na zijn VEROORDELING wil hij verder.", {"VEROORDELING"}),
        ("Was lang geïsoleerd van de groep.", {"geïsoleerd"}),
        ("WAS GEÏSOLEERD.", {"GEÏSOLEERD"}),
        ("Ging met de isoleercel mee.", {"isoleercel"}),
        ("De rechter besliste anders.", {"rechter"}),
        ("Rechters.", {"Rechters"}),
        ("Voorgeleiding aan rechter-commissaris.", {"rechter"}),
        ("Zit aan de rechterhand van de docent.", set()),
        ("Is heel delicaat in de omgang.", set()),
        ("Überdelict ist kein Wort.", set()),  # a word matches at the start of a word only
        ("", set()),
    ],
)
def test_shipped_patterns_match_words_with_accents(demo, tekst, gevonden):
    Formuleringswoord.objects.create(tekst="geïsoleerd", soort="terugblikkend", hint="Zeg wat helpt.")
    Formuleringswoord.objects.create(tekst="isoleer", soort="terugblikkend", hint="Zeg wat helpt.")
    assert {v.woord for v in vinden({"t": tekst}, ALLE)} == gevonden


def test_a_word_in_the_middle_of_an_accented_word_does_not_match(demo):
    Formuleringswoord.objects.create(tekst="soleer", soort="terugblikkend", hint="x")
    assert vinden({"t": "geïsoleerd"}, ALLE) == []  # RE2's ASCII \b would see a word start after the ï


def test_a_word_after_the_first_5000_characters_is_found(demo):
    tekst = "Werkt graag buiten. " * 1_000 + "Na de diefstal"
    assert len(tekst) > MAX_TEKST
    assert [v.woord for v in vinden({"t": tekst}, ALLE)] == ["diefstal"]


def test_a_free_text_field_refuses_more_than_5000_characters(client, demo, noah):
    voor = Begeleidingsbehoefte.objects.get(traject=noah).structuur
    with pytest.raises(ValidationError) as fout:
        Begeleidingsbehoefte(structuur="x" * (MAX_TEKST + 1)).clean_fields(exclude=["traject", "bijgewerkt_door"])
    assert "structuur" in fout.value.message_dict
    client.force_login(demo.jji_school)
    antwoord = client.post(
        reverse("dossier:bewerken", args=[noah.pk, B]), {"structuur": "Rust. " * 900, "wat_helpt": "Rust."}
    )
    tekst = antwoord.content.decode()
    assert antwoord.status_code == 200 and "Controleer het formulier" in tekst and "5000" in tekst
    assert Begeleidingsbehoefte.objects.get(traject=noah).structuur == voor


def test_the_shipped_regex_written_for_python_re_is_rewritten_by_the_migration(demo):
    oud, nieuw = next(iter(HERSCHREVEN.items()))
    assert nieuw == REGEX[0][0]
    bijwerken(Formuleringswoord.objects.filter(tekst=nieuw), tekst=oud)
    migratie = importlib.import_module("dossier.migrations.0008_woordenlijst_re2")
    staat = MigrationLoader(connection).project_state(("dossier", "0008_woordenlijst_re2"))
    migratie.herschrijven(staat.apps, None)
    assert Formuleringswoord.objects.filter(tekst=nieuw, is_regex=True).exists()
    assert not Formuleringswoord.objects.filter(tekst=oud).exists()
