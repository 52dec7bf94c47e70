"""Klaar voor vertrek (issue 17, item 4): the checklist is one form with one button, a refused
line saves none of the lines, and after the release the mbo no longer edits it."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from trajecten import services
from trajecten.constants import Fase, VertrekOnderwerp, VertrekStatus

pytestmark = pytest.mark.django_db


def formulier(**wijzigingen):
    gegevens = {f"vertrek-{o}_status": VertrekStatus.OPEN for o in VertrekOnderwerp.values}
    gegevens.update({f"vertrek-{k}": v for k, v in wijzigingen.items()})
    return gegevens


def test_the_whole_list_is_one_form_and_saves_in_one_go(client, demo, noah):
    if noah.fase == Fase.INSTROOM:
        services.traject_fase_wijzigen(actor=demo.itb, traject=noah, fase=Fase.VERBLIJF)
    client.force_login(demo.mbo_intake)
    tekst = client.get(reverse("trajecten:detail", args=[noah.pk])).content.decode()
    assert tekst.count(f'action="{reverse("trajecten:vertrek_bijwerken", args=[noah.pk])}"') == 1
    assert tekst.count("Klaar voor vertrek opslaan") == 1
    antwoord = client.post(
        reverse("trajecten:vertrek_bijwerken", args=[noah.pk]),
        formulier(huisvesting_status=VertrekStatus.GEREGELD, inschrijving_status=VertrekStatus.BEZIG),
    )
    assert antwoord.status_code == 302 and antwoord.url.endswith("#vertrek")
    assert dict(noah.vertrekitems.values_list("onderwerp", "status")) == {
        "huisvesting": VertrekStatus.GEREGELD,
        "inschrijving": VertrekStatus.BEZIG,
    }


def test_a_refused_line_saves_no_line_and_shows_at_its_field(client, demo, noah):
    client.force_login(demo.jji_school)
    voor = list(noah.vertrekitems.values_list("onderwerp", "status"))
    antwoord = client.post(
        reverse("trajecten:vertrek_bijwerken", args=[noah.pk]),
        formulier(huisvesting_status=VertrekStatus.GEREGELD, inkomen_toelichting="x" * 201),
    )
    assert antwoord.status_code == 200
    form = antwoord.context["vertrek_form"]
    assert list(form.errors) == ["inkomen_toelichting"] and len(form.errors["inkomen_toelichting"]) == 1
    assert 'id="id_vertrek-inkomen_toelichting"' in antwoord.content.decode()
    assert list(noah.vertrekitems.values_list("onderwerp", "status")) == voor


def test_after_the_release_the_mbo_no_longer_edits_the_list(client, demo, noah):
    if noah.fase == Fase.INSTROOM:
        services.traject_fase_wijzigen(actor=demo.itb, traject=noah, fase=Fase.VERBLIJF)
    services.traject_fase_wijzigen(
        actor=demo.itb, traject=noah, fase=Fase.UITSTROOM, vrijgelaten_op=timezone.localdate() - dt.timedelta(days=1)
    )
    noah.refresh_from_db()
    url = reverse("trajecten:vertrek_bijwerken", args=[noah.pk])
    client.force_login(demo.mbo_intake)
    assert client.get(url).status_code == 404
    assert client.post(url, formulier(huisvesting_status=VertrekStatus.GEREGELD)).status_code == 404
    tekst = client.get(reverse("trajecten:detail", args=[noah.pk])).content.decode()
    assert "Klaar voor vertrek" in tekst and "werkt deze lijst niet meer bij" in tekst and url not in tekst
    assert not noah.vertrekitems.filter(status=VertrekStatus.GEREGELD).exists()
    with pytest.raises(PermissionDenied):
        services.vertrek_bijwerken(actor=demo.mbo_intake, traject=noah, items={"huisvesting": ("geregeld", "")})
    # The JJI-school still corrects it.
    client.force_login(demo.jji_school)
    assert client.post(url, formulier(huisvesting_status=VertrekStatus.GEREGELD)).status_code == 302
    assert noah.vertrekitems.get(onderwerp="huisvesting").status == VertrekStatus.GEREGELD
