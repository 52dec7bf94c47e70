"""The global role groups and their model permissions (see toegang.rollen)."""

from django.db import migrations


def rolgroepen_aanmaken(apps, schema_editor):
    from toegang.rollen import rolgroepen_bijwerken

    rolgroepen_bijwerken(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("toegang", "0001_initial"),
        ("netwerk", "0001_initial"),
        ("trajecten", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(rolgroepen_aanmaken, migrations.RunPython.noop)]
