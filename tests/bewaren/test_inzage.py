"""The young person's copy (AVG art. 15): recorded with who asked and how their identity was
checked, a task due in a month, one PDF through Celery and the one PDF module holding every
marker of that young person and none of another, its delivery; and the refusals."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from bewaren.models import InzageStatus, Inzageverzoek
from netwerk.constants import NetwerkSoort
from netwerk.models import NetwerkContact
from trajecten.constants import Categorie, OverlegSoort, Stap, TaakStatus
from trajecten.models import Overleg, Taak

from ..lezers import dossier_vullen
from ..pdf import pdf_tekst

pytestmark = pytest.mark.django_db


def _merken(voorvoegsel: str) -> dict[str, str]:
    return {
        "onderwijs": f"{voorvoegsel}ONDERWIJS",
        "begeleiding": f"{voorvoegsel}BEGELEIDING",
        "signaal": f"{voorvoegsel}SIGNAAL",
        "school": f"{voorvoegsel}SCHOOLLOOPBAAN",
        "moeder": f"{voorvoegsel}MOEDER",
        "taak": f"{voorvoegsel}TAAKNOTITIE",
        "overleg": f"{voorvoegsel}OVERLEG",
    }


def _vullen(demo, traject, merken: dict[str, str]) -> None:
    dossier_vullen(
        demo,
        traject,
        {
            Categorie.ONDERWIJSINFORMATIE: merken["onderwijs"],
            Categorie.BEGELEIDINGSBEHOEFTE: merken["begeleiding"],
            Categorie.VEILIGHEIDSSIGNALEN: merken["signaal"],
            Categorie.SCHOOLLOOPBAAN: merken["school"],
        },
    )
    NetwerkContact.objects.create(
        traject=traject,
        soort=NetwerkSoort.OUDER,
        naam=merken["moeder"],
        relatie="moeder",
        toegevoegd_door=demo.coordinator,
    )
    Taak.objects.create(traject=traject, stap=Stap.EERSTE_WEEK, tekst="Kennismaken", notitie=merken["taak"])
    Overleg.objects.create(
        traject=traject,
        soort=OverlegSoort.CONTACTMOMENT,
        datum=traject.startdatum,
        uitkomst=merken["overleg"],
        vastgelegd_door=demo.coordinator,
    )


VERZOEK = {"aanvrager": "jongere", "identiteit": "id_bewijs", "toelichting": ""}


def _aanvragen(client, traject, capture, **extra):
    gegevens = {**VERZOEK, "ontvangen_op": timezone.localdate().isoformat(), **extra}
    with capture(execute=True):
        return client.post(reverse("inzage:overzicht", args=[traject.pk]), gegevens)


def test_the_copy_holds_everything_of_this_young_person_and_nothing_of_another(
    client, demo, django_capture_on_commit_callbacks
):
    noah, yara = demo.trajecten["Noah"], demo.trajecten["Yara"]
    eigen, ander = _merken("NOAHINZ"), _merken("YARAANDER")
    _vullen(demo, noah, eigen)
    _vullen(demo, yara, ander)
    client.force_login(demo.coordinator)
    antwoord = _aanvragen(client, noah, django_capture_on_commit_callbacks)
    verzoek = Inzageverzoek.objects.get()
    assert antwoord.status_code == 302 and antwoord["Location"].endswith(f"/inzage/{verzoek.pk}/")
    assert verzoek.status == InzageStatus.KLAAR and verzoek.termijn > timezone.localdate() + dt.timedelta(days=27)
    assert (
        verzoek.taak.deadline == verzoek.termijn and verzoek.taak.organisatie == demo.coordinator.medewerker.organisatie
    )
    pdf = client.get(reverse("inzage:bestand", args=[noah.pk, verzoek.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    tekst = pdf_tekst(pdf.content)
    for merk in eigen.values():
        assert merk in tekst, merk
    assert "Noah" in tekst and "Wie heeft jouw gegevens bekeken" in tekst and "privacyverklaring" in tekst
    for merk in ander.values():
        assert merk not in tekst, merk
    assert "Yara" not in tekst


def test_a_second_request_while_one_is_open_is_refused_and_delivery_is_recorded_once(
    client, demo, django_capture_on_commit_callbacks
):
    noah = demo.trajecten["Noah"]
    client.force_login(demo.coordinator)
    _aanvragen(client, noah, django_capture_on_commit_callbacks)
    tweede = _aanvragen(client, noah, django_capture_on_commit_callbacks)
    assert tweede.status_code == 200 and "Er loopt al een verzoek" in tweede.content.decode()
    assert Inzageverzoek.objects.count() == 1
    verzoek = Inzageverzoek.objects.get()
    url = reverse("inzage:verzoek", args=[noah.pk, verzoek.pk])
    morgen = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    assert (
        "niet in de toekomst" in client.post(url, {"geleverd_op": morgen, "levering": "overhandigd"}).content.decode()
    )
    vandaag = timezone.localdate().isoformat()
    assert client.post(url, {"geleverd_op": vandaag, "levering": "overhandigd"}).status_code == 302
    verzoek.refresh_from_db()
    assert (
        verzoek.status == InzageStatus.GELEVERD
        and verzoek.bestand is None
        and verzoek.geleverd_door == demo.coordinator
    )
    assert verzoek.taak.status == TaakStatus.GEDAAN
    assert "al gegeven" in client.post(url, {"geleverd_op": vandaag, "levering": "post"}).content.decode()
    verzoek.refresh_from_db()
    assert verzoek.levering == "overhandigd"
    assert client.get(reverse("inzage:bestand", args=[noah.pk, verzoek.pk])).status_code == 302  # the file is gone
    # Delivered: a new request may be made.
    assert _aanvragen(client, noah, django_capture_on_commit_callbacks).status_code == 302
    assert Inzageverzoek.objects.count() == 2


@pytest.mark.parametrize(
    ("extra", "melding"),
    [
        ({"aanvrager": "ouder", "aanvrager_naam": "Vader"}, "de jongere vraagt dit zelf"),
        ({"aanvrager": "ouder"}, "Vul de naam van de ouder of voogd in."),
        ({"identiteit": "anders"}, "Leg uit hoe de identiteit is gecontroleerd."),
        ({"ontvangen_op": "2099-01-01"}, "De datum ligt in de toekomst."),
        ({"ontvangen_op": "gisteren"}, "Voer een geldige datum in"),
    ],
)
def test_a_wrong_request_gets_a_clear_message_and_nothing_is_saved(
    client, demo, django_capture_on_commit_callbacks, extra, melding
):
    noah = demo.trajecten["Noah"]
    jongere = noah.jongere
    jongere.geboortedatum = timezone.localdate().replace(year=timezone.localdate().year - 17)
    jongere.save()
    client.force_login(demo.coordinator)
    antwoord = _aanvragen(client, noah, django_capture_on_commit_callbacks, **extra)
    assert antwoord.status_code == 200 and melding in antwoord.content.decode()
    assert not Inzageverzoek.objects.exists() and not noah.taken.filter(tekst__startswith="Kopie van alle").exists()


@pytest.mark.parametrize(
    ("gebruiker", "status"),
    [("coordinator", 200), ("jji-school", 404), ("itb", 404), ("verbindingsofficier", 404), ("mbo-intake", 404)],
)
def test_only_the_jji_schools_zorgcoordinator_handles_a_copy(client, demo, gebruiker, status):
    client.force_login(demo.users[gebruiker])
    noah = demo.trajecten["Noah"]
    assert client.get(reverse("inzage:overzicht", args=[noah.pk])).status_code == status
    toestemmingen = client.get(reverse("dossier:toestemmingen", args=[noah.pk]))
    if toestemmingen.status_code == 200:
        assert (reverse("inzage:overzicht", args=[noah.pk]) in toestemmingen.content.decode()) == (status == 200)
