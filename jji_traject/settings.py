"""Settings of jji-traject, read from environment variables only (see ``omgeving.py``).

Without ``DATABASE_URL`` the app runs on SQLite under ``var/``; without ``REDIS_URL``
Celery runs every task eagerly in the web process. With ``DEBUG`` off a ``SECRET_KEY`` is
required and the secure defaults of ``check --deploy`` apply.
"""

import secrets
import sys
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from . import planning
from .omgeving import bewaartermijnen, database, env, sleutel_bezwaar, stop, waarde

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = waarde("DEBUG", bool, default=False)

# Commands that only read or write source files need no key: they never serve a request
# and sign nothing (so `makemigrations --check` runs on a bare checkout).
ZONDER_SLEUTEL = {"makemigrations", "makemessages", "compilemessages"}

ALLEEN_BRONBESTANDEN = len(sys.argv) > 1 and Path(sys.argv[0]).name == "manage.py" and sys.argv[1] in ZONDER_SLEUTEL

SECRET_KEY = waarde("SECRET_KEY", default="")
if not SECRET_KEY:
    if ALLEEN_BRONBESTANDEN:
        SECRET_KEY = secrets.token_urlsafe(50)  # thrown away when the command ends
    elif not DEBUG:
        stop("SECRET_KEY ontbreekt: zet de omgevingsvariabele SECRET_KEY (of DEBUG=true voor lokaal gebruik).")
    else:
        # Only reachable with DEBUG on (make run generates a key anyway).
        SECRET_KEY = "lokaal-onveilig-alleen-voor-debug"  # noqa: S105
elif not DEBUG and not ALLEEN_BRONBESTANDEN and (bezwaar := sleutel_bezwaar(SECRET_KEY)):
    # A short or published key lets anyone forge sessions, password reset links and signed
    # values: the process does not start with one.
    stop(bezwaar)

ALLOWED_HOSTS = waarde("ALLOWED_HOSTS", list, default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = waarde("CSRF_TRUSTED_ORIGINS", list, default=[])

INSTALLED_APPS = [
    "jji_traject",  # plumbing: the security log's signal receivers (apps.py)
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",
    "django_filters",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "netwerk",
    "trajecten",
    "toegang",
    "dossier",
    "beslismodel",
    "overdracht",
    "signalering",
    "monitor",
    "bewaren",
    "api",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "jji_traject.middleware.VerzoekIdMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "jji_traject.middleware.TaalMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "jji_traject.middleware.SessieMiddleware",
    "jji_traject.middleware.PaginaLimietMiddleware",
    # After the session limits: a person half signed in (password only) reaches only the step
    # of the second factor (netwerk.tweefactor).
    "netwerk.middleware.TweeFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "jji_traject.middleware.GeenCacheMiddleware",
    # Last, as django-axes asks: turns a refused sign-in into the login page with the message.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "jji_traject.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "netwerk.context_processors.medewerker",
                "signalering.context_processors.meldingen",
            ],
        },
    },
]

WSGI_APPLICATION = "jji_traject.wsgi.application"

# --- Database -------------------------------------------------------------------------
DATABASES = {"default": database(VAR_DIR)}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
SILENCED_SYSTEM_CHECKS = ["models.W040"] if "sqlite" in DATABASES["default"]["ENGINE"] else []  # SQLite: no INCLUDE

# --- Authentication ---------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    # First: refuses a sign-in during a cooldown before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "jji_traject.machtigingen.ModelBackendEenQuery",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"
# A reset link works once (the password's hash is in it) and for one hour.
PASSWORD_RESET_TIMEOUT = 60 * 60

# Sessions (jji_traject.middleware.SessieMiddleware): signed out after this many idle minutes,
# and this many hours after signing in whatever happens.
SESSIE_INACTIEF_MINUTEN = waarde("SESSIE_INACTIEF_MINUTEN", int, default=30)
SESSIE_MAX_UREN = waarde("SESSIE_MAX_UREN", int, default=8)
if SESSIE_INACTIEF_MINUTEN < 1 or SESSIE_MAX_UREN < 1:
    stop("SESSIE_INACTIEF_MINUTEN en SESSIE_MAX_UREN moeten minstens 1 zijn.")
SESSION_COOKIE_AGE = 60 * 60 * SESSIE_MAX_UREN  # the stored session never outlives the absolute limit
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ENGINE = "jji_traject.sessies"  # read from the cache, kept in the database

