"""The regional monitor's figures (issue 19), made from the counts of each cohort — the young
people of the regio's JJIs released in one whole year or quarter — as the nightly summary keeps
them (``monitor.services``; the counting in SQL is ``monitor.selectors_tellingen``). Every
figure goes through ``monitor.onderdrukking`` before it is shown; the page, the CSV and the PDF
show the same cells.

Each figure of a cohort is a line of counts that add up to the cohort (yes, no and — counting
part of it — the part left out; or a distribution's groups). A year's line is suppressed on
its own, the same whatever years are chosen. A quarter's line is suppressed with the other
quarters of its year as one table whose totals are the year's lines as they are published
(shown stays shown, hidden stays hidden) and the quarters' sizes as their own line publishes
them: so no quarter can be worked out from its year, and no view from another."""

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
from .selectors_tellingen import GEEN, LEGE_TELLING
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
    # Per row: not shown yet, as not everyone of the period has been released long enough.
    nog_niet: list[bool] = field(default_factory=list)


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


def _lijnen(
    perioden: list[Periode],
    cijfers: dict[Periode, list[int]],
    leeg: dict[Periode, bool],
    *,
    kader: dict[int, list[Cel]] | None = None,
    totalen: dict[Periode, Cel] | None = None,
) -> dict[Periode, list[Cel]]:
    """Each period's line as shown: its cells, then its total. Years (``kader`` None): each
    line alone. Quarters (every quarter of each year): per year one table, with the year's
    published line (``kader``) as the column totals and the quarters' published sizes
    (``totalen``) as the row totals."""
    lijnen: dict[Periode, list[Cel]] = {}
    blokken = [[p] for p in perioden] if kader is None else _per_jaar(perioden)
    for blok in blokken:
        t = tabel(
            [cijfers[p] for p in blok],
            kolomtotalen=kader is not None,
            leeg=[leeg[p] for p in blok],
            bekende_kolomtotalen=kader[blok[0].jaar] if kader is not None else None,
            bekende_rijtotalen=[totalen[p] for p in blok] if totalen is not None else None,
        )
        for p, cellen, totaal in zip(blok, t.cellen, t.rijtotalen, strict=True):
            lijnen[p] = [*cellen, totaal]
    return lijnen


def _per_jaar(perioden: list[Periode]) -> list[list[Periode]]:
    jaren: dict[int, list[Periode]] = {}
    for p in perioden:
        jaren.setdefault(p.jaar, []).append(p)
    return list(jaren.values())


def _ja_nee_tekst(lijn: list[Cel], getallen: tuple[int, ...], is_leeg: bool) -> tuple[str, int | None]:
    """A yes/no line as "X van Y (Z%)" and its shown percentage. Over part of the cohort (three
    figures), the denominator shows only when the part left out and the cohort both do (it
    would give either away)."""
    n = getallen[1]
    if len(getallen) == 2:
        noemer = lijn[-1]
    else:
        noemer = Cel(n) if not (lijn[2].onderdrukt or lijn[-1].onderdrukt) else Cel(None)
    verborgen = is_leeg or n == 0 or noemer.onderdrukt or lijn[0].onderdrukt or lijn[1].onderdrukt
    pct = None if verborgen else percentage(lijn[0], n).waarde
    if is_leeg or (len(getallen) == 3 and n == 0 and not noemer.onderdrukt):
        return "–", None  # nobody in the row, or nobody counted yet: says nothing of anyone
    tekst = _("%(ja)s van %(noemer)s") % {"ja": lijn[0], "noemer": noemer}
    return (tekst if pct is None else f"{tekst} ({pct}%)"), pct


def _ja_nee_rij(rijen, lijnen, getallen, leeg, *, label: str, toelichting: str = "") -> Rij:
    cellen, procenten = [], []
    for r in rijen:
        tekst, pct = _ja_nee_tekst(lijnen[r], getallen[r], leeg[r])
        cellen.append(tekst)
        procenten.append(pct)
    return Rij(label, cellen, toelichting, procenten=procenten, ja=[lijnen[r][0] for r in rijen])


