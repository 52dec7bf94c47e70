"""The verbindingsofficier's overview (his home page): what comes to his college and what waits
there, as counts and short lists with links, never dossier content. Every list starts from the
trajecten he may see (``policy.zichtbaar_voor``) in which his organisation is the active
receiving mbo; each section costs two queries (its count and its first rows), whatever the
numbers: the page's query count stays flat as they grow."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from toegang import policy
from trajecten.constants import OverlegSoort

# Youths expected at the college: released within this many weeks (by the expected end date).
VERWACHT_WEKEN = 8
# Rows shown per section; the count says how many there are in all.
PER_SECTIE = 10


@dataclass
class Sectie:
    """One section of the overview: how many, and the first ``PER_SECTIE`` rows."""

    aantal: int = 0
    rijen: list = field(default_factory=list)

    @property
    def meer(self) -> int:
        return max(self.aantal - len(self.rijen), 0)


def sectie(rijen: QuerySet, per_sectie: int = PER_SECTIE) -> Sectie:
    """A section from an ordered queryset: its count and its first rows (two queries)."""
    return Sectie(aantal=rijen.count(), rijen=list(rijen[:per_sectie]))


@dataclass
class Overzicht:
    verwacht: Sectie
    warme_overdrachten: Sectie
    uit_beeld: Sectie
    tot: dt.date
    uit_beeld_dagen: int


def ontvangen_trajecten(user, op: dt.date | None = None):
    """The open trajecten the reader sees in which his organisation is the active receiving mbo."""
    medewerker = policy.medewerker_van(user)
    if medewerker is None:
        return policy.zichtbaar_voor(user).none()
    return policy.zichtbaar_voor(user).open().ontvangen_door(medewerker.organisatie_id, op)


def verbindingsofficier_overzicht(user, op: dt.date | None = None) -> Overzicht:
    """The sections about trajecten and meetings: youths expected in the next ``VERWACHT_WEKEN``
    weeks (not released yet, by expected end date), warme overdrachten planned from today (the
    meetings he may see), and youths uit beeld after release (``UIT_BEELD_DAGEN``)."""
    op = op or timezone.localdate()
    tot = op + dt.timedelta(weeks=VERWACHT_WEKEN)
    trajecten = ontvangen_trajecten(user, op)
    verwacht = (
        trajecten.filter(vrijgelaten_op__isnull=True, verwachte_einddatum__range=(op, tot))
        .select_related("jongere")
        .order_by("verwachte_einddatum", "pk")
    )
    warme_overdrachten = (
        policy.zichtbare_overleggen(user)
        .filter(soort=OverlegSoort.WARME_OVERDRACHT, datum__gte=op, traject__in=trajecten)
        .select_related("traject__jongere")
        .order_by("datum", "pk")
    )
    uit_beeld = (
        trajecten.uit_beeld(settings.UIT_BEELD_DAGEN, op).select_related("jongere").order_by("laatste_contact", "pk")
    )
    return Overzicht(
        verwacht=sectie(verwacht),
        warme_overdrachten=sectie(warme_overdrachten),
        uit_beeld=sectie(uit_beeld),
        tot=tot,
        uit_beeld_dagen=settings.UIT_BEELD_DAGEN,
    )
