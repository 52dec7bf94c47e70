from django.db import migrations


def laden(apps, schema_editor):
    from beslismodel.sjabloon import sjabloon_laden

    sjabloon_laden(apps)


class Migration(migrations.Migration):
    dependencies = [("beslismodel", "0001_initial")]

    operations = [migrations.RunPython(laden, migrations.RunPython.noop)]
