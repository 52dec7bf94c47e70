"""The beheerder also maintains the netwerkkaart (contactpersonen)."""

from django.db import migrations


def rolgroepen_bijwerken(apps, schema_editor):
    from toegang.rollen import rolgroepen_bijwerken as bijwerken

    bijwerken(apps)


class Migration(migrations.Migration):
    dependencies = [("toegang", "0002_rolgroepen"), ("netwerk", "0002_netwerkkaart")]

    operations = [migrations.RunPython(rolgroepen_bijwerken, migrations.RunPython.noop)]
