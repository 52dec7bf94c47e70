"""The regional monitor's figures (issue 19), made from the counts of each cohort — the young
people of the regio's JJIs released in one whole year — as the nightly summary keeps them
(``monitor.services``; the counting in SQL is ``monitor.selectors_tellingen``). Every figure
goes through ``monitor.onderdrukking`` before it is shown; the page, the CSV and the PDF show
the same cells."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from beslismodel.constants import Status
from netwerk.models import IctFase
from trajecten.constants import CHECKPOINT_DAGEN

from .onderdrukking import Cel, mediaan, percentage, tabel
from .perioden import Periode
from .selectors_tellingen import GEEN, checkpointdata
from .services import cijfers_ophalen


@dataclass
class Rij:
    """One figure: its label and one shown cell per row (a cohort, or a group of a breakdown)."""

    label: str
    cellen: list[str]
    toelichting: str = ""
    # For a yes/no figure: the shown percentage per row (None: not shown).
    procenten: list[int | None] = field(default_factory=list)
    sleutel: str = ""  # the figure's code (the charts find their rows by it)
    # For a yes/no figure: the shown counts (for a breakdown's published totals).
    ja: list[Cel] = field(default_factory=list)


@dataclass
class Sectie:
    titel: str
    rijen: list[Rij] = field(default_factory=list)


@dataclass
class Monitor:
    perioden: list[Periode]
    aantallen: list[str]
    kop: Rij
    secties: list[Sectie]
    bijgewerkt_op: dt.datetime | None  # when the summary was counted (the oldest row shown)
    # The counts per cohort (``monitor.selectors_tellingen``), for the breakdowns.
    tellingen: dict[Periode, dict] = field(default_factory=dict, repr=False)

    @property
    def kopperiode(self) -> Periode:
        """The headline's cohort: the last period shown."""
        return self.perioden[-1]

    @property
    def koptekst(self) -> str:
        return self.kop.cellen[-1]

    @property
    def tabel(self) -> list[list[str]]:
        """The page's table as rows of text (the CSV writes exactly these)."""
        rijen = [[_("Cijfer"), *[str(p) for p in self.perioden]]]
        rijen.append([_("Aantal vrijgelaten jongeren"), *self.aantallen])
        for sectie in self.secties:
            for rij in sectie.rijen:
                rijen.append([f"{sectie.titel}: {rij.label}", *rij.cellen])
        return rijen


def ja_nee(
    rijen,
    tellingen: dict,
    *,
    label: str,
    toelichting: str = "",
    leeg: list[bool] | None = None,
    publiek: tuple[int, int] | None = None,
) -> Rij:
    """A yes/no figure per row, "X van Y (Z%)". ``tellingen`` per row: (yes, counted) or (yes,
    counted, cohort) where only part of the cohort is counted (those given measures, those
    released long enough in a period still that recent): then the part left out is a third
    figure of the row, and the denominator shows only when it does. Each row is a line of its
    own (no totals over rows), unless ``publiek`` gives the column totals (yes, no) already
    shown elsewhere — a breakdown of the headline's cohort, suppressed as one table against
    them. ``leeg``: rows known to count nobody ("–")."""
    getallen = [tuple(tellingen.get(r, (0, 0))) for r in rijen]
    if leeg is None:
        leeg = [g[-1] == 0 for g in getallen]
    if publiek is not None:
        t = tabel([[g[0], g[1] - g[0]] for g in getallen], leeg=leeg, publiek=list(publiek))
        rijcellen = [[*cel, totaal] for cel, totaal in zip(t.cellen, t.rijtotalen, strict=True)]
    else:
        rijcellen = []
        for g, is_leeg in zip(getallen, leeg, strict=True):
            cijfers = [g[0], g[1] - g[0], *([g[2] - g[1]] if len(g) == 3 else [])]
            t = tabel([cijfers], kolomtotalen=False, leeg=[is_leeg])
            rijcellen.append([*t.cellen[0], t.rijtotalen[0]])
    cellen, procenten, ja = [], [], []
    for cel, g, is_leeg in zip(rijcellen, getallen, leeg, strict=True):
        n = g[1]
        # The denominator: the row's total, or — counting part of the cohort — shown only when
        # the part left out is.
        noemer = cel[-1] if len(g) == 2 else (Cel(n) if not cel[2].onderdrukt else Cel(None))
        verborgen = is_leeg or n == 0 or noemer.onderdrukt or cel[0].onderdrukt or cel[1].onderdrukt
        pct = None if verborgen else percentage(cel[0], n).waarde
        procenten.append(pct)
        ja.append(cel[0])
        if is_leeg or (len(g) == 3 and n == 0 and not noemer.onderdrukt):
            cellen.append("–")  # nobody in the row, or nobody counted yet: says nothing of anyone
        else:
            tekst = _("%(ja)s van %(noemer)s") % {"ja": cel[0], "noemer": noemer}
            cellen.append(tekst if pct is None else f"{tekst} ({pct}%)")
    return Rij(label, cellen, toelichting, procenten=procenten, ja=ja)


def _gemerkt(rij: Rij, sleutel: str) -> Rij:
    rij.sleutel = sleutel
    return rij


def _verdeling(
    perioden, tellingen: dict[Periode, dict[str, int]], categorieen: list[tuple[str, str]], aantallen: list[int]
) -> list[Rij]:
    """A distribution per cohort over categories (each cohort's row a line of its own, "–" for
    a cohort with nobody in it); what fits no category counts under the last one."""
    codes = [code for code, _label in categorieen]
    rijen = []
    for p in perioden:
        geteld = tellingen.get(p, {})
        rij = [geteld.get(code, 0) for code in codes]
        rij[-1] += sum(n for code, n in geteld.items() if code not in codes)
        rijen.append(rij)
    t = tabel(rijen, kolomtotalen=False, leeg=[n == 0 for n in aantallen])
    return [
        Rij(label, [str(rij[i]) if n else "–" for rij, n in zip(t.cellen, aantallen, strict=True)])
        for i, (_code, label) in enumerate(categorieen)
    ]


