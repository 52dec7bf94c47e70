"""The monitor's disclosure control (issue 19, item 3), as pure functions: no cell, median or
percentage of the monitor may let anyone work out a number of fewer than ``DREMPEL`` young
people.

- **Primary suppression**: a count below ``DREMPEL`` (0 included: "nobody in this group" is a
  statement about each of them) is hidden.
- **Secondary suppression**: figures in a line that add up to a shown total would give a
  hidden one away by subtraction, so a line with exactly one hidden figure — or hidden
  figures that its shown total leaves fewer than the threshold together (counts are never
  negative: a hidden sum of 0 says each is 0) — loses its smallest other figure too, until no
  line has one. A row is such a line (its cells and its total);
  where a table shows column totals, each column is one too. A total that is already shown
  elsewhere (the headline) is never hidden, so no protection relies on it.
- **One marker**: every hidden figure reads "x" — a small count and one hidden to protect it
  are not told apart (that would say which is at least 5).
- **Known-empty rows**: a cohort with nobody in it shows "–" and takes no part; any other
  zero is a small count like the rest.
- **Derived figures**: a percentage whose denominator, numerator or complement is below the
  threshold (either would follow from it), and a median over fewer young people than the
  threshold are not shown either.

The monitor publishes each cohort's row the same way whatever periods are chosen (no totals
over a chosen range), so no two views can be subtracted: a year's row alone, a quarter's in
one table with the other quarters of its year whose totals are the year's row and the
quarters' sizes as they are published elsewhere — shown stays shown, hidden stays hidden
(``bekende_*``). The page, the CSV and the PDF show the same cells."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

DREMPEL = 5


# Every hidden figure reads the same: a small count and one hidden to protect it are not told
# apart (telling them apart would say which of them is at least 5).
VERBORGEN = "x"


@dataclass(frozen=True)
class Cel:
    """One figure as shown: its value, or ``None`` when hidden (shown as "x")."""

    waarde: int | float | None

    @property
    def onderdrukt(self) -> bool:
        return self.waarde is None

    def __str__(self) -> str:
        if self.waarde is None:
            return VERBORGEN
        if isinstance(self.waarde, float):
            return f"{self.waarde:.0f}"
        return str(self.waarde)


def telling(aantal: int) -> Cel:
    """A single count on its own (no table around it): shown from the threshold up."""
    return Cel(aantal) if aantal >= DREMPEL else Cel(None)


def percentage(teller: int | Cel, noemer: int) -> Cel:
    """``teller`` of ``noemer`` as a whole percentage. With the denominator shown, a percentage
    gives away its numerator and its complement (``noemer - teller``): it is suppressed when
    either is below the threshold, when the numerator is itself suppressed, or over fewer
    young people than the threshold."""
    if isinstance(teller, Cel):
        if teller.onderdrukt:
            return Cel(None)
        teller = int(teller.waarde)
    if noemer < DREMPEL or teller < DREMPEL or noemer - teller < DREMPEL:
        return Cel(None)
    return Cel(round(100 * teller / noemer))


def mediaan(waarden: Sequence[int | float]) -> Cel:
    """The median of the young people's values, only over at least the threshold of them."""
    if len(waarden) < DREMPEL:
        return Cel(None)
    return Cel(statistics.median(waarden))


@dataclass(frozen=True)
class Tabel:
    """A suppressed table of counts with its totals, as shown."""

    cellen: list[list[Cel]]
    rijtotalen: list[Cel]
    kolomtotalen: list[Cel]
    totaal: Cel


