from django.db import migrations


def herschrijven(apps, schema_editor):
    """The shipped patterns written for Python's re (\\b, \\w: ASCII in RE2) as RE2 patterns
    with Unicode classes; a pattern the beheerder changed since is left as it is."""
    from dossier.woordenlijst import HERSCHREVEN

    Formuleringswoord = apps.get_model("dossier", "Formuleringswoord")
    for oud, nieuw in HERSCHREVEN.items():
        if not Formuleringswoord.objects.filter(tekst=nieuw).exists():
            Formuleringswoord.objects.filter(tekst=oud, is_regex=True).update(tekst=nieuw)


def terug(apps, schema_editor):
    from dossier.woordenlijst import HERSCHREVEN

    Formuleringswoord = apps.get_model("dossier", "Formuleringswoord")
    for oud, nieuw in HERSCHREVEN.items():
        if not Formuleringswoord.objects.filter(tekst=oud).exists():
            Formuleringswoord.objects.filter(tekst=nieuw, is_regex=True).update(tekst=oud)


class Migration(migrations.Migration):
    dependencies = [("dossier", "0007_vrije_tekst_tekens")]

    operations = [migrations.RunPython(herschrijven, terug)]
