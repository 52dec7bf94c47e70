"""Load the national template of the doorstroomroutekaart (see trajecten.routekaart_sjabloon)."""

from django.db import migrations


def sjabloon_laden(apps, schema_editor):
    from trajecten.routekaart_sjabloon import sjabloon_laden as laden

    laden(apps)


class Migration(migrations.Migration):
    dependencies = [("trajecten", "0002_routekaart")]

    operations = [migrations.RunPython(sjabloon_laden, migrations.RunPython.noop)]
