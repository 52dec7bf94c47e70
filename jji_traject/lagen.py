"""The layers of jji-traject, as an import-linter contract (``lint-imports``, run by ``make test``).

Layers by kind of module, lowest first; a module imports only from its own kind or below:

1. ``plumbing``  settings, the environment helper, the history guard, the PDF module;
2. ``models``    models, constants and querysets of every app (they refer to each other);
3. ``toegang``   the policy, the registry of dossier parts and the URL registry;
4. ``logic``     selectors, services, forms and the apps' other domain modules;
5. ``entry``     views, the API, admin, URLs, Celery tasks, management commands, templatetags,
                 ``AppConfig``s and the project's URLs and pages;
6. ``demo``      the demo data and the scale generator.

Within ``logic`` the apps are ordered too: an app's logic imports the logic of lower apps
only (``APPS``, lowest first; apps on one line are siblings and import none of each
other's logic). A lower app that must start work in a higher one calls a hook the higher
app registered (``toegang.haken``), or the higher app picks the work up. The one allowed
cycle: an app's services enqueue its own tasks, and the tasks call its services.

Every module must have a kind: a module that matches no rule breaks the contract, so a new
module outside the usual names (models, services, views …) is placed here before it can
exist, and every app of the project is a container of the contract (a test compares them
with ``INSTALLED_APPS``). Migrations and tests are outside it.
"""

from __future__ import annotations

import fnmatch
from collections import defaultdict

from importlinter import Contract, ContractCheck, fields, output

KINDS = ("plumbing", "models", "toegang", "logic", "entry", "demo")

# (pattern, kind): the first match wins; a pattern also covers the modules below it.
REGELS = (
    ("*.migrations", None),
    ("demo", "demo"),
    ("jji_traject.urls", "entry"),
    ("jji_traject.views", "entry"),
    ("jji_traject.forms", "logic"),
    ("jji_traject.wsgi", "entry"),
    ("jji_traject.asgi", "entry"),
    ("jji_traject.lagen", "entry"),
    ("jji_traject", "plumbing"),
    ("toegang.policy", "toegang"),
    ("toegang.delen", "toegang"),
    ("toegang.haken", "toegang"),
    ("toegang.registry", "toegang"),
    ("api", "entry"),
    ("trajecten.regels", "models"),  # pure rules (ages, leerplicht) the models use
    ("*.models", "models"),
    ("*.constants", "models"),
    ("*.querysets", "models"),
    ("*.views", "entry"),
    ("*.middleware", "entry"),
    ("*.views_*", "entry"),
    ("*.admin", "entry"),
    ("*.urls", "entry"),
    ("*.urls_*", "entry"),
    ("*.tasks", "entry"),
    ("*.management", "entry"),
    ("*.templatetags", "entry"),
    ("*.context_processors", "entry"),
    ("*.apps", "entry"),
    ("*.services", "logic"),
    ("*.services_*", "logic"),  # a service module beside services.py (dossier.services_schoolloopbaan)
    ("*.selectors_*", "logic"),
    ("*.selectors", "logic"),
    ("*.forms", "logic"),
    ("*.filters", "logic"),
    # The apps' other domain modules, by name: a new one is placed here before it can exist.
    ("netwerk.kaart_csv", "logic"),  # CSV export and import of the netwerkkaart
    ("netwerk.activatie", "logic"),  # one-time activation links of approved accounts
    ("netwerk.functieprofiel", "logic"),  # the verbindingsofficier's profile (text)
    ("netwerk.sso", "logic"),  # single sign-on: the OpenID Connect backend and its rules
    ("trajecten.routekaart_sjabloon", "logic"),  # bijlage 4 as data
    ("toegang.rollen", "logic"),  # the role groups' model permissions
    ("dossier.delen", "logic"),  # the parts, registered with toegang.delen
    ("dossier.regels", "models"),  # the pure rule of the schoolloopbaan na uitstroom
    ("dossier.formulering", "logic"),  # the toekomstgericht word-list check
    ("dossier.woordenlijst", "logic"),  # the starting word list as data
    ("beslismodel.sjabloon", "logic"),  # bijlage 2 as data
    ("beslismodel.sjabloonbeheer", "logic"),  # a regio's template versions
    ("beslismodel.suggestie", "logic"),  # the pure suggestion rule
    ("monitor.onderdrukking", "logic"),  # the pure suppression rule of the monitor
    ("monitor.perioden", "logic"),  # the monitor's whole years and quarters
    ("monitor.grafieken", "logic"),  # the monitor's bar charts, drawn as SVG templates
    ("monitor.uitsplitsingen", "logic"),  # the monitor's breakdowns of the interrupted careers
)

# The apps, lowest first, for imports between the logic of two apps.
APPS = (
    ("jji_traject",),
    ("netwerk",),
    ("trajecten",),
    ("toegang",),
    ("signalering",),
    ("dossier",),
    ("beslismodel", "overdracht"),
    ("monitor",),
    ("bewaren",),
    ("api",),
    ("demo",),
)
RANG = {app: rang for rang, rij in enumerate(APPS) for app in rij}


def soort_van(module: str) -> str | None:
    """The kind of a module (``None``: outside the layers, such as a migration)."""
    if "." not in module and module in RANG and module not in ("jji_traject", "api", "demo"):
        return "models"  # an app's package itself: its __init__ holds nothing
    for patroon, soort in REGELS:
        if fnmatch.fnmatchcase(module, patroon) or fnmatch.fnmatchcase(module, patroon + ".*"):
            return soort
    return "onbekend"


def app_van(module: str) -> str:
    return module.split(".")[0]


