"""The append-only logs in the database: their triggers and their retention functions, as SQL
for the migrations (one definition for every log instead of a copy per migration).

A trigger refuses UPDATE and DELETE on a log. On PostgreSQL one way remains to delete: the
log's retention function ``<naam>_opschonen(ouder_dan interval)``, a SECURITY DEFINER function
owned by the retention role (``manage.py db_rollen`` hands it over). The trigger lets a DELETE
through only when the current role owns that function — inside it, ``current_user`` is its
owner — and the row is older than the floor (:data:`BODEM`, five years); the function itself
deletes nothing younger than the floor either, whatever it is asked, and writes what it deleted
to the record table ``toegang_opschoning`` (itself append-only, without a retention function).
No setting of the session opens the log (the former ``jji.bewaartermijn`` setting is gone).

SQLite (``make run`` and the SQLite fallback of ``make test``) gets twin triggers that refuse
unconditionally and no retention function.

Migrations call these functions: they install the *current* definition (``CREATE OR REPLACE``),
so a change here must keep every migration that calls it valid.
"""

from __future__ import annotations

from dataclasses import dataclass

# The floor of every retention function and of the trigger: a schedule may ask for longer,
# never for shorter.
BODEM = "5 years"
REGISTER = "toegang_opschoning"


@dataclass(frozen=True)
class Log:
    """An append-only table. ``naam`` names its trigger function (``<naam>_alleen_toevoegen``),
    its SQLite twins (``<naam>_geen_update``, ``<naam>_geen_delete``) and, with
    ``opschonen``, its retention function (``<naam>_opschonen``)."""

    tabel: str
    naam: str
    melding: str
    opschonen: bool = True

    @property
    def trigger(self) -> str:
        return f"{self.naam}_alleen_toevoegen"

    @property
    def functie(self) -> str:
        return f"{self.naam}_opschonen"

    @property
    def handtekening(self) -> str:
        return f"{self.functie}(interval)"


RAADPLEGINGEN = Log("toegang_raadpleging", "toegang_raadpleging", "raadplegingen zijn alleen toe te voegen")
ACCOUNTLOG = Log("netwerk_accountgebeurtenis", "netwerk_accountlog", "het accountlog is alleen aan te vullen")
OPSCHONINGEN = Log(REGISTER, "toegang_opschoning", "opschoningen zijn alleen toe te voegen", opschonen=False)
LOGONDERZOEKEN = Log("toegang_logonderzoek", "toegang_logonderzoek", "logonderzoeken zijn alleen toe te voegen")
LOGS = (RAADPLEGINGEN, ACCOUNTLOG, LOGONDERZOEKEN, OPSCHONINGEN)  # the register last


def pg_trigger(log: Log) -> str:
    if log.opschonen:
        uitzondering = f"""
    -- Only the retention function deletes, and only what is older than the floor: inside that
    -- SECURITY DEFINER function current_user is its owner, the retention role.
    IF TG_OP = 'DELETE' AND OLD.tijdstip < now() - interval '{BODEM}' AND EXISTS (
        SELECT 1 FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_roles r ON r.oid = p.proowner
        WHERE p.oid = pg_catalog.to_regprocedure(
                  pg_catalog.quote_ident(TG_TABLE_SCHEMA) || '.{log.handtekening}')
          AND r.rolname = current_user
    ) THEN
        RETURN OLD;
    END IF;"""  # noqa: S608 - names from LOGS, never from input
    else:
        uitzondering = ""
    return f"""
CREATE OR REPLACE FUNCTION {log.trigger}() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN{uitzondering}
    RAISE EXCEPTION '{log.melding} (% geweigerd)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
DROP TRIGGER IF EXISTS {log.trigger} ON {log.tabel};
CREATE TRIGGER {log.trigger}
    BEFORE UPDATE OR DELETE ON {log.tabel}
    FOR EACH ROW EXECUTE FUNCTION {log.trigger}();
"""


def pg_trigger_uit(log: Log) -> str:
    return f"""
DROP TRIGGER IF EXISTS {log.trigger} ON {log.tabel};
DROP FUNCTION IF EXISTS {log.trigger}();
"""


