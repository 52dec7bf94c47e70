"""Shared fixtures: the demo data seeded once per test database, readers by username, Noah's
dossier with a marker in every part (the reader matrix, see ``lezers.py``), and the fixture
that makes a skipped PostgreSQL test fail under CI=true (helpers in ``omgeving.py``)."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

from trajecten.models import Traject

from . import databaserollen
from .lezers import DOSSIER_MARKERS, dossier_vullen
from .omgeving import demo_data_laden, overslaan_of_falen

DEMO_GEBRUIKERS = (
    "jji-school",
    "coordinator",
    "itb",
    "verbindingsofficier",
    "mbo-intake",
    "mbo-herkomst",
    "mbo-intake-other",
    "beheerder",
    "privacy",
    "gemeente",
    "jeugdreclassering",
    "leerplicht",
    "regio",
)


def _zonder_manifest():
    # The manifest storage of production needs collectstatic; tests serve from the finders.
    from django.conf import settings

    return {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


@pytest.fixture(autouse=True)
def _statische_bestanden_zonder_manifest(settings):
    settings.STORAGES = _zonder_manifest()


@pytest.fixture(autouse=True)
def _eigen_cache(settings):
    """Each test its own keys in the shared cache (Redis in make test): counters of refusals
    and page limits must not run on from one test into the next, nor across the workers."""
    settings.CACHES = {
        naam: {**instellingen, "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
        for naam, instellingen in settings.CACHES.items()
    }


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from django.test import override_settings

    # The demo data renders an overdrachtsdocument (its static files from the finders, too).
    with django_db_blocker.unblock(), override_settings(STORAGES=_zonder_manifest()):
        demo_data_laden()
        if connection.vendor == "postgresql":
            databaserollen.inrichten()  # the roles of db_rollen, after set-up (tests/databaserollen.py)


@pytest.fixture
def demo(db):
    """The demo users by username and the demo trajecten by the youth's first name."""
    users = {u.username: u for u in get_user_model().objects.filter(username__in=DEMO_GEBRUIKERS)}
    trajecten = {t.jongere.voornaam: t for t in Traject.objects.select_related("jongere")}
    return SimpleNamespace(users=users, trajecten=trajecten, **{k.replace("-", "_"): v for k, v in users.items()})


@pytest.fixture
def dossier_markers():
    """The marker text the `noah` fixture writes into each part (tests/overdracht overrides it
    with the capitals it reads back from a PDF)."""
    return DOSSIER_MARKERS


@pytest.fixture
def noah(demo, dossier_markers):
    """Noah's dossier with a marker in each part; the receiving mbo (ROC Lindewaard) is
    active, its intaker is assigned, its verbindingsofficier is its veiligheidscoördinator."""
    return dossier_vullen(demo, demo.trajecten["Noah"], dossier_markers)


@pytest.fixture
def systeemaccount(demo):
    """A partner system's account of ROC Lindewaard (rol systeem: API token only)."""
    from netwerk import services
    from netwerk.constants import Rol

    return services.medewerker_opslaan(
        actor=None,
        gebruikersnaam="roc-koppeling",
        voornaam="ROC",
        achternaam="Studentsysteem",
        email="koppeling@example.org",
        organisatie=demo.mbo_intake.medewerker.organisatie,
        rol=Rol.SYSTEEM,
    ).user


@pytest.fixture
def vereist_postgres(db):
    if connection.vendor != "postgresql":
        overslaan_of_falen("deze test heeft PostgreSQL nodig (zet DATABASE_URL)")


@pytest.fixture
def klok(monkeypatch):
    """Let days pass: ``klok(2)`` makes ``timezone.localdate()`` two days later than the real
    today, as time would, without touching the data."""

    vandaag = timezone.localdate()

    def verzetten(dagen: int = 1) -> dt.date:
        dag = vandaag + dt.timedelta(days=dagen)
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: dag)
        return dag

    return verzetten


def login(client, user):
    client.force_login(user)
    return client


def pytest_configure(config):
    from django.conf import settings
    from django.test import Client

    from .tweefactor import force_login_met_tweede_factor

    # Tests that are not about the entrance sign in with force_login: it completes the second
    # factor too (tests/tweefactor.py); the entrance's own tests post the real forms.
    Client.force_login = force_login_met_tweede_factor

    # whitenoise looks for STATIC_ROOT at start-up; the tests serve from the finders.
    os.makedirs(settings.STATIC_ROOT, exist_ok=True)


@pytest.fixture(autouse=True)
def _nederlands():
    """Each test starts in Dutch (a page request in English must not leak into the next test)."""
    from django.utils import translation

    translation.activate("nl")
    yield
    translation.activate("nl")
