"""The beheerder also keeps the regio's ICT-fasen (bijlage 3)."""

from django.db import migrations


def rolgroepen_bijwerken(apps, schema_editor):
    from toegang.rollen import rolgroepen_bijwerken as bijwerken

    bijwerken(apps)


class Migration(migrations.Migration):
    dependencies = [("toegang", "0011_logonderzoek"), ("netwerk", "0014_ict_fasen_examenlocatie")]

    operations = [migrations.RunPython(rolgroepen_bijwerken, migrations.RunPython.noop)]
