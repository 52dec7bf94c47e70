"""The derived figures of each released traject's schoolloopbaan, kept for the regional monitor
(``Schoolloopbaanstand``, issue 19): recomputed after every write of the schoolloopbaan and
nightly (``monitor.tasks.cijfers_bijwerken``, before the monitor's summary: a gap without education grows with
time, and a release date may change). Dates and outcomes only, read in blocks; the rule is
``dossier.regels.schoolloopbaan_afleiden``."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from itertools import islice

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from netwerk.models import Regio
from trajecten.models import Traject

from .models import Inschrijving, Schoolcheckpoint, Schoolloopbaanstand
from .regels import Inschrijving as InschrijvingRegel
from .regels import Meting, schoolloopbaan_afleiden

BLOK = 1000


def standen_bijwerken(trajecten: QuerySet[Traject] | None = None, *, op: dt.date | None = None) -> int:
    """Recompute the stand of the given trajecten (all, without), as known on ``op`` (today).
    A traject without a release date has no stand. Returns how many were written."""
    op = op or timezone.localdate()
    alle = trajecten is None
    trajecten = Traject.objects.all() if alle else trajecten
    if alle:
        Schoolloopbaanstand.objects.filter(traject__vrijgelaten_op__isnull=True).delete()
    else:
        Schoolloopbaanstand.objects.filter(traject__in=trajecten, traject__vrijgelaten_op__isnull=True).delete()
    vrij = (
        trajecten.filter(vrijgelaten_op__isnull=False)
        .order_by("pk")
        .values_list(
            "pk",
            "vrijgelaten_op",
            "uitstroombestemming",
            "jji__regio__zomervakantie_begin",
            "jji__regio__zomervakantie_einde",
        )
    )
    geschreven = 0
    rijen = vrij.iterator(chunk_size=BLOK)
    while blok := list(islice(rijen, BLOK)):
        ids = [rij[0] for rij in blok]
        inschrijvingen, metingen = defaultdict(list), defaultdict(list)
        for traject_id, start, eerste, einde in Inschrijving.objects.filter(traject_id__in=ids).values_list(
            "traject_id", "startdatum", "eerste_schooldag", "einddatum"
        ):
            inschrijvingen[traject_id].append(InschrijvingRegel(start, eerste, einde))
        for traject_id, peildatum, uitkomst in Schoolcheckpoint.objects.filter(traject_id__in=ids).values_list(
            "traject_id", "peildatum", "uitkomst"
        ):
            metingen[traject_id].append(Meting(peildatum, uitkomst))
        standen = []
        for pk, vrijgelaten_op, bestemming, begin, einde in blok:
            afleiding = schoolloopbaan_afleiden(
                vrijgelaten_op=vrijgelaten_op,
                inschrijvingen=inschrijvingen[pk],
                metingen=metingen[pk],
                bestemming=bestemming,
                op=op,
                drempel=settings.ONDERBROKEN_DAGEN,
                zomervakantie=Regio.zomervakantie_van(begin, einde),
            )
            standen.append(
                Schoolloopbaanstand(
                    traject_id=pk,
                    dagen_tot_eerste_schooldag=afleiding.dagen_tot_eerste_schooldag,
                    onderbroken=afleiding.onderbroken,
                    berekend_op=op,
                )
            )
        Schoolloopbaanstand.objects.bulk_create(
            standen,
            update_conflicts=True,
            unique_fields=["traject"],
            update_fields=["dagen_tot_eerste_schooldag", "onderbroken", "berekend_op"],
        )
        geschreven += len(standen)
    return geschreven
