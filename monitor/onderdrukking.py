"""The monitor's disclosure control (issue 19, item 3), as pure functions: no cell, median or
percentage of the monitor may let anyone work out a number of fewer than ``DREMPEL`` young
people.

- **Primary suppression**: a count below ``DREMPEL`` (0 included: "nobody in this group" is a
  statement about each of them) is shown as "< 5".
- **Secondary suppression**: a table's rows and columns add up to totals that are shown. A row
  (or column) with exactly one suppressed cell would give it away by subtraction, so the
  smallest other shown cell of that row (or column) is suppressed too, shown as "x" (it may be
  large); this repeats until no row or column has a single suppressed cell. A total below the threshold suppresses its
  whole row or column. A row that counts nobody at all (an empty cohort) is known to be empty:
  it is shown as such and left out of the suppression.
- **Derived figures**: a percentage whose denominator, numerator or complement is below the
  threshold (either would follow from it), and a median over fewer young people than the
  threshold are not shown either.

The monitor asks these functions for every figure it shows; the CSV and the PDF show the same
cells."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

DREMPEL = 5


# A figure suppressed only so that a small one cannot be worked out (it may itself be large).
VERBORGEN = "x"


@dataclass(frozen=True)
class Cel:
    """One figure as shown: its value, or ``None`` when suppressed; ``klein`` when it is itself
    below the threshold (shown as "< 5"), else it was suppressed to protect another ("x")."""

    waarde: int | float | None
    klein: bool = False

    @property
    def onderdrukt(self) -> bool:
        return self.waarde is None

    def __str__(self) -> str:
        if self.waarde is None:
            return f"< {DREMPEL}" if self.klein else VERBORGEN
        if isinstance(self.waarde, float):
            return f"{self.waarde:.0f}"
        return str(self.waarde)


def telling(aantal: int) -> Cel:
    """A single count on its own (no table around it): shown from the threshold up."""
    return Cel(aantal, klein=False) if aantal >= DREMPEL else Cel(None, klein=True)


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


def tabel(aantallen: Sequence[Sequence[int]]) -> Tabel:
    """Suppress a table of counts together with its row and column totals and grand total
    (primary, then secondary suppression; see the module). Each row — cells and row total —
    and each column — cells and column total, the totals row with the grand total — is a
    line whose cells add up; a line with exactly one suppressed figure loses its smallest
    other figure too, until no line has one."""
    alle = [list(rij) for rij in aantallen]
    breedte = len(alle[0]) if alle else 0
    if any(len(rij) != breedte for rij in alle):
        raise ValueError("every row of a table has as many cells")
    # A row that counts nobody (a cohort with no one in it) is shown as such ("–" on the page):
    # being known, it takes no part in the suppression, and adds nothing to any total.
    leeg = [sum(rij) == 0 for rij in alle]
    rijen = [rij for rij, is_leeg in zip(alle, leeg, strict=True) if not is_leeg]
    # The augmented table: each row with its total, then the row of column totals and the grand total.
    vol = [[*rij, sum(rij)] for rij in rijen]
    vol.append([sum(rij[k] for rij in rijen) for k in range(breedte)] + [sum(map(sum, rijen))])
    hoogte, breed = len(vol), breedte + 1
    weg = {(r, k) for r in range(hoogte) for k in range(breed) if vol[r][k] < DREMPEL}
    lijnen = [[(r, k) for k in range(breed)] for r in range(hoogte)]
    lijnen += [[(r, k) for r in range(hoogte)] for k in range(breed)]
    veranderd = True
    while veranderd:
        veranderd = False
        for lijn in lijnen:
            if len(lijn) < 3 or sum(cel in weg for cel in lijn) != 1:
                continue  # a line of one cell and its total: both or neither are below the threshold
            # The smallest other figure (the least information lost); ties: the first.
            weg.add(min((cel for cel in lijn if cel not in weg), key=lambda cel: vol[cel[0]][cel[1]]))
            veranderd = True
    getoond = [
        [Cel(None, klein=vol[r][k] < DREMPEL) if (r, k) in weg else Cel(vol[r][k]) for k in range(breed)]
        for r in range(hoogte)
    ]
    gevuld = iter(getoond[:-1])
    volledig = [[Cel(0)] * breed if is_leeg else next(gevuld) for is_leeg in leeg]
    return Tabel(
        cellen=[rij[:breedte] for rij in volledig],
        rijtotalen=[rij[breedte] for rij in volledig],
        kolomtotalen=getoond[-1][:breedte],
        totaal=getoond[-1][breedte],
    )
