"""The account log is append-only: a trigger refuses UPDATE and DELETE (as for the
raadplegingen log, toegang 0005).

On PostgreSQL a later retention routine may delete old rows inside its own transaction after
``SET LOCAL jji.bewaartermijn = 'aan'``; nothing else can. SQLite (development and tests)
gets a twin trigger that refuses unconditionally.
"""

from django.db import migrations

TABEL = "netwerk_accountgebeurtenis"

PG_AAN = f"""
CREATE OR REPLACE FUNCTION netwerk_accountlog_alleen_toevoegen() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('jji.bewaartermijn', true) = 'aan' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'het accountlog is alleen aan te vullen (%% geweigerd)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS netwerk_accountlog_alleen_toevoegen ON {TABEL};
CREATE TRIGGER netwerk_accountlog_alleen_toevoegen
    BEFORE UPDATE OR DELETE ON {TABEL}
    FOR EACH ROW EXECUTE FUNCTION netwerk_accountlog_alleen_toevoegen();
"""
PG_UIT = f"""
DROP TRIGGER IF EXISTS netwerk_accountlog_alleen_toevoegen ON {TABEL};
DROP FUNCTION IF EXISTS netwerk_accountlog_alleen_toevoegen();
"""
SQLITE_AAN = [
    f"""CREATE TRIGGER IF NOT EXISTS netwerk_accountlog_geen_update BEFORE UPDATE ON {TABEL}
        BEGIN SELECT RAISE(ABORT, 'het accountlog is alleen aan te vullen (UPDATE geweigerd)'); END;""",
    f"""CREATE TRIGGER IF NOT EXISTS netwerk_accountlog_geen_delete BEFORE DELETE ON {TABEL}
        BEGIN SELECT RAISE(ABORT, 'het accountlog is alleen aan te vullen (DELETE geweigerd)'); END;""",
]
SQLITE_UIT = [
    "DROP TRIGGER IF EXISTS netwerk_accountlog_geen_update;",
    "DROP TRIGGER IF EXISTS netwerk_accountlog_geen_delete;",
]


def _uitvoeren(schema_editor, postgres, sqlite) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(postgres.replace("%%", "%"), params=None)
    elif vendor == "sqlite":
        for sql in sqlite:
            schema_editor.execute(sql, params=None)
    else:  # pragma: no cover - only PostgreSQL and SQLite are supported
        raise RuntimeError(f"Geen append-only trigger voor {vendor}")


def aan(apps, schema_editor):
    _uitvoeren(schema_editor, PG_AAN, SQLITE_AAN)


def uit(apps, schema_editor):
    _uitvoeren(schema_editor, PG_UIT, SQLITE_UIT)


class Migration(migrations.Migration):
    dependencies = [("netwerk", "0006_accountaanvragen")]

    operations = [migrations.RunPython(aan, uit)]
