"""The outbox's tasks (``jji_traject.uitbox``): run one job once, and send what is pending."""

from celery import current_app, shared_task


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=8)
def opdracht_uitvoeren(pk: int) -> str:
    from . import uitbox

    return uitbox.uitvoeren(pk, current_app.tasks)


@shared_task(acks_late=True)
def uitbox_legen() -> int:
    """Every minute: hand over the jobs still waiting (the broker was away)."""
    from . import uitbox

    return uitbox.legen()
