"""Secrets: with DEBUG off a short or published SECRET_KEY stops the process with one clear
line; docker-compose.yml has no default password, gives Redis a password, and reads only
declared variables (jji_traject/omgeving.py), each documented in .env.example and the
README. No database needed."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from jji_traject import omgeving

REPO = Path(__file__).resolve().parents[2]


def productie_omgeving(**extra: str) -> dict[str, str]:
    """os.environ without the app's own variables (make test sets some), plus the given ones."""
    basis = {k: v for k, v in os.environ.items() if k not in omgeving.BEKEND}
    return {**basis, "DJANGO_SETTINGS_MODULE": "jji_traject.settings", **extra}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def env_example() -> dict[str, str]:
    regels = (REPO / ".env.example").read_text(encoding="utf-8").splitlines()
    return dict(regel.split("=", 1) for regel in regels if regel.strip() and not regel.startswith("#"))


def compose() -> dict:
    return yaml.safe_load((REPO / "docker-compose.yml").read_text(encoding="utf-8"))


def omgeving_van(dienst: dict) -> dict[str, str]:
    omg = dienst.get("environment") or {}
    if isinstance(omg, list):
        return dict(item.partition("=")[::2] for item in omg)
    return {k: str(v) for k, v in omg.items()}


def start_met_sleutel(sleutel: str):
    return manage(
        "check", env=productie_omgeving(DEBUG="false", SECRET_KEY=sleutel, ALLOWED_HOSTS="jji-traject.example.org")
    )


def een_duidelijke_regel(resultaat) -> str:
    assert resultaat.returncode != 0
    assert "Traceback" not in resultaat.stderr, resultaat.stderr
    regels = [r for r in resultaat.stderr.splitlines() if r.strip()]
    assert len(regels) == 1, resultaat.stderr
    assert regels[0].startswith("jji-traject: SECRET_KEY ")
    assert "secrets.token_urlsafe" in regels[0]  # says how to make a good one
    return regels[0]


@pytest.mark.parametrize(
    "sleutel",
    [
        "abc",
        "test-12345-6789-niet-geheim",  # make test's former key
        "x" * 80,  # long, but one character
        "Kq3vN8xR2mW7pL4tY9bZ1cH6fJ0sD5gA8uE3iO7r",  # random-looking, but 40 characters
    ],
)
def test_een_korte_of_eenvoudige_sleutel_houdt_het_proces_tegen(sleutel):
    regel = een_duidelijke_regel(start_met_sleutel(sleutel))
    assert "te kort of te eenvoudig" in regel
    assert sleutel not in regel  # the key itself is not repeated in a log


@pytest.mark.parametrize(
    "sleutel", sorted(omgeving.VOORBEELD_SLEUTELS) + ["django-insecure-" + "a1B2c3D4e5F6g7H8i9J0" * 3]
)
def test_een_bekend_voorbeeld_houdt_het_proces_tegen(sleutel):
    assert "bekend voorbeeld" in een_duidelijke_regel(start_met_sleutel(sleutel))


def test_een_lange_eigen_sleutel_start_wel():
    resultaat = start_met_sleutel(secrets.token_urlsafe(50))
    assert resultaat.returncode == 0, resultaat.stderr


def test_met_debug_aan_geldt_de_regel_niet():
    """make run on a laptop: DEBUG on, its own generated key (any key is accepted there)."""
    resultaat = manage("check", env=productie_omgeving(DEBUG="true", SECRET_KEY="kort"))
    assert resultaat.returncode == 0, resultaat.stderr


def test_de_regel_zelf():
    assert omgeving.sleutel_bezwaar(secrets.token_urlsafe(38)) is None  # 51 characters
    assert omgeving.sleutel_bezwaar("a1b2c" * 10) is None  # 50, five different
    assert omgeving.sleutel_bezwaar("a1b2" * 13) is not None  # 52, four different
    assert omgeving.sleutel_bezwaar("a" * 49 + "bcde") is None
    assert omgeving.sleutel_bezwaar("abcde" * 9 + "abcd") is not None  # 49


def test_het_voorbeeld_in_env_example_is_geen_bruikbare_sleutel():
    """Whatever .env.example shows for SECRET_KEY is published: it must not start the app."""
    waarde = env_example()["SECRET_KEY"]
    assert waarde == "" or omgeving.sleutel_bezwaar(waarde) is not None


def test_make_en_docker_zetten_een_sleutel_die_de_regel_doorstaat():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    for doel in ("test", "bench", "bench-pdf"):
        recept = re.search(rf"^{re.escape(doel)}:.*?(?=^\S|\Z)", makefile, re.M | re.S).group(0)
        assert 'SECRET_KEY="$(NIEUWE_SLEUTEL)"' in recept, doel
    assert 'NIEUWE_SLEUTEL = $$($(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))")' in makefile
    assert "secrets.token_urlsafe(50)" in (REPO / "Dockerfile").read_text(encoding="utf-8")


