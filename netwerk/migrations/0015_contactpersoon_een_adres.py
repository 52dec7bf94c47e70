"""One e-mail address per person (issue 17, item 10): a netwerkkaart entry linked to a user of
the app keeps no address of its own; the user's is shown (``Contactpersoon.email_adres``).
An entry whose user has no address keeps its own. Nothing else changes."""

from django.db import migrations


def een_adres(apps, schema_editor):
    Contactpersoon = apps.get_model("netwerk", "Contactpersoon")
    gekoppeld = (
        Contactpersoon.objects.filter(medewerker__isnull=False)
        .exclude(email="")
        .exclude(medewerker__user__email="")
        .select_related("medewerker__user")
    )
    for contact in gekoppeld:
        contact.email = ""
        contact.save(update_fields=["email"])  # one by one, as everywhere


class Migration(migrations.Migration):
    dependencies = [("netwerk", "0014_ict_fasen_examenlocatie")]

    operations = [migrations.RunPython(een_adres, migrations.RunPython.noop)]
