from django.db import migrations


def laden(apps, schema_editor):
    from dossier.woordenlijst import woordenlijst_laden

    woordenlijst_laden(apps)


class Migration(migrations.Migration):
    dependencies = [("dossier", "0004_formulering")]

    operations = [migrations.RunPython(laden, migrations.RunPython.noop)]
