"""Deployment configuration: ``check --deploy`` is clean with production settings, a missing
SECRET_KEY stops with one clear line, and ``.env.example`` and ``docker-compose.yml`` name
every variable that production needs (see ``jji_traject/omgeving.py``). No database needed."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import yaml

from jji_traject import omgeving

REPO = Path(__file__).resolve().parents[2]
APP_DIENSTEN = ("web", "worker", "beat")


def productie_omgeving(**extra: str) -> dict[str, str]:
    """os.environ without any of the app's own variables (``make test`` sets some, such as
    SECURE_SSL_REDIRECT=false), plus the given ones."""
    basis = {k: v for k, v in os.environ.items() if k not in omgeving.BEKEND}
    basis["DJANGO_SETTINGS_MODULE"] = "jji_traject.settings"
    return {**basis, **extra}


def manage(*args: str, env: dict[str, str], timeout: int = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def env_example_sleutels() -> list[str]:
    sleutels = []
    for regel in (REPO / ".env.example").read_text(encoding="utf-8").splitlines():
        regel = regel.strip()
        if not regel or regel.startswith("#"):
            continue
        sleutel, is_, _waarde = regel.partition("=")
        assert is_, f".env.example: regel zonder '=': {regel!r}"
        sleutels.append(sleutel.removeprefix("export ").strip())
    return sleutels


def compose() -> dict:
    return yaml.safe_load((REPO / "docker-compose.yml").read_text(encoding="utf-8"))


def omgeving_van(dienst: dict) -> dict[str, str | None]:
    """A service's environment as a mapping, whether written as a mapping or as a list."""
    omg = dienst.get("environment") or {}
    if isinstance(omg, list):
        paren = (item.partition("=") for item in omg)
        return {k: (v if is_ else None) for k, is_, v in paren}
    return {k: (None if v is None else str(v)) for k, v in omg.items()}


def test_check_deploy_zonder_waarschuwingen():
    env = productie_omgeving(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="jji-traject.example.org",
        CSRF_TRUSTED_ORIGINS="https://jji-traject.example.org",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    if os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["DATABASE_URL"]

    resultaat = manage("check", "--deploy", "--fail-level", "WARNING", env=env)

    assert resultaat.returncode == 0, f"stdout:\n{resultaat.stdout}\nstderr:\n{resultaat.stderr}"


def test_zonder_secret_key_een_duidelijke_regel():
    resultaat = manage("check", env=productie_omgeving(DEBUG="false"))

    assert resultaat.returncode != 0
    assert "Traceback" not in resultaat.stderr, resultaat.stderr
    regels = [r for r in resultaat.stderr.splitlines() if r.strip()]
    assert regels, "geen melding op stderr"
    assert "SECRET_KEY" in regels[-1], resultaat.stderr
    assert sum("SECRET_KEY" in r for r in regels) == 1, resultaat.stderr


def test_env_example_en_compose_noemen_alle_verplichte_variabelen():
    verplicht = omgeving.verplicht_in_productie()
    assert verplicht, "omgeving.py declareert geen verplichte variabelen"

    sleutels = env_example_sleutels()
    assert len(sleutels) == len(set(sleutels)), f"dubbele sleutels in .env.example: {sorted(sleutels)}"
    assert verplicht <= set(sleutels), f"ontbreekt in .env.example: {sorted(verplicht - set(sleutels))}"
    assert set(sleutels) <= omgeving.BEKEND, (
        f"niet gedeclareerd in omgeving.py: {sorted(set(sleutels) - omgeving.BEKEND)}"
    )
    # .env.example documents every variable, so a new one cannot be forgotten there.
    assert set(sleutels) == omgeving.BEKEND, f"ontbreekt in .env.example: {sorted(omgeving.BEKEND - set(sleutels))}"

    diensten = compose()["services"]
    for naam in APP_DIENSTEN:
        omg = omgeving_van(diensten[naam])
        assert verplicht <= omg.keys(), f"{naam}: ontbreekt in environment: {sorted(verplicht - omg.keys())}"
        assert omg.keys() <= omgeving.BEKEND, f"{naam}: niet gedeclareerd: {sorted(omg.keys() - omgeving.BEKEND)}"
        assert omg.get("DEBUG", "").lower() == "false", f"{naam}: DEBUG moet expliciet false zijn"


def test_compose_diensten_en_geen_geheime_sleutel_in_het_bestand():
    diensten = compose()["services"]
    assert {"postgres", "redis", "web", "worker", "beat"} <= diensten.keys()

    for naam, dienst in diensten.items():
        omg = omgeving_van(dienst)
        if "SECRET_KEY" in omg:
            waarde = (omg["SECRET_KEY"] or "").strip()
            assert waarde.startswith("${") and waarde.endswith("}"), f"{naam}: SECRET_KEY moet uit .env komen"
            assert ":?" in waarde, f"{naam}: SECRET_KEY hoort verplicht te zijn (${{SECRET_KEY:?...}})"

    for naam in APP_DIENSTEN:
        assert "build" in diensten[naam] or "image" in diensten[naam], naam

    commando = diensten["worker"]["command"]
    tekst = commando if isinstance(commando, str) else " ".join(str(d) for d in commando)
    assert "--max-tasks-per-child" in tekst


def test_readme_documents_every_variable():
    from jji_traject.omgeving import VARIABELEN

    readme = (REPO / "README.md").read_text()
    assert [v.naam for v in VARIABELEN if f"`{v.naam}`" not in readme] == []


def test_makemigrations_check_needs_no_secret_key():
    """Commands that only touch source files run on a bare checkout (and sign nothing)."""
    resultaat = manage("makemigrations", "--check", "--dry-run", env=productie_omgeving(DEBUG="false"))
    assert resultaat.returncode == 0, resultaat.stderr
    assert "No changes detected" in resultaat.stdout


def test_the_visibility_timeout_reaches_the_broker_and_below_one_second_stops():
    """How long Redis keeps a job of a worker that died as a whole (README, the outbox)."""
    code = "from jji_traject.celery import app; print(app.conf.broker_transport_options['visibility_timeout'])"
    gezet = manage("shell", "-c", code, env=productie_omgeving(DEBUG="true", CELERY_VISIBILITY_TIMEOUT="90"))
    assert gezet.returncode == 0, gezet.stderr
    assert gezet.stdout.strip().splitlines()[-1] == "90"
    nul = manage("check", env=productie_omgeving(DEBUG="true", CELERY_VISIBILITY_TIMEOUT="0"))
    assert nul.returncode != 0 and "Traceback" not in nul.stderr
    assert "CELERY_VISIBILITY_TIMEOUT" in nul.stderr.strip().splitlines()[-1]
