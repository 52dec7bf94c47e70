"""jji-traject: the project package (settings, urls, celery app, wsgi/asgi)."""

from .celery import app as celery_app

__all__ = ["celery_app"]