def tabel(
    aantallen: Sequence[Sequence[int]],
    *,
    kolomtotalen: bool = True,
    leeg: Sequence[bool] | None = None,
    publiek: Sequence[int] | None = None,
    bekende_kolomtotalen: Sequence[Cel] | None = None,
    bekende_rijtotalen: Sequence[Cel] | None = None,
) -> Tabel:
    """Suppress a table of counts with its row totals and — when ``kolomtotalen`` — its column
    totals and grand total (primary, then secondary suppression; see the module). Each row —
    cells and row total — and, when column totals are shown, each column — cells and column
    total — is a line whose figures add up; a line with exactly one suppressed figure loses
    its smallest other hideable figure too, until no line has one.

    ``leeg``: rows known to count nobody (an empty cohort, shown as "–"): they take no part.
    ``publiek``: column totals (and then the grand total) already shown elsewhere as they are
    (the headline): they are never hidden here, so hiding cannot rely on them.
    ``bekende_kolomtotalen`` (the column totals, then the grand total) and
    ``bekende_rijtotalen`` (per row): totals already published elsewhere as they were shown
    there — a shown one stays shown, a hidden one stays hidden — so that this table and the
    other can never be set against each other (a year's quarters against the year)."""
    alle = [list(rij) for rij in aantallen]
    breedte = len(alle[0]) if alle else 0
    if any(len(rij) != breedte for rij in alle):
        raise ValueError("every row of a table has as many cells")
    leeg = list(leeg) if leeg is not None else [False] * len(alle)
    rijen = [rij for rij, is_leeg in zip(alle, leeg, strict=True) if not is_leeg]
    # The augmented table: each row with its total, then the row of column totals and the grand total.
    vol = [[*rij, sum(rij)] for rij in rijen]
    vol.append([sum(rij[k] for rij in rijen) for k in range(breedte)] + [sum(map(sum, rijen))])
    hoogte, breed = len(vol), breedte + 1
    if publiek is not None:
        bekende_kolomtotalen = [Cel(v) for v in publiek] + [Cel(sum(publiek))]
    bekend: dict[tuple[int, int], Cel] = {}
    if bekende_kolomtotalen is not None:
        bekend.update(((hoogte - 1, k), cel) for k, cel in enumerate(bekende_kolomtotalen))
    if bekende_rijtotalen is not None:
        gevuld = [cel for cel, is_leeg in zip(bekende_rijtotalen, leeg, strict=True) if not is_leeg]
        bekend.update(((r, breedte), cel) for r, cel in enumerate(gevuld))
    vast = {plek for plek, cel in bekend.items() if not cel.onderdrukt}
    weg = {plek for plek, cel in bekend.items() if cel.onderdrukt}
    weg |= {(r, k) for r in range(hoogte) for k in range(breed) if vol[r][k] < DREMPEL and (r, k) not in bekend}
    lijnen = [[(r, k) for k in range(breed)] for r in range(hoogte - 1)]
    if kolomtotalen:
        lijnen.append([(hoogte - 1, k) for k in range(breed)])
        lijnen += [[(r, k) for r in range(hoogte)] for k in range(breed)]

    def onveilig(lijn) -> bool:
        """One hidden figure follows from its shown total by subtraction; so do several whose
        shown total leaves them fewer than the threshold together (counts are never negative:
        a hidden sum of 0 tells each is 0)."""
        verborgen = [cel for cel in lijn if cel in weg]
        if not verborgen:
            return False
        if len(verborgen) == 1:
            return True
        totaal_getoond = lijn[-1] not in weg
        return totaal_getoond and sum(vol[r][k] for r, k in verborgen) < DREMPEL

    veranderd = True
    while veranderd:
        veranderd = False
        for lijn in lijnen:
            kandidaten = [cel for cel in lijn[:-1] if cel not in weg and cel not in vast]
            if len(lijn) < 3 or not kandidaten or not onveilig(lijn):
                continue  # a line of one cell and its total: both or neither are below the threshold
            # The smallest other figure (the least information lost); ties: the first.
            weg.add(min(kandidaten, key=lambda cel: vol[cel[0]][cel[1]]))
            veranderd = True
    getoond = [[Cel(None) if (r, k) in weg else Cel(vol[r][k]) for k in range(breed)] for r in range(hoogte)]
    gevuld = iter(getoond[:-1])
    volledig = [[Cel(0)] * breed if is_leeg else next(gevuld) for is_leeg in leeg]
    verborgen = [Cel(None)] * breed
    totalen = getoond[-1] if kolomtotalen else verborgen
    return Tabel(
        cellen=[rij[:breedte] for rij in volledig],
        rijtotalen=[rij[breedte] for rij in volledig],
        kolomtotalen=totalen[:breedte],
        totaal=totalen[breedte],
    )
