"""The role groups of the nazorg partners: gemeente, (jeugd)reclassering, leerplicht/RMC."""

from django.db import migrations


def rolgroepen_bijwerken(apps, schema_editor):
    from toegang.rollen import rolgroepen_bijwerken as bijwerken

    bijwerken(apps)


class Migration(migrations.Migration):
    dependencies = [("toegang", "0012_beheer_ict_fasen"), ("netwerk", "0016_rollen_nazorg")]

    operations = [migrations.RunPython(rolgroepen_bijwerken, migrations.RunPython.noop)]
