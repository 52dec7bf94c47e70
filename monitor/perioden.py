"""The monitor's periods (issue 19, item 3): cohorts by year of release (the default) or by
quarter, whole ones only, so that no two overlapping periods can be subtracted to reveal a
suppressed cell. A choice is read from its text ("2025", "2025-K2") and refused with a Dutch
message when it is malformed, unknown or lies in the future."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PATROON = re.compile(r"^(?P<jaar>\d{4})(?:-K(?P<kwartaal>[1-4]))?$")
EERSTE_JAAR = 2000


@dataclass(frozen=True)
class Periode:
    """A whole year (``kwartaal`` None) or a whole quarter of release."""

    jaar: int
    kwartaal: int | None = None

    @property
    def begin(self) -> dt.date:
        return dt.date(self.jaar, 1 + 3 * ((self.kwartaal or 1) - 1), 1)

    @property
    def einde(self) -> dt.date:
        """The last day of the period."""
        if self.kwartaal is None or self.kwartaal == 4:
            return dt.date(self.jaar, 12, 31)
        return dt.date(self.jaar, 1 + 3 * self.kwartaal, 1) - dt.timedelta(days=1)

    @property
    def code(self) -> str:
        return f"{self.jaar}" if self.kwartaal is None else f"{self.jaar}-K{self.kwartaal}"

    def __str__(self) -> str:
        return (
            str(self.jaar)
            if self.kwartaal is None
            else _("%(kwartaal)se kwartaal %(jaar)s")
            % {
                "kwartaal": self.kwartaal,
                "jaar": self.jaar,
            }
        )


def periode_lezen(tekst: str, *, vandaag: dt.date) -> Periode:
    """The period chosen as "2025" or "2025-K2": begun by ``vandaag`` and not before 2000."""
    gevonden = PATROON.match((tekst or "").strip())
    if gevonden is None:
        raise ValidationError(
            _("Kies een heel jaar (bijvoorbeeld 2025) of een heel kwartaal (bijvoorbeeld 2025-K2)."),
            code="vorm",
        )
    kwartaal = gevonden["kwartaal"]
    periode = Periode(int(gevonden["jaar"]), int(kwartaal) if kwartaal else None)
    if periode.jaar < EERSTE_JAAR:
        raise ValidationError(_("Kies een periode vanaf %(jaar)s.") % {"jaar": EERSTE_JAAR}, code="te_vroeg")
    _begonnen(periode, vandaag)
    return periode


def _begonnen(periode: Periode, vandaag: dt.date) -> None:
    if periode.begin > vandaag:
        raise ValidationError(
            _("Deze periode ligt in de toekomst: kies een periode die al begonnen is."), code="toekomst"
        )


def reeks(van: Periode, tot: Periode, *, vandaag: dt.date) -> list[Periode]:
    """The cohorts from ``van`` to ``tot`` inclusive, both of one kind (years or quarters),
    each begun by ``vandaag``."""
    if (van.kwartaal is None) != (tot.kwartaal is None):
        raise ValidationError(_("Kies van en tot allebei als jaar of allebei als kwartaal."), code="soort")
    if tot.begin < van.begin:
        raise ValidationError(_("De periode eindigt vóór ze begint: kies een eind na het begin."), code="volgorde")
    _begonnen(tot, vandaag)
    perioden, huidig = [], van
    while huidig.begin <= tot.begin:
        perioden.append(huidig)
        if huidig.kwartaal is None:
            huidig = Periode(huidig.jaar + 1)
        else:
            huidig = Periode(huidig.jaar + huidig.kwartaal // 4, huidig.kwartaal % 4 + 1)
    return perioden


def standaard(vandaag: dt.date, *, jaren: int = 3) -> list[Periode]:
    """The default choice: the last ``jaren`` whole years, this one included."""
    return [Periode(vandaag.year - n) for n in reversed(range(jaren))]