# --- docker-compose.yml --------------------------------------------------------------------

VERWIJZING = re.compile(r"\$\{(?P<naam>[A-Z_][A-Z0-9_]*)(?P<soort>:\?|\?|:-|-)?(?P<rest>[^}]*)\}")


def teksten(knoop: object = ...) -> list[str]:
    """Every string in docker-compose.yml (keys and values, comments not), as compose reads it."""
    knoop = compose() if knoop is ... else knoop
    if knoop is None:
        return []
    if isinstance(knoop, dict):
        return [t for k, v in knoop.items() for t in [str(k), *teksten(v)]]
    if isinstance(knoop, list):
        return [t for v in knoop for t in teksten(v)]
    return [str(knoop)]


def verwijzingen() -> list[tuple[str, str | None]]:
    """Every ${VAR…} in docker-compose.yml as (name, operator)."""
    return [(m["naam"], m["soort"]) for tekst in teksten() for m in VERWIJZING.finditer(tekst)]


def test_compose_leest_alleen_gedeclareerde_variabelen():
    namen = {naam for naam, _ in verwijzingen()}
    assert namen <= omgeving.BEKEND, sorted(namen - omgeving.BEKEND)


def test_wat_productie_nodig_heeft_is_in_compose_verplicht_en_zonder_standaardwaarde():
    verplicht = omgeving.verplicht_voor_compose()
    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "POSTGRES_PASSWORD", "REDIS_PASSWORD"} <= verplicht
    gebruikt: dict[str, set] = {}
    for naam, soort in verwijzingen():
        gebruikt.setdefault(naam, set()).add(soort)
    for naam in verplicht:
        assert naam in gebruikt, f"{naam} staat niet in docker-compose.yml"
        assert gebruikt[naam] == {":?"}, f"{naam}: altijd ${{{naam}:?…}}, nooit een standaardwaarde"


def test_compose_bevat_geen_wachtwoord():
    tekst = "\n".join(teksten())
    assert "jji-traject-intern" not in tekst  # the former default password
    # A URL with a password (a placeholder such as <POSTGRES_PASSWORD> in a message is fine).
    assert not re.search(r"postgres(ql)?://[^$\s]*:[^$@\s<]+@", tekst), "een wachtwoord in een database-URL"
    assert not re.search(r"redis://[^$\s]*:[^$@\s<]+@", tekst), "een wachtwoord in een Redis-URL"
    for naam, dienst in compose()["services"].items():
        for sleutel, waarde in omgeving_van(dienst).items():
            if re.search("PASSWORD|SECRET|AUTH", sleutel):
                # From .env: required (``${X:?…}``), or optional with an empty default
                # (``${X:-}``, e.g. SSO_CLIENT_SECRET while single sign-on is off); never a value.
                assert re.fullmatch(r"\$\{[A-Z_]+(:\?.*|:-)\}", waarde or ""), f"{naam}: {sleutel} moet uit .env komen"


def test_redis_vraagt_een_wachtwoord_en_de_gezondheidscontrole_ook():
    redis = compose()["services"]["redis"]
    commando = " ".join(redis["command"]) if isinstance(redis["command"], list) else redis["command"]
    assert "--requirepass ${REDIS_PASSWORD:?" in commando
    assert omgeving_van(redis)["REDISCLI_AUTH"].startswith("${REDIS_PASSWORD:?")
    controle = " ".join(redis["healthcheck"]["test"])
    assert "PONG" in controle  # without the password redis-cli ping exits 0 with NOAUTH
    postgres = compose()["services"]["postgres"]
    assert omgeving_van(postgres)["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD:?")


def test_de_compose_variabelen_staan_in_env_example_leeg_en_in_de_readme():
    waarden = env_example()
    compose_variabelen = {v.naam for v in omgeving.VARIABELEN if v.alleen_compose}
    assert compose_variabelen == {"POSTGRES_PASSWORD", "REDIS_PASSWORD"}
    assert compose_variabelen <= waarden.keys()
    for naam in ("SECRET_KEY", "POSTGRES_PASSWORD", "REDIS_PASSWORD", "DATABASE_URL", "REDIS_URL"):
        assert waarden[naam] == "", f".env.example: {naam} hoort leeg te zijn (geen voorbeeldgeheim)"
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for naam in compose_variabelen:
        assert f"`{naam}`" in readme


def test_de_app_leest_geen_compose_variabele():
    with pytest.raises(KeyError):
        omgeving.waarde("POSTGRES_PASSWORD", default="")
    for dienst in ("web", "worker", "beat"):
        omg = omgeving_van(compose()["services"][dienst])
        assert not {"POSTGRES_PASSWORD", "REDIS_PASSWORD"} & omg.keys(), dienst
