"""The daily run of the retention schedules (thin: the service does the work)."""

from celery import shared_task

from . import services


@shared_task(acks_late=True)
def bewaartermijnen_toepassen() -> dict[str, int]:
    return services.uitvoeren()


@shared_task(acks_late=True)
def inzage_kopie_maken(verzoek_id: int) -> str:
    """Render the young person's copy. A database that was away makes the outbox try again; a
    render that cannot succeed is marked (the page offers to make it again)."""
    from django.db import InterfaceError, OperationalError

    from . import services_inzage

    try:
        return services_inzage.kopie_maken(verzoek_id)
    except (OperationalError, InterfaceError):
        raise
    except Exception as fout:  # noqa: BLE001 - a render that cannot succeed is marked, not retried forever
        services_inzage.kopie_mislukt(verzoek_id, fout)
        return "mislukt"
