"""Pages about young people must never be cached by a browser or a proxy."""

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
