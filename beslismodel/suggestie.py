"""The suggested status: a pure function of the placement choices, with a version.

Bijlage 2's "mogelijke uitwerking in de praktijk": an alternative route needed first
(dagbesteding, praktijkleren, aanvullende zorg) → rood; a small-scale setting or a tailored
route (maatwerk) → oranje; otherwise groen. An entreeopleiding or a praktijkgerichte
opleiding is an ordinary choice, not a reason for oranje; nor is "extra aandacht nodig" on
an item — that asks for support, which groen includes. The suggestion is transparent (it
names the answers that led to it) and people decide: the intaker sets the status.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .constants import Aanbod, Setting, Status

REGELVERSIE = 1

ROOD = frozenset({Setting.DAGBESTEDING, Setting.PRAKTIJKLEREN, Setting.ZORG})
ORANJE = frozenset({Setting.KLEINSCHALIG, Aanbod.AANGEPAST})
# The choices the rule needs before it suggests anything: one of each.
NODIG = (frozenset(Aanbod.values), frozenset(Setting.values))


@dataclass(frozen=True)
class Keuzeantwoord:
    """One placement choice as the form shows it: the question, the option code and its words."""

    vraag: str
    code: str
    label: str


@dataclass(frozen=True)
class Suggestie:
    status: str | None  # None: not every choice is made yet
    redenen: tuple[Keuzeantwoord, ...]  # the answers that led to it
    versie: int = REGELVERSIE

    @property
    def is_volledig(self) -> bool:
        return self.status is not None


def status_suggereren(keuzes: Iterable[Keuzeantwoord]) -> Suggestie:
    """The status the placement choices point to, and the choices that decided it."""
    keuzes = tuple(keuzes)
    codes = {k.code for k in keuzes}
    if not all(codes & nodig for nodig in NODIG):
        return Suggestie(None, ())
    for status, codes_van_status in ((Status.ROOD, ROOD), (Status.ORANJE, ORANJE)):
        redenen = tuple(k for k in keuzes if k.code in codes_van_status)
        if redenen:
            return Suggestie(status, redenen)
    return Suggestie(Status.GROEN, keuzes)
