"""The role groups of the regional monitor's readers: regiocoördinator and landelijk."""

from django.db import migrations


def rolgroepen_bijwerken(apps, schema_editor):
    from toegang.rollen import rolgroepen_bijwerken as bijwerken

    bijwerken(apps)


class Migration(migrations.Migration):
    dependencies = [("toegang", "0013_rollen_nazorg"), ("netwerk", "0019_monitorrollen")]

    operations = [migrations.RunPython(rolgroepen_bijwerken, migrations.RunPython.noop)]
