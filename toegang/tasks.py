"""Background upkeep of the derived permissions (thin: ids in, a policy call, idempotent)."""

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from trajecten.models import Toestemming, Traject

from . import policy


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def verlopen_grondslagen_verwerken() -> int:
    """Remove the permission rows and assignments that a grondslag which expired (geldig_tot
    before today) still held. The policy already refuses such access live; this keeps the
    tables true. Returns the number of trajecten re-derived."""
    from trajecten.services import toewijzingen_zonder_grondslag_beeindigen

    verlopen = Toestemming.objects.filter(ingetrokken_op__isnull=True, geldig_tot__lt=timezone.localdate())
    trajecten = Traject.objects.filter(pk__in=verlopen.values("traject_id"))
    aantal = 0
    for traject in trajecten.iterator():
        with transaction.atomic():
            toewijzingen_zonder_grondslag_beeindigen(traject)
            policy.rechten_afleiden(traject)
        aantal += 1
    return aantal