# Throttled sign-in (django-axes, on the database; the rules in jji_traject/inloggen.py).
# One username from one address: AXES_FAILURE_LIMIT failures, then a cooldown that grows with
# every further failure (INLOG_AFKOELING_MINUTEN); one address alone: INLOG_DREMPEL_ADRES
# failures within INLOG_ADRES_VENSTER (a whole college signs in from behind one NAT address).
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
INLOG_AFKOELING_MINUTEN = (5, 15, 60)
INLOG_DREMPEL_ADRES = 100
INLOG_ADRES_VENSTER = timedelta(hours=1)
# How long failures are remembered after the last one (so a cooldown can grow).
AXES_COOLOFF_TIME = timedelta(hours=24)
AXES_HANDLER = "jji_traject.inloggen.Inlogbewaking"
AXES_CLIENT_IP_CALLABLE = "jji_traject.inloggen.client_ip"
AXES_USERNAME_CALLABLE = "jji_traject.inloggen.gebruikersnaam_van"
AXES_LOCKOUT_CALLABLE = "jji_traject.views.geblokkeerd"
# A sign-in that succeeds (after a cooldown) forgets that username's failures from that address.
AXES_RESET_ON_SUCCESS = True
# A try during a cooldown is refused without counting: it neither lengthens nor grows the cooldown.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# No table of every sign-in (it would grow without a retention rule), and the lockouts are lifted
# on the app's own page (on record), not in the stock admin.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False
PROXY_AANTAL = waarde("PROXY_AANTAL", int, default=0)

# The second factor (django-otp: TOTP with one-time backup codes, WebAuthn). "verplicht": every
# person who signs in with a password completes it before any other page (netwerk.middleware);
# "uit" only for looking around locally (make run's default). System accounts use API tokens.
TWEE_FACTOR = waarde("TWEE_FACTOR", default="verplicht")
if TWEE_FACTOR not in ("verplicht", "uit"):
    stop(f"TWEE_FACTOR moet 'verplicht' of 'uit' zijn, niet {TWEE_FACTOR!r}.")
OTP_TOTP_ISSUER = "jji-traject"
OTP_TOTP_TOLERANCE = 1  # one step of 30 s either way (clocks of phones drift)
# Wrong codes are throttled by django-axes like wrong passwords (jji_traject.inloggen), one
# policy for both steps; django-otp's own per-device delay would refuse a right code typed
# within seconds of a typo.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
RESERVECODES_AANTAL = 10
# Messages can name a young person: keep them server-side, not in a (readable) cookie.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# django-guardian: no anonymous user with permissions; object permissions only.
ANONYMOUS_USER_NAME = None
GUARDIAN_MONKEY_PATCH_USER = False
GUARDIAN_MONKEY_PATCH_GROUP = False

# django-simple-history: history views need the history model permissions (not only view).
SIMPLE_HISTORY_ENFORCE_HISTORY_MODEL_PERMISSIONS = True

