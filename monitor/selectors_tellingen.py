"""The monitor's counts in SQL (issue 19), grouped per regio and year of release, as the
nightly summary (``monitor.models.Cohortcijfers``) keeps them. Every query is a grouped count
over the traject, its involvements, meetings and tasks, the beslismodel's decided status, the
onderwijsinformatie's school before placement and ICT-fase, and the schoolloopbaan's outcomes
with their derived stand (``dossier.Schoolloopbaanstand``), and what the retention schedule kept
of an erased onderwijsinformatie (``Bewaardefeiten``) — never a signaal voor veiligheid, a
begeleidingsbehoefte or a history table (tests/monitor asserts this on the SQL), never a name,
id or date of birth.

What ``tellen`` returns per (regio, jaar), all JSON — the year's counts, and under
``kwartalen`` ("1"…"4") the same but the breakdowns per quarter of release:

- ``kern``: the cohort's size (``aantal``) and per yes/no figure its yes count (``<figuur>_ja``)
  and, for the measures (counted over those given them), the part counted (``maatregelen_n``);
- ``status``, ``fase``: young people per beslismodel status and per ICT-fase name ("geen");
- ``dagen``: young people per number of days from release to the first school day;
- ``uitsplitsingen``: per breakdown (``GROEPERINGEN``) and group, [interrupted, all]."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractQuarter, ExtractYear

from beslismodel.models import Besluit, Maatregel
from dossier.constants import CheckpointUitkomst
from dossier.models import Inschrijving, Onderwijsinformatie, Schoolcheckpoint, Schoolloopbaanstand
from trajecten.constants import AFGEROND, CHECKPOINT_DAGEN, BetrokkenheidSoort, OverlegSoort, TaakStatus
from trajecten.models import Betrokkenheid, Overleg, Taak, Traject

from .models import Bewaardefeiten

# "Still going to school" at a checkpoint: enrolled, present or with much absence.
OP_SCHOOL = (CheckpointUitkomst.AANWEZIG, CheckpointUitkomst.VERZUIM)
GEEN, JA, NEE = "geen", "ja", "nee"
# A cohort: the young people of one regio's JJIs released in one year (and quarter).
JAAR = {"regio": F("jji__regio"), "jaar": ExtractYear("vrijgelaten_op")}
COHORT = {**JAAR, "kwartaal": ExtractQuarter("vrijgelaten_op")}
DELEN = ("kern", "status", "fase", "dagen")
# The shape of the counts: a summary row of another shape is counted again on reading.
FORMAAT = 3
LEGE_TELLING: dict = {deel: {} for deel in DELEN}


def _cohorten(regios, jaren: list[int]) -> QuerySet[Traject]:
    return Traject.objects.filter(
        jji__regio__in=regios,
        vrijgelaten_op__gte=dt.date(min(jaren), 1, 1),
        vrijgelaten_op__lte=dt.date(max(jaren), 12, 31),
    ).annotate(**COHORT)  # quarter and year: JAAR's keys are COHORT's first


def _groeperingen() -> dict[str, object]:
    """Per breakdown its group as an SQL expression (``monitor.uitsplitsingen`` labels them)."""
    rij = OuterRef("pk")
    warm = Exists(
        Overleg.objects.filter(traject=rij, soort=OverlegSoort.WARME_OVERDRACHT, datum__lte=OuterRef("vrijgelaten_op"))
    )
    nazorgtafel = Taak.objects.filter(traject=rij, overleg_soort=OverlegSoort.NAZORGTAFEL, deadline__isnull=False)
    op_tijd = Exists(nazorgtafel.filter(status=TaakStatus.GEDAAN, gedaan_op__lte=F("deadline")))
    tekst = CharField()
    return {
        "titel": F("titel"),
        "verblijfsduur": F("verblijfsduur"),
        "school": Coalesce(
            Subquery(
                Betrokkenheid.objects.filter(traject=rij, soort=BetrokkenheidSoort.MBO_ONTVANGEND)
                .order_by("pk")
                .values("organisatie__naam")[:1],
                output_field=tekst,
            ),
            Value(GEEN),
        ),
        "bestemming": F("uitstroombestemming"),
        "warme-overdracht": Case(When(warm, then=Value(JA)), default=Value(NEE), output_field=tekst),
        "nazorgtafel": Case(
            When(~Exists(nazorgtafel), then=Value(GEEN)),
            When(op_tijd, then=Value(JA)),
            default=Value(NEE),
            output_field=tekst,
        ),
    }


GROEPERINGEN = ("titel", "verblijfsduur", "school", "bestemming", "warme-overdracht", "nazorgtafel")


def _kern(basis: QuerySet[Traject]) -> QuerySet:
    """Per cohort its size and each yes/no figure's yes count (measures: of those given them).
    The checkpoints count everyone: they are shown only for a year all released long enough."""
    rij = OuterRef("pk")
    na = settings.ONDERBROKEN_DAGEN
    grens = ExpressionWrapper(OuterRef("vrijgelaten_op") + dt.timedelta(days=na), output_field=DateField())
    jaar_na = ExpressionWrapper(OuterRef("vrijgelaten_op") + dt.timedelta(days=365), output_field=DateField())
    maatregelen = Maatregel.objects.filter(besluit__beslismodel__traject=rij, taak__isnull=False)
    met = basis.alias(
        herkomst=Exists(Betrokkenheid.objects.filter(traject=rij, soort=BetrokkenheidSoort.MBO_HERKOMST))
        | Exists(Onderwijsinformatie.objects.filter(traject=rij).exclude(ingeschreven_bij=""))
        | Exists(Bewaardefeiten.objects.filter(traject=rij, herkomst=True)),
        ingeschreven=Exists(Inschrijving.objects.filter(traject=rij, startdatum__lte=grens)),
        maatregelen=Exists(maatregelen),
        open_maatregel=Exists(maatregelen.exclude(taak__status__in=AFGEROND)),
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
        "diploma_ja": Count("pk", filter=Q(diploma=True)),
        "onderbroken_ja": Count("pk", filter=Q(onderbroken=True)),
        **{f"op_school_{m}_ja": Count("pk", filter=Q(**{f"op_school_{m}": True})) for m in CHECKPOINT_DAGEN},
    }
    return met.values(*COHORT).annotate(**tellers).order_by()


def tellen(regio_ids: list[int], jaren: list[int]) -> dict[tuple[int, int], dict]:
    """The counts of the regios' cohorts of ``jaren``, per (regio id, jaar): every pair present
    (an empty cohort counts nothing)."""
    kwartalen: dict[tuple[int, int, int], dict] = {
        (r, j, k): {deel: {} for deel in DELEN} for r in regio_ids for j in jaren for k in range(1, 5)
    }
    splitsingen: dict[tuple[int, int], dict] = {(r, j): {g: {} for g in GROEPERINGEN} for r in regio_ids for j in jaren}
    if not splitsingen:
        return {}
    basis = _cohorten(regio_ids, jaren)

    def doel(r: dict) -> dict | None:
        return kwartalen.get((r["regio"], r["jaar"], r["kwartaal"]))

    for r in _kern(basis):
        if (cohort := doel(r)) is not None:
            cohort["kern"] = {k: v for k, v in r.items() if k not in COHORT}
    rij = OuterRef("pk")
    status = Subquery(
        Besluit.objects.filter(beslismodel__traject=rij).order_by("-beslismodel__versie", "-pk").values("status")[:1]
    )
    # The part's own ICT-fase, or the one kept when the retention schedule erased the part.
    fase = Coalesce(
        Subquery(Onderwijsinformatie.objects.filter(traject=rij).values("ict_fase__naam")[:1]),
        Subquery(Bewaardefeiten.objects.filter(traject=rij).values("ict_fase__naam")[:1]),
    )
    for sleutel, groep in (("status", status), ("fase", fase)):
        for r in basis.annotate(groep=groep).values(*COHORT, "groep").annotate(n=Count("pk")).order_by():
            if (cohort := doel(r)) is not None:
                cohort[sleutel][r["groep"] or GEEN] = r["n"]
    dagen = F("schoolloopbaanstand__dagen_tot_eerste_schooldag")
    for r in (
        basis.filter(schoolloopbaanstand__dagen_tot_eerste_schooldag__isnull=False)
        .values(*COHORT, dagen=dagen)
        .annotate(n=Count("pk"))
        .order_by()
    ):
        if (cohort := doel(r)) is not None:
            cohort["dagen"][str(r["dagen"])] = r["n"]
    onderbroken = basis.alias(onderbroken=Exists(Schoolloopbaanstand.objects.filter(traject=rij, onderbroken=True)))
    for sleutel, groep in _groeperingen().items():
        for r in (
            onderbroken.annotate(groep=groep)
            .values(*JAAR, "groep")
            .annotate(n=Count("pk"), ja=Count("pk", filter=Q(onderbroken=True)))
            .order_by()
        ):
            if (jaar := splitsingen.get((r["regio"], r["jaar"]))) is not None:
                jaar[sleutel][r["groep"] or GEEN] = [r["ja"], r["n"]]
    uitkomst = {}
    for (regio, jaar), gesplitst in splitsingen.items():
        per_kwartaal = {str(k): kwartalen[(regio, jaar, k)] for k in range(1, 5)}
        uitkomst[(regio, jaar)] = {
            **optellen(list(per_kwartaal.values())),
            "uitsplitsingen": gesplitst,
            "kwartalen": per_kwartaal,
            "formaat": FORMAAT,
        }
    return uitkomst


def optellen(tellingen: list[dict]) -> dict:
    """Counts of several cohorts together: a year's quarters, or the regios' cohorts of one
    year or quarter (the national view) — their quarters too, where they have them."""
    som: dict = {sleutel: defaultdict(int) for sleutel in DELEN}
    splitsingen: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for t in tellingen:
        for sleutel in som:
            for k, v in t.get(sleutel, {}).items():
                som[sleutel][k] += v
        for sleutel, groepen in t.get("uitsplitsingen", {}).items():
            for groep, (ja, n) in groepen.items():
                splitsingen[sleutel][groep][0] += ja
                splitsingen[sleutel][groep][1] += n
    uitkomst = {k: dict(v) for k, v in som.items()}
    uitkomst["uitsplitsingen"] = {s: {g: list(t) for g, t in groepen.items()} for s, groepen in splitsingen.items()}
    if any("kwartalen" in t for t in tellingen):
        uitkomst["kwartalen"] = {
            str(k): optellen([t["kwartalen"][str(k)] for t in tellingen if "kwartalen" in t]) for k in range(1, 5)
        }
    return uitkomst
