"""The Celery app: broker from REDIS_URL; without it tasks run eagerly (see settings)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jji_traject.settings")

app = Celery("jji_traject")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
