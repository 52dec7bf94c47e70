"""The layers (``jji_traject/lagen.py``, checked on the code by ``lint-imports`` in ``make test``)
and the one door: views, forms, admin and API modules never query a youth-data model."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps

from jji_traject import lagen

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("importeur", "geimporteerd", "mag"),
    [
        ("toegang.policy.dossier", "trajecten.models", True),  # the policy sits above every model
        ("toegang.policy.dossier", "dossier.selectors", False),  # …and below every selector
        ("trajecten.models.traject", "toegang.policy", False),
        ("dossier.services", "trajecten.services", True),  # logic of a lower app
        ("trajecten.services.grondslag", "overdracht.services", False),  # a higher app: a hook instead
        ("beslismodel.selectors", "overdracht.selectors", False),  # siblings stay apart
        ("overdracht.services", "overdracht.tasks", True),  # an app's services enqueue its tasks
        ("trajecten.services", "overdracht.tasks", False),
        ("trajecten.views", "beslismodel.selectors", True),  # a page shows what other apps say
        ("api.dossier", "dossier.selectors", True),
        ("dossier.selectors", "api.fouten", False),
        ("netwerk.services", "demo.trajecten", False),
        ("demo.trajecten", "dossier.services", True),
        ("jji_traject.settings", "netwerk.models", False),
        ("trajecten.tasks", "overdracht.services", False),  # a task runs its own app's logic
        ("overdracht.tasks", "trajecten.services", True),
        ("trajecten.selectors", "trajecten.tasks", False),  # only services enqueue tasks
        ("trajecten.nieuw_iets", "trajecten.models", False),  # a module without a layer
        ("jji_traject.paginas", "trajecten.forms", False),  # page helpers are plumbing
    ],
)
def test_the_layer_rules(importeur, geimporteerd, mag):
    assert (lagen.overtreding(importeur, geimporteerd) is None) == mag


def test_every_app_of_the_project_is_in_the_contract(settings):
    """An app left out of the contract would not be checked at all, nor imports into it."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    eigen = {app.split(".")[0] for app in settings.INSTALLED_APPS if (ROOT / app.split(".")[0] / "apps.py").exists()}
    eigen.add("jji_traject")
    assert set(config["root_packages"]) == eigen
    assert set(config["contracts"][0]["containers"]) == eigen
    assert eigen <= set(lagen.RANG)


def test_the_cycle_check_finds_a_cycle_through_a_package():
    import grimp

    graaf = grimp.ImportGraph()
    for module in ("trajecten", "trajecten.services", "trajecten.services.traject", "trajecten.selectors"):
        graaf.add_module(module)
    graaf.add_import(importer="trajecten.services.traject", imported="trajecten.selectors")
    graaf.add_import(importer="trajecten.selectors", imported="trajecten.services")
    graaf.add_import(importer="trajecten.services", imported="trajecten.services.traject")
    assert lagen.cycli(graaf, sorted(graaf.modules)) == [
        ["trajecten.selectors", "trajecten.services", "trajecten.services.traject"]
    ]
    graaf.remove_import(importer="trajecten.selectors", imported="trajecten.services")
    assert lagen.cycli(graaf, sorted(graaf.modules)) == []


def test_lint_imports_keeps_the_contract():
    """The same check as ``make test`` runs, so a broken layer also fails a plain pytest run."""
    lint = Path(sys.executable).with_name("lint-imports")
    if not lint.exists():
        pytest.skip("import-linter is not installed in this environment")
    uitvoer = subprocess.run([lint, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert uitvoer.returncode == 0, uitvoer.stdout[-3000:]


# Models that hold no youth data: the regional routekaart and beslismodel template, the word list.
GEEN_JONGERENGEGEVENS = {
    "Routekaart",
    "RoutekaartStap",
    "RoutekaartActiviteit",
    "Verantwoordelijkheid",
    "Sjabloon",
    "SjabloonSectie",
    "SjabloonItem",
    "SjabloonKeuze",
    "Formuleringswoord",
}
MANAGERS = {"objects", "_default_manager", "_base_manager", "history"}


def jongerenmodellen() -> set[str]:
    namen = set()
    for app in ("trajecten", "dossier", "beslismodel", "overdracht", "signalering", "toegang"):
        for model in apps.get_app_config(app).get_models():
            if not model.__name__.startswith("Historical") and model.__name__ not in GEEN_JONGERENGEGEVENS:
                namen.add(model.__name__)
    return namen | {"NetwerkContact"}


def directe_queries(bron: str, modellen: set[str]) -> list[tuple[int, str]]:
    """Every ``Model.objects`` (or another manager) of a youth model in this source: by its
    own name, an ``as`` alias, or ``module.Model``."""
    boom = ast.parse(bron)
    namen = set(modellen)
    for knoop in ast.walk(boom):
        if isinstance(knoop, ast.ImportFrom):
            for alias in knoop.names:
                if alias.name in modellen and alias.asname:
                    namen.add(alias.asname)
    gevonden = []
    for knoop in ast.walk(boom):
        if not (isinstance(knoop, ast.Attribute) and knoop.attr in MANAGERS):
            continue
        doel = knoop.value
        naam = doel.id if isinstance(doel, ast.Name) else doel.attr if isinstance(doel, ast.Attribute) else None
        if naam in namen:
            gevonden.append((knoop.lineno, f"{naam}.{knoop.attr}"))
    return gevonden


def poortmodules() -> list[Path]:
    """Views, forms, admin, filters, URLs, templatetags, the project's pages and the whole API."""
    paden = []
    for pad in ROOT.rglob("*.py"):
        deel = pad.relative_to(ROOT).parts
        if deel[0] in {".venv", "tests", "var"} or "migrations" in deel:
            continue
        module = ".".join(pad.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        soort = lagen.soort_van(module)
        if deel[0] == "api" or (
            soort in {"entry", "logic"}
            and any(
                stuk in {"views", "forms", "admin", "filters", "urls", "templatetags", "context_processors"}
                or stuk.startswith("views_")
                for stuk in module.split(".")[1:]
            )
        ):
            paden.append(pad)
    return paden


def test_the_door_check_finds_a_direct_query():
    bron = (
        "from trajecten.models import Traject as T\n"
        "from dossier import models\n"
        "a = T.objects.get(pk=1)\n"
        "b = models.Veiligheidssignaal.objects.all()\n"
        "c = Routekaart.objects.all()\n"
    )
    assert directe_queries(bron, jongerenmodellen()) == [(3, "T.objects"), (4, "Veiligheidssignaal.objects")]


def test_views_forms_admin_and_api_never_query_youth_models_directly():
    """Only the policy (and selectors and services building on it) build those querysets."""
    modellen = jongerenmodellen()
    modules = poortmodules()
    assert any(p.parts[-2:] == ("dossier", "views.py") for p in modules)  # the scan sees the pages
    assert any(p.relative_to(ROOT).parts[0] == "api" for p in modules)  # and the API
    overtredingen = [
        f"{pad.relative_to(ROOT)}:{regel}: {wat}"
        for pad in modules
        for regel, wat in directe_queries(pad.read_text(), modellen)
    ]
    assert overtredingen == []
