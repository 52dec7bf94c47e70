"""The global role groups and the model permissions of each rol.

Role groups hold permissions for *kinds of action* (start a traject, record a grondslag,
manage organisations). They never hold ``view_traject`` or any category permission:
which traject someone sees is an object permission derived by ``toegang.policy``.

Used by the data migration (with historical models) and by test fixtures that re-seed
after a transactional test flushed the tables.
"""

from django.apps import apps as django_apps
from django.contrib.auth.management import create_permissions

REGIE = (
    "trajecten.add_jongere",
    "trajecten.change_jongere",
    "trajecten.add_traject",
    "trajecten.change_traject",
    "trajecten.add_betrokkenheid",
    "trajecten.add_toestemming",
    "trajecten.change_toestemming",
    "trajecten.add_toewijzing",
    "trajecten.delete_toewijzing",
)
# The regio's ICT-fasen (bijlage 3) too: regional data, no youth data.
NETWERK_MODELLEN = ("regio", "organisatie", "medewerker", "contactpersoon", "ictfase")
BEHEER = (
    tuple(f"netwerk.{actie}_{model}" for model in NETWERK_MODELLEN for actie in ("view", "add", "change"))
    + tuple(f"netwerk.view_historical{model}" for model in NETWERK_MODELLEN)
    # The word list of the toekomstgericht check (no youth data).
    + tuple(f"dossier.{actie}_formuleringswoord" for actie in ("view", "add", "change"))
    + ("dossier.view_historicalformuleringswoord",)
)

PERMISSIES_PER_ROL: dict[str, tuple[str, ...]] = {
    "docent": REGIE,
    "zorgcoordinator": REGIE,
    "itb": REGIE,
    "intaker": (),
    "veiligheidscoordinator": (),
    # The nazorg partners record meetings and update their own tasks (object-level rules in
    # the policy); they start no traject and record no grondslag.
    "nazorgcoordinator": (),
    "casemanager_nazorg": (),
    "jeugdreclasseerder": (),
    "reclasseringswerker": (),
    "coordinator_leerplicht": (),
    "leerplichtambtenaar": (),
    "rmc_consulent": (),
    # The regional monitor's readers: aggregates only (toegang.policy.monitor).
    "regiocoordinator": (),
    "landelijk": (),
    "beheerder": BEHEER,
    "fg": (),  # searches the raadplegingen of the organisation's people (toegang.policy.logonderzoek)
    "systeem": (),  # reads through the API what its organisation's zorgcoördinator sees, never signals
}


def rolgroepen_bijwerken(apps=django_apps) -> None:
    """Create the ``rol:<rol>`` groups with exactly their permissions (idempotent).

    Early migrations call this with the historical models of their moment, before some models
    (and so their permissions) exist: those are left out, and a later migration that calls it
    again completes the group. With the project's own models every permission must exist."""
    for app_config in apps.get_app_configs():
        # Permissions are otherwise only created after all migrations ran.
        heeft_models = getattr(app_config, "models_module", None)
        app_config.models_module = heeft_models or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = heeft_models
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for rol, permissies in PERMISSIES_PER_ROL.items():
        groep, _ = Group.objects.get_or_create(name=f"rol:{rol}")
        gevonden = [perm for naam in permissies if (perm := _permissie(apps, Permission, naam)) is not None]
        groep.permissions.set(gevonden)


def _permissie(apps, Permission, naam: str):
    """The permission ``app.codename``; ``None`` while its model does not exist yet (an earlier
    migration runs this with today's list: the migration that creates the model calls it again,
    see toegang 0012). A name whose model exists but has no such permission is an error."""
    app_label, codename = naam.split(".")
    permissie = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
    if permissie is not None:
        return permissie
    try:
        apps.get_model(app_label, codename.split("_", 1)[1])
    except LookupError:
        return None
    raise LookupError(f"Geen permissie {naam}")
