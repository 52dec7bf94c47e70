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
  sent twice (a retry of the hand-over, a redelivery after a worker was killed) runs once.

A worker killed mid-job (``acks_late``, ``reject_on_worker_lost``, settings.py): when only its
pool process dies, the job goes back to the queue at once; when the whole worker dies, Redis
gives it to another worker after ``CELERY_VISIBILITY_TIMEOUT`` (an hour by default; the row
says it was sent, so the beat task leaves it alone). Either way its transaction was rolled back
and the job runs again. ``tests/jji_traject/test_werker_gedood.py`` kills real workers.

What runs once, and what does not:

- A job's database work is done once: it commits with the row's mark, or not at all.
- A mail cannot be taken back once the mail server has it. It goes twice only when the process
  dies, or the database is lost, after the mail server took it and before the commit that
  records it. The mail jobs send their mail as their last step, so the window is the mark and
  its commit. The notifications' job (``signalering.tasks.mails_versturen``, one mail per
  person) has ``eigen_boekhouding``: it locks, mails and marks each person's notifications in a
  transaction of its own, so a redelivered job mails only who was left, and its own locks keep
  two runs at the same time from mailing one person. Such a job runs outside the row's lock
  (:func:`uitvoeren`). The reset link goes to every account with the address in one job (nearly
  always one account): a death between two of those mails sends them all again.
- A mail server that took the mail but lost the connection before it answered looks like a
  failed send: the mail goes again on the next try.
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
    one transaction (a failure rolls the mark back, and the task is retried).

    A task with ``eigen_boekhouding`` (a class attribute, set through ``@shared_task``) records
    per item what it did and commits after each (``signalering.tasks.mails_versturen``: a mail
    per person). It runs after the row's check, outside its lock, and the row is marked after
    it: a redelivery after a worker died does only what is left, and one item's work waits for
    no other item's commit."""
    with transaction.atomic():
        opdracht = Opdracht.objects.select_for_update().filter(pk=pk).first()
        if opdracht is None:
            return "onbekend"
        if opdracht.uitgevoerd_op is not None:
            return "al uitgevoerd"
        taak = taken[opdracht.taak]
        if not getattr(taak, "eigen_boekhouding", False):
            taak.run(*opdracht.argumenten)
            _markeren(opdracht)
            return "uitgevoerd"
    taak.run(*opdracht.argumenten)
    with transaction.atomic():
        opdracht = Opdracht.objects.select_for_update().filter(pk=pk, uitgevoerd_op=None).first()
        if opdracht is not None:  # else another delivery of the same job marked it meanwhile
            _markeren(opdracht)
    return "uitgevoerd"


def _markeren(opdracht: Opdracht) -> None:
    opdracht.uitgevoerd_op = timezone.now()
    if opdracht.verstuurd_op is None:  # sent by an earlier try whose mark did not stand
        opdracht.verstuurd_op = opdracht.uitgevoerd_op
    opdracht.save(update_fields=["uitgevoerd_op", "verstuurd_op"])