def monitor(regios, perioden: list[Periode], *, vandaag: dt.date) -> Monitor:
    """Every figure of the monitor for the regios' cohorts in ``perioden`` (consecutive whole
    years), from the summary as counted on ``vandaag`` (``monitor.services.cijfers_ophalen``)."""
    per_jaar, bijgewerkt = cijfers_ophalen(regios, [p.jaar for p in perioden], peildatum=vandaag)
    tellingen = {p: per_jaar[p.jaar] for p in perioden}
    geteld = {p: t["kern"] for p, t in tellingen.items()}
    na = settings.ONDERBROKEN_DAGEN
    dagen = checkpointdata(vandaag)

    def figuur(sleutel, noemer, label, toelichting="", sinds=None):
        """``noemer``: the count the figure is over. Over part of the cohort, the part left out
        is a figure of the row too — unless it is known to be nobody: a period that ended at
        least ``sinds`` ago has everyone released long enough."""
        cijfers = {}
        for p, r in geteld.items():
            ja, n, aantal = r.get(f"{sleutel}_ja", 0), r.get(noemer, 0), r.get("aantal", 0)
            heel = noemer == "aantal" or (sinds is not None and p.einde <= sinds)
            cijfers[p] = (ja, n) if heel else (ja, n, aantal)
        return _gemerkt(ja_nee(perioden, cijfers, label=label, toelichting=toelichting), sleutel)

    ruw = [geteld[p].get("aantal", 0) for p in perioden]
    aantallen = tabel([[n] for n in ruw], kolomtotalen=False, leeg=[n == 0 for n in ruw])
    kop = figuur("onderbroken", "aantal", _("onderbroken schoolloopbanen"))

    voor = Sectie(_("Vóór de plaatsing"))
    voor.rijen.append(
        figuur(
            "herkomst",
            "aantal",
            _("ingeschreven bij een school"),
            _("zoals vastgelegd: de mbo van herkomst of een andere school"),
        )
    )

    tijdens = Sectie(_("Tijdens de plaatsing"))
    tijdens.rijen += _verdeling(
        perioden,
        {p: t["status"] for p, t in tellingen.items()},
        [(s.value, _("beslismodel %(status)s") % {"status": s.label}) for s in Status] + [(GEEN, _("geen besluit"))],
        ruw,
    )
    # The regio's phases in their order (bijlage 3's example by default; the same name once).
    fasen = list(dict.fromkeys(_ict_fasen(regios).order_by("volgorde", "naam").values_list("naam", flat=True)))
    tijdens.rijen += _verdeling(
        perioden,
        {p: t["fase"] for p, t in tellingen.items()},
        [(f, _("ICT-fase bereikt: %(fase)s") % {"fase": f}) for f in fasen] + [(GEEN, _("ICT-fase onbekend"))],
        ruw,
    )
    tijdens.rijen.append(
        figuur(
            "maatregelen",
            "maatregelen_n",
            _("afgesproken maatregelen uitgevoerd"),
            _("van wie maatregelen als taak kreeg"),
        )
    )

    na_plaatsing = Sectie(_("Na de plaatsing"))
    na_plaatsing.rijen.append(
        figuur(
            "ingeschreven",
            "aantal",
            _("ingeschreven bij de vrijlating"),
            _("een inschrijving die uiterlijk %(dagen)s dagen na de vrijlating begint") % {"dagen": na},
        )
    )
    na_plaatsing.rijen.append(_mediaan_rij({p: t["dagen"] for p, t in tellingen.items()}, perioden, ruw))
    for m in CHECKPOINT_DAGEN:
        na_plaatsing.rijen.append(
            figuur(
                f"op_school_{m}",
                f"op_school_{m}_n",
                _("na %(m)s maanden nog op school") % {"m": m} if m > 1 else _("na 1 maand nog op school"),
                _("van wie zo lang vrij is"),
                sinds=dagen[m],
            )
        )
    na_plaatsing.rijen.append(
        figuur("diploma", "diploma_n", _("diploma binnen 12 maanden"), _("van wie een jaar vrij is"), sinds=dagen[12])
    )
    na_plaatsing.rijen.append(kop)

    return Monitor(
        perioden=perioden,
        aantallen=[str(r[0]) if n else "–" for r, n in zip(aantallen.cellen, ruw, strict=True)],
        kop=kop,
        secties=[voor, tijdens, na_plaatsing],
        bijgewerkt_op=bijgewerkt,
        tellingen=tellingen,
    )


def _ict_fasen(regios):
    return IctFase.objects.filter(regio__in=regios)


def _mediaan_rij(per_dagen: dict[Periode, dict[str, int]], perioden, aantallen: list[int]) -> Rij:
    """The median days from release to the first school day per cohort, from the number of
    young people per number of days; "x" over fewer than 5 (nobody included), "–" for a
    cohort with nobody in it."""
    waarden = {p: sorted(int(d) for d, n in per_dagen.get(p, {}).items() for _i in range(n)) for p in perioden}
    return Rij(
        _("mediaan dagen van vrijlating tot eerste schooldag"),
        [str(mediaan(waarden[p])) if n else "–" for p, n in zip(perioden, aantallen, strict=True)],
        _("over wie een eerste schooldag heeft"),
    )
