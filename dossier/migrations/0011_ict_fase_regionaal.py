"""The ICT-fase of the onderwijsinformatie names a phase of the regio of the JJI (issue 17, item
10; bijlage 3) instead of a fixed list in the code; and the student's own ICT restrictions.

Each old code (A1, A2, B1, B2) becomes the phase of that name in the regio of the traject's JJI
(B2 is "B2/D1-2"), which netwerk 0014 loaded for every regio; history rows too, so the history
page keeps telling what was chosen when.
"""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

import jji_traject.vrije_tekst

NAAM_VAN_CODE = {"A1": "A1", "A2": "A2", "B1": "B1", "B2": "B2/D1-2"}


def fasen_koppelen(apps, schema_editor):
    Traject = apps.get_model("trajecten", "Traject")
    IctFase = apps.get_model("netwerk", "IctFase")
    regio_van = dict(Traject.objects.values_list("pk", "jji__regio_id"))
    fasen: dict[tuple[int, str], int] = {}

    def fase_id(traject_id, code):
        regio_id = regio_van.get(traject_id)
        naam = NAAM_VAN_CODE.get(code)
        if regio_id is None or naam is None:
            return None
        if (regio_id, naam) not in fasen:
            fase = IctFase.objects.filter(regio_id=regio_id, naam=naam).first() or IctFase.objects.create(
                regio_id=regio_id, naam=naam, volgorde=list(NAAM_VAN_CODE.values()).index(naam) + 1
            )
            fasen[(regio_id, naam)] = fase.pk
        return fasen[(regio_id, naam)]

    for model in ("Onderwijsinformatie", "HistoricalOnderwijsinformatie"):
        for rij in apps.get_model("dossier", model).objects.exclude(ict_fase=""):
            rij.ict_fase_nieuw_id = fase_id(rij.traject_id, rij.ict_fase)
            rij.save(update_fields=["ict_fase_nieuw"])


def fasen_terug(apps, schema_editor):
    code_van_naam = {naam: code for code, naam in NAAM_VAN_CODE.items()}
    for model in ("Onderwijsinformatie", "HistoricalOnderwijsinformatie"):
        for rij in apps.get_model("dossier", model).objects.filter(ict_fase_nieuw__isnull=False).select_related(
            "ict_fase_nieuw"
        ):
            rij.ict_fase = code_van_naam.get(rij.ict_fase_nieuw.naam, "")
            rij.save(update_fields=["ict_fase"])


class Migration(migrations.Migration):

    dependencies = [
        ("dossier", "0010_herkomstverzoek"),
        ("netwerk", "0014_ict_fasen_examenlocatie"),
        ("trajecten", "0010_leerplicht_alleen_herkomst"),
    ]

    operations = [
        migrations.AddField(
            model_name="onderwijsinformatie",
            name="ict_fase_nieuw",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="netwerk.ictfase",
                verbose_name="ICT-fase (bijlage 3)",
            ),
        ),
        migrations.AddField(
            model_name="historicalonderwijsinformatie",
            name="ict_fase_nieuw",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="netwerk.ictfase",
                verbose_name="ICT-fase (bijlage 3)",
            ),
        ),
        migrations.RunPython(fasen_koppelen, fasen_terug),
        migrations.RemoveField(model_name="onderwijsinformatie", name="ict_fase"),
        migrations.RemoveField(model_name="historicalonderwijsinformatie", name="ict_fase"),
        migrations.RenameField(model_name="onderwijsinformatie", old_name="ict_fase_nieuw", new_name="ict_fase"),
        migrations.RenameField(
            model_name="historicalonderwijsinformatie", old_name="ict_fase_nieuw", new_name="ict_fase"
        ),
        migrations.AddField(
            model_name="onderwijsinformatie",
            name="ict_beperkingen",
            field=models.TextField(
                blank=True,
                help_text=(
                    "Wat deze student met ICT wel en niet kan, naast de ICT-fase: bijvoorbeeld geen eigen laptop, "
                    "spreekexamens alleen met opname. Toekomstgericht; geen reden van de beperking."
                ),
                max_length=20000,
                validators=[
                    jji_traject.vrije_tekst.zichtbare_tekst,
                    django.core.validators.MaxLengthValidator(20000),
                ],
                verbose_name="individuele ICT-beperkingen",
            ),
        ),
        migrations.AddField(
            model_name="historicalonderwijsinformatie",
            name="ict_beperkingen",
            field=models.TextField(
                blank=True,
                help_text=(
                    "Wat deze student met ICT wel en niet kan, naast de ICT-fase: bijvoorbeeld geen eigen laptop, "
                    "spreekexamens alleen met opname. Toekomstgericht; geen reden van de beperking."
                ),
                max_length=20000,
                validators=[
                    jji_traject.vrije_tekst.zichtbare_tekst,
                    django.core.validators.MaxLengthValidator(20000),
                ],
                verbose_name="individuele ICT-beperkingen",
            ),
        ),
    ]