def sqlite_trigger(log: Log) -> list[str]:
    return [
        f"""CREATE TRIGGER IF NOT EXISTS {log.naam}_geen_{actie.lower()} BEFORE {actie} ON {log.tabel}
        BEGIN SELECT RAISE(ABORT, '{log.melding} ({actie} geweigerd)'); END;"""
        for actie in ("UPDATE", "DELETE")
    ]


def sqlite_trigger_uit(log: Log) -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {log.naam}_geen_{actie};" for actie in ("update", "delete")]


def pg_opschonen(log: Log, schema: str) -> str:
    """The retention function of ``log``: deletes the rows older than
    ``greatest(ouder_dan, BODEM)`` (compared as points in time, since an interval of days
    and one of years do not compare exactly) and records table, count, oldest and newest
    deleted row, the limit, what was asked and by whom. Callable only by who is granted
    EXECUTE (``db_rollen``: the app role)."""
    return f"""
CREATE OR REPLACE FUNCTION {schema}.{log.functie}(ouder_dan interval DEFAULT interval '{BODEM}')
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, {schema}, pg_temp
AS $$
DECLARE
    v_grens timestamptz := least(now() - ouder_dan, now() - interval '{BODEM}');
    v_aantal integer;
    v_oudste timestamptz;
    v_nieuwste timestamptz;
BEGIN
    WITH weg AS (DELETE FROM {schema}.{log.tabel} WHERE tijdstip < v_grens RETURNING tijdstip)
    SELECT count(*), min(weg.tijdstip), max(weg.tijdstip) INTO v_aantal, v_oudste, v_nieuwste FROM weg;
    INSERT INTO {schema}.{REGISTER} (tijdstip, tabel, aantal, oudste, nieuwste, grens, gevraagd, aangevraagd_door)
    VALUES (now(), '{log.tabel}', v_aantal, v_oudste, v_nieuwste, v_grens, ouder_dan, session_user);
    RETURN v_aantal;
END;
$$;
REVOKE ALL ON FUNCTION {schema}.{log.handtekening} FROM PUBLIC;
"""  # noqa: S608 - names from LOGS and the quoted current schema, never from input


def _schema(schema_editor) -> str:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        return schema_editor.quote_name(cursor.fetchone()[0])


def _uitvoeren(schema_editor, postgres: str | None, sqlite: list[str]) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        if postgres:
            schema_editor.execute(postgres, params=None)
    elif vendor == "sqlite":
        for sql in sqlite:
            schema_editor.execute(sql, params=None)
    else:  # pragma: no cover - only PostgreSQL and SQLite are supported
        raise RuntimeError(f"Geen append-only trigger voor {vendor}")


def trigger_aan(schema_editor, log: Log) -> None:
    _uitvoeren(schema_editor, pg_trigger(log), sqlite_trigger(log))


def trigger_uit(schema_editor, log: Log) -> None:
    _uitvoeren(schema_editor, pg_trigger_uit(log), sqlite_trigger_uit(log))


def opschonen_aan(schema_editor, log: Log) -> None:
    """The retention function (PostgreSQL only; on SQLite nothing deletes from a log)."""
    if schema_editor.connection.vendor == "postgresql":
        _uitvoeren(schema_editor, pg_opschonen(log, _schema(schema_editor)), [])


def opschonen_uit(schema_editor, log: Log) -> None:
    if schema_editor.connection.vendor == "postgresql":
        _uitvoeren(schema_editor, f"DROP FUNCTION IF EXISTS {_schema(schema_editor)}.{log.handtekening};", [])


def opschonen_uitvoeren(log: Log, jaren: int) -> int | None:
    """Call ``log``'s retention function for rows older than ``jaren`` years (the floor holds
    whatever is asked). ``None`` on SQLite, which has no retention function."""
    from django.db import connection

    if connection.vendor != "postgresql" or not log.opschonen:
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {log.functie}(%s::interval)", [f"{int(jaren)} years"])  # noqa: S608 - a name from LOGS
        return cursor.fetchone()[0]
