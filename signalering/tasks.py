"""Thin Celery tasks of the signalering: call a service, idempotent."""

from celery import shared_task

from . import services, services_achttien


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def herinneringen_versturen() -> int:
    """Daily: notify the responsible people of tasks due soon or overdue (once per deadline)."""
    return services.herinneringen_versturen()


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def netwerkkaart_laten_bevestigen() -> int:
    """Yearly: ask organisations to confirm their netwerkkaart entries (once per year)."""
    return services.netwerkkaart_laten_bevestigen()


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def toestemming_op_16_herinneren() -> int:
    """Daily: a parent's consent for a youth who turned 16 is asked again of the youth."""
    return services.toestemming_op_16_herinneren()


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def achttien_herinneren() -> int:
    """Daily: a month before 18, ask whether the parents stay involved; at 18 the tasks to
    contact them follow the young person's consent."""
    return services_achttien.achttien_herinneren()


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def uit_beeld_melden() -> int:
    """Daily: tell the regie and the receiving mbo's verbindingsofficier of a young person uit
    beeld after release (once per episode)."""
    return services.uit_beeld_melden()


# eigen_boekhouding: the job marks each person's notifications mailed as it goes (one commit a
# mail), so the outbox runs it outside its row's lock (jji_traject.uitbox.uitvoeren).
@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5, eigen_boekhouding=True)
def mails_versturen() -> int:
    """Mail the notifications not mailed yet (after a beslismodel was submitted or decided)."""
    return services.mails_versturen()
