"""Pages about young people must never be cached by a browser or a proxy."""

import re
import uuid

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import add_never_cache_headers


class GeenCacheMiddleware:
    """Mark every response for a logged-in user as not cacheable (private data)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            response.headers["Cache-Control"] += ", private"
        return response


class TaalMiddleware(LocaleMiddleware):
    """Dutch first: the language is Dutch unless the user chose another with the language
    switch (its cookie). A browser's Accept-Language does not decide it: the professionals
    using this app work in Dutch, whatever their browser is set to."""

    def process_request(self, request):
        taal = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if taal not in dict(settings.LANGUAGES):
            taal = settings.LANGUAGE_CODE
        translation.activate(taal)
        request.LANGUAGE_CODE = translation.get_language()


class VerzoekIdMiddleware:
    """Give every request an id (from a proxy's X-Request-ID when it is well-formed): the
    raadplegingen log records it, and the response carries it for tracing."""

    PATROON = re.compile(r"[A-Za-z0-9._-]{8,64}")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        gegeven = request.headers.get("X-Request-ID", "")
        request.verzoek_id = gegeven if self.PATROON.fullmatch(gegeven) else uuid.uuid4().hex
        response = self.get_response(request)
        response.headers["X-Request-ID"] = request.verzoek_id
        return response
