"""Pages about young people must never be cached by a browser or a proxy."""

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
