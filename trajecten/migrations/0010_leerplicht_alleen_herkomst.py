"""Leerplicht opens only what the handreiking says (issue 17, item 10): the school van herkomst's
onderwijsinformatie for the JJI-school, while the youth is leerplichtig (kwalificatieplicht only
where the regio says so: ``Regio.kwalificatieplicht``, off for every regio after netwerk 0013).

Grondslagen on leerplicht recorded before that no longer hold stop opening anything at once:
their ``geldig_tot`` becomes yesterday (or, for the kwalificatieplicht period, the end of
leerplicht). Nothing is deleted, and each becomes a review task for the JJI-school (its
zorgcoördinator when there is one): ask the youth for consent, or record another grondslag.
A grondslag recorded on the day of the migration itself cannot end before its own date: it
ends that day.
"""

import datetime as dt

from django.db import migrations, models
from django.utils import timezone

from trajecten import regels

TEKST = (
    "Herzien: de grondslag leerplicht voor {wat} aan {ontvanger} geldt niet meer ({waarom}). "
    "Vraag de jongere om toestemming of leg een andere grondslag vast."
)


def _einde(toestemming, regio_kwalificatieplicht):
    jongere = toestemming.traject.jongere
    if regio_kwalificatieplicht and not jongere.startkwalificatie:
        return regels.verjaardag(jongere.geboortedatum, 18) - dt.timedelta(days=1)
    return regels.leerplicht_einde(jongere.geboortedatum)


def herzien(apps, schema_editor):
    Toestemming = apps.get_model("trajecten", "Toestemming")
    Betrokkenheid = apps.get_model("trajecten", "Betrokkenheid")
    Medewerker = apps.get_model("netwerk", "Medewerker")
    Taak = apps.get_model("trajecten", "Taak")
    vandaag = timezone.localdate()
    gisteren = vandaag - dt.timedelta(days=1)
    lopend = (
        Toestemming.objects.filter(grondslag="leerplicht", ingetrokken_op__isnull=True)
        .filter(models.Q(geldig_tot__isnull=True) | models.Q(geldig_tot__gte=vandaag))
        .select_related("traject__jongere", "traject__jji__regio", "ontvanger")
    )
    for toestemming in lopend:
        herkomst = toestemming.categorie == "onderwijsinformatie" and toestemming.ontvanger.soort == "jji_school"
        if herkomst:
            einde = _einde(toestemming, toestemming.traject.jji.regio.kwalificatieplicht)
            if toestemming.geldig_tot is not None and toestemming.geldig_tot <= einde:
                continue  # it holds
            nieuw = max(min(einde, toestemming.geldig_tot or einde), toestemming.datum_gegeven)
            waarom = "de jongere is dan niet meer leerplichtig; kwalificatieplicht telt in deze regio niet"
        else:
            nieuw = max(gisteren, toestemming.datum_gegeven)
            waarom = "leerplicht opent alleen de onderwijsinformatie van de school van herkomst voor de JJI-school"
        if toestemming.geldig_tot is not None and toestemming.geldig_tot <= nieuw:
            continue
        toestemming.geldig_tot = nieuw
        toestemming.save(update_fields=["geldig_tot"])
        school = (
            Betrokkenheid.objects.filter(traject=toestemming.traject, soort="jji_school")
            .values_list("organisatie_id", flat=True)
            .first()
        )
        if school is None:
            continue
        wat = "de kennisgeving" if toestemming.categorie == "kennisgeving" else toestemming.categorie
        Taak.objects.create(
            traject=toestemming.traject,
            stap=3,
            tekst=TEKST.format(wat=wat, ontvanger=toestemming.ontvanger.naam, waarom=waarom)[:300],
            organisatie_id=school,
            medewerker=Medewerker.objects.filter(organisatie_id=school, rol="zorgcoordinator", user__is_active=True)
            .order_by("pk")
            .first(),
            deadline=vandaag + dt.timedelta(days=14),
        )


class Migration(migrations.Migration):

    dependencies = [
        ('trajecten', '0009_vrije_tekst_tekens'),
        ('netwerk', '0013_regio_kwalificatieplicht'),
    ]

    operations = [
        migrations.AlterField(
            model_name='historicaltoestemming',
            name='grondslag',
            field=models.CharField(choices=[('toestemming_jongere', 'toestemming van de jongere'), ('toestemming_ouder', 'toestemming van gezaghebbende ouder of voogd'), ('leerplicht', 'leerplicht'), ('wettelijk', 'andere wettelijke grondslag')], max_length=30, verbose_name='grondslag'),
        ),
        migrations.AlterField(
            model_name='toestemming',
            name='grondslag',
            field=models.CharField(choices=[('toestemming_jongere', 'toestemming van de jongere'), ('toestemming_ouder', 'toestemming van gezaghebbende ouder of voogd'), ('leerplicht', 'leerplicht'), ('wettelijk', 'andere wettelijke grondslag')], max_length=30, verbose_name='grondslag'),
        ),
        migrations.RunPython(herzien, migrations.RunPython.noop),
    ]
