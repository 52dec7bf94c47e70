"""The monitor's nightly summary (issue 19, item 5): ``cijfers_bijwerken`` recounts every
regio's cohorts (nightly, after the schoolloopbaan stands); ``cijfers_ophalen`` reads the
cohorts a page shows and recounts, once, those missing or counted on another day — so the
page reads a few rows at any scale, and is never older than the day it is read."""

from __future__ import annotations

import datetime as dt

from django.db.models import Min
from django.utils import timezone

from dossier.models import Onderwijsinformatie
from netwerk.models import Regio
from trajecten.models import Traject

from .models import Bewaardefeiten, Cohortcijfers
from .selectors_tellingen import FORMAAT, optellen, tellen


def _bewaren(tellingen: dict[tuple[int, int], dict], peildatum: dt.date) -> None:
    nu = timezone.now()
    Cohortcijfers.objects.bulk_create(
        [
            Cohortcijfers(regio_id=regio, jaar=jaar, tellingen=t, peildatum=peildatum, bijgewerkt_op=nu)
            for (regio, jaar), t in tellingen.items()
        ],
        update_conflicts=True,
        unique_fields=["regio", "jaar"],
        update_fields=["tellingen", "peildatum", "bijgewerkt_op"],
    )


def cijfers_bijwerken(*, peildatum: dt.date | None = None) -> int:
    """Recount every regio's cohorts, from the first year anyone was released to this one, as
    known on ``peildatum`` (today). Returns how many cohort rows were written."""
    peildatum = peildatum or timezone.localdate()
    eerste = Traject.objects.filter(vrijgelaten_op__isnull=False).aggregate(eerste=Min("vrijgelaten_op"))["eerste"]
    if eerste is None:
        return 0
    jaren = list(range(eerste.year, peildatum.year + 1))
    tellingen = tellen(list(Regio.objects.values_list("pk", flat=True)), jaren)
    _bewaren(tellingen, peildatum)
    return len(tellingen)


def cijfers_ophalen(regios, jaren: list[int], *, peildatum: dt.date) -> tuple[dict[int, dict], dt.datetime | None]:
    """The counts of the regios' cohorts per year (the regios' together), as known on
    ``peildatum``, and when they were counted (the oldest row). Rows missing, counted on
    another day or of another shape (``FORMAAT``) are recounted first."""
    regio_ids = [getattr(r, "pk", r) for r in regios]

    def lezen() -> dict[tuple[int, int], Cohortcijfers]:
        gevonden = Cohortcijfers.objects.filter(
            regio__in=regio_ids, jaar__in=jaren, peildatum=peildatum, tellingen__formaat=FORMAAT
        )
        return {(c.regio_id, c.jaar): c for c in gevonden}

    rijen = lezen()
    ontbrekend = [(r, j) for r in regio_ids for j in jaren if (r, j) not in rijen]
    if ontbrekend:
        nieuw = tellen(sorted({r for r, _j in ontbrekend}), sorted({j for _r, j in ontbrekend}))
        _bewaren(nieuw, peildatum)
        rijen = lezen()
    per_jaar = {j: optellen([rijen[(r, j)].tellingen for r in regio_ids]) for j in jaren}
    bijgewerkt = min((c.bijgewerkt_op for c in rijen.values()), default=None)
    return per_jaar, bijgewerkt


def feiten_bewaren(traject) -> None:
    """Before the retention schedule erases a traject's onderwijsinformatie: keep what the
    monitor counts of it (a school before placement recorded, the ICT-fase reached), so the
    figures do not change. Idempotent; a traject without the part keeps nothing new."""
    info = Onderwijsinformatie.objects.filter(traject=traject).only("ingeschreven_bij", "ict_fase_id").first()
    if info is None:
        return
    Bewaardefeiten.objects.update_or_create(
        traject=traject, defaults={"herkomst": bool(info.ingeschreven_bij), "ict_fase_id": info.ict_fase_id}
    )
