"""The three database roles of a PostgreSQL installation (``manage.py db_rollen``).

* the **owner** (``jji_eigenaar``) owns the tables and runs the migrations;
* the **app** (``jji_app``) is what web, worker and beat connect as: it reads and writes the
  ordinary tables, but on the logs (:data:`jji_traject.alleen_toevoegen.LOGS`) it may only
  SELECT and INSERT. It owns nothing, so it cannot ALTER a table or switch off a trigger; it is
  no superuser, so it cannot set ``session_replication_role``; it is a member of no role;
* the **retention role** (``jji_bewaartermijn``, NOLOGIN unless given a password) owns each
  log's retention function, the one way to delete from a log (only rows older than five years).

Roles belong to the cluster, privileges to one database: :func:`rollen_bijwerken` creates or
updates the roles, :func:`rechten_bijwerken` sets ownership and privileges in the database of
the connection. Both are idempotent and need a superuser; run them again after ``migrate``
(new log tables and retention functions are handed over then).
"""

from __future__ import annotations

import random
import re
import time
from dataclasses import dataclass

from django.db import DatabaseError, transaction
from psycopg import sql

from jji_traject import alleen_toevoegen, omgeving

NAAM = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
WACHTWOORD_VARIABELEN = {
    "eigenaar": "DB_WACHTWOORD_EIGENAAR",
    "app": "DB_WACHTWOORD_APP",
    "bewaartermijn": "DB_WACHTWOORD_BEWAARTERMIJN",
}
# Attributes every role gets (and keeps: an update resets them).
BEPERKT = "NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"


@dataclass(frozen=True)
class Rollen:
    eigenaar: str = "jji_eigenaar"
    app: str = "jji_app"
    bewaartermijn: str = "jji_bewaartermijn"

    def __post_init__(self):
        namen = (self.eigenaar, self.app, self.bewaartermijn)
        for naam in namen:
            if not NAAM.match(naam):
                raise ValueError(f"ongeldige rolnaam {naam!r} (kleine letters, cijfers en _)")
        if len(set(namen)) != 3:
            raise ValueError("de drie rollen moeten verschillende namen hebben")


def wachtwoorden() -> dict[str, str]:
    """The passwords from the environment (empty when not set; there are no defaults)."""
    return {rol: omgeving.waarde(var, default="") for rol, var in WACHTWOORD_VARIABELEN.items()}


def _id(naam: str) -> sql.Identifier:
    return sql.Identifier(naam)


def _uitvoeren(cursor, opdracht: sql.Composable) -> None:
    # As text with no parameters: role and privilege statements take no bind parameters, and
    # the driver's own quoting (Identifier, Literal) has made the text safe.
    cursor.execute(opdracht.as_string(cursor.connection), None)


def _rol(cursor, naam: str, attributen: str, wachtwoord: str | None) -> str:
    cursor.execute("SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = %s", [naam])
    bestaat = cursor.fetchone() is not None
    opdracht = sql.SQL("ALTER ROLE {} WITH " if bestaat else "CREATE ROLE {} WITH ").format(_id(naam))
    opdracht += sql.SQL(f"{attributen} {BEPERKT}")
    opdracht += sql.SQL(" PASSWORD {}").format(sql.Literal(wachtwoord)) if wachtwoord else sql.SQL(" PASSWORD NULL")
    _uitvoeren(cursor, opdracht)
    return f"rol {naam} {'bijgewerkt' if bestaat else 'aangemaakt'}"


