"""Background work of the netwerk app (thin: ids in, a service call, idempotent): the mails of
the entrance (an activation link, a reset link, a changed password or factor, a factor link),
lapsing account requests, and the visibility rows after an organisation's (de)activation."""

from celery import shared_task

# The services enqueue these tasks (after commit) and the tasks call the services: the services
# are imported when a task runs, so neither module is imported half-built by the other.


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def activatielink_mailen(user_id: int) -> bool:
    """Mail a fresh activation link; nothing once the person has chosen a password."""
    from .services import accounts

    return accounts.activatiemail_versturen(user_id)


@shared_task(acks_late=True)
def accountaanvragen_laten_vervallen() -> int:
    """Daily: open account requests nobody decided on in time lapse."""
    from .services import accounts

    return accounts.accountaanvragen_laten_vervallen()


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def wachtwoord_herstel_mailen(email: str) -> int:
    """Mail a reset link to whoever has this address (nobody, often: the page said the same)."""
    from . import services

    return services.wachtwoord_herstel_mailen(email=email)


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def wachtwoord_gewijzigd_mailen(user_id: int) -> int:
    """Tell a person their password was changed."""
    from . import services

    return services.wachtwoord_gewijzigd_mailen(user_id=user_id)


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def factor_gewijzigd_mailen(user_id: int) -> int:
    """Tell a person a second factor of their account changed."""
    from .services import tweefactor

    return tweefactor.factor_gewijzigd_mailen(user_id)


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def factorlink_mailen(user_id: int) -> int:
    """Mail the link to enrol a first second factor (nothing once the person has one)."""
    from .services import tweefactor

    return tweefactor.factorlink_mailen(user_id)


# eigen_boekhouding: each portion of trajecten commits on its own (the outbox would otherwise run
# the whole job in one transaction); a redelivery derives again, which changes nothing.
@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5, eigen_boekhouding=True)
def organisatie_rechten_afleiden(organisatie_id: int) -> int:
    """The rows of an organisation's trajecten after it was deactivated or made active again."""
    from toegang import policy

    return policy.organisatie_rechten_afleiden(organisatie_id)
