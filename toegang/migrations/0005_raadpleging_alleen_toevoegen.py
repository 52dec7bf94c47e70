"""The raadplegingen log is append-only: a trigger refuses UPDATE and DELETE.

The SQL lives in ``jji_traject/alleen_toevoegen.py`` (shared with the account log). This
migration first allowed a DELETE after ``SET LOCAL jji.bewaartermijn = 'aan'``; that bypass is
gone (0009 replaces the trigger on databases that have it): only the retention function deletes,
and only rows older than five years. SQLite gets a twin trigger that refuses unconditionally.
"""

from django.db import migrations

from jji_traject import alleen_toevoegen

LOG = alleen_toevoegen.RAADPLEGINGEN
SQLITE_AAN = alleen_toevoegen.sqlite_trigger(LOG)


def aan(apps, schema_editor):
    alleen_toevoegen.trigger_aan(schema_editor, LOG)


def uit(apps, schema_editor):
    alleen_toevoegen.trigger_uit(schema_editor, LOG)


class Migration(migrations.Migration):
    dependencies = [("toegang", "0004_raadpleging")]

    operations = [migrations.RunPython(aan, uit)]
