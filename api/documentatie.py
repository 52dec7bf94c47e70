"""The API's documentation page (Swagger UI at ``/api/docs/``): for signed-in people and
partner systems with a token only; the OpenAPI schema itself stays public (README).

The page and its start script are served separately (drf-spectacular's split view), so it
runs without inline script; its own Content-Security-Policy adds only what Swagger UI's
stylesheet needs: its icons are ``data:`` SVG images. ReDoc is not offered: it injects
<style> elements and would need ``style-src 'unsafe-inline'``.
"""

from __future__ import annotations

from csp.decorators import csp_update
from django.contrib.auth.views import redirect_to_login
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import exceptions
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer

# Added to the site-wide policy (settings.CONTENT_SECURITY_POLICY) for this page only.
SWAGGER_CSP = {"img-src": ["data:"]}


class Documentatie(SpectacularSwaggerSplitView):
    """Swagger UI for whoever may use the API. Without a session or token: a person's
    browser is sent to the login page (and back), a partner system gets the API's 401."""

    permission_classes = [IsAuthenticated]
    template_name = "api/swagger_ui.html"

    def handle_exception(self, exc):
        if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed) and (
            "HTTP_AUTHORIZATION" not in self.request.META
        ):
            return redirect_to_login(self.request.get_full_path())
        # An error in the API's one JSON shape (api/fouten.py), not as the page's HTML.
        self.request.accepted_renderer, self.request.accepted_media_type = JSONRenderer(), "application/json"
        return super().handle_exception(exc)


def documentatie(**kwargs):
    """The view for ``urls.py``, with its own policy."""
    return csp_update(SWAGGER_CSP)(Documentatie.as_view(**kwargs))
