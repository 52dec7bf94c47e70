"""Helpers for tests that need more than the test database: skip locally but fail under
CI=true when PostgreSQL, Redis or Chromium is missing, and seed again after a transactional
test flushed the tables."""

import os

import pytest
from django.core.management import call_command

from beslismodel.sjabloon import sjabloon_laden as beslismodel_laden
from dossier.woordenlijst import woordenlijst_laden
from toegang.rollen import rolgroepen_bijwerken
from trajecten.routekaart_sjabloon import sjabloon_laden

IN_CI = os.environ.get("CI") == "true"


def overslaan_of_falen(reden: str) -> None:
    """Skip locally; under CI=true a skipped PostgreSQL or browser test fails the run."""
    if IN_CI:
        pytest.fail(f"CI=true: {reden}", pytrace=False)
    pytest.skip(reden)


def zaai_opnieuw() -> None:
    """After a transactional test flushed the tables: what the migrations seeded (role
    groups, routekaart template, beslismodel template) and the demo data again."""
    rolgroepen_bijwerken()
    sjabloon_laden()
    woordenlijst_laden()
    beslismodel_laden()
    demo_data_laden()


def zaai_een_jongere(voornaam: str) -> None:
    """Like :func:`zaai_opnieuw`, with of the demo data only the regio, its people, its
    netwerkkaart and routekaart and the traject of one youth (with what ``demo_data`` gives
    it): a few seconds, where the whole demo data takes fifteen or more. For tests that do not
    sign in with a password: the demo passwords are hashed with a fast hasher that the app's
    settings do not accept."""
    from django.db import transaction
    from django.test import override_settings

    from demo.jongeren import JONGEREN
    from demo.regio import gebruikers_aanmaken, netwerkkaart_vullen, organisaties_aanmaken, routekaart_invullen
    from demo.trajecten import traject_aanmaken

    rolgroepen_bijwerken()
    sjabloon_laden()
    woordenlijst_laden()
    beslismodel_laden()
    snel = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with snel, transaction.atomic():
        organisaties = organisaties_aanmaken()
        gebruikers = gebruikers_aanmaken(organisaties)
        routekaart_invullen(organisaties["jji"].regio, gebruikers["beheerder"])
        netwerkkaart_vullen(organisaties, gebruikers["beheerder"])
        traject_aanmaken(next(j for j in JONGEREN if j.voornaam == voornaam), organisaties, gebruikers)


def demo_data_laden(**opties) -> None:
    """``manage.py demo_data`` as ``make run`` runs it (DEBUG on: the demo data, with its known
    password and fixed second-factor secret, refuses a database of a deployment)."""
    from django.test import override_settings

    # Without the monitor's fictional cohorts (tests/monitor makes them where it needs them).
    opties.setdefault("zonder_cohorten", True)
    with override_settings(DEBUG=True):
        call_command("demo_data", stdout=open(os.devnull, "w"), **opties)  # noqa: SIM115


def sessie_queries() -> int:
    """Queries a page spends on its session: none when sessions are read from a cache every
    process shares (Redis, as in CI and production), one from the database otherwise
    (``jji_traject.sessies``)."""
    from jji_traject.sessies import SessionStore

    return 0 if SessionStore()._gedeeld else 1


def naslag_queries() -> int:
    """Queries a traject page spends on its routekaart's steps: none when they are kept in a
    cache every process shares (after the first reader of the regio and year), one otherwise
    (``jji_traject.naslag``)."""
    from jji_traject.naslag import gedeelde_cache

    return 0 if gedeelde_cache() else 1


def naslag_committen(naslag) -> None:
    """What a commit does for a ``jji_traject.naslag.Naslag`` changed in this transaction: its
    new version, and no more waiting (the test's own transaction never commits). The other
    callbacks waiting on the commit are left as they are."""
    from django.db import transaction

    verbinding = transaction.get_connection()
    eigen = [w for w in verbinding.run_on_commit if w[1] == naslag._nieuwe_versie]
    verbinding.run_on_commit = [w for w in verbinding.run_on_commit if w not in eigen]
    for _savepoints, functie, _robuust in eigen:
        functie()
