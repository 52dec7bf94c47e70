"""The regional monitor's figures (issue 19), as grouped counts in SQL over the traject, its
involvements and tasks, the beslismodel's decided status, the onderwijsinformatie's school
before placement and ICT-fase, and the schoolloopbaan's outcomes with their derived stand
(``dossier.Schoolloopbaanstand``). Never a signaal voor veiligheid, a begeleidingsbehoefte or
a history table (tests/monitor asserts this on the SQL), never a name, id or date of birth:
each query returns counts per cohort, or — for medians — bare numbers per cohort.

A cohort is the young people of the regio's JJIs released in one whole year or quarter
(``monitor.perioden``). Every figure goes through ``monitor.onderdrukking`` before it is
shown; the page, the CSV and the PDF show the same cells."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, DateField, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from beslismodel.constants import Status
from beslismodel.models import Besluit, Maatregel
from dossier.constants import CheckpointUitkomst
from dossier.models import Inschrijving, Onderwijsinformatie, Schoolcheckpoint, Schoolloopbaanstand
from netwerk.models import IctFase
from trajecten.constants import AFGEROND, CHECKPOINT_DAGEN, BetrokkenheidSoort
from trajecten.models import Betrokkenheid, Traject

from .onderdrukking import Cel, mediaan, percentage, tabel
from .perioden import Periode

# "Still going to school" at a checkpoint: enrolled, present or with much absence.
OP_SCHOOL = (CheckpointUitkomst.AANWEZIG, CheckpointUitkomst.VERZUIM)
GEEN = "geen"


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
    berekend_op: dt.date | None

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


# A cohort: the young people released in one year.
COHORT = {"jaar": ExtractYear("vrijgelaten_op")}


def _sleutel(rij: dict) -> Periode:
    return Periode(rij["jaar"])


def cohorten(regios, perioden: list[Periode]) -> QuerySet[Traject]:
    """The young people of the regios' JJIs released within the periods."""
    return Traject.objects.filter(
        jji__regio__in=regios, vrijgelaten_op__gte=perioden[0].begin, vrijgelaten_op__lte=perioden[-1].einde
    )


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


def _tel(qs: QuerySet, **tellers) -> dict[Periode, dict[str, int]]:
    uitkomst: dict[Periode, dict[str, int]] = {}
    for rij in qs.values(*COHORT).annotate(**tellers).order_by():
        uitkomst[_sleutel(rij)] = rij
    return uitkomst


