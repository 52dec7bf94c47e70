"""Refused requests without a flood (issue 16, item 2): the first of an hour a row at once, its
repeats one row more when the hour is over (append-only, nothing updated), every refusal a row
when the cache is away; a storm tells the verbindingsofficier and the beheerders once an hour;
pages have a limit per person."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from signalering.models import Melding
from toegang import policy
from toegang.models import Raadpleging
from trajecten.constants import Categorie

pytestmark = pytest.mark.django_db

DEEL = Categorie.BEGELEIDINGSBEHOEFTE


def geweigerd(noah):
    return Raadpleging.objects.filter(traject=noah, geweigerd=True).order_by("pk")


def test_a_flood_of_refusals_is_one_row_and_one_row_of_repeats_per_hour(client, demo, noah):
    client.force_login(demo.mbo_intake_other)
    url = reverse("dossier:categorie", args=[noah.pk, DEEL])
    for _ in range(300):
        assert client.get(url).status_code == 404
    [eerste] = geweigerd(noah)  # the first at once
    assert eerste.aantal == 1 and eerste.herhaling_van is None

    assert policy.herhalingen_bijschrijven() == 0  # the hour is not over yet
    later = timezone.now() + dt.timedelta(hours=1, seconds=1)
    assert policy.herhalingen_bijschrijven(later) == 1
    eerste_weer, herhaling = geweigerd(noah)
    assert eerste_weer == eerste  # nothing updated in place
    assert herhaling.aantal == 299 and herhaling.herhaling_van == eerste.pk
    assert eerste.tijdstip <= herhaling.tijdstip <= herhaling.tot
    assert (herhaling.actor, herhaling.categorie, herhaling.actie) == (eerste.actor, eerste.categorie, eerste.actie)
    assert policy.herhalingen_bijschrijven(later) == 0  # once
    assert geweigerd(noah).count() == 2


def test_another_part_or_surface_or_a_new_hour_is_a_first_refusal_again(demo, noah):
    actor = demo.mbo_intake_other
    policy.raadpleging_weigeren(actor=actor, traject=noah, categorie=DEEL, actie="bekijken")
    policy.raadpleging_weigeren(actor=actor, traject=noah, categorie=DEEL, actie="api")
    policy.raadpleging_weigeren(actor=actor, traject=noah, categorie=Categorie.ONDERWIJSINFORMATIE, actie="bekijken")
    assert geweigerd(noah).count() == 3
    # An hour later the window of the first has closed: the next refusal is a row at once.
    sleutel = f"weigering:{actor.pk}:{noah.pk}:{DEEL}:bekijken"
    venster = cache.get(sleutel)
    cache.set(sleutel, {**venster, "tot": timezone.now().timestamp() - 1})
    policy.raadpleging_weigeren(actor=actor, traject=noah, categorie=DEEL, actie="bekijken")
    assert geweigerd(noah).count() == 4


def test_with_the_cache_away_every_refusal_is_a_row(demo, noah, caplog):
    dood = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}
    with override_settings(CACHES=dood), caplog.at_level("WARNING"):
        for _ in range(3):
            policy.raadpleging_weigeren(actor=demo.mbo_intake_other, traject=noah, categorie=DEEL, actie="bekijken")
    assert geweigerd(noah).count() == 3
    assert "weigering_zonder_cache" in caplog.text


def test_a_storm_tells_the_verbindingsofficier_and_the_beheerders_once_an_hour(client, demo, noah, settings):
    settings.WEIGERINGEN_STORM = 5
    client.force_login(demo.mbo_intake)  # ROC Lindewaard: its verbindingsofficier is told
    url = reverse("dossier:categorie", args=[demo.trajecten["Daan"].pk, DEEL])
    for _ in range(12):
        client.get(url)
    meldingen = Melding.objects.filter(soort="weigeringen")
    ontvangers = {m.ontvanger.username for m in meldingen}
    assert ontvangers == {"verbindingsofficier", "beheerder"}
    assert {(m.persoon, m.aantal) for m in meldingen} == {(demo.mbo_intake, 5)}
    client.force_login(demo.verbindingsofficier)
    tekst = client.get(reverse("signalering:meldingen")).content.decode()
    assert "5 keer geen toegang" in tekst and "Linda Vermeulen" in tekst
    assert "Daan" not in tekst  # never the young person


def test_pages_have_a_limit_per_person_with_a_clear_429(client, demo, settings):
    settings.PAGINA_LIMIET = "5/min"
    client.force_login(demo.jji_school)
    antwoorden = [client.get(reverse("trajecten:lijst")) for _ in range(6)]
    assert [a.status_code for a in antwoorden] == [200] * 5 + [429]
    assert "Even rustig aan" in antwoorden[-1].content.decode()
    assert 0 < int(antwoorden[-1]["Retry-After"]) <= 60
    # Another person is not affected; the API has its own limit.
    client.force_login(demo.coordinator)
    assert client.get(reverse("trajecten:lijst")).status_code == 200


def test_the_raadplegingen_page_shows_the_repeats(client, demo, noah):
    actor = demo.mbo_intake_other
    for _ in range(4):
        policy.raadpleging_weigeren(actor=actor, traject=noah, categorie=DEEL, actie="bekijken")
    policy.herhalingen_bijschrijven(timezone.now() + dt.timedelta(hours=1, seconds=1))
    client.force_login(demo.coordinator)
    tekst = client.get(reverse("dossier:raadplegingen", args=[noah.pk])).content.decode()
    assert "nog 3 keer, tot" in tekst