def rollen_bijwerken(cursor, rollen: Rollen, wachtwoord: dict[str, str]) -> list[str]:
    """Create or update the three roles (cluster-wide). The owner and the app role need a
    password; the retention role can log in only when it is given one."""
    for rol in ("eigenaar", "app"):
        if not wachtwoord.get(rol):
            raise ValueError(
                f"{WACHTWOORD_VARIABELEN[rol]} is leeg: de rol {getattr(rollen, rol)} heeft een wachtwoord nodig"
            )
    gedaan = [
        _rol(cursor, rollen.eigenaar, "LOGIN INHERIT", wachtwoord["eigenaar"]),
        _rol(cursor, rollen.app, "LOGIN NOINHERIT", wachtwoord["app"]),
        _rol(
            cursor,
            rollen.bewaartermijn,
            "LOGIN NOINHERIT" if wachtwoord.get("bewaartermijn") else "NOLOGIN NOINHERIT",
            wachtwoord.get("bewaartermijn") or None,
        ),
    ]
    # The app role is a member of nothing; the owner may act as the retention role, so that a
    # later migration can replace a retention function (the owner is trusted with the schema).
    cursor.execute(
        "SELECT g.rolname FROM pg_catalog.pg_auth_members m JOIN pg_catalog.pg_roles g ON g.oid = m.roleid "
        "JOIN pg_catalog.pg_roles u ON u.oid = m.member WHERE u.rolname = %s",
        [rollen.app],
    )
    for (groep,) in cursor.fetchall():
        _uitvoeren(cursor, sql.SQL("REVOKE {} FROM {}").format(_id(groep), _id(rollen.app)))
        gedaan.append(f"{rollen.app} is geen lid meer van {groep}")
    _uitvoeren(cursor, sql.SQL("GRANT {} TO {}").format(_id(rollen.bewaartermijn), _id(rollen.eigenaar)))
    return gedaan


def _bestaat(cursor, schema: str, tabel: str) -> bool:
    cursor.execute("SELECT pg_catalog.to_regclass(%s) IS NOT NULL", [f'"{schema}"."{tabel}"'])
    return cursor.fetchone()[0]


