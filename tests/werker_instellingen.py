"""Settings of the Celery worker that a test starts as a process of its own and kills
(``tests/werker.py``): the app's own settings, with static files from the finders as in the
rest of the suite (no ``collectstatic`` for a test; the overdrachtsdocument reads its fonts)."""

from jji_traject.settings import *  # noqa: F403
from jji_traject.settings import STORAGES

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