# --- Internationalisation ---------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- Security ---------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = waarde("SECURE_SSL_REDIRECT", bool, default=True)
    SECURE_HSTS_SECONDS = waarde("SECURE_HSTS_SECONDS", int, default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = False  # preloading is a decision for the hosting party, not the app
    SILENCED_SYSTEM_CHECKS += ["security.W021"]  # HSTS preload is off: deliberate, see the line above
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if waarde("SECURE_PROXY_SSL_HEADER", bool, default=False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy (django-csp): only the app's own files, nothing inline. Templates
# carry no <script> body, no <style> element and no style="" attribute (a test scans the
# pages of the journeys); htmx is told not to inject its indicator <style> and not to eval
# (the htmx-config meta tag in base.html). No data: images: QR codes are inline SVG.
# One view has its own, wider policy: the API's Swagger UI (api/documentatie.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "frame-src": [NONE],
        "worker-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Permissions-Policy (django-permissions-policy): the app uses none of the browser's
# powerful features, so each is off for the page and anything it might embed. Two stay
# open for the app itself: WebAuthn (signing in with a security key) and writing to the
# clipboard (Swagger UI's copy button).
PERMISSIONS_POLICY = {
    **dict.fromkeys(
        (
            "accelerometer",
            "autoplay",
            "browsing-topics",
            "camera",
            "clipboard-read",
            "display-capture",
            "encrypted-media",
            "fullscreen",
            "gamepad",
            "geolocation",
            "gyroscope",
            "hid",
            "idle-detection",
            "local-fonts",
            "magnetometer",
            "microphone",
            "midi",
            "otp-credentials",
            "payment",
            "picture-in-picture",
            "screen-wake-lock",
            "serial",
            "usb",
            "window-management",
            "xr-spatial-tracking",
        ),
        [],
    ),
    "clipboard-write": "self",
    "publickey-credentials-create": "self",
    "publickey-credentials-get": "self",
}

# --- E-mail -----------------------------------------------------------------------------
if waarde("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Neutral by default: the sender's name must not tell a mailbox reader about a JJI.
DEFAULT_FROM_EMAIL = waarde("DEFAULT_FROM_EMAIL", default="noreply@localhost")

# --- Celery -----------------------------------------------------------------------------
REDIS_URL = waarde("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ALWAYS_EAGER = waarde("CELERY_TASK_ALWAYS_EAGER", bool, default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
# A Redis outage must not hang a page that enqueues work.
CELERY_BROKER_CONNECTION_TIMEOUT = 3
# A job of a worker that died as a whole comes back after CELERY_VISIBILITY_TIMEOUT seconds
# (README, "Outbox"); it must exceed the longest job. Not a CELERY_ name: Celery reads those.
_zichtbaar = waarde("CELERY_VISIBILITY_TIMEOUT", int, default=3600)
if _zichtbaar < 1:
    stop("CELERY_VISIBILITY_TIMEOUT moet een aantal seconden van minstens 1 zijn.")
CELERY_BROKER_TRANSPORT_OPTIONS = dict(
    socket_timeout=3, socket_connect_timeout=3, max_retries=2, visibility_timeout=_zichtbaar
)
CELERY_BEAT_SCHEDULE = planning.TAKEN

# Refusals of one person in an hour that tell their verbindingsofficier and beheerders (misuse?).
WEIGERINGEN_STORM = 100
# Pages per person on the shared cache (the API has API_LIMIET); a 429 page beyond it.
PAGINA_LIMIET = waarde("PAGINA_LIMIET", default="600/min")
_aantal, _schuin, _periode = PAGINA_LIMIET.partition("/")
if not (_aantal.isdigit() and int(_aantal) > 0 and _periode.strip().lower() in ("s", "sec", "m", "min", "h", "uur")):
    stop(f"PAGINA_LIMIET moet zijn als 600/min (aantal/s, /min of /h), niet {PAGINA_LIMIET!r}.")

# Years the account log and the log searches keep a row (the raadplegingen at least as long),
# and a regio's default retention schedule (README "Bewaartermijnen"); both checked against the
# database's floor of five years (jji_traject.omgeving.bewaartermijnen).
BEWAARTERMIJN_JAREN, BEWAARTERMIJNEN = bewaartermijnen()

# --- Logging: never category content, only ids and events --------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "kort": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "jji_traject.beveiliging.JsonRegel"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "kort"},
        "beveiliging": {"class": "logging.StreamHandler", "formatter": "json"},
    },
    "root": {"handlers": ["console"], "level": waarde("LOG_LEVEL", default="INFO")},
    "loggers": {
        # The security log (jji_traject/beveiliging.py): one JSON line per event for a SIEM,
        # always at INFO whatever LOG_LEVEL says, and not repeated by the root handler.
        "jji_traject.beveiliging": {"handlers": ["beveiliging"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint logs every rendering step at INFO (and fontTools every font it subsets).
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # django-axes masks the username in its lines; jji_traject.inloggen logs failures and lockouts.
        "axes": {"level": "ERROR"},
    },
}

# --- Signalering: reminders, "uit beeld" and the interrupted school career -----------------
UIT_BEELD_DAGEN = waarde("UIT_BEELD_DAGEN", int, default=21)
HERINNERING_DAGEN = waarde("HERINNERING_DAGEN", int, default=3)
ONDERBROKEN_DAGEN = waarde("ONDERBROKEN_DAGEN", int, default=28)  # schoolloopbaan onderbroken: dossier.regels
SITE_URL = (waarde("SITE_URL", default="") or "http://127.0.0.1:8000").rstrip("/")

# WebAuthn (passkeys, security keys) through django-otp-webauthn: the relying party is the
# host of SITE_URL; a passkey works only on that origin. Browsers refuse an IP address as
# relying party: locally (http://127.0.0.1:8000) passkeys work at http://localhost:8000.
# A passkey is a second factor after the password here, never a way in by itself.
_SITE = urlsplit(SITE_URL)
_LOKAAL = _SITE.hostname in ("127.0.0.1", "::1", "localhost")
OTP_WEBAUTHN_RP_ID = "localhost" if _LOKAAL else (_SITE.hostname or "localhost")
OTP_WEBAUTHN_RP_NAME = "jji-traject"
OTP_WEBAUTHN_ALLOWED_ORIGINS = [
    f"http://localhost:{_SITE.port}" if _LOKAAL and _SITE.port else f"{_SITE.scheme}://{_SITE.netloc}"
]
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False

# --- Cache: shared by every web container (the API's throttling counts per token) ------------
CACHES = (
    {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "jji"}}
    if REDIS_URL
    else {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
)

# --- API for partner systems -----------------------------------------------------------------
API_LIMIET = waarde("API_LIMIET", default="600/min")  # requests per token (or session)
API_TOKEN_DAGEN = waarde("API_TOKEN_DAGEN", int, default=90)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.aanmelding.TokenAanmelding",  # knox: hashed, expiring, revocable tokens
        "api.aanmelding.SessieAanmelding",  # the browser, with CSRF, after the second factor
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": ["api.fouten.BegrensdeJSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_THROTTLE_CLASSES": ["api.fouten.PerToken"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.fouten.uitzondering",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
REST_KNOX = {"TOKEN_TTL": None, "AUTO_REFRESH": False}  # the expiry is set per token (create_api_token)
SPECTACULAR_SETTINGS = {
    "TITLE": "jji-traject API",
    "DESCRIPTION": (
        "Voor de systemen van partners: dezelfde toegangsregels en dezelfde raadplegingen als de pagina's. "
        "Authenticatie: `Authorization: Token <token>` (manage.py create_api_token)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "TaakStatusEnum": "trajecten.constants.TaakStatus",
        "BeslismodelStatusEnum": "beslismodel.constants.Status",
        "OverlegSoortEnum": "trajecten.constants.OverlegSoort",
        "CategorieEnum": "trajecten.constants.Onderwerp",  # what a grondslag opens (kennisgeving or a part)
        "DossierdeelEnum": [("onderwijsinformatie",) * 2, ("begeleidingsbehoefte",) * 2, ("veiligheidssignalen",) * 2],
    },
}

# --- Overdrachtsdocument -------------------------------------------------------------------
OVERDRACHT_BEWAARDAGEN = waarde("OVERDRACHT_BEWAARDAGEN", int, default=7)
# WeasyPrint returns memory only when its process ends: a worker is replaced after this many tasks.
CELERY_WORKER_MAX_TASKS_PER_CHILD = waarde("CELERY_MAX_TASKS_PER_CHILD", int, default=50)

DEMO_PASSWORD = waarde("DEMO_PASSWORD", default="jji-demo-2026")  # demo_data's accounts (make run)

# --- Single sign-on (OpenID Connect, netwerk.sso), optional per deployment ------------------
# One provider per deployment (often a broker); off while SSO_ISSUER is empty. Its endpoints
# come from its discovery document when single sign-on is first used, never here. The backend
# finds people by (issuer, subject) and never creates one (see netwerk/sso.py and the README).
from .omgeving import herkomst, sso_bezwaar  # noqa: E402 (with the block it serves)

SSO_ISSUER = waarde("SSO_ISSUER", default="")
SSO_CLIENT_ID = waarde("SSO_CLIENT_ID", default="")
SSO_CLIENT_SECRET = waarde("SSO_CLIENT_SECRET", default="")
SSO_NAAM = waarde("SSO_NAAM", default="")
SSO_MFA_ACR = waarde("SSO_MFA_ACR", list, default=[])
SSO_MFA_AMR = waarde("SSO_MFA_AMR", list, default=[])
if not ALLEEN_BRONBESTANDEN and (_sso_bezwaar := sso_bezwaar(SSO_ISSUER, SSO_CLIENT_ID, SSO_CLIENT_SECRET)):
    stop(_sso_bezwaar)
if SSO_ISSUER:
    # Right after axes' backend, which refuses during a lockout before anything is checked.
    AUTHENTICATION_BACKENDS.insert(1, "netwerk.sso.SsoBackend")
    # The SSO button is a form; the browser follows its redirect to the provider, and
    # form-action applies to that redirect too.
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(herkomst(SSO_ISSUER))
# mozilla-django-oidc: code flow with PKCE and a nonce, RS256 only, no new users, no tokens
# kept in the session; back to the page asked for, or the start page.
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = "openid email"
OIDC_USE_NONCE = True
OIDC_USE_PKCE = True
OIDC_CREATE_USER = False
OIDC_STORE_ACCESS_TOKEN = False
OIDC_STORE_ID_TOKEN = False
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "sso_terug"
