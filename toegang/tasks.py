"""Background upkeep of the derived permissions (thin: ids in, a policy call, idempotent), and
the retention of the append-only logs."""

from celery import shared_task
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from jji_traject import alleen_toevoegen
from trajecten.constants import Grondslag
from trajecten.models import Toestemming, Traject
from trajecten.regels import MEERDERJARIG, geboren_uiterlijk

from . import policy


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def verlopen_grondslagen_verwerken() -> int:
    """Remove the permission rows and assignments that a grondslag which expired (geldig_tot
    before today, or a parent's consent once the young person is 18) still held. The policy
    already refuses such access live; this keeps the tables true. Returns the number of
    trajecten re-derived."""
    from trajecten.services import toewijzingen_zonder_grondslag_beeindigen

    vandaag = timezone.localdate()
    # Expired, or a parent's consent that lapsed on the young person's 18th birthday.
    verlopen = Toestemming.objects.filter(ingetrokken_op__isnull=True).filter(
        Q(geldig_tot__lt=vandaag)
        | Q(
            grondslag=Grondslag.TOESTEMMING_OUDER,
            traject__jongere__geboortedatum__lte=geboren_uiterlijk(vandaag, MEERDERJARIG),
        )
    )
    trajecten = Traject.objects.filter(pk__in=verlopen.values("traject_id"))
    aantal = 0
    for traject in trajecten.iterator():
        with transaction.atomic():
            toewijzingen_zonder_grondslag_beeindigen(traject)
            policy.rechten_afleiden(traject)
        aantal += 1
    return aantal


@shared_task(acks_late=True)
def bewaartermijn_toepassen() -> dict[str, int]:
    """Monthly: the account log and the log of log searches keep rows ``BEWAARTERMIJN_JAREN``
    years (never fewer than the floor of five years inside the database's own retention
    functions, which delete and record what they deleted). The raadplegingen follow the
    regios' retention schedules, daily (``bewaren``). On SQLite there is nothing to do."""
    if connection.vendor != "postgresql":
        return {}
    return {
        log.tabel: alleen_toevoegen.opschonen_uitvoeren(log, settings.BEWAARTERMIJN_JAREN)
        for log in alleen_toevoegen.LOGS
        if log.opschonen and log is not alleen_toevoegen.RAADPLEGINGEN
    }


@shared_task(acks_late=True)
def zicht_controleren() -> dict[str, int]:
    """Nightly: derive who sees every traject again, compare with the visibility rows of the
    lists and repair a drift (counts only)."""
    trajecten, rijen = policy.zicht_controleren(herstellen=True)
    return {"trajecten": trajecten, "regels": rijen}


@shared_task(acks_late=True)
def weigeringen_bijschrijven() -> int:
    """Every five minutes: the repeats of refused requests whose hour is over, one row each."""
    return policy.herhalingen_bijschrijven()
