"""The database roles (issue 16): as the app role ``jji_app`` the logs can be read and appended
to, and nothing else — no UPDATE, DELETE, TRUNCATE, ALTER, trigger change or replica mode, not
even after the former ``jji.bewaartermijn`` setting. Only the retention functions delete, and
only rows older than five years, on record in ``toegang_opschoning``.

The refusals are tried on a connection of its own as ``jji_app`` (tests/databaserollen.py),
inside a transaction that is rolled back, so the test database keeps its rows."""

from __future__ import annotations

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from jji_traject.alleen_toevoegen import ACCOUNTLOG, LOGONDERZOEKEN, LOGS, RAADPLEGINGEN, REGISTER
from toegang.models import Opschoning

from ..databaserollen import ROLLEN, als_app, rol_bestaat
from ..omgeving import overslaan_of_falen

pytestmark = pytest.mark.postgres

GEEN_RECHT = "permission denied|must be owner"


@pytest.fixture
def app(vereist_postgres):
    if not rol_bestaat(ROLLEN.app):
        overslaan_of_falen(f"de databaserol {ROLLEN.app} ontbreekt (tests/databaserollen.py)")
    with als_app() as verbinding, verbinding.transaction(force_rollback=True):
        yield verbinding


def geweigerd(verbinding: psycopg.Connection, opdracht: str, melding: str = GEEN_RECHT) -> None:
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match=melding), verbinding.transaction():
        verbinding.execute(opdracht)


def kopie_invoegen(verbinding: psycopg.Connection, tabel: str, leeftijd: str) -> int:
    """A copy of the table's newest row with a timestamp ``leeftijd`` ago, inserted as the app."""
    kolommen = [
        r[0]
        for r in verbinding.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
            "AND column_name NOT IN ('id', 'tijdstip') ORDER BY ordinal_position",
            [tabel],
        )
    ]
    lijst = ", ".join(kolommen)
    rij = verbinding.execute(
        f"INSERT INTO {tabel} ({lijst}, tijdstip) SELECT {lijst}, now() - %s::interval FROM {tabel} "  # noqa: S608 - names from the catalogue
        "ORDER BY id DESC LIMIT 1 RETURNING id",
        [leeftijd],
    ).fetchone()
    assert rij, f"{tabel} is leeg: de demodata horen er regels in te zetten"
    return rij[0]


def test_de_app_rol_is_geen_superuser_geen_eigenaar_en_nergens_lid_van(app):
    rol = app.execute(
        "SELECT rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls FROM pg_roles "
        "WHERE rolname = current_user"
    ).fetchone()
    assert rol == (False, False, False, False, False)
    assert app.execute(
        "SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = current_user"
    ).fetchone() == (0,)
    eigenaars = dict(app.execute("SELECT tablename, tableowner FROM pg_tables WHERE schemaname = current_schema()"))
    assert ROLLEN.app not in eigenaars.values()
    assert {eigenaars[log.tabel] for log in LOGS} == {ROLLEN.eigenaar}
    bewaar = app.execute("SELECT rolcanlogin, rolsuper FROM pg_roles WHERE rolname = %s", [ROLLEN.bewaartermijn])
    assert bewaar.fetchone() == (False, False)


