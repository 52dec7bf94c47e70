"""Every environment variable the application reads, in one place.

Settings read configuration only through :func:`waarde`; the declarations below are also
what ``.env.example`` and ``docker-compose.yml`` are tested against, so a variable that
production needs cannot be forgotten in either.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from urllib.parse import urlsplit

import environ

env = environ.Env()


@dataclass(frozen=True)
class Variabele:
    """One environment variable. ``alleen_compose``: read by docker-compose.yml to configure
    its PostgreSQL and Redis services, never by the app (:func:`waarde` refuses it)."""

    naam: str
    uitleg: str
    verplicht_in_productie: bool = False
    alleen_compose: bool = False


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
    Variabele(
        "REDIS_URL",
        "Redis voor Celery en de cache, met wachtwoord, bv. redis://:pw@redis:6379/0. Leeg: taken draaien direct.",
        True,
    ),
    Variabele(
        "POSTGRES_PASSWORD",
        "Alleen docker compose: wachtwoord van de superuser van de PostgreSQL-dienst (alleen de init-stap).",
        True,
        alleen_compose=True,
    ),
    Variabele(
        "REDIS_PASSWORD",
        "Alleen docker compose: wachtwoord van de Redis-dienst (requirepass; hetzelfde als in REDIS_URL).",
        True,
        alleen_compose=True,
    ),
    Variabele(
        "DB_WACHTWOORD_EIGENAAR",
        "Alleen voor manage.py db_rollen: wachtwoord van de databaserol jji_eigenaar (eigenaar van de tabellen, "
        "draait de migraties). Nooit in de omgeving van web, worker of beat.",
    ),
    Variabele(
        "DB_WACHTWOORD_APP",
        "Alleen voor manage.py db_rollen: wachtwoord van de databaserol jji_app (web, worker en beat; "
        "hetzelfde als in DATABASE_URL van de app).",
    ),
    Variabele(
        "DB_WACHTWOORD_BEWAARTERMIJN",
        "Alleen voor manage.py db_rollen, optioneel: wachtwoord van de databaserol jji_bewaartermijn. "
        "Leeg (standaard): die rol kan niet inloggen; de app roept de opschoonfuncties aan.",
    ),
    Variabele("DEMO_PASSWORD", "Wachtwoord van de demogebruikers van manage.py demo_data."),
    Variabele("SECURE_SSL_REDIRECT", "Stuur http door naar https (standaard aan als DEBUG uit is)."),
    Variabele("SECURE_HSTS_SECONDS", "HSTS-duur in seconden (standaard 31536000 als DEBUG uit is)."),
    Variabele("SECURE_PROXY_SSL_HEADER", "Zet op 'true' achter een proxy die X-Forwarded-Proto zet."),
    Variabele("EMAIL_URL", "SMTP-server voor herinneringen, bv. smtp://host:25. Leeg: console."),
    Variabele("DEFAULT_FROM_EMAIL", "Afzender van e-mail van de app."),
    Variabele("LOG_LEVEL", "Niveau van de applicatielog (standaard INFO)."),
    Variabele("CELERY_TASK_ALWAYS_EAGER", "Forceer taken direct uitvoeren, ook met REDIS_URL (tests)."),
    Variabele("UIT_BEELD_DAGEN", "Traject in uitstroom zonder contact in zoveel dagen: 'uit beeld' (standaard 21)."),
    Variabele(
        "ONDERBROKEN_DAGEN",
        "Schoolloopbaan onderbroken: meer dan zoveel dagen zonder onderwijs in het eerste jaar (standaard 28).",
    ),
    Variabele("HERINNERING_DAGEN", "Herinner aan taken die binnen zoveel dagen verlopen (standaard 3)."),
    Variabele("SITE_URL", "Adres van de app voor links in e-mail, bv. https://jji-traject.example.org."),
    Variabele("API_LIMIET", "Aantal API-verzoeken per token, bv. 600/min (standaard)."),
    Variabele("PAGINA_LIMIET", "Aantal pagina's per persoon, bv. 600/min (standaard); daarboven een 429-pagina."),
    Variabele("API_TOKEN_DAGEN", "Geldigheid van een nieuw API-token in dagen (standaard 90)."),
    Variabele("OVERDRACHT_BEWAARDAGEN", "Na zoveel dagen wordt een overdrachtsdocument verwijderd (standaard 7)."),
    Variabele(
        "CELERY_MAX_TASKS_PER_CHILD",
        "Een Celery-werkproces wordt na zoveel taken vervangen (WeasyPrint geeft geheugen pas dan vrij; standaard 50).",
    ),
    Variabele(
        "CELERY_VISIBILITY_TIMEOUT",
        "Seconden waarna Redis een taak van een weggevallen worker aan een andere geeft (standaard 3600); "
        "langer dan de langste taak plus de langste wachttijd voor een nieuwe poging.",
    ),
    Variabele("SESSIE_INACTIEF_MINUTEN", "Uitloggen na zoveel minuten zonder activiteit (standaard 30)."),
    Variabele("SESSIE_MAX_UREN", "Uitloggen na zoveel uur na het inloggen, ook bij activiteit (standaard 8)."),
    Variabele(
        "BEWAARTERMIJN_JAREN",
        "Zoveel jaar bewaren het accountlog en het log van logonderzoeken een regel, en minstens zo lang het "
        "raadplegingenlog (standaard en minimaal 5).",
    ),
    Variabele(
        "BEWAAR_SIGNALEN_DAGEN",
        "Standaard bewaarschema: een signaal voor veiligheid wordt zoveel dagen na de einddatum gewist (30).",
    ),
    Variabele(
        "BEWAAR_DOSSIER_MAANDEN",
        "Standaard bewaarschema: de dossierdelen worden zoveel maanden na het afsluiten gewist (12).",
    ),
    Variabele(
        "BEWAAR_PSEUDONIMISEREN_MAANDEN",
        "Standaard bewaarschema: een traject wordt zoveel maanden na het afsluiten gepseudonimiseerd (24).",
    ),
    Variabele(
        "BEWAAR_RAADPLEGINGEN_JAREN",
        "Standaard bewaarschema: zoveel jaar blijft een raadpleging bewaard (standaard en minimaal 5).",
    ),
    Variabele(
        "TWEE_FACTOR",
        "Tweede factor bij het inloggen: 'verplicht' (standaard; voor iedereen met een wachtwoord) of 'uit' "
        "(alleen om lokaal rond te kijken).",
    ),
    Variabele(
        "PROXY_AANTAL",
        "Aantal proxies vóór de app die X-Forwarded-For aanvullen; het adres daarvóór telt bij het "
        "blokkeren van inlogpogingen (standaard 0: het adres van de verbinding zelf).",
    ),
    Variabele(
        "SSO_ISSUER",
        "Single sign-on (OpenID Connect): de issuer van de inlogdienst, bv. https://login.example.org/realms/regio. "
        "Leeg (standaard): geen single sign-on.",
    ),
    Variabele("SSO_CLIENT_ID", "Single sign-on: de client id van deze app bij de inlogdienst."),
    Variabele("SSO_CLIENT_SECRET", "Single sign-on: het client secret van deze app bij de inlogdienst (geheim)."),
    Variabele("SSO_NAAM", "Single sign-on: naam op de knop 'Inloggen via …' (standaard 'je organisatie')."),
    Variabele(
        "SSO_MFA_ACR",
        "Single sign-on: komma-gescheiden acr-waarden die tellen als tweede factor bij de inlogdienst. "
        "Leeg (standaard): nooit, de app vraagt dan zelf de tweede factor.",
    ),
    Variabele(
        "SSO_MFA_AMR",
        "Single sign-on: komma-gescheiden amr-waarden (bv. mfa) die tellen als tweede factor bij de inlogdienst. "
        "Leeg (standaard): nooit.",
    ),
)

BEKEND = {v.naam for v in VARIABELEN}
VAN_DE_APP = {v.naam for v in VARIABELEN if not v.alleen_compose}

# Keys that have been published (in this repository, its history or its documentation):
# known to anyone, so never a secret, however long.
VOORBEELD_SLEUTELS = frozenset(
    {
        "lokaal-onveilig-alleen-voor-debug",  # the fallback with DEBUG on
        "alleen-voor-collectstatic-tijdens-de-build",  # the Dockerfile's former build key
        "bench",  # the former key of make bench and make bench-pdf
    }
)
MINIMALE_SLEUTELLENGTE = 50
MAAK_SLEUTEL = 'python3 -c "import secrets; print(secrets.token_urlsafe(64))"'


def verplicht_in_productie() -> set[str]:
    """What the app's services need in production (the app's own variables)."""
    return {v.naam for v in VARIABELEN if v.verplicht_in_productie and not v.alleen_compose}


def verplicht_voor_compose() -> set[str]:
    """What docker-compose.yml must refuse to start without (``${NAAM:?…}``, no default)."""
    return {v.naam for v in VARIABELEN if v.verplicht_in_productie}


def sleutel_bezwaar(sleutel: str) -> str | None:
    """Why a SECRET_KEY may not be used in production (one line), or ``None``. The rules
    of Django's own deploy check (security.W009), as a hard stop: at least 50 characters,
    at least 5 different ones, not Django's ``django-insecure-`` key, not a published one."""
    if sleutel in VOORBEELD_SLEUTELS or sleutel.startswith("django-insecure-"):
        return f"SECRET_KEY is een bekend voorbeeld en dus niet geheim: maak een eigen sleutel met {MAAK_SLEUTEL}"
    if len(sleutel) < MINIMALE_SLEUTELLENGTE or len(set(sleutel)) < 5:
        return (
            f"SECRET_KEY is te kort of te eenvoudig ({len(sleutel)} tekens, minimaal {MINIMALE_SLEUTELLENGTE}): "
            f"maak een sleutel met {MAAK_SLEUTEL}"
        )
    return None


