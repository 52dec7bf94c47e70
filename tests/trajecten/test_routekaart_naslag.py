"""The traject page's routekaart steps from the shared cache (``STAPPEN_NASLAG``): no query
once kept, and every change through the services shown at once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jji_traject.naslag import gedeelde_cache
from netwerk.models import Regio
from trajecten import selectors, services
from trajecten.constants import Partij
from trajecten.models import Routekaart, Verantwoordelijkheid
from trajecten.models.routekaart import STAPPEN_NASLAG

from ..factories import TrajectFactory
from ..omgeving import naslag_committen

pytestmark = pytest.mark.django_db
EIGEN_GEHEUGEN = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture(autouse=True)
def _gedeeld():
    if not gedeelde_cache():
        pytest.skip("needs the shared cache (REDIS_URL), as make test has")


def _stappen(user, traject) -> list[tuple]:
    return [(s.nummer, s.stem_jongere, s.regie) for s in selectors.tijdlijn(user, traject)[0]]


def _vernieuwd() -> None:
    """The change waits for its commit, and replaces the version then."""
    assert STAPPEN_NASLAG._wacht_op_commit()
    versie = STAPPEN_NASLAG._versie()
    naslag_committen(STAPPEN_NASLAG)
    assert STAPPEN_NASLAG._versie() != versie and not STAPPEN_NASLAG._wacht_op_commit()


def _uit_de_database(user, traject) -> list[tuple]:
    with override_settings(CACHES=EIGEN_GEHEUGEN):  # no shared cache: read from the database
        return _stappen(user, traject)


def test_the_steps_are_read_once_and_then_from_the_cache(client, demo):
    client.force_login(demo.coordinator)
    url = reverse("trajecten:detail", args=[demo.trajecten["Noah"].pk])
    client.get(url)
    with CaptureQueriesContext(connection) as vastgelegd:
        assert client.get(url).status_code == 200
    assert not [q for q in vastgelegd.captured_queries if "trajecten_routekaartstap" in q["sql"]]
    noah = demo.trajecten["Noah"]
    assert _stappen(demo.coordinator, noah) == _uit_de_database(demo.coordinator, noah)


def test_a_line_filled_in_by_the_regio_shows_at_once(demo):
    noah = demo.trajecten["Noah"]
    kaart = Routekaart.objects.get(regio=noah.jji.regio)
    _stappen(demo.coordinator, noah)  # kept
    # Every open line of step 9 gets the gemeente as regie: the step's regie becomes it.
    regels = [r for r in Verantwoordelijkheid.objects.filter(stap__routekaart=kaart, stap__nummer=9) if not r.vast]
    assert regels
    for regel in regels:
        services.verantwoordelijkheid_invullen(
            actor=demo.beheerder,
            regel=regel,
            uitvoerder=regel.uitvoerder or (Partij.JJI if regel.justitieel else Partij.MBO_ONTVANGEND),
            regie=Partij.GEMEENTE,
        )
    na = _stappen(demo.coordinator, noah)  # the changing transaction: from the database
    assert na == _uit_de_database(demo.coordinator, noah)
    assert dict((n, r) for n, _s, r in na)[9] == Partij.GEMEENTE.label
    _vernieuwd()  # committed: every reader reads the new steps, kept once more
    assert _stappen(demo.coordinator, noah) == _stappen(demo.coordinator, noah) == na


def test_a_routekaart_adopted_by_the_regio_is_followed_at_once(demo):
    jaar = timezone.localdate().year
    elders = Regio.objects.create(naam="Regio Elders")
    jji = demo.itb.medewerker.organisatie
    jji.regio = elders
    jji.save(update_fields=["regio"])
    traject = TrajectFactory(jji=jji, betrokkenheden__toegewezen=demo.jji_school.medewerker)
    voor = _stappen(demo.jji_school, traject)  # the national template, kept
    kaart = services.routekaart_overnemen(actor=None, regio=elders, jaar=jaar)
    _vernieuwd()
    for regel in Verantwoordelijkheid.objects.filter(stap__routekaart=kaart, stap__nummer=9, vast=False):
        services.verantwoordelijkheid_invullen(
            actor=None,
            regel=regel,
            uitvoerder=regel.uitvoerder or (Partij.JJI if regel.justitieel else Partij.MBO_ONTVANGEND),
            regie=Partij.GEMEENTE,
        )
        _vernieuwd()
    na = _stappen(demo.jji_school, traject)
    assert na == _uit_de_database(demo.jji_school, traject) != voor
