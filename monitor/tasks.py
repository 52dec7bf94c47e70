"""The monitor's nightly run (issue 19, item 5): first each released traject's schoolloopbaan
stand (a gap without education grows with time, and a release date may change), then the
summary per regio and year counted from them — in that order, in one task."""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError


@shared_task(acks_late=True, autoretry_for=(OperationalError, InterfaceError), retry_backoff=True, max_retries=5)
def cijfers_bijwerken() -> int:
    """Nightly: every stand, then every regio's cohorts (a row per regio and year); returns the rows."""
    from dossier.services_stand import standen_bijwerken

    from .services import cijfers_bijwerken as bijwerken

    standen_bijwerken()
    return bijwerken()
