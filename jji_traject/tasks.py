"""The outbox's tasks (``jji_traject.uitbox``): run one job once, and send what is pending; and
the nightly clean-up of sessions past their end."""

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


@shared_task(acks_late=True)
def sessies_opruimen() -> int:
    """Nightly: the stored sessions past their end (at most ``SESSIE_MAX_UREN`` after signing in)
    leave the database; their copy in the cache expires by itself. Returns the number removed."""
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    aantal, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return aantal
