"""The database roles in the test database (README, "Database roles").

pytest-django creates, migrates and flushes the test database as the superuser of
``DATABASE_URL`` (creating a database and emptying the append-only logs with TRUNCATE are
what the app role must not be able to do), and the rest of the suite connects that way. Once
the database is set up, :func:`inrichten` runs ``db_rollen``'s code on it; the tests of the
refusals connect as the app role (:func:`als_app`), and so does the live server of the browser
journeys (``tests/browser/conftest.py``).
"""

from __future__ import annotations

import os
import secrets

import psycopg
from django.db import connection

from jji_traject import databaserollen

ROLLEN = databaserollen.Rollen()


def inrichten() -> bool:
    """The roles and their privileges in the test database. The passwords come from the
    environment (``make test`` makes them per run); a bare ``pytest`` makes its own. Without a
    superuser nothing happens (the tests that need the roles then skip, or fail under CI)."""
    with connection.cursor() as cursor:
        if not databaserollen.is_superuser(cursor):
            return False
    for variabele in ("DB_WACHTWOORD_EIGENAAR", "DB_WACHTWOORD_APP"):
        os.environ.setdefault(variabele, secrets.token_urlsafe(32))
    databaserollen.inrichten(connection, ROLLEN, databaserollen.wachtwoorden())
    return True


def app_instellingen(settings_dict: dict) -> dict:
    """The database settings of the test database, as the app role."""
    return {**settings_dict, "USER": ROLLEN.app, "PASSWORD": os.environ.get("DB_WACHTWOORD_APP", "")}


def als_app() -> psycopg.Connection:
    """A connection of its own to the test database as the app role (autocommit off)."""
    instellingen = app_instellingen(connection.settings_dict)
    return psycopg.connect(
        dbname=instellingen["NAME"],
        user=instellingen["USER"],
        password=instellingen["PASSWORD"],
        host=instellingen["HOST"] or None,
        port=instellingen["PORT"] or None,
    )


def rol_bestaat(naam: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = %s", [naam])
        return cursor.fetchone() is not None