@pytest.mark.parametrize("log", LOGS, ids=lambda log: log.tabel)
def test_de_app_rol_leest_en_vult_aan_maar_wijzigt_en_wist_niets(app, log):
    tabel = log.tabel
    if log is not LOGS[-1]:
        nieuw = kopie_invoegen(app, tabel, "0 seconds")
        assert app.execute(f"SELECT count(*) FROM {tabel} WHERE id = %s", [nieuw]).fetchone() == (1,)  # noqa: S608
    else:
        app.execute(f"SELECT count(*) FROM {tabel}")  # noqa: S608 - the record table: read, written by the function

    geweigerd(app, f"UPDATE {tabel} SET tijdstip = now()")  # noqa: S608
    geweigerd(app, f"DELETE FROM {tabel}")  # noqa: S608
    geweigerd(app, f"TRUNCATE {tabel}")
    geweigerd(app, f"ALTER TABLE {tabel} DISABLE TRIGGER ALL")
    geweigerd(app, f"ALTER TABLE {tabel} DISABLE TRIGGER {log.trigger}")
    geweigerd(app, f"ALTER TABLE {tabel} ADD COLUMN x integer")
    geweigerd(app, f"ALTER TABLE {tabel} OWNER TO {ROLLEN.app}")
    geweigerd(app, f"DROP TRIGGER {log.trigger} ON {tabel}")
    geweigerd(app, f"DROP TABLE {tabel}")
    geweigerd(app, f"CREATE TRIGGER weg BEFORE DELETE ON {tabel} FOR EACH ROW EXECUTE FUNCTION {log.trigger}()")
    geweigerd(
        app, f"CREATE OR REPLACE FUNCTION {log.trigger}() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN OLD; END'"
    )
    # The former bypass: a setting any session can make opens nothing.
    app.execute("SET LOCAL jji.bewaartermijn = 'aan'")
    geweigerd(app, f"DELETE FROM {tabel}")  # noqa: S608
    for privilege in ("UPDATE", "DELETE", "TRUNCATE", "TRIGGER", "REFERENCES"):
        assert app.execute("SELECT has_table_privilege(%s, %s)", [tabel, privilege]).fetchone() == (False,), privilege


def test_de_app_rol_kan_de_replicamodus_niet_aanzetten_en_geen_andere_rol_aannemen(app):
    geweigerd(app, "SET session_replication_role = replica", "permission denied to set parameter")
    geweigerd(app, "SET LOCAL session_replication_role = replica", "permission denied to set parameter")
    geweigerd(
        app, "SELECT set_config('session_replication_role', 'replica', true)", "permission denied to set parameter"
    )
    assert app.execute("SHOW session_replication_role").fetchone() == ("origin",)
    for rol in (ROLLEN.bewaartermijn, ROLLEN.eigenaar, "postgres"):
        geweigerd(app, f"SET ROLE {rol}", "permission denied to set role")
        geweigerd(app, f"SET SESSION AUTHORIZATION {rol}", "permission denied to set session authorization")


def test_de_app_rol_kan_de_opschoonfuncties_niet_vervangen(app):
    for log in (RAADPLEGINGEN, ACCOUNTLOG):
        geweigerd(app, f"ALTER FUNCTION {log.handtekening} OWNER TO {ROLLEN.app}")
        geweigerd(app, f"DROP FUNCTION {log.handtekening}")
        geweigerd(
            app,
            f"CREATE OR REPLACE FUNCTION {log.functie}(ouder_dan interval) RETURNS integer LANGUAGE sql AS 'SELECT 0'",
        )
    geweigerd(app, "CREATE FUNCTION eigen() RETURNS integer LANGUAGE sql AS 'SELECT 1'", "permission denied for schema")
    geweigerd(app, "CREATE TABLE eigen (id integer)", "permission denied for schema")


def _opschonen(app, log, termijn: str | None):
    if termijn is None:
        return app.execute(f"SELECT {log.functie}()").fetchone()[0]
    return app.execute(f"SELECT {log.functie}(%s::interval)", [termijn]).fetchone()[0]


def _bestaat(app, tabel, pk) -> bool:
    return app.execute(f"SELECT count(*) FROM {tabel} WHERE id = %s", [pk]).fetchone() == (1,)  # noqa: S608


