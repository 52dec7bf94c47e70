from django.db import migrations


def laden(apps, schema_editor):
    from dossier.woordenlijst import woordenlijst_laden

    woordenlijst_laden(apps)  # adds only what is missing


class Migration(migrations.Migration):
    dependencies = [("dossier", "0005_woordenlijst")]

    operations = [migrations.RunPython(laden, migrations.RunPython.noop)]