def _is(module: str, soort: str) -> bool:
    """Whether ``module`` is ``<app>.<soort>`` or below it (``trajecten.services.grondslag``)."""
    delen = module.split(".")
    return len(delen) > 1 and delen[1] == soort


def is_taak_van_eigen_app(importeur: str, geimporteerd: str) -> bool:
    """An app's services enqueue its own tasks (and the tasks call the services)."""
    return app_van(importeur) == app_van(geimporteerd) and _is(importeur, "services") and _is(geimporteerd, "tasks")


def overtreding(importeur: str, geimporteerd: str) -> str | None:
    """Why an import breaks the layers, or ``None``."""
    van, naar = soort_van(importeur), soort_van(geimporteerd)
    if van is None or naar is None:
        return None
    if "onbekend" in (van, naar):
        return "module zonder laag: zet hem in jji_traject.lagen.REGELS"
    if KINDS.index(naar) > KINDS.index(van):
        if van == "logic" and is_taak_van_eigen_app(importeur, geimporteerd):
            return None
        return f"{van} importeert {naar} (omhoog)"
    # Between apps, logic (and the tasks, which run an app's logic in the background) goes
    # down the order of APPS only: a task of a lower app cannot reach a higher app's logic.
    geordend = van == "logic" or (van == "entry" and _is(importeur, "tasks"))
    naar_logica = naar == "logic" or (naar == "entry" and _is(geimporteerd, "tasks"))
    if (
        geordend
        and naar_logica
        and app_van(importeur) != app_van(geimporteerd)
        and RANG[app_van(geimporteerd)] >= RANG[app_van(importeur)]
    ):
        return f"{app_van(importeur)} importeert logica van {app_van(geimporteerd)} (omhoog of opzij)"
    return None


def cycli(graph, modules: list[str]) -> list[list[str]]:
    """Import cycles between modules (Tarjan), other than services ⇄ tasks of one app."""
    buren = {m: [n for n in graph.find_modules_directly_imported_by(m) if n in modules] for m in modules}
    index: dict[str, int] = {}
    laag: dict[str, int] = {}
    stapel: list[str] = []
    op_stapel: set[str] = set()
    gevonden: list[list[str]] = []
    teller = [0]

    def bezoek(start: str) -> None:
        # Iterative Tarjan, so a deep graph cannot exhaust Python's recursion limit.
        werk = [(start, iter(buren[start]))]
        index[start] = laag[start] = teller[0]
        teller[0] += 1
        stapel.append(start)
        op_stapel.add(start)
        while werk:
            knoop, volgende = werk[-1]
            for buur in volgende:
                if buur not in index:
                    index[buur] = laag[buur] = teller[0]
                    teller[0] += 1
                    stapel.append(buur)
                    op_stapel.add(buur)
                    werk.append((buur, iter(buren[buur])))
                    break
                if buur in op_stapel:
                    laag[knoop] = min(laag[knoop], index[buur])
            else:
                werk.pop()
                if werk:
                    laag[werk[-1][0]] = min(laag[werk[-1][0]], laag[knoop])
                if laag[knoop] == index[knoop]:
                    component = []
                    while True:
                        lid = stapel.pop()
                        op_stapel.discard(lid)
                        component.append(lid)
                        if lid == knoop:
                            break
                    if len(component) > 1:
                        gevonden.append(sorted(component))

    for module in modules:
        if module not in index:
            bezoek(module)

    def toegestaan(component: list[str]) -> bool:
        apps = {app_van(m) for m in component}
        if len(apps) != 1:
            return False
        app = apps.pop()
        return all(
            m.startswith((f"{app}.services", f"{app}.tasks")) or m in (f"{app}.services", f"{app}.tasks")
            for m in component
        )

    return [c for c in gevonden if not toegestaan(c)]


class LagenContract(Contract):
    """Layers by kind of module, apps ordered within the logic, no cycles (see the module)."""

    containers = fields.ListField(subfield=fields.StringField())

    def check(self, graph, verbose: bool) -> ContractCheck:
        modules = sorted(
            m for m in graph.modules if app_van(m) in {str(c) for c in self.containers} and soort_van(m) is not None
        )
        fouten: dict[tuple[str, str], dict] = {}
        for importeur in modules:
            for geimporteerd in graph.find_modules_directly_imported_by(importeur):
                if geimporteerd not in modules:
                    continue
                reden = overtreding(importeur, geimporteerd)
                if reden:
                    regels = graph.get_import_details(importer=importeur, imported=geimporteerd)
                    fouten[(importeur, geimporteerd)] = {
                        "reden": reden,
                        "regels": sorted({d["line_number"] for d in regels}),
                    }
        onbekend = [m for m in modules if soort_van(m) == "onbekend"]
        # Cycles between all modules, packages (and what their __init__ imports) included.
        kringen = cycli(graph, modules)
        per_soort = defaultdict(int)
        for m in modules:
            per_soort[soort_van(m)] += 1
        return ContractCheck(
            kept=not (fouten or onbekend or kringen),
            metadata={"fouten": fouten, "onbekend": onbekend, "kringen": kringen, "per_soort": dict(per_soort)},
        )

    def render_broken_contract(self, check: ContractCheck) -> None:
        for module in check.metadata["onbekend"]:
            output.print_error(f"{module}: module zonder laag (jji_traject.lagen.REGELS)")
        for (importeur, geimporteerd), fout in sorted(check.metadata["fouten"].items()):
            regels = ", ".join(f"l.{n}" for n in fout["regels"])
            output.print_error(f"{importeur} -> {geimporteerd} ({regels}): {fout['reden']}")
        for kring in check.metadata["kringen"]:
            output.print_error("kring: " + " -> ".join(kring))
        output.new_line()
