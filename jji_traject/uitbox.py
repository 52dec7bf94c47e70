"""The outbox: every background job the app starts is first a row (``Opdracht``) in the same
transaction as the change that causes it, so a job is never lost and a change that was saved is
never reported as failed because the broker is away.

- :func:`plannen` writes the row and, once the transaction stands, tries to hand the job to
  the broker at once (:func:`versturen`). Without Redis (``make run``) Celery runs it eagerly
  right there.
- When the broker is away, that hand-over fails quietly (a warning in the log, the row stays
  pending) and the person sees their change saved. The beat task ``jji_traject.tasks.uitbox_legen``
  sends whatever is still pending every minute.
- Every job runs through one task, ``jji_traject.tasks.opdracht_uitvoeren``, which locks the row,
  skips a job that already ran, runs the task's body and marks the row in one transaction: a job
  sent twice (a retry of the hand-over, a redelivery after a worker was killed) runs once. What
  a job does outside the database (a mail) is done again only when its transaction failed after
  it; the jobs keep that window small.
"""

from __future__ import annotations

import datetime as dt
import logging

from celery import current_app
from django.db import transaction
from django.utils import timezone

from .models import Opdracht

log = logging.getLogger(__name__)

# A pending job younger than this is left to the hand-over after commit.
WACHTTIJD = dt.timedelta(seconds=30)
UITVOEREN = "jji_traject.tasks.opdracht_uitvoeren"
# Jobs that ran are kept this long (to answer "did it run?"), then removed.
BEWAREN = dt.timedelta(days=14)


def plannen(taak, *argumenten) -> Opdracht:
    """Start the Celery task ``taak`` with these (JSON) arguments once the current transaction
    stands. Returns the outbox row."""
    opdracht = Opdracht.objects.create(taak=taak.name, argumenten=list(argumenten))
    transaction.on_commit(lambda: versturen(opdracht.pk))
    return opdracht


def versturen(pk: int) -> bool:
    """Hand one pending job to the broker (or, eager, run it). False when it stays pending:
    the broker is away (logged) or another process sent it already."""
    opdracht_uitvoeren = current_app.tasks[UITVOEREN]
    with transaction.atomic():
        opdracht = Opdracht.objects.select_for_update(skip_locked=True).filter(pk=pk, verstuurd_op=None).first()
        if opdracht is None:
            return False
        opdracht.pogingen += 1
        try:
            opdracht_uitvoeren.apply_async(args=[opdracht.pk], task_id=f"opdracht-{opdracht.pk}-{opdracht.pogingen}")
        except Exception as fout:  # noqa: BLE001 - any broker failure: the job waits in the outbox
            opdracht.laatste_fout = f"{type(fout).__name__}"[:200]
            opdracht.save(update_fields=["pogingen", "laatste_fout"])
            log.warning("uitbox_wacht opdracht=%s taak=%s fout=%s", opdracht.pk, opdracht.taak, type(fout).__name__)
            return False
        opdracht.verstuurd_op = timezone.now()
        opdracht.save(update_fields=["pogingen", "verstuurd_op"])
    return True


def legen(nu: dt.datetime | None = None) -> int:
    """Send every job still pending (beat, every minute); remove jobs that ran long ago.
    Returns how many were handed over."""
    nu = nu or timezone.now()
    wachtend = list(
        Opdracht.objects.filter(verstuurd_op=None, aangemaakt_op__lte=nu - WACHTTIJD)
        .order_by("aangemaakt_op")
        .values_list("pk", flat=True)[:1000]
    )
    verstuurd = sum(versturen(pk) for pk in wachtend)
    Opdracht.objects.filter(uitgevoerd_op__lt=nu - BEWAREN).delete()
    if wachtend:
        log.info("uitbox_geleegd wachtend=%s verstuurd=%s", len(wachtend), verstuurd)
    return verstuurd


def uitvoeren(pk: int, taken) -> str:
    """Run the job once: lock its row, skip it when it ran, run the task's body, mark it; all in
    one transaction (a failure rolls the mark back, and the task is retried)."""
    with transaction.atomic():
        opdracht = Opdracht.objects.select_for_update().filter(pk=pk).first()
        if opdracht is None:
            return "onbekend"
        if opdracht.uitgevoerd_op is not None:
            return "al uitgevoerd"
        taken[opdracht.taak].run(*opdracht.argumenten)
        opdracht.uitgevoerd_op = timezone.now()
        if opdracht.verstuurd_op is None:  # sent by an earlier try whose mark did not stand
            opdracht.verstuurd_op = opdracht.uitgevoerd_op
        opdracht.save(update_fields=["uitgevoerd_op", "verstuurd_op"])
    return "uitgevoerd"
