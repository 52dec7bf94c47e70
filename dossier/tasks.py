"""Thin Celery tasks of the dossier app: the PDF of the youth's list ("Wie heeft jouw gegevens
bekeken?"), started through the outbox (``jji_traject.uitbox.plannen``), and its daily clean-up."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

# The services start these tasks (through the outbox) and the tasks call the services: the
# services are imported when a task runs, so neither module is imported half-built by the other.


@shared_task(acks_late=True)
def leesoverzicht_maken(leesoverzicht_id: int) -> str:
    """Render the youth's list for its requester. The outbox runs this once, in its own
    transaction: a database that was away makes the outbox try again; a render that cannot
    succeed is marked (the status page says so), not retried forever."""
    from . import services

    try:
        return services.leesoverzicht_maken(leesoverzicht_id)
    except (OperationalError, InterfaceError):
        raise
    except Exception as fout:  # noqa: BLE001 - a render that cannot succeed is marked, not retried forever
        services.leesoverzicht_mislukt(leesoverzicht_id, fout)
        return "mislukt"


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def leesoverzichten_opruimen() -> int:
    """Daily: remove the files of the youth's list past the bewaartermijn."""
    from . import services

    return services.leesoverzichten_opruimen()