def rechten_bijwerken(cursor, rollen: Rollen) -> list[str]:
    """Ownership and privileges in the database of ``cursor`` (its current schema)."""
    cursor.execute("SELECT current_schema(), current_database()")
    schema, database = cursor.fetchone()
    s = _id(schema)
    eigenaar, app, bewaar = _id(rollen.eigenaar), _id(rollen.app), _id(rollen.bewaartermijn)
    gedaan = []

    for opdracht in (
        "GRANT CONNECT ON DATABASE {db} TO {eigenaar}, {app}",
        "GRANT USAGE, CREATE ON SCHEMA {s} TO {eigenaar}",
        "GRANT USAGE ON SCHEMA {s} TO {app}, {bewaar}",
        # Nobody else creates objects here (PostgreSQL 15 does this by default; older ones do not):
        # an object the app could create might stand in for one of ours.
        "REVOKE CREATE ON SCHEMA {s} FROM PUBLIC",
    ):
        _uitvoeren(
            cursor,
            sql.SQL(opdracht).format(db=_id(database), s=s, eigenaar=eigenaar, app=app, bewaar=bewaar),
        )
    # The name search's trigram index (migration trajecten 0017) needs pg_trgm; as superuser
    # here, in case the owner may not create it.
    cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
    if cursor.fetchone() is not None:
        _uitvoeren(cursor, sql.SQL("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA {}").format(s))

    # Ownership: every table, view and free-standing sequence to the owner (an identity or
    # serial sequence follows its table); functions to the owner, except the retention
    # functions, which go to the retention role. Objects of an extension stay as they are.
    cursor.execute(
        """
        SELECT c.relkind, c.relname FROM pg_catalog.pg_class c
        WHERE c.relnamespace = %s::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
          AND pg_catalog.pg_get_userbyid(c.relowner) <> %s
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_class'::regclass
                          AND d.objid = c.oid AND d.deptype IN ('a', 'i', 'e'))
        ORDER BY c.relname
        """,
        [schema, rollen.eigenaar],
    )
    soorten = {"r": "TABLE", "p": "TABLE", "f": "FOREIGN TABLE", "v": "VIEW", "m": "MATERIALIZED VIEW", "S": "SEQUENCE"}
    objecten = cursor.fetchall()
    for relkind, relname in objecten:
        opdracht = sql.SQL("ALTER {} {}.{} OWNER TO {}").format(sql.SQL(soorten[relkind]), s, _id(relname), eigenaar)
        _uitvoeren(cursor, opdracht)
    if objecten:
        gedaan.append(f"{len(objecten)} tabellen, views en reeksen naar {rollen.eigenaar}")

    retentie = {log.functie for log in alleen_toevoegen.LOGS if log.opschonen}
    cursor.execute(
        """
        SELECT p.oid::regprocedure::text, p.proname, pg_catalog.pg_get_userbyid(p.proowner)
        FROM pg_catalog.pg_proc p
        WHERE p.pronamespace = %s::regnamespace
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_proc'::regclass
                          AND d.objid = p.oid AND d.deptype = 'e')
        """,
        [schema],
    )
    for handtekening, naam, huidig in cursor.fetchall():
        nieuw = rollen.bewaartermijn if naam in retentie else rollen.eigenaar
        if huidig != nieuw:
            _uitvoeren(cursor, sql.SQL("ALTER FUNCTION {} OWNER TO {}").format(sql.SQL(handtekening), _id(nieuw)))
            gedaan.append(f"functie {handtekening} naar {nieuw}")

    # The app: the ordinary tables, now and later (default privileges of the owner).
    for opdracht in (
        "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO {app}",
        "REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA {s} FROM {app}",
        "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {s} TO {app}",
        "ALTER DEFAULT PRIVILEGES FOR ROLE {eigenaar} IN SCHEMA {s} "
        "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {app}",
        "ALTER DEFAULT PRIVILEGES FOR ROLE {eigenaar} IN SCHEMA {s} GRANT USAGE, SELECT ON SEQUENCES TO {app}",
    ):
        _uitvoeren(cursor, sql.SQL(opdracht).format(s=s, eigenaar=eigenaar, app=app))
    gedaan.append(f"{rollen.app}: lezen en schrijven op de tabellen in {schema}")

    # The logs: the app only reads and appends; the retention role reads and deletes (its
    # function does), and appends to the record of what it deleted.
    for log in alleen_toevoegen.LOGS:
        if not _bestaat(cursor, schema, log.tabel):
            continue
        t = sql.SQL("{}.{}").format(s, _id(log.tabel))
        _uitvoeren(cursor, sql.SQL("REVOKE ALL ON {} FROM PUBLIC, {}, {}").format(t, app, bewaar))
        _uitvoeren(cursor, sql.SQL("GRANT SELECT, INSERT ON {} TO {}").format(t, app))
        if log.opschonen:
            _uitvoeren(cursor, sql.SQL("GRANT SELECT, DELETE ON {} TO {}").format(t, bewaar))
        else:
            _uitvoeren(cursor, sql.SQL("GRANT SELECT, INSERT ON {} TO {}").format(t, bewaar))
        gedaan.append(f"{log.tabel}: {rollen.app} alleen SELECT en INSERT")
    reeks = None
    if _bestaat(cursor, schema, alleen_toevoegen.REGISTER):
        tabel = f'"{schema}"."{alleen_toevoegen.REGISTER}"'
        cursor.execute("SELECT pg_catalog.pg_get_serial_sequence(%s, 'id')", [tabel])
        reeks = cursor.fetchone()[0]
    if reeks:
        _uitvoeren(cursor, sql.SQL("GRANT USAGE ON SEQUENCE {} TO {}").format(sql.SQL(reeks), bewaar))

    for log in alleen_toevoegen.LOGS:
        if not log.opschonen:
            continue
        cursor.execute("SELECT pg_catalog.to_regprocedure(%s)", [f'"{schema}".{log.handtekening}'])
        if cursor.fetchone()[0] is None:
            continue
        functie = sql.SQL("{}.{}(interval)").format(s, _id(log.functie))
        _uitvoeren(cursor, sql.SQL("REVOKE ALL ON FUNCTION {} FROM PUBLIC").format(functie))
        _uitvoeren(cursor, sql.SQL("GRANT EXECUTE ON FUNCTION {} TO {}").format(functie, app))
        gedaan.append(f"{log.functie}: van {rollen.bewaartermijn}, uit te voeren door {rollen.app}")
    return gedaan


def is_superuser(cursor) -> bool:
    cursor.execute("SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user")
    return bool(cursor.fetchone()[0])


def inrichten(connection, rollen: Rollen, wachtwoord: dict[str, str] | None, *, pogingen: int = 5) -> list[str]:
    """Roles (unless ``wachtwoord`` is ``None``: then they must exist) and privileges, in one
    transaction. Two sessions that change the same role at once make PostgreSQL refuse one
    ("tuple concurrently updated", or a role created meanwhile): it is tried again."""
    for poging in range(pogingen):
        try:
            with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
                gedaan = rollen_bijwerken(cursor, rollen, wachtwoord) if wachtwoord is not None else []
                return gedaan + rechten_bijwerken(cursor, rollen)
        except DatabaseError as fout:
            tijdelijk = "concurrently" in str(fout) or "already exists" in str(fout)
            if not tijdelijk or poging == pogingen - 1:
                raise
            time.sleep(random.uniform(0.1, 0.5))  # noqa: S311 - spreading retries, no secret
    raise AssertionError("unreachable")  # pragma: no cover
