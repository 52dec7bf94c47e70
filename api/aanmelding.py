"""Token authentication (knox: hashed, expiring tokens) with errors that stay 401s: a token
is ASCII, so a header in any other encoding is an invalid token, not a server error."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from knox.auth import TokenAuthentication
from rest_framework import exceptions


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
