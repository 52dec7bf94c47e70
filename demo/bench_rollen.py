"""``make bench``, per demo role: "Mijn trajecten", its name search and "Mijn taken", each
policy-filtered against the same list without the policy's filter (every traject; the reader's
own and their organisation's open tasks in every traject), and at the large size against the
small one. Each figure is the median of repeated runs, the filtered and unfiltered lists
measured alternately so background load weighs on both."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Q

# Every demo role that sees youth data: the dense readers (verbindingsofficier, zorgcoördinator)
# and the sparse ones (an assigned docent, ITB'er, intaker, and the partners after release).
ROLLEN = (
    "verbindingsofficier",
    "coordinator",
    "jji-school",
    "itb",
    "mbo-intake",
    "mbo-herkomst",
    "gemeente",
    "jeugdreclassering",
    "leerplicht",
)
LIJSTEN = ("lijst", "zoeken", "taken")
ZOEKTERM = "van"  # in many fictional names: the search that found the most rows in issue 21
PAGINA = 25


def _vers(user) -> None:
    """A new request: nothing remembered on the user object."""
    for naam in ("_jji_medewerker", "_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        user.__dict__.pop(naam, None)


def _trajecten(user, gefilterd: bool, zoek: str = "") -> None:
    from jji_traject import paginering
    from toegang import policy
    from trajecten import selectors
    from trajecten.filters import TrajectFilter
    from trajecten.models import Traject

    _vers(user)
    basis = policy.zichtbaar_voor(user) if gefilterd else Traject.objects.all()
    lijst = TrajectFilter({"q": zoek} if zoek else None, queryset=selectors.lijst(basis, user)).qs
    pagina = paginering.pagina(lijst, 1, PAGINA)
    selectors.rijen_aanvullen(pagina.object_list, user)


def _taken(user, gefilterd: bool) -> None:
    from toegang import policy
    from trajecten import selectors
    from trajecten.models import Taak

    _vers(user)
    if gefilterd:
        taken = policy.mijn_taken(user)
    else:
        medewerker = policy.medewerker_van(user)
        taken = Taak.objects.filter(traject__afgesloten_op__isnull=True).filter(
            Q(medewerker=medewerker) | Q(medewerker__isnull=True, organisatie_id=medewerker.organisatie_id)
        )
    list(selectors.takenlijst(taken)[: PAGINA + 1])


def _functies(user, lijst: str):
    if lijst == "lijst":
        return (lambda: _trajecten(user, True)), (lambda: _trajecten(user, False))
    if lijst == "zoeken":
        return (lambda: _trajecten(user, True, ZOEKTERM)), (lambda: _trajecten(user, False, ZOEKTERM))
    return (lambda: _taken(user, True)), (lambda: _taken(user, False))


def paarsgewijs(a, b, herhalingen: int) -> tuple[float, float]:
    """Median times of ``a`` and ``b`` measured alternately, so background load on the
    machine weighs on both alike."""
    a(), b()
    tijden_a, tijden_b = [], []
    for _ in range(herhalingen):
        for functie, tijden in ((a, tijden_a), (b, tijden_b)):
            begin = time.perf_counter()
            functie()
            tijden.append(time.perf_counter() - begin)
    return statistics.median(tijden_a), statistics.median(tijden_b)


@dataclass
class Meting:
    """Per (role, list): (filtered, unfiltered) median seconds at one size."""

    tijden: dict[tuple[str, str], tuple[float, float]] = field(default_factory=dict)


def meten(herhalingen: int) -> Meting:
    gebruikers = get_user_model().objects
    meting = Meting()
    for naam in ROLLEN:
        user = gebruikers.get(username=naam)
        for lijst in LIJSTEN:
            meting.tijden[(naam, lijst)] = paarsgewijs(*_functies(user, lijst), herhalingen)
    return meting


GOED_GEFILTERD, GOED_GROEI = 1.25, 1.2


def regels(klein: Meting, groot: Meting) -> list[tuple[str, str]]:
    """The table: per role and list the filtered time at the large size, filtered ÷ unfiltered
    (large) and large ÷ small (filtered); then the worst role's line."""
    uit = [("   rol / lijst", "gefilterd ms (groot) | gefilterd ÷ ongefilterd (<= 1.25) | groot ÷ klein (<= 1.2)")]
    slechtste = None
    for naam in ROLLEN:
        for lijst in LIJSTEN:
            g, o = groot.tijden[(naam, lijst)]
            k, _ = klein.tijden[(naam, lijst)]
            filter_ratio, groei = g / o, g / k
            oordeel = "ok" if filter_ratio <= GOED_GEFILTERD and groei <= GOED_GROEI else "BOVEN HET DOEL"
            uit.append((f"   {naam} / {lijst}", f"{g * 1000:7.1f} ms | {filter_ratio:5.2f} | {groei:5.2f}  {oordeel}"))
            ernst = max(filter_ratio / GOED_GEFILTERD, groei / GOED_GROEI)
            if slechtste is None or ernst > slechtste[0]:
                slechtste = (ernst, naam, lijst, filter_ratio, groei, g, o, k)
    _, naam, lijst, filter_ratio, groei, g, o, k = slechtste
    uit.append(
        (
            "   slechtste rol",
            f"{naam} / {lijst}: gefilterd ÷ ongefilterd {filter_ratio:.2f} ({g * 1000:.1f} / {o * 1000:.1f} ms), "
            f"groot ÷ klein {groei:.2f} ({g * 1000:.1f} / {k * 1000:.1f} ms)",
        )
    )
    return uit
