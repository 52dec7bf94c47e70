"""The daily run of the retention schedules (thin: the service does the work)."""

from celery import shared_task

from . import services


@shared_task(acks_late=True)
def bewaartermijnen_toepassen() -> dict[str, int]:
    return services.uitvoeren()
