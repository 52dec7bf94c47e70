"""The global role groups and the model permissions of each rol.

Role groups hold permissions for *kinds of action* (start a traject, record a grondslag,
manage organisations). They never hold ``view_traject`` or any category permission:
which traject someone sees is an object permission derived by ``toegang.policy``.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REGIE = [
    "trajecten.add_jongere",
    "trajecten.change_jongere",
    "trajecten.add_traject",
    "trajecten.change_traject",
    "trajecten.add_betrokkenheid",
    "trajecten.add_toestemming",
    "trajecten.change_toestemming",
    "trajecten.add_toewijzing",
    "trajecten.delete_toewijzing",
]
BEHEER = [
    f"netwerk.{actie}_{model}"
    for model in ("regio", "organisatie", "medewerker")
    for actie in ("view", "add", "change")
] + [f"netwerk.view_historical{model}" for model in ("regio", "organisatie", "medewerker")]

ROLLEN = {
    "docent": REGIE,
    "zorgcoordinator": REGIE,
    "itb": REGIE,
    "intaker": [],
    "veiligheidscoordinator": [],
    "beheerder": BEHEER,
}


def rolgroepen_aanmaken(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for rol, permissies in ROLLEN.items():
        groep, _ = Group.objects.get_or_create(name=f"rol:{rol}")
        gevonden = []
        for naam in permissies:
            app_label, codename = naam.split(".")
            gevonden.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        groep.permissions.set(gevonden)


class Migration(migrations.Migration):
    dependencies = [
        ("toegang", "0001_initial"),
        ("netwerk", "0001_initial"),
        ("trajecten", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(rolgroepen_aanmaken, migrations.RunPython.noop)]
