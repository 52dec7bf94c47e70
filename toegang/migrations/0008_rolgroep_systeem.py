"""The role group of system accounts (it holds no permissions: what a system account sees is
derived per traject, like for the zorgcoördinator)."""

from django.db import migrations


def rolgroepen_bijwerken(apps, schema_editor):
    from toegang.rollen import rolgroepen_bijwerken as bijwerken

    bijwerken(apps)


class Migration(migrations.Migration):
    dependencies = [("toegang", "0007_raadpleging_document")]

    operations = [migrations.RunPython(rolgroepen_bijwerken, migrations.RunPython.noop)]
