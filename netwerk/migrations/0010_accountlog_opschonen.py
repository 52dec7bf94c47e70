"""Only the retention function deletes from the account log (issue 16), as for the
raadplegingen log (toegang 0009): the trigger without the ``jji.bewaartermijn`` bypass, and the
retention function ``netwerk_accountlog_opschonen(interval)``, which records each run in
``toegang_opschoning``.
"""

from django.db import migrations

from jji_traject import alleen_toevoegen as at


def aan(apps, schema_editor):
    at.trigger_aan(schema_editor, at.ACCOUNTLOG)
    at.opschonen_aan(schema_editor, at.ACCOUNTLOG)


def uit(apps, schema_editor):
    at.opschonen_uit(schema_editor, at.ACCOUNTLOG)


class Migration(migrations.Migration):
    dependencies = [
        ("netwerk", "0009_tweede_factor_sso"),
        # The retention function writes to toegang_opschoning.
        ("toegang", "0009_raadpleging_opschonen"),
    ]

    operations = [migrations.RunPython(aan, uit)]
