"""Thin Celery tasks of the overdrachtsdocument: take ids, call a service, idempotent."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from . import services


@shared_task(
    bind=True,
    acks_late=True,  # acknowledged after the work: a worker that dies mid-render leaves it queued
    reject_on_worker_lost=True,
    max_retries=5,
)
def overdracht_maken(self, overdracht_id: int) -> str:
    """Render one overdrachtsdocument with what its recipient may read now."""
    try:
        return services.overdracht_maken(overdracht_id)
    except (OperationalError, InterfaceError) as fout:
        if self.request.is_eager or self.request.retries >= self.max_retries:
            services.overdracht_mislukt(overdracht_id, fout)
            return "mislukt"
        raise self.retry(exc=fout, countdown=5 * 2**self.request.retries) from fout  # the database was away
    except Exception as fout:  # noqa: BLE001 - a render that cannot succeed is marked, not retried forever
        services.overdracht_mislukt(overdracht_id, fout)
        return "mislukt"


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def overdrachten_opruimen() -> int:
    """Daily: delete the files of documents past the bewaartermijn."""
    return services.overdrachten_opruimen()
