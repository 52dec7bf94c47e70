"""Thin Celery tasks about people: the mails of the entrance (a reset link, a changed password)."""

from celery import shared_task

from . import services


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def wachtwoord_herstel_mailen(email: str) -> int:
    """Mail a reset link to whoever has this address (nobody, often: the page said the same)."""
    return services.wachtwoord_herstel_mailen(email=email)


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def wachtwoord_gewijzigd_mailen(user_id: int) -> int:
    """Tell a person their password was changed."""
    return services.wachtwoord_gewijzigd_mailen(user_id=user_id)
