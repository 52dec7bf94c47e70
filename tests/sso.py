"""A real OpenID Connect provider for the tests of single sign-on: oidc-provider-mock (signed
RS256 tokens, discovery, JWKS, userinfo) on a free port of localhost, in a thread.

Its ID token carries a user's claims over its own (authlib updates the payload with them), so a
user with ``{"aud": …}``, ``{"iss": …}`` or ``{"exp": …}`` gets a token with that claim,
genuinely signed by the provider. A token with a bad signature comes from :meth:`vervalsen`: the
token endpoint's answer is changed on its way out, as by someone in between.
"""

from __future__ import annotations

import base64
import json
import threading
from urllib.parse import urlsplit

import jwt
import requests
import werkzeug.serving
from cryptography.hazmat.primitives.asymmetric import rsa
from django.urls import reverse
from oidc_provider_mock import app as provider_app


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64_lezen(deel: str) -> bytes:
    return base64.urlsafe_b64decode(deel + "=" * (-len(deel) % 4))


def andere_inhoud(**claims):
    """A forgery: the token's claims changed, the provider's signature kept."""

    def vervalsing(token: str) -> str:
        kop, inhoud, handtekening = token.split(".")
        gegevens = {**json.loads(_b64_lezen(inhoud)), **claims}
        return ".".join([kop, _b64(json.dumps(gegevens).encode()), handtekening])

    return vervalsing


def andere_sleutel(**claims):
    """A forgery: the claims changed and signed again, with a key the provider's JWKS does not
    hold (under the same header)."""
    sleutel = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    def vervalsing(token: str) -> str:
        kop = jwt.get_unverified_header(token)
        gegevens = {**jwt.decode(token, options={"verify_signature": False}), **claims}
        return jwt.encode(gegevens, sleutel, algorithm="RS256", headers={k: v for k, v in kop.items() if k != "alg"})

    return vervalsing


class Inlogdienst:
    """The provider, as a context manager. ``issuer`` is its address (http://localhost:port)."""

    def __init__(self):
        self.vervalsing = None
        self._app = provider_app(require_nonce=True)
        self._server = werkzeug.serving.make_server("localhost", 0, self._tussen, threaded=True)
        self.issuer = f"http://localhost:{self._server.server_port}"

    def __enter__(self):
        self._draad = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05})
        self._draad.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._draad.join(5)
        self._server.server_close()

    def gebruiker(self, sub: str, **claims) -> None:
        """The account ``sub`` at the provider, with these claims (in its ID token and userinfo)."""
        antwoord = requests.put(f"{self.issuer}/users/{sub}", json=claims, timeout=10)
        assert antwoord.status_code == 204, antwoord.text

    def vervalsen(self, vervalsing) -> None:
        """Change every ID token the token endpoint hands out from now on."""
        self.vervalsing = vervalsing

    def _tussen(self, environ, start_response):
        if self.vervalsing is None or environ.get("PATH_INFO") != "/oauth2/token":
            return self._app(environ, start_response)
        opgevangen = {}

        def opvangen(status, headers, exc_info=None):
            opgevangen.update(status=status, headers=headers)

        delen = self._app(environ, opvangen)
        try:
            lichaam = b"".join(delen)
        finally:
            if hasattr(delen, "close"):
                delen.close()
        gegevens = json.loads(lichaam)
        if "id_token" in gegevens:
            gegevens["id_token"] = self.vervalsing(gegevens["id_token"])
        lichaam = json.dumps(gegevens).encode()
        headers = [(k, v) for k, v in opgevangen["headers"] if k.lower() != "content-length"]
        start_response(opgevangen["status"], [*headers, ("Content-Length", str(len(lichaam)))])
        return [lichaam]


def inloggen_via_sso(client, dienst: Inlogdienst, sub: str, *, volgende: str | None = None):
    """The whole code flow as a browser goes through it: our page sends to the provider, the
    person signs in there as ``sub``, the provider sends back to our page with a code. Returns
    the answer of our page."""
    antwoord = client.get(reverse("sso_begin"), {"next": volgende} if volgende else {})
    assert antwoord.status_code == 302, antwoord
    naar_dienst = antwoord["Location"]
    assert naar_dienst.startswith(f"{dienst.issuer}/oauth2/authorize?"), naar_dienst
    bij_dienst = requests.post(naar_dienst, data={"sub": sub}, allow_redirects=False, timeout=10)
    assert bij_dienst.status_code == 302, bij_dienst.text
    terug = urlsplit(bij_dienst.headers["Location"])
    assert terug.path == reverse("sso_terug")
    return client.get(f"{terug.path}?{terug.query}")
