"""Only the retention function deletes from the raadplegingen log (issue 16).

The trigger of 0005 let a DELETE through after ``SET LOCAL jji.bewaartermijn = 'aan'``, which
any session can set: it is replaced by the trigger of ``jji_traject/alleen_toevoegen.py``. The
log gets its retention function ``toegang_raadpleging_opschonen(interval)`` (SECURITY DEFINER;
``manage.py db_rollen`` gives it to the retention role and lets the app role call it), and every
run of a retention function is recorded in ``toegang_opschoning``, append-only as well.
"""

import django.utils.timezone
from django.db import migrations, models

from jji_traject import alleen_toevoegen as at


def aan(apps, schema_editor):
    at.trigger_aan(schema_editor, at.OPSCHONINGEN)
    at.trigger_aan(schema_editor, at.RAADPLEGINGEN)
    at.opschonen_aan(schema_editor, at.RAADPLEGINGEN)


def uit(apps, schema_editor):
    at.opschonen_uit(schema_editor, at.RAADPLEGINGEN)
    at.trigger_uit(schema_editor, at.OPSCHONINGEN)


class Migration(migrations.Migration):

    dependencies = [
        ('toegang', '0008_rolgroep_systeem'),
    ]

    operations = [
        migrations.CreateModel(
            name='Opschoning',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('tijdstip', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='tijdstip')),
                ('tabel', models.CharField(max_length=63, verbose_name='tabel')),
                ('aantal', models.PositiveIntegerField(verbose_name='aantal verwijderd')),
                ('oudste', models.DateTimeField(blank=True, null=True, verbose_name='oudste verwijderd')),
                ('nieuwste', models.DateTimeField(blank=True, null=True, verbose_name='nieuwste verwijderd')),
                ('grens', models.DateTimeField(verbose_name='ouder dan')),
                ('gevraagd', models.DurationField(blank=True, null=True, verbose_name='gevraagde bewaartermijn')),
                ('aangevraagd_door', models.CharField(max_length=63, verbose_name='databaserol')),
            ],
            options={
                'verbose_name': 'opschoning van een log',
                'verbose_name_plural': 'opschoningen van logs',
                'ordering': ['-tijdstip', '-pk'],
                'constraints': [models.CheckConstraint(condition=models.Q(('nieuwste__isnull', True), ('nieuwste__lt', models.F('grens')), _connector='OR'), name='toegang_opschoning_alleen_voor_de_grens', violation_error_message='Een opschoning verwijdert alleen wat ouder is dan de grens.')],
            },
        ),
        migrations.RunPython(aan, uit),
    ]
