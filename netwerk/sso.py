"""Single sign-on with OpenID Connect (mozilla-django-oidc), optional per deployment.

One provider per deployment (``SSO_ISSUER``), typically a broker behind which each
organisation signs in with its own accounts. The rules:

- **Off without an issuer.** With ``SSO_ISSUER`` empty the backend is not installed, the pages
  of single sign-on answer 404 and the login page shows no button.
- **No accounts.** A person is found by (issuer, subject) on their Medewerker. The first time,
  an address the provider says it verified (``email_verified``) binds the one active person
  with that address who is not bound yet (:func:`netwerk.services.sso.medewerker_sso_koppelen`).
  Never a new user, never a rol; never a system account, an inactive person or a user without a
  Medewerker.
- **Every token checked here**, not only its signature: RS256 with a key of the provider's JWKS,
  ``iss`` the configured issuer, ``aud`` holding our client id (and ``azp`` ours when there are
  more), ``exp`` not past, ``iat`` present, and the nonce of this session (mozilla-django-oidc).
- **The provider's second factor counts** only when its ``acr`` or an ``amr`` value is on the
  deployment's list (``SSO_MFA_ACR``, ``SSO_MFA_AMR``); otherwise the local second factor is
  still asked (``netwerk.services.tweefactor``).
- **A refusal** sends the person back to the login page with one message that helps no
  attacker; the reason goes to the security log as ``sso_failure``.

The provider's endpoints come from its discovery document, fetched when single sign-on is
first used (never when the settings load) and kept for an hour per process.
"""

from __future__ import annotations

import logging
import time
from urllib.parse import urlsplit

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from jji_traject import beveiliging
from jji_traject.forms import is_systeemaccount

from .models import Medewerker
from .services import tweefactor
from .services.sso import Geweigerd, medewerker_sso_koppelen

__all__ = ["Geweigerd", "SsoBackend", "aan", "aangemeld", "configuratie", "knop", "mfa_gedaan", "mislukt"]

# Why a token was refused, for the security log (the first kind that matches).
JWT_REDENEN = (
    (jwt.InvalidSignatureError, "bad_signature"),
    (jwt.ExpiredSignatureError, "expired"),
    (jwt.InvalidAudienceError, "wrong_audience"),
    (jwt.InvalidIssuerError, "wrong_issuer"),
    (jwt.ImmatureSignatureError, "not_yet_valid"),
    (jwt.MissingRequiredClaimError, "missing_claim"),
)

log = logging.getLogger(__name__)

ALGORITME = "RS256"
# Seconds of clock difference with the provider tolerated on exp and iat.
SPELING = 60
# Seconds for each call to the provider (discovery, token, JWKS, userinfo).
TIJDSLIMIET = 10
DISCOVERY_GELDIG = 60 * 60
_discovery: dict[str, tuple[float, dict]] = {}

BACKEND = "netwerk.sso.SsoBackend"


def aan() -> bool:
    return bool(settings.SSO_ISSUER)


def naam() -> str:
    return settings.SSO_NAAM or _("je organisatie")


def knop() -> dict | None:
    """What the login page needs for its button, or ``None`` when single sign-on is off."""
    return {"naam": naam(), "url": reverse("sso_begin")} if aan() else None


def lokaal(url: str) -> bool:
    return urlsplit(url).hostname in ("localhost", "127.0.0.1", "::1")


def configuratie() -> dict:
    """The provider's discovery document, checked: the issuer it names is ours exactly, and
    the endpoints we call are https (http only for a provider on this machine). Kept for an
    hour; raises :class:`Geweigerd` when it cannot be had."""
    issuer = settings.SSO_ISSUER
    nu = time.monotonic()
    bewaard = _discovery.get(issuer)
    if bewaard is not None and nu - bewaard[0] < DISCOVERY_GELDIG:
        return bewaard[1]
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    try:
        antwoord = requests.get(url, timeout=TIJDSLIMIET)
        antwoord.raise_for_status()
        document = antwoord.json()
    except (requests.RequestException, ValueError) as fout:
        log.warning("sso discovery mislukt: %s", type(fout).__name__)
        raise Geweigerd("discovery_failed") from fout
    if not isinstance(document, dict) or document.get("issuer") != issuer:
        raise Geweigerd("discovery_invalid")
    for sleutel in ("authorization_endpoint", "token_endpoint", "jwks_uri", "userinfo_endpoint"):
        waarde = document.get(sleutel)
        if waarde is None and sleutel == "userinfo_endpoint":
            continue
        if not isinstance(waarde, str) or not (waarde.startswith("https://") or lokaal(waarde) and lokaal(issuer)):
            raise Geweigerd("discovery_invalid")
    _discovery[issuer] = (nu, document)
    return document


