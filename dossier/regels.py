"""The derived figures of the schoolloopbaan na uitstroom, as one pure function.

No database, no clock: every input is a parameter, so the rule is tested table-driven
(``tests/dossier/test_schoolloopbaan_regels.py``) and the selectors, the API, the demo and a
later regional monitor all derive the same figures.

**Onderbroken schoolloopbaan** (README, "Schoolloopbaan na uitstroom"): within the first 12
months after release, a period of more than N days without education (``ONDERBROKEN_DAGEN``,
default 28) — the regio's summer holiday does not count — or an uitschrijving without a new
enrolment within N days. Both are one rule here: a *gap* is a run of days without education
that starts within the 12 months (at the release itself, or at an uitschrijving); the gap is
measured up to its end or up to today, so an uitschrijving in month 12 still counts when no
new enrolment follows within N days. A destination of werk, dagbesteding or zorg chosen in the
uitstroom counts as education until it ends without a next step (a checkpoint "uitgeschreven"
or "onbekend"); a diploma ends the question (from then on nothing is a gap).

Days of education: from an enrolment's first school day (its start date where no first day is
recorded) up to the day before its uitschrijving — the recorded end date, or else the date of
the first checkpoint "uitgeschreven" after its start.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from trajecten.constants import Uitstroombestemming

from .constants import CheckpointUitkomst

JAAR = 365
# Destinations chosen in the uitstroom that are no interruption while they last.
ANDERE_BESTEMMINGEN = frozenset({Uitstroombestemming.WERK, Uitstroombestemming.DAGBESTEDING, Uitstroombestemming.ZORG})
# A checkpoint that says such a destination ended without a next step.
EINDE_ZONDER_VERVOLG = frozenset({CheckpointUitkomst.UITGESCHREVEN, CheckpointUitkomst.ONBEKEND})

MaandDag = tuple[int, int]


@dataclass(frozen=True)
class Inschrijving:
    """One enrolment as the rule needs it."""

    startdatum: dt.date
    eerste_schooldag: dt.date | None = None
    einddatum: dt.date | None = None  # uitgeschreven op


@dataclass(frozen=True)
class Meting:
    """One checkpoint as the rule needs it: the date it describes and its outcome."""

    peildatum: dt.date
    uitkomst: str


@dataclass(frozen=True)
class Afleiding:
    """The figures of one traject. ``onderbroken`` is ``None`` before release; ``langste_gat``
    counts days without education outside the summer holiday."""

    dagen_tot_eerste_schooldag: int | None
    onderbroken: bool | None
    langste_gat: int
    gat_vanaf: dt.date | None  # where the longest gap began


def in_zomervakantie(dag: dt.date, zomervakantie: tuple[MaandDag, MaandDag] | None) -> bool:
    """Whether ``dag`` lies in the regio's summer holiday (month and day, every year, both ends
    included)."""
    if zomervakantie is None:
        return False
    begin, einde = zomervakantie
    return begin <= (dag.month, dag.day) <= einde


def _onderwijsdagen(
    inschrijvingen: Sequence[Inschrijving], metingen: Sequence[Meting]
) -> list[tuple[dt.date, dt.date | None]]:
    """The periods of education: [first school day, uitschrijving) per enrolment."""
    uitgeschreven = sorted(m.peildatum for m in metingen if m.uitkomst == CheckpointUitkomst.UITGESCHREVEN)
    perioden = []
    for inschrijving in inschrijvingen:
        begin = inschrijving.eerste_schooldag or inschrijving.startdatum
        einde = inschrijving.einddatum
        if einde is None:
            einde = next((d for d in uitgeschreven if d >= begin), None)
        perioden.append((begin, einde))
    return perioden


def _andere_bestemming_tot(bestemming: str, vrijgelaten_op: dt.date, metingen: Sequence[Meting]) -> dt.date | None:
    """Until when (exclusive) a werk/dagbesteding/zorg destination counts; ``None``: not at all.
    ``dt.date.max``: it has not ended."""
    if bestemming not in ANDERE_BESTEMMINGEN:
        return None
    einde = [m.peildatum for m in metingen if m.uitkomst in EINDE_ZONDER_VERVOLG and m.peildatum >= vrijgelaten_op]
    return min(einde) if einde else dt.date.max


def schoolloopbaan_afleiden(
    *,
    vrijgelaten_op: dt.date | None,
    inschrijvingen: Sequence[Inschrijving],
    metingen: Sequence[Meting],
    bestemming: str,
    op: dt.date,
    drempel: int,
    zomervakantie: tuple[MaandDag, MaandDag] | None,
) -> Afleiding:
    """The days from release to the first school day, and whether the school career was
    interrupted (the module's docstring has the rule), as known on ``op``."""
    eerste = min((i.eerste_schooldag for i in inschrijvingen if i.eerste_schooldag), default=None)
    if vrijgelaten_op is None:
        return Afleiding(None, None, 0, None)
    dagen_tot_school = (eerste - vrijgelaten_op).days if eerste and eerste >= vrijgelaten_op else None
    if eerste and eerste < vrijgelaten_op:
        dagen_tot_school = 0  # at school from the day of release (education went on)
    perioden = _onderwijsdagen(inschrijvingen, metingen)
    ander_tot = _andere_bestemming_tot(bestemming, vrijgelaten_op, metingen)
    diploma = min((m.peildatum for m in metingen if m.uitkomst == CheckpointUitkomst.DIPLOMA), default=None)
    venster_einde = vrijgelaten_op + dt.timedelta(days=JAAR)  # a gap must start before this day

    def onderwijs(dag: dt.date) -> bool:
        if diploma is not None and dag >= diploma:
            return True
        if ander_tot is not None and dag < ander_tot:
            return True
        return any(begin <= dag and (einde is None or dag < einde) for begin, einde in perioden)

    langste, langste_vanaf = 0, None
    gat, gat_vanaf = 0, None
    dag = vrijgelaten_op
    while dag <= op:
        if onderwijs(dag):
            gat, gat_vanaf = 0, None
        elif gat_vanaf is not None or dag < venster_einde:
            if gat_vanaf is None:
                gat_vanaf = dag
            if not in_zomervakantie(dag, zomervakantie):
                gat += 1
            if gat > langste:
                langste, langste_vanaf = gat, gat_vanaf
        elif dag >= venster_einde:
            break  # past the 12 months and no gap running: nothing can change any more
        dag += dt.timedelta(days=1)
    return Afleiding(dagen_tot_school, langste > drempel, langste, langste_vanaf)