def ja_nee(
    rijen,
    tellingen: dict,
    *,
    label: str,
    leeg: list[bool] | None = None,
    publiek: tuple[int, int] | None = None,
) -> Rij:
    """A breakdown's yes/no figure per group, "X van Y (Z%)": ``tellingen`` per group (yes,
    counted); the groups one table against the column totals (yes, no) already shown
    elsewhere (``publiek``: the headline)."""
    getallen = {r: tuple(tellingen.get(r, (0, 0))) for r in rijen}
    leeg = dict(zip(rijen, leeg if leeg is not None else [getallen[r][-1] == 0 for r in rijen], strict=True))
    t = tabel(
        [[getallen[r][0], getallen[r][1] - getallen[r][0]] for r in rijen],
        leeg=[leeg[r] for r in rijen],
        publiek=list(publiek) if publiek is not None else None,
    )
    lijnen = {r: [*cel, totaal] for r, cel, totaal in zip(rijen, t.cellen, t.rijtotalen, strict=True)}
    return _ja_nee_rij(rijen, lijnen, getallen, leeg, label=label)


# The published lines of the years around a choice of quarters: per figure's key, per year.
Kader = dict[str, dict[int, list[Cel]]]


def _bouw(perioden, tellingen: dict[Periode, dict], fasen: list[str], vandaag: dt.date, kader: Kader | None):
    """The monitor's rows for ``perioden`` (years, or every quarter of some years against the
    years' ``kader``), and the published lines per figure (the kader of a choice of quarters)."""
    geteld = {p: tellingen[p]["kern"] for p in perioden}
    ruw = {p: geteld[p].get("aantal", 0) for p in perioden}
    leeg = {p: ruw[p] == 0 for p in perioden}
    # Per checkpoint: the last release date of those released long enough by ``vandaag``.
    dagen = {m: vandaag - dt.timedelta(days=d) for m, d in CHECKPOINT_DAGEN.items()}
    gepubliceerd: Kader = {}

    def lijnen(sleutel, cijfers, *, totalen=True, leeg=leeg):
        per_periode = _lijnen(
            perioden,
            cijfers,
            leeg,
            kader=kader[sleutel] if kader is not None else None,
            totalen=aantal if (kader is not None and totalen) else None,
        )
        gepubliceerd[sleutel] = {p.jaar: lijn for p, lijn in per_periode.items()}
        return per_periode

    aantal_lijnen = lijnen("aantal", {p: [ruw[p]] for p in perioden}, totalen=False)
    aantal = {p: lijn[0] for p, lijn in aantal_lijnen.items()}

    def figuur(sleutel, noemer, label, toelichting="", sinds=None):
        """``noemer``: the count the figure is over. Over part of the cohort (those given
        measures), the part left out is a figure of the line too. A figure of those released
        long enough (``sinds``: the last release date counted) shows only for a period whose
        whole year ended at least that long ago — then it counts everyone, the same every day
        after, and a quarter's figure has its year's beside it — and reads "nog niet" before."""
        deel = noemer != "aantal"
        getallen, cijfers, compleet = {}, {}, {}
        for p, r in geteld.items():
            ja, n = r.get(f"{sleutel}_ja", 0), r.get(noemer, 0)
            compleet[p] = sinds is None or Periode(p.jaar).einde <= sinds
            getallen[p] = (ja, n, ruw[p]) if deel else (ja, n)
            cijfers[p] = [ja, n - ja, *([ruw[p] - n] if deel else [])]
        niet_getoond = {p: leeg[p] or not compleet[p] for p in perioden}
        per_periode = lijnen(sleutel, cijfers, leeg=niet_getoond)
        rij = _ja_nee_rij(perioden, per_periode, getallen, leeg, label=label, toelichting=toelichting)
        rij.nog_niet = [not leeg[p] and not compleet[p] for p in perioden]
        for i, nog in enumerate(rij.nog_niet):
            if nog:  # nothing of it is shown: no text, no bar, no count
                rij.cellen[i], rij.procenten[i], rij.ja[i] = _("nog niet"), None, Cel(None)
        rij.sleutel = sleutel
        return rij

    def verdeling(sleutel, categorieen) -> list[Rij]:
        """A distribution over categories; what fits no category counts under the last one."""
        codes = [code for code, _label in categorieen]
        cijfers = {}
        for p in perioden:
            per_groep = tellingen[p][sleutel]
            cijfers[p] = [per_groep.get(code, 0) for code in codes]
            cijfers[p][-1] += sum(n for code, n in per_groep.items() if code not in codes)
        per_periode = lijnen(sleutel, cijfers)
        return [
            Rij(label, [("–" if leeg[p] else str(per_periode[p][i])) for p in perioden])
            for i, (_code, label) in enumerate(categorieen)
        ]

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
    tijdens.rijen += verdeling(
        "status",
        [(s.value, _("beslismodel %(status)s") % {"status": s.label}) for s in Status] + [(GEEN, _("geen besluit"))],
    )
    tijdens.rijen += verdeling(
        "fase",
        [(f, _("ICT-fase bereikt: %(fase)s") % {"fase": f}) for f in fasen] + [(GEEN, _("ICT-fase onbekend"))],
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
            _("een inschrijving die uiterlijk %(dagen)s dagen na de vrijlating begint")
            % {"dagen": settings.ONDERBROKEN_DAGEN},
        )
    )
    na_plaatsing.rijen.append(_mediaan_rij({p: tellingen[p]["dagen"] for p in perioden}, perioden, leeg))
    for m in CHECKPOINT_DAGEN:
        na_plaatsing.rijen.append(
            figuur(
                f"op_school_{m}",
                "aantal",
                _("na %(m)s maanden nog op school") % {"m": m} if m > 1 else _("na 1 maand nog op school"),
                _("getoond als het hele jaar zo lang vrij is"),
                sinds=dagen[m],
            )
        )
    na_plaatsing.rijen.append(
        figuur(
            "diploma",
            "aantal",
            _("diploma binnen 12 maanden"),
            _("getoond als het hele jaar een jaar vrij is"),
            sinds=dagen[12],
        )
    )
    na_plaatsing.rijen.append(kop)
    aantallen = ["–" if leeg[p] else str(aantal[p]) for p in perioden]
    return aantallen, kop, [voor, tijdens, na_plaatsing], gepubliceerd