def vergeten() -> None:
    """Forget the discovery documents kept (tests; a provider that moved its endpoints)."""
    _discovery.clear()


def mfa_gedaan(claims: dict) -> bool:
    """Whether the provider says it did more than one factor, in a way this deployment accepts:
    its ``acr`` on ``SSO_MFA_ACR``, or one of its ``amr`` values on ``SSO_MFA_AMR``. Read from
    the signed ID token only. Empty lists: the provider's second factor never counts."""
    acr = claims.get("acr")
    if isinstance(acr, str) and acr in settings.SSO_MFA_ACR:
        return True
    amr = claims.get("amr")
    if isinstance(amr, list):
        return bool({w for w in amr if isinstance(w, str)} & set(settings.SSO_MFA_AMR))
    return False


def email_geverifieerd(claims: dict) -> bool:
    # Some providers send the boolean as a string.
    waarde = claims.get("email_verified")
    return waarde is True or (isinstance(waarde, str) and waarde.lower() == "true")


def aangemeld(request, user) -> None:
    """After Django's login: the second factor counts as done when the provider did one (else
    the local step follows), and the sign-in is on the security log."""
    mfa = bool(getattr(request, "sso_mfa", False))
    if mfa:
        request.session[tweefactor.SESSIE_EXTERN] = {"user": user.pk, "bron": "sso"}
    else:
        request.session.pop(tweefactor.SESSIE_EXTERN, None)
    beveiliging.vastleggen("sso_login", request=request, username=user.get_username(), user_id=user.pk, mfa=mfa)


def mislukt(request, reden: str) -> None:
    """A refused single sign-on on the security log, with its reason code."""
    beveiliging.vastleggen(
        "sso_failure", request=request, username=getattr(request, "sso_gebruikersnaam", None), reason=reden
    )


def _is_terugkeer(request) -> bool:
    try:
        return resolve(request.path_info).url_name == "sso_terug"
    except Resolver404:
        return False


class SsoBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's code flow, with matching on (issuer, subject), no new users, and
    every claim of the ID token checked (see the module)."""

    def __init__(self, *args, **kwargs):
        # Not mozilla's __init__: it reads the endpoints from settings, and Django makes a
        # backend for every sign-in (passwords too) and every request of a session. The
        # endpoints come from discovery, and only when single sign-on is used.
        self.UserModel = get_user_model()
        self.OIDC_RP_SIGN_ALGO = ALGORITME
        self.OIDC_RP_IDP_SIGN_KEY = None

    @property
    def OIDC_RP_CLIENT_ID(self):  # noqa: N802 (mozilla-django-oidc's name)
        return settings.SSO_CLIENT_ID

    @property
    def OIDC_RP_CLIENT_SECRET(self):  # noqa: N802
        return settings.SSO_CLIENT_SECRET

    @property
    def OIDC_OP_TOKEN_ENDPOINT(self):  # noqa: N802
        return configuratie()["token_endpoint"]

    @property
    def OIDC_OP_USER_ENDPOINT(self):  # noqa: N802
        return configuratie().get("userinfo_endpoint")

    @property
    def OIDC_OP_JWKS_ENDPOINT(self):  # noqa: N802
        return configuratie()["jwks_uri"]

    def authenticate(self, request, **kwargs):
        """Only the return from the provider, never a password sign-in (whose URL could carry
        a ``code`` and ``state`` too). A refusal leaves its reason on the request."""
        if request is None or not aan() or "password" in kwargs or not _is_terugkeer(request):
            return None
        self.request = request
        try:
            return super().authenticate(request, **kwargs)
        except Geweigerd as fout:
            reden, request.sso_gebruikersnaam = fout.reden, fout.gebruikersnaam
        except requests.HTTPError:
            reden = "token_refused"
        except requests.RequestException:
            reden = "provider_unreachable"
        except (jwt.PyJWTError, SuspiciousOperation, ValueError, KeyError, TypeError) as fout:
            log.warning("sso antwoord onbruikbaar: %s", type(fout).__name__)
            reden = "invalid_response"
        request.sso_reden = reden
        return None

    def verify_token(self, token, **kwargs):
        if not isinstance(token, str):
            raise Geweigerd("no_id_token")
        try:
            return super().verify_token(token, **kwargs)
        except SuspiciousOperation as fout:
            # What is left for mozilla-django-oidc to refuse after _verify_jws: the nonce.
            raise Geweigerd("nonce") from fout

    def retrieve_matching_jwk(self, token):
        """The provider's key for this token: by ``kid``, or the one RSA signing key of the JWKS
        when the token names none. Never a key of another type or algorithm."""
        kop = jwt.get_unverified_header(token)
        try:
            antwoord = requests.get(self.OIDC_OP_JWKS_ENDPOINT, timeout=TIJDSLIMIET)
            antwoord.raise_for_status()
            jwks = antwoord.json()
        except (requests.RequestException, ValueError) as fout:
            raise Geweigerd("jwks_unavailable") from fout
        sleutels = [
            s
            for s in (jwks.get("keys") if isinstance(jwks, dict) else None) or []
            if isinstance(s, dict)
            and s.get("kty") == "RSA"
            and s.get("use", "sig") == "sig"
            and s.get("alg", ALGORITME) == ALGORITME
        ]
        if "kid" in kop:
            sleutels = [s for s in sleutels if s.get("kid") == kop["kid"]]
        if len(sleutels) != 1:
            raise Geweigerd("unknown_key")
        return jwt.PyJWK(sleutels[0], algorithm=ALGORITME)

    def _verify_jws(self, payload, key):
        """The signature and every claim we rely on (mozilla-django-oidc checks the signature
        and ``exp`` only, and neither ``aud`` nor ``iss``)."""
        if jwt.get_unverified_header(payload).get("alg") != ALGORITME:
            raise Geweigerd("bad_algorithm")
        client_id = self.OIDC_RP_CLIENT_ID
        try:
            claims = jwt.decode(
                payload,
                key,
                algorithms=[ALGORITME],
                audience=client_id,
                issuer=settings.SSO_ISSUER,
                leeway=SPELING,
                options={"require": ["iss", "sub", "aud", "exp", "iat"]},
            )
        except jwt.PyJWTError as fout:
            raise Geweigerd(next((r for soort, r in JWT_REDENEN if isinstance(fout, soort)), "invalid_token")) from fout
        aud = claims["aud"]
        meer = isinstance(aud, list) and len(aud) > 1
        if (meer or "azp" in claims) and claims.get("azp") != client_id:
            raise Geweigerd("wrong_audience")
        if not isinstance(claims["sub"], str) or not claims["sub"] or len(claims["sub"]) > 255:
            raise Geweigerd("invalid_token")
        return claims

    def get_or_create_user(self, access_token, id_token, payload):
        """The person bound to (issuer, subject), or the one bound now by a verified address;
        then only if they may sign in on the pages at all."""
        request = self.request
        issuer, subject = payload["iss"], payload["sub"]
        medewerker = Medewerker.objects.select_related("user").filter(sso_issuer=issuer, sso_subject=subject).first()
        if medewerker is None:
            claims = self._adresgegevens(access_token, id_token, payload)
            email = claims.get("email")
            if not isinstance(email, str) or not email:
                raise Geweigerd("unknown_person")
            if not email_geverifieerd(claims):
                raise Geweigerd("email_not_verified", email)
            medewerker = medewerker_sso_koppelen(
                issuer=issuer, subject=subject, email=email, naam_dienst=naam(), verzoek=request
            )
            user = medewerker.user
            beveiliging.vastleggen("sso_bound", request=request, username=user.get_username(), user_id=user.pk)
        user = medewerker.user
        if not user.is_active:
            raise Geweigerd("inactive", user.get_username())
        if is_systeemaccount(user):
            raise Geweigerd("system_account", user.get_username())
        request.sso_gebruikersnaam = user.get_username()
        request.sso_mfa = mfa_gedaan(payload)
        return user

    def _adresgegevens(self, access_token, id_token, payload) -> dict:
        """``email`` and ``email_verified`` from the ID token, or else from the userinfo
        endpoint (which must speak of the same subject)."""
        if "email" in payload or not self.OIDC_OP_USER_ENDPOINT or not access_token:
            return payload
        userinfo = self.get_userinfo(access_token, id_token, payload)
        if not isinstance(userinfo, dict) or userinfo.get("sub") != payload["sub"]:
            raise Geweigerd("userinfo_subject")
        return userinfo

    def get_user(self, user_id):
        """The user of a session signed in with single sign-on, on every request: only while
        active, with a Medewerker, and not a system account (mozilla-django-oidc's own would
        return any user, inactive ones too)."""
        user = self.UserModel._default_manager.select_related("medewerker").filter(pk=user_id).first()
        if user is None or not self.user_can_authenticate(user):
            return None
        if not hasattr(user, "medewerker") or is_systeemaccount(user):
            return None
        return user