@pytest.mark.parametrize("log", [RAADPLEGINGEN, ACCOUNTLOG, LOGONDERZOEKEN], ids=lambda log: log.tabel)
def test_de_opschoonfunctie_verwijdert_alleen_wat_ouder_is_dan_vijf_jaar(app, log):
    tabel = log.tabel
    oud = kopie_invoegen(app, tabel, "6 years")
    bijna = kopie_invoegen(app, tabel, "5 years - 1 day")
    jong = kopie_invoegen(app, tabel, "1 day")
    ouder_dan_de_bodem = app.execute(
        f"SELECT count(*), min(tijdstip), max(tijdstip) FROM {tabel} WHERE tijdstip < now() - interval '5 years'"  # noqa: S608
    ).fetchone()

    # A schedule that asks for one day gets the floor of five years.
    verwijderd = _opschonen(app, log, "1 day")

    assert verwijderd == ouder_dan_de_bodem[0] >= 1
    assert not _bestaat(app, tabel, oud)
    assert _bestaat(app, tabel, bijna) and _bestaat(app, tabel, jong)
    verslag = app.execute(
        "SELECT aantal, oudste, nieuwste, grens, gevraagd, aangevraagd_door, grens = now() - interval '5 years' "  # noqa: S608
        f"FROM {REGISTER} WHERE tabel = %s ORDER BY id DESC LIMIT 1",
        [tabel],
    ).fetchone()
    aantal, oudste, nieuwste, grens, gevraagd, door, op_de_bodem = verslag
    assert (aantal, oudste, nieuwste) == ouder_dan_de_bodem
    assert op_de_bodem and nieuwste < grens
    assert gevraagd.days == 1 and door == ROLLEN.app

    # Longer than the floor is honoured; nothing asked means the floor.
    heel_oud = kopie_invoegen(app, tabel, "7 years")
    assert _opschonen(app, log, "10 years") == 0
    assert _bestaat(app, tabel, heel_oud)
    assert _opschonen(app, log, None) == 1
    assert not _bestaat(app, tabel, heel_oud) and _bestaat(app, tabel, bijna)
    # What the function may do, the app may not do itself.
    geweigerd(app, f"DELETE FROM {tabel} WHERE id = {bijna}")  # noqa: S608
    geweigerd(app, f"DELETE FROM {REGISTER}")  # noqa: S608


def test_ook_de_eigenaar_wist_niets_buiten_de_opschoonfunctie(vereist_postgres):
    """The trigger, for everyone who is not the retention role inside its function: the
    superuser the suite connects as, with the former bypass set, deletes nothing."""
    Opschoning.objects.create(tabel="x", aantal=0, grens=timezone.now(), aangevraagd_door="test")
    for log in LOGS:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {log.tabel}")  # noqa: S608
            assert cursor.fetchone()[0] > 0, log.tabel
        with pytest.raises(DatabaseError, match="alleen"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL jji.bewaartermijn = 'aan'")
            cursor.execute(f"DELETE FROM {log.tabel} WHERE tijdstip < now()")  # noqa: S608


def test_db_rollen_is_herhaalbaar_en_vraagt_om_wachtwoorden(vereist_postgres, monkeypatch, capsys):
    call_command("db_rollen")
    call_command("db_rollen")
    assert "Databaserollen bijgewerkt." in capsys.readouterr().out
    monkeypatch.setenv("DB_WACHTWOORD_APP", "")
    with pytest.raises(CommandError, match="DB_WACHTWOORD_APP"):
        call_command("db_rollen")


@pytest.mark.django_db(transaction=True)
def test_de_maandelijkse_taak_past_de_bewaartermijn_toe_met_de_bodem_van_vijf_jaar(vereist_postgres, settings):
    from django.db import connection

    from toegang.tasks import bewaartermijn_toepassen

    from ..omgeving import zaai_opnieuw

    zaai_opnieuw()
    settings.BEWAARTERMIJN_JAREN = 6
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM toegang_raadpleging")
        voor = cursor.fetchone()[0]
    assert bewaartermijn_toepassen() == {  # the raadplegingen: the regios' schedules (bewaren)
        "netwerk_accountgebeurtenis": 0,
        "toegang_logonderzoek": 0,
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM toegang_raadpleging")
        assert cursor.fetchone()[0] == voor
        cursor.execute("SELECT tabel, gevraagd FROM toegang_opschoning ORDER BY id DESC LIMIT 2")
        assert {(tabel, str(gevraagd)) for tabel, gevraagd in cursor.fetchall()} == {
            ("toegang_logonderzoek", "2190 days, 0:00:00"),
            ("netwerk_accountgebeurtenis", "2190 days, 0:00:00"),
        }
