"""Token authentication (knox: hashed, expiring tokens) with errors that stay 401s: a token
is ASCII, so a header in any other encoding is an invalid token, not a server error."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.authentication import SessionScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from knox.auth import TokenAuthentication
from rest_framework import exceptions
from rest_framework.authentication import SessionAuthentication

from netwerk.services import tweefactor


class TokenAanmelding(TokenAuthentication):
    def authenticate_credentials(self, token: bytes):
        try:
            token.decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Dit token is ongeldig.")) from None
        try:
            return super().authenticate_credentials(token)
        except exceptions.AuthenticationFailed:
            raise exceptions.AuthenticationFailed(_("Dit token is ongeldig of verlopen.")) from None


class TokenAanmeldingSchema(OpenApiAuthenticationExtension):
    """In the OpenAPI schema: ``Authorization: Token <token>``."""

    target_class = TokenAanmelding
    name = "token"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(header_name="Authorization", token_prefix="Token")  # noqa: S106 - the scheme, not a secret


class SessieAanmelding(SessionAuthentication):
    """The browser's session, with CSRF, only once the second factor is done: a session
    signed in with a password alone is refused (the middleware already refuses it without an
    ``Authorization`` header; this holds with any other header too)."""

    def authenticate(self, request):
        resultaat = super().authenticate(request)
        if resultaat is not None and tweefactor.vereist(resultaat[0]) and not tweefactor.voltooid(request._request):
            raise exceptions.PermissionDenied(
                _("Rond het inloggen af met je tweede factor voordat je de API met deze sessie gebruikt.")
            )
        return resultaat


class SessieAanmeldingSchema(SessionScheme):
    """In the OpenAPI schema: the session cookie, as for Django REST framework's own."""

    target_class = SessieAanmelding
