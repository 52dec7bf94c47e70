"""The monitor's breakdowns (issue 19, item 2): the interrupted school careers over all the
chosen cohorts, split by what the cooperation can change — the receiving school, the
uitstroombestemming, whether the routekaart was kept (a warme overdracht held before release;
the first nazorgtafel within its deadline) — and, for the regiocoördinator and the national
view only, by titel and verblijfsduur (schools never see the titel, not even in aggregate).
Each breakdown is one table of groups × (interrupted, not), suppressed like every other."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, CharField, Count, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from dossier.models import Schoolloopbaanstand
from netwerk.constants import OrganisatieSoort
from netwerk.models import Organisatie
from trajecten.constants import BetrokkenheidSoort, OverlegSoort, TaakStatus, Titel, Uitstroombestemming, Verblijfsduur
from trajecten.models import Betrokkenheid, Overleg, Taak

from .perioden import Periode
from .selectors import Rij, cohorten, ja_nee

JA, NEE, GEEN, OVERIG = "ja", "nee", "geen", "overig"


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


def _splitsen(basis, groep, categorieen, *, sleutel, titel, uitleg, kop: Rij) -> Uitsplitsing:
    """One breakdown of the headline's cohort: groups × (interrupted, not), the headline's
    counts as public column totals (never hidden here); what fits no group counts under the
    last one (a catch-all)."""
    codes = [code for code, _label in categorieen]
    tellingen: dict[str, list[int]] = {code: [0, 0] for code in codes}
    for r in (
        basis.annotate(groep=groep)
        .values("groep")
        .annotate(n=Count("pk"), ja=Count("pk", filter=Q(onderbroken=True)))
        .order_by()
    ):
        doel = tellingen[r["groep"] if r["groep"] in tellingen else codes[-1]]
        doel[0] += r["ja"]
        doel[1] += r["n"]
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


def uitsplitsingen(regios, periode: Periode, kop: Rij, *, met_titel: bool) -> list[Uitsplitsing]:
    """The breakdowns of one cohort (the headline's), only when the headline shows its count:
    its counts are then public, and each breakdown is suppressed against them. Otherwise
    none (too few young people to split)."""
    if not kop.ja or kop.ja[-1].onderdrukt or kop.cellen[-1] == "–":
        return []
    perioden = [periode]
    rij = OuterRef("pk")
    basis = cohorten(regios, perioden).alias(
        onderbroken=Exists(Schoolloopbaanstand.objects.filter(traject=rij, onderbroken=True))
    )
    tekst = CharField()
    school = Coalesce(
        Subquery(
            Betrokkenheid.objects.filter(traject=rij, soort=BetrokkenheidSoort.MBO_ONTVANGEND)
            .order_by("pk")
            .values("organisatie__naam")[:1],
            output_field=tekst,
        ),
        Value(GEEN),
    )
    # Every mbo of the regio (not only those that received someone: that would say one did).
    scholen = sorted(
        set(
            Organisatie.objects.filter(regio__in=regios, soort=OrganisatieSoort.MBO, actief=True).values_list(
                "naam", flat=True
            )
        )
    )
    warm = Exists(
        Overleg.objects.filter(traject=rij, soort=OverlegSoort.WARME_OVERDRACHT, datum__lte=OuterRef("vrijgelaten_op"))
    )
    nazorgtafel = Taak.objects.filter(traject=rij, overleg_soort=OverlegSoort.NAZORGTAFEL, deadline__isnull=False)
    op_tijd = Exists(nazorgtafel.filter(status=TaakStatus.GEDAAN, gedaan_op__lte=F("deadline")))
    alleen_regio = _("Alleen voor de regiocoördinator en het landelijke beeld.")
    # (key, group expression, groups, title, explanation), in the page's order.
    soorten = [
        (
            "titel",
            F("titel"),
            [*Titel.choices, (OVERIG, _("titel onbekend"))],
            _("Naar titel"),
            _("Alleen voor de regiocoördinator en het landelijke beeld: scholen zien de titel nooit."),
        ),
        ("verblijfsduur", F("verblijfsduur"), list(Verblijfsduur.choices), _("Naar verblijfsduur"), alleen_regio),
        (
            "school",
            school,
            [(naam, naam) for naam in scholen] + [(GEEN, _("geen ontvangende school")), (OVERIG, _("andere school"))],
            _("Naar ontvangende school"),
            _("De mbo die als ontvangende school bij het traject betrokken is."),
        ),
        (
            "bestemming",
            F("uitstroombestemming"),
            [*Uitstroombestemming.choices, (OVERIG, _("overig"))],
            _("Naar uitstroombestemming"),
            _("De bestemming die in het traject is gekozen."),
        ),
        (
            "warme-overdracht",
            Case(When(warm, then=Value(JA)), default=Value(NEE), output_field=CharField()),
            [(JA, _("warme overdracht vóór de vrijlating")), (NEE, _("geen warme overdracht vóór de vrijlating"))],
            _("Routekaart: warme overdracht"),
            _("Of er vóór de vrijlating een warme overdracht is gehouden (stap 7 van de routekaart)."),
        ),
        (
            "nazorgtafel",
            Case(
                When(Q(met_taak=False), then=Value(GEEN)),
                When(op_tijd, then=Value(JA)),
                default=Value(NEE),
                output_field=CharField(),
            ),
            [
                (JA, _("eerste nazorgtafel binnen de termijn")),
                (NEE, _("eerste nazorgtafel niet binnen de termijn")),
                (GEEN, _("geen nazorgtafel met termijn")),
            ],
            _("Routekaart: eerste nazorgtafel"),
            _("Of de eerste nazorgtafel (stap 1) is gehouden vóór de termijn van de routekaart."),
        ),
    ]
    basis = basis.alias(met_taak=Exists(nazorgtafel))
    return [
        _splitsen(basis, groep, categorieen, sleutel=sleutel, titel=titel, uitleg=uitleg, kop=kop)
        for sleutel, groep, categorieen, titel, uitleg in soorten
        if met_titel or sleutel not in ("titel", "verblijfsduur")
    ]
