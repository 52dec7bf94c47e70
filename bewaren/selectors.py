"""What the retention schedule has to do on a day (``te_doen``): one selection for the dry
run, the real run and the functioneel beheerder's forecast, so the three never disagree."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from dossier.models import Veiligheidssignaal
from netwerk.models import Regio
from toegang.models import Raadpleging
from trajecten.models import Traject

from .models import Bewaarschema


def maanden_terug(datum: dt.date, maanden: int) -> dt.date:
    """``datum`` minus whole months (31 March minus one month: the last day of February)."""
    jaar, maand = divmod(datum.year * 12 + datum.month - 1 - maanden, 12)
    maand += 1
    return dt.date(jaar, maand, min(datum.day, calendar.monthrange(jaar, maand)[1]))


def schema_van(regio: Regio) -> Bewaarschema:
    """The regio's schedule, or the defaults (unsaved) when it has none of its own."""
    return Bewaarschema.objects.filter(regio=regio).first() or Bewaarschema.standaard(regio)


def schemas() -> list[Bewaarschema]:
    eigen = {s.regio_id: s for s in Bewaarschema.objects.select_related("regio")}
    return [eigen.get(r.pk) or Bewaarschema.standaard(r) for r in Regio.objects.order_by("naam")]


@dataclass
class Werk:
    """The due work of one day: querysets (counted for the dry run, walked by the real run)."""

    op: dt.date
    signalen: QuerySet[Veiligheidssignaal]
    dossiers: QuerySet[Traject]
    pseudoniemen: QuerySet[Traject]
    raadplegingen_jaren: int
    raadplegingen_grens: dt.datetime
    regio: Regio | None = None

    def aantallen(self) -> dict[str, int]:
        raadplegingen = Raadpleging.objects.filter(tijdstip__lt=self.raadplegingen_grens)
        if self.regio is not None:
            raadplegingen = raadplegingen.filter(traject__jji__regio=self.regio)
        return {
            "signalen": self.signalen.count(),
            "dossiers": self.dossiers.count(),
            "pseudoniemen": self.pseudoniemen.count(),
            "raadplegingen": raadplegingen.count(),
        }


def raadplegingen_jaren() -> int:
    """The log is one table for every regio: its rows are kept as long as the longest schedule
    (and the deployment's BEWAARTERMIJN_JAREN) asks, never below the floor of five years."""
    return max([settings.BEWAARTERMIJN_JAREN] + [s.raadplegingen_jaren for s in schemas()])


def te_doen(op: dt.date, *, regio: Regio | None = None) -> Werk:
    """Everything due on ``op`` under each regio's schedule (or only ``regio``'s)."""
    signalen, dossiers, pseudoniemen = Q(pk__in=[]), Q(pk__in=[]), Q(pk__in=[])
    for schema in schemas():
        if regio is not None and schema.regio_id != regio.pk:
            continue
        signalen |= Q(traject__jji__regio=schema.regio_id, einddatum__lt=op - dt.timedelta(days=schema.signalen_dagen))
        dossiers |= Q(jji__regio=schema.regio_id, afgesloten_op__lte=maanden_terug(op, schema.dossier_maanden))
        pseudoniemen |= Q(
            jji__regio=schema.regio_id, afgesloten_op__lte=maanden_terug(op, schema.pseudonimiseren_maanden)
        )
    jaren = raadplegingen_jaren()
    grens = timezone.make_aware(dt.datetime.combine(maanden_terug(op, 12 * jaren), dt.time.min))
    # A signaal of a traject whose dossier goes today is counted with the dossier.
    due_dossiers = Traject.objects.filter(dossiers, dossier_gewist_op__isnull=True)
    return Werk(
        op=op,
        signalen=Veiligheidssignaal.objects.filter(signalen).exclude(traject__in=due_dossiers),
        dossiers=due_dossiers.order_by("pk"),
        pseudoniemen=Traject.objects.filter(pseudoniemen, gepseudonimiseerd_op__isnull=True).order_by("pk"),
        raadplegingen_jaren=jaren,
        raadplegingen_grens=grens,
        regio=regio,
    )
