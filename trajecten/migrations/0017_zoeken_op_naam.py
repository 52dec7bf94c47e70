"""A trigram index on the traject's ``sorteernaam`` for the name search of "Mijn trajecten"
(``TrajectQuerySet.zoek``: ``LIKE '%woord%'``), on PostgreSQL only: the pg_trgm extension is
created here when the migrating role may (a trusted extension since PostgreSQL 13; else
``manage.py db_rollen`` creates it as superuser). Without the extension the search still
works, by a scan. SQLite has no such index and needs none at its size."""

from django.db import migrations

INDEX = "trajecten_traject_sorteernaam_trgm"


def aanmaken(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
        if cursor.fetchone() is None:
            return
        cursor.execute("SAVEPOINT trgm")
        try:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except Exception:  # noqa: BLE001 - no right to create it: the search scans
            cursor.execute("ROLLBACK TO SAVEPOINT trgm")
            return
        cursor.execute("RELEASE SAVEPOINT trgm")
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON trajecten_traject USING gin (sorteernaam gin_trgm_ops)"
        )


def verwijderen(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("trajecten", "0016_ouders_betrekken")]

    operations = [migrations.RunPython(aanmaken, verwijderen)]