def monitor(regios, perioden: list[Periode], *, vandaag: dt.date) -> Monitor:
    """Every figure of the monitor for the regios' cohorts in ``perioden`` (consecutive, one
    kind), from the summary as counted on ``vandaag`` (``monitor.services.cijfers_ophalen``)."""
    jaren = sorted({p.jaar for p in perioden})
    per_jaar, bijgewerkt = cijfers_ophalen(regios, jaren, peildatum=vandaag)
    # The regio's phases in their order (bijlage 3's example by default; the same name once).
    fasen = list(dict.fromkeys(_ict_fasen(regios).order_by("volgorde", "naam").values_list("naam", flat=True)))
    jaarperioden = [Periode(j) for j in jaren]
    jaartellingen = {Periode(j): per_jaar[j] for j in jaren}
    if perioden[0].kwartaal is None:
        aantallen, kop, secties, _gepubliceerd = _bouw(perioden, jaartellingen, fasen, vandaag, None)
        return Monitor(perioden, aantallen, kop, secties, bijgewerkt, tellingen=jaartellingen)
    # Quarters: every quarter of the years, against the years as they are published.
    *_rest, kader = _bouw(jaarperioden, jaartellingen, fasen, vandaag, None)
    alle = [Periode(j, k) for j in jaren for k in range(1, 5)]
    kwartaaltellingen = {p: per_jaar[p.jaar]["kwartalen"].get(str(p.kwartaal), LEGE_TELLING) for p in alle}
    aantallen, kop, secties, _gepubliceerd = _bouw(alle, kwartaaltellingen, fasen, vandaag, kader)
    gekozen = [alle.index(p) for p in perioden]
    for rij in {id(rij): rij for sectie in secties for rij in sectie.rijen}.values():  # the headline once
        _kiezen(rij, gekozen)
    return Monitor(
        perioden,
        [aantallen[i] for i in gekozen],
        kop,
        secties,
        bijgewerkt,
        tellingen={p: kwartaaltellingen[p] for p in perioden},
    )


def _kiezen(rij: Rij, gekozen: list[int]) -> None:
    """Keep the row's cells of the chosen periods only (suppressed over whole years, shown in part)."""
    rij.cellen = [rij.cellen[i] for i in gekozen]
    rij.procenten = [rij.procenten[i] for i in gekozen] if rij.procenten else []
    rij.ja = [rij.ja[i] for i in gekozen] if rij.ja else []
    rij.nog_niet = [rij.nog_niet[i] for i in gekozen] if rij.nog_niet else []


def _ict_fasen(regios):
    return IctFase.objects.filter(regio__in=regios)


def _mediaan_rij(per_dagen: dict[Periode, dict[str, int]], perioden, leeg: dict[Periode, bool]) -> Rij:
    """The median days from release to the first school day per cohort, from the number of
    young people per number of days; "x" over fewer than 5 (nobody included), "–" for a
    cohort with nobody in it."""
    waarden = {p: sorted(int(d) for d, n in per_dagen.get(p, {}).items() for _i in range(n)) for p in perioden}
    return Rij(
        _("mediaan dagen van vrijlating tot eerste schooldag"),
        ["–" if leeg[p] else str(mediaan(waarden[p])) for p in perioden],
        _("over wie een eerste schooldag heeft"),
    )
