"""Every environment variable the application reads, in one place.

Settings read configuration only through :func:`waarde`; the declarations below are also
what ``.env.example`` and ``docker-compose.yml`` are tested against, so a variable that
production needs cannot be forgotten in either.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

import environ

env = environ.Env()


@dataclass(frozen=True)
class Variabele:
    naam: str
    uitleg: str
    verplicht_in_productie: bool = False


VARIABELEN: tuple[Variabele, ...] = (
    Variabele("DEBUG", "Ontwikkelmodus; nooit aan in productie. Standaard uit."),
    Variabele("SECRET_KEY", "Geheime sleutel van Django; verplicht zodra DEBUG uit staat.", True),
    Variabele("ALLOWED_HOSTS", "Komma-gescheiden hostnamen waarop de app antwoordt.", True),
    Variabele(
        "CSRF_TRUSTED_ORIGINS",
        "Komma-gescheiden origins (https://…) voor formulieren achter een proxy.",
        True,
    ),
    Variabele("DATABASE_URL", "PostgreSQL, bv. postgres://user:pw@host:5432/db. Leeg: SQLite in var/.", True),
    Variabele("REDIS_URL", "Redis voor Celery, bv. redis://redis:6379/0. Leeg: taken draaien direct.", True),
    Variabele("DEMO_PASSWORD", "Wachtwoord van de demogebruikers van manage.py demo_data."),
    Variabele("SECURE_SSL_REDIRECT", "Stuur http door naar https (standaard aan als DEBUG uit is)."),
    Variabele("SECURE_HSTS_SECONDS", "HSTS-duur in seconden (standaard 31536000 als DEBUG uit is)."),
    Variabele("SECURE_PROXY_SSL_HEADER", "Zet op 'true' achter een proxy die X-Forwarded-Proto zet."),
    Variabele("EMAIL_URL", "SMTP-server voor herinneringen, bv. smtp://host:25. Leeg: console."),
    Variabele("DEFAULT_FROM_EMAIL", "Afzender van e-mail van de app."),
    Variabele("LOG_LEVEL", "Niveau van de applicatielog (standaard INFO)."),
    Variabele("CELERY_TASK_ALWAYS_EAGER", "Forceer taken direct uitvoeren, ook met REDIS_URL (tests)."),
    Variabele("UIT_BEELD_DAGEN", "Traject in uitstroom zonder contact in zoveel dagen: 'uit beeld' (standaard 21)."),
    Variabele("HERINNERING_DAGEN", "Herinner aan taken die binnen zoveel dagen verlopen (standaard 3)."),
    Variabele("SITE_URL", "Adres van de app voor links in e-mail, bv. https://jji-traject.example.org."),
    Variabele("API_LIMIET", "Aantal API-verzoeken per token, bv. 600/min (standaard)."),
    Variabele("API_TOKEN_DAGEN", "Geldigheid van een nieuw API-token in dagen (standaard 90)."),
    Variabele("OVERDRACHT_BEWAARDAGEN", "Na zoveel dagen wordt een overdrachtsdocument verwijderd (standaard 7)."),
    Variabele(
        "CELERY_MAX_TASKS_PER_CHILD",
        "Een Celery-werkproces wordt na zoveel taken vervangen (WeasyPrint geeft geheugen pas dan vrij; standaard 50).",
    ),
    Variabele("SESSIE_INACTIEF_MINUTEN", "Uitloggen na zoveel minuten zonder activiteit (standaard 30)."),
    Variabele("SESSIE_MAX_UREN", "Uitloggen na zoveel uur na het inloggen, ook bij activiteit (standaard 8)."),
    Variabele(
        "PROXY_AANTAL",
        "Aantal proxies vóór de app die X-Forwarded-For aanvullen; het adres daarvóór telt bij het "
        "blokkeren van inlogpogingen (standaard 0: het adres van de verbinding zelf).",
    ),
)

BEKEND = {v.naam for v in VARIABELEN}


def verplicht_in_productie() -> set[str]:
    return {v.naam for v in VARIABELEN if v.verplicht_in_productie}


def waarde(naam: str, cast=str, default=environ.Env.NOTSET):
    """Read one declared variable; reading an undeclared name is a programming error."""
    if naam not in BEKEND:
        raise KeyError(f"{naam} is not declared in jji_traject.omgeving.VARIABELEN")
    if cast is bool:
        return env.bool(naam, default=default)
    if cast is int:
        return env.int(naam, default=default)
    if cast is list:
        return env.list(naam, default=default)
    return env.str(naam, default=default)


def stop(melding: str) -> None:
    """Stop the process with one clear line (no traceback) for a configuration error."""
    sys.stderr.write(f"jji-traject: {melding}\n")
    raise SystemExit(2)
