"""The monitor's breakdowns (issue 19, item 2): the interrupted school careers of the
headline's cohort (the last year shown), split by what the cooperation can change — the receiving school, the
uitstroombestemming, whether the routekaart was kept (a warme overdracht held before release;
the first nazorgtafel within its deadline) — and, for the regiocoördinator and the national
view only, by titel and verblijfsduur (schools never see the titel, not even in aggregate).
Each breakdown is one table of groups × (interrupted, not), suppressed like every other; the
groups are counted in SQL with the rest of the summary (``monitor.selectors_tellingen``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from netwerk.constants import OrganisatieSoort
from netwerk.models import Organisatie
from trajecten.constants import Titel, Uitstroombestemming, Verblijfsduur

from .perioden import Periode
from .selectors import Monitor, Rij, ja_nee
from .selectors_tellingen import GEEN, JA, NEE

OVERIG = "overig"


@dataclass
class Uitsplitsing:
    sleutel: str
    titel: str
    uitleg: str
    groepen: list[str]
    rij: Rij

    @property
    def regels(self) -> list[tuple[str, str]]:
        """(group, "X van Y (Z%)") per group, as the table shows them."""
        return list(zip(self.groepen, self.rij.cellen, strict=True))

    def tabel(self, periode: Periode, totaal: str) -> list[list[str]]:
        """The breakdown as rows of text, as the page shows it (the CSV writes exactly these)."""
        kop = [f"{self.titel} ({periode})", _("Onderbroken")]
        return [kop, *[list(regel) for regel in self.regels], [_("Totaal"), totaal]]


def _splitsen(geteld: dict[str, list[int]], categorieen, *, sleutel, titel, uitleg) -> Uitsplitsing:
    """One breakdown of the headline's cohort: groups × (interrupted, not), the headline's
    counts as public column totals (never hidden here); what fits no group counts under the
    last one (a catch-all)."""
    codes = [code for code, _label in categorieen]
    tellingen: dict[str, list[int]] = {code: [0, 0] for code in codes}
    for groep, (ja, n) in geteld.items():
        doel = tellingen[groep if groep in tellingen else codes[-1]]
        doel[0] += ja
        doel[1] += n
    ja = sum(t[0] for t in tellingen.values())
    n = sum(t[1] for t in tellingen.values())
    rij = ja_nee(
        codes,
        {code: tuple(t) for code, t in tellingen.items()},
        label=_("onderbroken schoolloopbanen"),
        leeg=[False] * len(codes),  # an empty group is a small count like any other
        publiek=(ja, n - ja),
    )
    return Uitsplitsing(sleutel, titel, uitleg, [label for _code, label in categorieen], rij)


def uitsplitsingen(regios, cijfers: Monitor, *, met_titel: bool) -> list[Uitsplitsing]:
    """The breakdowns of one cohort (the headline's), only when the headline shows its count:
    its counts are then public, and each breakdown is suppressed against them. Otherwise
    none (too few young people to split)."""
    kop = cijfers.kop
    if cijfers.kopperiode.kwartaal is not None:
        return []  # per whole year only: a quarter's groups would be set against the year's
    if not kop.ja or kop.ja[-1].onderdrukt or kop.cellen[-1] == "–":
        return []
    geteld = cijfers.tellingen[cijfers.kopperiode]["uitsplitsingen"]
    # Every mbo of the regio (not only those that received someone: that would say one did).
    scholen = sorted(
        set(
            Organisatie.objects.filter(regio__in=regios, soort=OrganisatieSoort.MBO, actief=True).values_list(
                "naam", flat=True
            )
        )
    )
    alleen_regio = _("Alleen voor de regiocoördinator en het landelijke beeld.")
    # (key, groups, title, explanation), in the page's order.
    soorten = [
        (
            "titel",
            [*Titel.choices, (OVERIG, _("titel onbekend"))],
            _("Naar titel"),
            _("Alleen voor de regiocoördinator en het landelijke beeld: scholen zien de titel nooit."),
        ),
        ("verblijfsduur", list(Verblijfsduur.choices), _("Naar verblijfsduur"), alleen_regio),
        (
            "school",
            [(naam, naam) for naam in scholen] + [(GEEN, _("geen ontvangende school")), (OVERIG, _("andere school"))],
            _("Naar ontvangende school"),
            _("De mbo die als ontvangende school bij het traject betrokken is."),
        ),
        (
            "bestemming",
            [*Uitstroombestemming.choices, (OVERIG, _("overig"))],
            _("Naar uitstroombestemming"),
            _("De bestemming die in het traject is gekozen."),
        ),
        (
            "warme-overdracht",
            [(JA, _("warme overdracht vóór de vrijlating")), (NEE, _("geen warme overdracht vóór de vrijlating"))],
            _("Routekaart: warme overdracht"),
            _("Of er vóór de vrijlating een warme overdracht is gehouden (stap 7 van de routekaart)."),
        ),
        (
            "nazorgtafel",
            [
                (JA, _("eerste nazorgtafel binnen de termijn")),
                (NEE, _("eerste nazorgtafel niet binnen de termijn")),
                (GEEN, _("geen nazorgtafel met termijn")),
            ],
            _("Routekaart: eerste nazorgtafel"),
            _("Of de eerste nazorgtafel (stap 1) is gehouden vóór de termijn van de routekaart."),
        ),
    ]
    return [
        _splitsen(geteld.get(sleutel, {}), categorieen, sleutel=sleutel, titel=titel, uitleg=uitleg)
        for sleutel, categorieen, titel, uitleg in soorten
        if met_titel or sleutel not in ("titel", "verblijfsduur")
    ]
