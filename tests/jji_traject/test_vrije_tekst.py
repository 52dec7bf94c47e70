"""Free text (issue 16, item 5): every free-text model field refuses bidi-override, zero-width
and control characters and holds at most MAX_TEKST characters — found by introspection, so a
new field cannot skip it; on the pages a Dutch field error, nothing saved."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse

from dossier.models import Begeleidingsbehoefte
from jji_traject.vrije_tekst import MAX_TEKST, zichtbare_tekst
from trajecten.constants import Categorie

PROJECT = {"jji_traject", "netwerk", "trajecten", "toegang", "signalering", "dossier", "beslismodel", "overdracht"}

# CharFields that are not free text: the system writes them (identifiers, log lines, codes it
# chose) or another validator already allows only a strict format. Fields with choices,
# e-mail and slug fields (their own validators) and fields not editable are left out by kind.
GEEN_VRIJE_TEKST = {
    "netwerk.Accountgebeurtenis.omschrijving": "the account log's line, composed by the system",
    "netwerk.Accountgebeurtenis.verzoek_id": "request id of the log line",
    "netwerk.Medewerker.sso_issuer": "from the identity provider, compared as sent",
    "netwerk.Medewerker.sso_subject": "from the identity provider, compared as sent",
    "toegang.Raadpleging.rol": "written by the policy",
    "toegang.Raadpleging.document": "written by the policy",
    "toegang.Raadpleging.categorie": "written by the policy",
    "toegang.Raadpleging.verzoek_id": "request id",
    "overdracht.Overdracht.nummer": "generated",
    "overdracht.Overdracht.fout": "the system's error of a transfer",
    "overdracht.Overdracht.verzoek_id": "request id",
    "overdracht.Terugvraag.categorie": "a part's code",
    "dossier.Leesoverzicht.fout": "the system's reason a PDF of the youth's list failed",
    "signalering.Melding.sleutel": "generated",
    "signalering.Melding.document": "a document's code",
    "dossier.Onderwijsinformatie.crebo": "five digits (RegexValidator)",
    "dossier.Inschrijving.crebo": "five digits (RegexValidator)",
    "netwerk.Regio.zomervakantie_begin": "month-day, MM-DD (RegexValidator)",
    "netwerk.Regio.zomervakantie_einde": "month-day, MM-DD (RegexValidator)",
    "toegang.Opschoning.tabel": "written by the retention function",
    "toegang.Opschoning.aangevraagd_door": "the database role, written by the retention function",
    "jji_traject.Opdracht.taak": "a Celery task's name, written by the outbox",
    "jji_traject.Opdracht.laatste_fout": "an exception's class name, written by the outbox",
    "jji_traject.Taakstand.naam": "a periodic task's fixed name, written by the task",
}


def tekstvelden():
    """(label, field) of every CharField and TextField of the project's own models. Historical
    models (simple-history) are copies of these fields, validators included."""
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT or model.__name__.startswith("Historical"):
            continue
        for veld in model._meta.concrete_fields:
            if isinstance(veld, models.CharField | models.TextField):
                yield f"{model._meta.label}.{veld.name}", veld


def is_vrije_tekst(naam, veld) -> bool:
    return (
        not veld.choices
        and veld.editable
        and not isinstance(veld, models.EmailField | models.SlugField | models.URLField)
        and naam not in GEEN_VRIJE_TEKST
    )


def test_every_free_text_field_refuses_hidden_characters_and_is_capped():
    vrij = [(naam, veld) for naam, veld in tekstvelden() if is_vrije_tekst(naam, veld)]
    assert len(vrij) > 80  # the walk found the fields (dossier, trajecten, beslismodel, netwerk …)
    zonder = [naam for naam, veld in vrij if zichtbare_tekst not in veld.validators]
    assert zonder == [], "vrije tekst zonder jji_traject.vrije_tekst.zichtbare_tekst"
    te_lang = [
        naam
        for naam, veld in vrij
        if not veld.max_length
        or veld.max_length > MAX_TEKST
        or not any(isinstance(v, MaxLengthValidator) and v.limit_value <= MAX_TEKST for v in veld.validators)
    ]
    assert te_lang == [], "vrije tekst zonder grens van MAX_TEKST (TextField: max_length en VRIJE_TEKST)"


def test_the_list_of_fields_that_are_not_free_text_names_real_fields():
    namen = {naam for naam, _ in tekstvelden()}
    assert set(GEEN_VRIJE_TEKST) <= namen


@pytest.mark.parametrize(
    ("tekst", "geweigerd"),
    [
        ("Gewone tekst, met accenten: geïsoleerd, café, Øresund, 日本語, emoji 🙂.", None),
        ("Regels\nmet\ttab\r\nen einde", None),
        ("Betaald \u202eטסקסט", 0x202E),  # right-to-left override
        ("a\u202ab", 0x202A),
        ("a\u2066b\u2069", 0x2066),  # left-to-right isolate
        ("a\u2069", 0x2069),
        ("a\u200bb", 0x200B),  # zero width space
        ("a\u200cb", 0x200C),
        ("a\u200db", 0x200D),
        ("a\u200eb", 0x200E),  # left-to-right mark
        ("a\u200fb", 0x200F),
        ("a\u2060b", 0x2060),  # word joiner
        ("\ufeffa", 0xFEFF),  # byte order mark
        ("a\x00b", 0x00),
        ("a\x07b", 0x07),  # bell
        ("a\x0bb", 0x0B),  # vertical tab
        ("a\x1bb", 0x1B),  # escape
        ("a\x7fb", 0x7F),
        ("a\x85b", 0x85),  # C1: next line
        ("a\ud800b", 0xD800),  # a lone surrogate (JSON "\ud800")
    ],
)
def test_the_validator(settings, tekst, geweigerd):
    settings.LANGUAGE_CODE = "nl"
    if geweigerd is None:
        zichtbare_tekst(tekst)
        return
    with pytest.raises(ValidationError) as fout:
        zichtbare_tekst(tekst)
    melding = fout.value.messages[0]
    assert "onzichtbare of sturende tekens" in melding and f"U+{geweigerd:04X}" in melding


@pytest.mark.django_db
def test_a_page_shows_a_dutch_field_error_and_saves_nothing(client, demo, noah):
    voor = Begeleidingsbehoefte.objects.get(traject=noah).structuur
    client.force_login(demo.jji_school)
    antwoord = client.post(
        reverse("dossier:bewerken", args=[noah.pk, Categorie.BEGELEIDINGSBEHOEFTE]),
        {"structuur": "Rust \u202eniet\u202c nodig.", "wat_helpt": "Rust."},
    )
    tekst = antwoord.content.decode()
    assert antwoord.status_code == 200 and "Controleer het formulier" in tekst
    assert "onzichtbare of sturende tekens" in tekst and "U+202E" in tekst
    assert Begeleidingsbehoefte.objects.get(traject=noah).structuur == voor


@pytest.mark.django_db
def test_a_form_without_a_model_shows_it_on_the_field_and_saves_nothing(client, demo):
    noah = demo.trajecten["Noah"]
    voor = list(noah.toekomstperspectieven.values_list("leefgebied", "tekst"))
    client.force_login(demo.jji_school)
    antwoord = client.post(
        reverse("trajecten:toekomstperspectief", args=[noah.pk]),
        {"wonen": "Bij moeder.", "onderwijs_werk": "BBL\u200b logistiek."},
    )
    tekst = antwoord.content.decode()
    assert antwoord.status_code == 200 and "onzichtbare of sturende tekens" in tekst and "U+200B" in tekst
    assert list(noah.toekomstperspectieven.values_list("leefgebied", "tekst")) == voor  # wonen not half-saved
