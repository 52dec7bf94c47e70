"""Background upkeep of the derived permissions (thin: ids in, a policy call, idempotent), and
the retention of the append-only logs."""

from celery import shared_task
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from jji_traject import alleen_toevoegen
from jji_traject.models import Taakstand
from trajecten.constants import Grondslag
from trajecten.models import Toestemming, Traject
from trajecten.regels import MEERDERJARIG, geboren_uiterlijk

from . import policy

# The hourly task's row in Taakstand.
VERLOPEN = "verlopen-grondslagen"


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def verlopen_grondslagen_verwerken() -> int:
    """Remove the permission rows and assignments that a grondslag which expired (geldig_tot
    before today, or a parent's consent once the young person is 18) still held. The policy
    already refuses such access live; this keeps the tables true. Returns the number of
    trajecten re-derived.

    Each record is handled once: the run remembers the day it handled up to
    (``Taakstand``) and the next run looks only at records that lapsed since, so an hourly
    run costs nothing on most hours at national scale. The first run handles every record
    that ever lapsed; a run that fails leaves the day where it was."""
    vandaag = timezone.localdate()
    stand = Taakstand.objects.filter(naam=VERLOPEN).values_list("dag", flat=True).first()
    trajecten = Traject.objects.filter(pk__in=_verlopen_tussen(stand, vandaag).values("traject_id"))
    aantal = 0
    for traject in trajecten.iterator():
        verlopen_afhandelen(traject)
        aantal += 1
    Taakstand.objects.update_or_create(naam=VERLOPEN, defaults={"dag": vandaag})
    return aantal


@transaction.atomic
def verlopen_afhandelen(traject: Traject) -> None:
    """One traject in which a grondslag lapsed: the assignments it held end, and its rows are
    derived again."""
    from trajecten.services import toewijzingen_zonder_grondslag_beeindigen

    toewijzingen_zonder_grondslag_beeindigen(traject)
    policy.rechten_afleiden(traject)


def _verlopen_tussen(vanaf, vandaag):
    """The records not revoked that lapsed after the day ``vanaf`` (on any day when None)
    and by ``vandaag``: their last day (``geldig_tot``, or for a parent's consent the day
    before the 18th birthday) is before ``vandaag`` and not before ``vanaf``."""
    oud_genoeg = geboren_uiterlijk(vandaag, MEERDERJARIG)
    ouder = Q(grondslag=Grondslag.TOESTEMMING_OUDER, traject__jongere__geboortedatum__lte=oud_genoeg)
    verlopen = Q(geldig_tot__lt=vandaag)
    if vanaf is not None:
        verlopen &= Q(geldig_tot__gte=vanaf)
        ouder &= Q(traject__jongere__geboortedatum__gt=geboren_uiterlijk(vanaf, MEERDERJARIG))
    return Toestemming.objects.filter(ingetrokken_op__isnull=True).filter(verlopen | ouder)


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
