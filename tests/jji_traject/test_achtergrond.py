"""Background work through a real Celery worker on Redis (CI), and the layering rule that
views, forms and admin never query youth models directly."""

import datetime as dt
import time

import pytest
from django.conf import settings
from django.utils import timezone

from jji_traject.celery import app
from jji_traject.geschiedenis import bijwerken
from toegang.models import TrajectUserObjectPermission
from toegang.tasks import verlopen_grondslagen_verwerken
from trajecten.models import Toestemming

from ..omgeving import overslaan_of_falen, zaai_opnieuw


@pytest.mark.django_db(transaction=True)
def test_expiry_task_runs_in_a_real_worker(vereist_postgres, klok):
    if not settings.REDIS_URL:
        overslaan_of_falen("deze test heeft Redis nodig (zet REDIS_URL)")
    from celery.contrib.testing.worker import start_worker

    zaai_opnieuw()
    toestemming = Toestemming.objects.get(traject__jongere__voornaam="Noah")
    toestemming.geldig_tot = timezone.localdate()  # its last day is today
    toestemming.save(update_fields=["geldig_tot"])
    klok(1)  # the day after (the worker runs in this process)
    rij = TrajectUserObjectPermission.objects.filter(
        content_object_id=toestemming.traject_id, user__username="mbo-intake"
    )
    assert rij.exists()
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            verlopen_grondslagen_verwerken.delay()
            einde = time.monotonic() + 20
            while rij.exists() and time.monotonic() < einde:
                time.sleep(0.2)
    finally:
        app.conf.task_always_eager = True
    assert not rij.exists()


@pytest.mark.django_db(transaction=True)
def test_reminders_run_in_a_real_worker(vereist_postgres):
    if not settings.REDIS_URL:
        overslaan_of_falen("deze test heeft Redis nodig (zet REDIS_URL)")
    from celery.contrib.testing.worker import start_worker

    from signalering.models import Melding
    from signalering.tasks import herinneringen_versturen
    from trajecten.models import Taak

    zaai_opnieuw()
    bijwerken(Taak.objects.all(), deadline=None)
    eerste, tweede = Taak.objects.filter(
        traject__jongere__voornaam="Noah", organisatie__naam="ROC Lindewaard", status="open"
    )[:2]
    eerste.deadline = timezone.localdate() - dt.timedelta(days=1)
    eerste.save(update_fields=["deadline"])

    def wacht_op(taak):
        einde = time.monotonic() + 20
        while not Melding.objects.filter(taak=taak).exists() and time.monotonic() < einde:
            time.sleep(0.2)

    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            herinneringen_versturen.delay()
            wacht_op(eerste)
            # The second run is seen by the notification it adds for another task.
            tweede.deadline = timezone.localdate()
            tweede.save(update_fields=["deadline"])
            herinneringen_versturen.delay()
            wacht_op(tweede)
    finally:
        app.conf.task_always_eager = True
    assert Melding.objects.filter(taak=tweede).count() == 1
    assert Melding.objects.filter(taak=eerste).count() == 1  # idempotent: not notified twice


@pytest.mark.django_db(transaction=True)
def test_an_overdrachtsdocument_is_made_by_a_real_worker(vereist_postgres):
    """Through Redis: the page asks, a worker renders, the status page shows the download."""
    if not settings.REDIS_URL:
        overslaan_of_falen("deze test heeft Redis nodig (zet REDIS_URL)")
    from celery.contrib.testing.worker import start_worker
    from django.db import transaction

    from netwerk.models import Medewerker
    from overdracht import services
    from overdracht.models import Overdracht, OverdrachtStatus
    from trajecten.models import Traject

    zaai_opnieuw()
    liam = Traject.objects.get(jongere__voornaam="Liam")
    maker = Medewerker.objects.get(user__username="coordinator")
    ontvanger = Medewerker.objects.get(user__username="verbindingsofficier")
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            with transaction.atomic():
                overdracht = services.overdracht_aanvragen(actor=maker.user, traject=liam, ontvanger=ontvanger)
            einde = time.monotonic() + 30
            while time.monotonic() < einde:
                overdracht = Overdracht.objects.get(pk=overdracht.pk)
                if overdracht.status != OverdrachtStatus.WACHT:
                    break
                time.sleep(0.2)
    finally:
        app.conf.task_always_eager = True
    assert overdracht.status == OverdrachtStatus.KLAAR
    assert bytes(overdracht.bestand).startswith(b"%PDF") and set(overdracht.categorieen) == {
        "onderwijsinformatie",
        "begeleidingsbehoefte",
    }