def monitor(regios, perioden: list[Periode], *, vandaag: dt.date) -> Monitor:
    """Every figure of the monitor for the regios' cohorts in ``perioden`` (consecutive, one kind)."""
    basis = cohorten(regios, perioden).annotate(**COHORT)
    rij = OuterRef("pk")
    na = settings.ONDERBROKEN_DAGEN
    dagen = {m: vandaag - dt.timedelta(days=d) for m, d in CHECKPOINT_DAGEN.items()}
    grens = ExpressionWrapper(OuterRef("vrijgelaten_op") + dt.timedelta(days=na), output_field=DateField())
    jaar_na = ExpressionWrapper(OuterRef("vrijgelaten_op") + dt.timedelta(days=365), output_field=DateField())
    met = basis.alias(
        herkomst=Exists(Betrokkenheid.objects.filter(traject=rij, soort=BetrokkenheidSoort.MBO_HERKOMST))
        | Exists(Onderwijsinformatie.objects.filter(traject=rij).exclude(ingeschreven_bij="")),
        ingeschreven=Exists(Inschrijving.objects.filter(traject=rij, startdatum__lte=grens)),
        maatregelen=Exists(Maatregel.objects.filter(besluit__beslismodel__traject=rij, taak__isnull=False)),
        open_maatregel=Exists(
            Maatregel.objects.filter(besluit__beslismodel__traject=rij, taak__isnull=False).exclude(
                taak__status__in=AFGEROND
            )
        ),
        diploma=Exists(
            Schoolcheckpoint.objects.filter(traject=rij, uitkomst=CheckpointUitkomst.DIPLOMA, peildatum__lte=jaar_na)
        ),
        **{
            f"op_school_{m}": Exists(Schoolcheckpoint.objects.filter(traject=rij, moment=m, uitkomst__in=OP_SCHOOL))
            for m in CHECKPOINT_DAGEN
        },
        onderbroken=Exists(Schoolloopbaanstand.objects.filter(traject=rij, onderbroken=True)),
    )
    tellers = {
        "aantal": Count("pk"),
        "herkomst_ja": Count("pk", filter=Q(herkomst=True)),
        "ingeschreven_ja": Count("pk", filter=Q(ingeschreven=True)),
        "maatregelen_n": Count("pk", filter=Q(maatregelen=True)),
        "maatregelen_ja": Count("pk", filter=Q(maatregelen=True, open_maatregel=False)),
        "diploma_n": Count("pk", filter=Q(vrijgelaten_op__lte=dagen[12])),
        "diploma_ja": Count("pk", filter=Q(vrijgelaten_op__lte=dagen[12], diploma=True)),
        "onderbroken_ja": Count("pk", filter=Q(onderbroken=True)),
    }
    for m, tot in dagen.items():
        tellers[f"op_school_{m}_n"] = Count("pk", filter=Q(vrijgelaten_op__lte=tot))
        tellers[f"op_school_{m}_ja"] = Count("pk", filter=Q(vrijgelaten_op__lte=tot, **{f"op_school_{m}": True}))
    geteld = _tel(met, **tellers)

    def figuur(sleutel, noemer, label, toelichting="", sinds=None):
        """``noemer``: the count the figure is over. Over part of the cohort, the part left out
        is a figure of the row too — unless it is known to be nobody: a period that ended at
        least ``sinds`` ago has everyone released long enough."""
        tellingen = {}
        for p, r in geteld.items():
            heel = noemer == "aantal" or (sinds is not None and p.einde <= sinds)
            tellingen[p] = (r[f"{sleutel}_ja"], r[noemer]) if heel else (r[f"{sleutel}_ja"], r[noemer], r["aantal"])
        return _gemerkt(ja_nee(perioden, tellingen, label=label, toelichting=toelichting), sleutel)

    ruw = [geteld.get(p, {}).get("aantal", 0) for p in perioden]
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
    status = basis.annotate(
        status=Subquery(
            Besluit.objects.filter(beslismodel__traject=rij)
            .order_by("-beslismodel__versie", "-pk")
            .values("status")[:1]
        )
    )
    per_status: dict[Periode, dict[str, int]] = defaultdict(dict)
    for r in status.values(*COHORT, "status").annotate(n=Count("pk")).order_by():
        per_status[_sleutel(r)][r["status"] or GEEN] = r["n"]
    tijdens.rijen += _verdeling(
        perioden,
        per_status,
        [(s.value, _("beslismodel %(status)s") % {"status": s.label}) for s in Status] + [(GEEN, _("geen besluit"))],
        ruw,
    )
    # The regio's phases in their order (bijlage 3's example by default; the same name once).
    fasen = list(dict.fromkeys(_ict_fasen(regios).order_by("volgorde", "naam").values_list("naam", flat=True)))
    per_fase: dict[Periode, dict[str, int]] = defaultdict(dict)
    met_fase = basis.annotate(
        ictfase=Subquery(Onderwijsinformatie.objects.filter(traject=rij).values("ict_fase__naam")[:1])
    )
    for r in met_fase.values(*COHORT, "ictfase").annotate(n=Count("pk")).order_by():
        per_fase[_sleutel(r)][r["ictfase"] or GEEN] = r["n"]
    tijdens.rijen += _verdeling(
        perioden,
        per_fase,
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
    na_plaatsing.rijen.append(_mediaan_rij(basis, perioden, ruw))
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

    secties = [voor, tijdens, na_plaatsing]
    berekend = Schoolloopbaanstand.objects.filter(traject__in=cohorten(regios, perioden)).order_by("berekend_op")
    return Monitor(
        perioden=perioden,
        aantallen=[str(r[0]) if n else "–" for r, n in zip(aantallen.cellen, ruw, strict=True)],
        kop=kop,
        secties=secties,
        berekend_op=berekend.values_list("berekend_op", flat=True).first(),
    )


def _ict_fasen(regios):
    return IctFase.objects.filter(regio__in=regios)


def _mediaan_rij(basis: QuerySet[Traject], perioden, aantallen: list[int]) -> Rij:
    """The median days from release to the first school day per cohort: bare numbers per cohort
    from the stand, no person attached; "x" over fewer than 5 (nobody included), "–" for a
    cohort with nobody in it."""
    waarden: dict[Periode, list[int]] = defaultdict(list)
    for r in (
        basis.filter(schoolloopbaanstand__dagen_tot_eerste_schooldag__isnull=False)
        .values(*COHORT, dagen=F("schoolloopbaanstand__dagen_tot_eerste_schooldag"))
        .order_by()
    ):
        waarden[_sleutel(r)].append(r["dagen"])
    return Rij(
        _("mediaan dagen van vrijlating tot eerste schooldag"),
        [str(mediaan(waarden.get(p, []))) if n else "–" for p, n in zip(perioden, aantallen, strict=True)],
        _("over wie een eerste schooldag heeft"),
    )