def waarde(naam: str, cast=str, default=environ.Env.NOTSET):
    """Read one declared variable; reading an undeclared name is a programming error."""
    if naam not in VAN_DE_APP:
        raise KeyError(f"{naam} is not declared in jji_traject.omgeving.VARIABELEN as a variable of the app")
    if cast is bool:
        return env.bool(naam, default=default)
    if cast is int:
        return env.int(naam, default=default)
    if cast is list:
        return env.list(naam, default=default)
    return env.str(naam, default=default)


def sso_bezwaar(issuer: str, client_id: str, client_secret: str) -> str | None:
    """Why single sign-on cannot start with this configuration (one line), or ``None``: an
    issuer needs a client id and secret, and https (http only for a provider on this machine,
    for trying it out)."""
    if not issuer:
        return None
    if not client_id or not client_secret:
        return "SSO_ISSUER is gezet: zet ook SSO_CLIENT_ID en SSO_CLIENT_SECRET (of maak SSO_ISSUER leeg)."
    deel = urlsplit(issuer)
    lokaal = deel.scheme == "http" and deel.hostname in ("localhost", "127.0.0.1", "::1")
    if not deel.hostname or (deel.scheme != "https" and not lokaal) or deel.query or deel.fragment:
        return f"SSO_ISSUER moet een https-adres zijn zonder ?… of #…, zoals de inlogdienst het noemt, niet {issuer!r}."
    return None


