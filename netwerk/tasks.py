"""Background work of the netwerk app (thin: ids in, a service call, idempotent)."""

from celery import shared_task

from .services import accounts


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def activatielink_mailen(user_id: int) -> bool:
    """Mail a fresh activation link; nothing once the person has chosen a password."""
    return accounts.activatiemail_versturen(user_id)


@shared_task(acks_late=True)
def accountaanvragen_laten_vervallen() -> int:
    """Daily: open account requests nobody decided on in time lapse."""
    return accounts.accountaanvragen_laten_vervallen()
