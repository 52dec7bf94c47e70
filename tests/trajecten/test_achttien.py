"""Eighteen (issue 20, item 5; seed 001: "Jongeren vanaf 18 jaar moeten toestemming geven om
de ouders erbij te betrekken"), table-driven around the 18th birthday: the reminder a month
before, the parent's consent that lapses, the parents in the network, the tasks to contact them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from netwerk.constants import NetwerkSoort
from netwerk.models import NetwerkContact, Organisatie
from signalering.models import Melding
from signalering.services_achttien import TAAK_TEKST, achttien_herinneren
from toegang import policy
from trajecten import services
from trajecten.constants import Categorie, Stap, TaakStatus, Voorwaarde
from trajecten.models import Taak, Toestemming
from trajecten.regels import geboren_uiterlijk, verjaardag

from ..lezers import ouders_toestemming

pytestmark = pytest.mark.django_db


@pytest.fixture
def liam(demo):
    return demo.trajecten["Liam"]


def _jarig(traject, dagen_na_18: int) -> None:
    """Make the youth's 18th birthday ``dagen_na_18`` days ago (negative: still to come)."""
    jongere = traject.jongere
    achttien = timezone.localdate() - dt.timedelta(days=dagen_na_18)
    jongere.geboortedatum = achttien.replace(year=achttien.year - 18)
    jongere.save()


def _ouders(demo, traject):
    ouder = ouders_toestemming(
        demo, traject, Organisatie.objects.get(naam="ROC Lindewaard"), Categorie.ONDERWIJSINFORMATIE, dagen_geleden=400
    )
    NetwerkContact.objects.create(
        traject=traject,
        soort=NetwerkSoort.OUDER,
        naam="Moeder Mulder",
        relatie="moeder",
        toegevoegd_door=demo.coordinator,
    )
    taak = Taak.objects.create(
        traject=traject,
        stap=Stap.TUSSENPERIODE_ONDERWIJS,
        tekst="Contact houden met ouders/verzorgers",
        voorwaarde=Voorwaarde.OUDERS,
    )
    return ouder, taak


@pytest.mark.parametrize(
    ("dagen_na_18", "herinnerd", "ouder_geldig", "ouders_zichtbaar", "taak"),
    [
        (-32, False, True, True, TaakStatus.OPEN),
        (-31, True, True, True, TaakStatus.OPEN),
        (-1, True, True, True, TaakStatus.OPEN),
        (0, True, False, False, TaakStatus.NVT),
        (1, True, False, False, TaakStatus.NVT),
        (400, True, False, False, TaakStatus.NVT),
    ],
)
def test_around_the_18th_birthday(demo, liam, dagen_na_18, herinnerd, ouder_geldig, ouders_zichtbaar, taak):
    _jarig(liam, dagen_na_18)
    ouder, oudertaak = _ouders(demo, liam)
    achttien_herinneren()
    achttien_herinneren()  # once
    meldingen = Melding.objects.filter(soort="ouders_18", traject=liam)
    assert meldingen.count() == (1 if herinnerd else 0)
    assert liam.taken.filter(tekst=TAAK_TEKST).count() == (1 if herinnerd else 0)
    if herinnerd:
        assert meldingen.get().ontvanger == demo.coordinator
    assert ouder.is_geldig() == ouder_geldig
    assert Toestemming.objects.geldig().filter(pk=ouder.pk).exists() == ouder_geldig
    ouders = policy.netwerk_zichtbaar_voor(demo.coordinator, liam).filter(soort=NetwerkSoort.OUDER)
    assert ouders.exists() == ouders_zichtbaar
    oudertaak.refresh_from_db()
    assert oudertaak.status == taak
    if taak == TaakStatus.NVT:
        assert oudertaak.reden == str(services.OUDERS_REDEN)


def test_with_the_young_persons_consent_the_parents_stay_and_withdrawing_it_ends_that(client, demo, liam):
    _jarig(liam, 3)
    _, oudertaak = _ouders(demo, liam)
    achttien_herinneren()
    oudertaak.refresh_from_db()
    assert oudertaak.status == TaakStatus.NVT
    client.force_login(demo.coordinator)
    url = reverse("dossier:ouders_betrekken", args=[liam.pk])
    antwoord = client.post(url, {"datum_gegeven": "", "wijze": "mondeling"})
    assert antwoord.status_code == 200 and not liam.ouders_betrekken.exists()  # the date is required
    antwoord = client.post(
        url,
        {"datum_gegeven": timezone.localdate().isoformat(), "wijze": "mondeling", "toelichting": "Alleen de moeder."},
    )
    assert antwoord.status_code == 302
    oudertaak.refresh_from_db()
    assert oudertaak.status == TaakStatus.OPEN  # the task applies again
    assert policy.netwerk_zichtbaar_voor(demo.coordinator, liam).filter(soort=NetwerkSoort.OUDER).exists()
    assert not Melding.objects.filter(soort="ouders_18", traject=liam).open().exists()  # its work is done
    tekst = client.get(reverse("dossier:toestemmingen", args=[liam.pk])).content.decode()
    assert "De jongere wil dat de ouders betrokken blijven" in tekst
    assert (
        "al vastgelegd"
        in client.post(url, {"datum_gegeven": timezone.localdate().isoformat(), "wijze": "mondeling"}).content.decode()
    )
    client.post(reverse("dossier:ouders_betrekken_intrekken", args=[liam.pk]))
    oudertaak.refresh_from_db()
    assert oudertaak.status == TaakStatus.NVT
    assert not policy.netwerk_zichtbaar_voor(demo.coordinator, liam).filter(soort=NetwerkSoort.OUDER).exists()
    antwoord = client.post(reverse("dossier:ouders_betrekken_intrekken", args=[liam.pk]), follow=True)
    assert "geen toestemming om de ouders te betrekken om in te trekken" in antwoord.content.decode()


def test_the_consent_cannot_be_recorded_long_before_18_nor_by_a_reader_without_the_right(client, demo, liam):
    _jarig(liam, -100)
    client.force_login(demo.coordinator)
    url = reverse("dossier:ouders_betrekken", args=[liam.pk])
    tekst = client.post(url, {"datum_gegeven": timezone.localdate().isoformat(), "wijze": "mondeling"}).content.decode()
    assert "vanaf een maand daarvoor" in tekst and not liam.ouders_betrekken.exists()
    client.force_login(demo.mbo_intake)
    assert client.get(url).status_code == 404


def test_a_new_traject_of_an_18_year_old_gets_the_parents_tasks_as_not_applicable(demo, liam):
    _jarig(liam, 10)
    from trajecten.models import Verantwoordelijkheid
    from trajecten.services import taak_van_regel

    regel = Verantwoordelijkheid.objects.filter(voorwaarde=Voorwaarde.OUDERS).select_related("stap__routekaart").first()
    assert regel is not None, "the routekaart marks the parents' tasks"
    taak = taak_van_regel(liam, regel, regel.stap.routekaart)
    assert taak.status == TaakStatus.NVT and taak.reden == str(services.OUDERS_REDEN)


@pytest.mark.parametrize(
    ("op", "verwacht"),
    [
        (dt.date(2026, 3, 1), dt.date(2008, 3, 1)),
        (dt.date(2028, 2, 29), dt.date(2010, 2, 28)),
        (dt.date(2026, 2, 28), dt.date(2008, 2, 28)),
    ],
)
def test_born_at_the_latest(op, verwacht):
    assert geboren_uiterlijk(op, 18) == verwacht
    assert verjaardag(verwacht, 18) <= op and verjaardag(verwacht + dt.timedelta(days=1), 18) > op
