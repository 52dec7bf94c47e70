"""The monitor's charts (issue 19, item 4): horizontal bar charts drawn on the server as SVG
templates (``monitor/_grafiek.html``), with a title, a description and the same numbers as a
table beside each; no script, no style attribute (colours are SVG presentation attributes,
which WeasyPrint draws too), no CDN. Each bar is a percentage as the table shows it: a
suppressed one has no bar and says why."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from trajecten.constants import CHECKPOINT_DAGEN, Checkpoint

from .selectors import Monitor, Rij

BREEDTE = 640  # the SVG's coordinate width
LABELS = 220  # the label column
SCHAAL = 360  # 100%
HOOGTE_STAAF = 26
TUSSENRUIMTE = 12
BOVEN = 8


@dataclass
class Staaf:
    label: str
    procent: int | None
    tekst: str
    y: int = 0

    @property
    def breedte(self) -> int:
        return round(SCHAAL * (self.procent or 0) / 100)

    @property
    def tekst_x(self) -> int:
        return LABELS + self.breedte + 8

    @property
    def midden(self) -> int:
        return self.y + HOOGTE_STAAF // 2 + 5


@dataclass
class Grafiek:
    sleutel: str
    titel: str
    beschrijving: str
    staven: list[Staaf] = field(default_factory=list)

    def __post_init__(self):
        for i, staaf in enumerate(self.staven):
            staaf.y = BOVEN + i * (HOOGTE_STAAF + TUSSENRUIMTE)

    @property
    def hoogte(self) -> int:
        return BOVEN * 2 + len(self.staven) * (HOOGTE_STAAF + TUSSENRUIMTE)

    @property
    def breedte(self) -> int:
        return BREEDTE

    @property
    def labels(self) -> int:
        return LABELS

    @property
    def staafhoogte(self) -> int:
        return HOOGTE_STAAF


def _tekst(rij: Rij, i: int) -> str:
    """What the bar of row ``i`` says: its percentage, or why it has none."""
    if rij.procenten[i] is not None:
        return f"{rij.procenten[i]}%"
    if rij.nog_niet and rij.nog_niet[i]:
        return _("nog niet (niet iedereen is zo lang vrij)")
    return "–" if rij.cellen[i] == "–" else _("niet getoond (te weinig jongeren)")


def _per_periode(monitor: Monitor, rij: Rij, sleutel: str, titel: str, uitleg: str) -> Grafiek:
    staven = [Staaf(str(p), rij.procenten[i], _tekst(rij, i)) for i, p in enumerate(monitor.perioden)]
    return Grafiek(sleutel, titel, uitleg, staven)


def grafieken(monitor: Monitor) -> list[Grafiek]:
    """The charts of the page: the interrupted school careers and the enrolment at release per
    cohort, and staying at school after 1, 3, 6 and 12 months in the last cohort whose whole
    year has been released a month (the checkpoints show once it has)."""
    rijen = {rij.sleutel: rij for sectie in monitor.secties for rij in sectie.rijen if rij.sleutel}
    op_school = [(Checkpoint(m).label, rijen[f"op_school_{m}"]) for m in CHECKPOINT_DAGEN]
    # The last period whose first checkpoint shows; none yet (this year's quarters): no chart.
    eerste = op_school[0][1]
    getoond = [k for k, nog in enumerate(eerste.nog_niet) if not nog and eerste.cellen[k] != "–"]
    grafieken = [
        _per_periode(
            monitor,
            monitor.kop,
            "onderbroken",
            _("Onderbroken schoolloopbanen per periode"),
            _(
                "Per periode van vrijlating het deel van de jongeren van wie de schoolloopbaan onderbroken is. "
                "De ambitie is 0%."
            ),
        ),
        _per_periode(
            monitor,
            rijen["ingeschreven"],
            "ingeschreven",
            _("Ingeschreven bij de vrijlating per periode"),
            _(
                "Per periode van vrijlating het deel van de jongeren met een inschrijving die kort na de "
                "vrijlating begint."
            ),
        ),
    ]
    if getoond:
        i = getoond[-1]
        grafieken.append(
            Grafiek(
                "op-school",
                _("Nog op school na de vrijlating, %(periode)s") % {"periode": monitor.perioden[i]},
                _(
                    "Het deel van de jongeren vrijgelaten in %(periode)s dat na 1, 3, 6 en 12 maanden nog op "
                    "school is: de laatste periode waarvan iedereen een maand vrij is."
                )
                % {"periode": monitor.perioden[i]},
                [Staaf(label, rij.procenten[i], _tekst(rij, i)) for label, rij in op_school],
            )
        )
    return grafieken
