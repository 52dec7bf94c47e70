"""Background upkeep of the derived permissions (thin: ids in, a policy call, idempotent)."""

from celery import shared_task
from django.utils import timezone

from trajecten.models import Toestemming, Traject

from . import policy


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def verlopen_grondslagen_verwerken() -> int:
    """Remove the permission rows that a grondslag which expired (geldig_tot before today)
    still held. The policy already refuses such access live; this keeps the tables true.
    Returns the number of trajecten re-derived."""
    verlopen = Toestemming.objects.filter(ingetrokken_op__isnull=True, geldig_tot__lt=timezone.localdate())
    trajecten = Traject.objects.filter(pk__in=verlopen.values("traject_id"))
    aantal = trajecten.count()
    policy.rechten_afleiden(trajecten)
    return aantal