def herkomst(url: str) -> str:
    """The origin (scheme://host[:port]) of a URL, for the Content-Security-Policy."""
    deel = urlsplit(url)
    return f"{deel.scheme}://{deel.netloc}"


def stop(melding: str) -> None:
    """Stop the process with one clear line (no traceback) for a configuration error."""
    sys.stderr.write(f"jji-traject: {melding}\n")
    raise SystemExit(2)


BEWAAR_VARIABELEN = (
    "BEWAAR_SIGNALEN_DAGEN",
    "BEWAAR_DOSSIER_MAANDEN",
    "BEWAAR_PSEUDONIMISEREN_MAANDEN",
    "BEWAAR_RAADPLEGINGEN_JAREN",
)


def bewaartermijnen() -> tuple[int, dict[str, int]]:
    """``BEWAARTERMIJN_JAREN`` (the logs) and the default retention schedule from the
    ``BEWAAR_*`` variables. Stops on years below the database's floor of five, periods below 1,
    or pseudonymising before erasing."""
    jaren = waarde("BEWAARTERMIJN_JAREN", int, default=5)
    if jaren < 5:
        stop("BEWAARTERMIJN_JAREN moet minstens 5 zijn (de bodem van de bewaartermijn in de database).")
    termijnen = {
        "signalen_dagen": waarde("BEWAAR_SIGNALEN_DAGEN", int, default=30),  # after the signaal's end date
        "dossier_maanden": waarde("BEWAAR_DOSSIER_MAANDEN", int, default=12),  # after the traject closes
        "pseudonimiseren_maanden": waarde("BEWAAR_PSEUDONIMISEREN_MAANDEN", int, default=24),  # after closing
        "raadplegingen_jaren": waarde("BEWAAR_RAADPLEGINGEN_JAREN", int, default=5),
    }
    for sleutel, variabele in zip(termijnen, BEWAAR_VARIABELEN, strict=True):
        if termijnen[sleutel] < 1:
            stop(f"{variabele} moet minstens 1 zijn (0 of minder is geen bewaartermijn).")
    if termijnen["raadplegingen_jaren"] < 5:
        stop("BEWAAR_RAADPLEGINGEN_JAREN moet minstens 5 zijn (de bodem van de bewaartermijn in de database).")
    if termijnen["pseudonimiseren_maanden"] < termijnen["dossier_maanden"]:
        stop("BEWAAR_PSEUDONIMISEREN_MAANDEN mag niet korter zijn dan BEWAAR_DOSSIER_MAANDEN.")
    return jaren, termijnen


def database(var_dir) -> dict:
    """The default database: ``DATABASE_URL``, or SQLite in ``var_dir`` when it is empty. On
    PostgreSQL voorbereid's prepared statements are planned once, not anew on every run
    (README, *Queries compiled once*); a deployment's own ``plan_cache_mode`` in the URL's
    options is kept."""
    if not waarde("DATABASE_URL", default=""):
        var_dir.mkdir(exist_ok=True)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": var_dir / "jji-traject.sqlite3",
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"},
        }
    instelling = env.db_url("DATABASE_URL")
    instelling.setdefault("CONN_MAX_AGE", 60)
    instelling["CONN_HEALTH_CHECKS"] = True
    opties = instelling.setdefault("OPTIONS", {})
    if instelling["ENGINE"] == "django.db.backends.postgresql" and "plan_cache_mode" not in opties.get("options", ""):
        opties["options"] = f"{opties.get('options', '')} -c plan_cache_mode=force_generic_plan".strip()
    return instelling
