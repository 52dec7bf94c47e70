"""The beheerder also keeps the word list of the toekomstgericht check."""

from django.db import migrations


def rolgroepen_bijwerken(apps, schema_editor):
    from toegang.rollen import rolgroepen_bijwerken as bijwerken

    bijwerken(apps)


class Migration(migrations.Migration):
    dependencies = [("toegang", "0005_raadpleging_alleen_toevoegen"), ("dossier", "0005_woordenlijst")]

    operations = [migrations.RunPython(rolgroepen_bijwerken, migrations.RunPython.noop)]
