"""Reads for the traject pages, limited by the access policy."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from toegang import policy

from .constants import (
    AFGEROND,
    FASE_VAN_STAP,
    KENNISGEVING,
    STAPPEN_VAN_FASE,
    Fase,
    Partij,
    Stap,
    Titel,
    VertrekOnderwerp,
)
from .models import (
    Betrokkenheid,
    Overleg,
    Routekaart,
    RoutekaartStap,
    Taak,
    Toestemming,
    Toewijzing,
    Traject,
    VertrekItem,
)
from .models.routekaart import STAPPEN_NASLAG


def mijn_trajecten(user) -> QuerySet[Traject]:
    """The reader's visible trajecten with what a list row shows — the work (next task, overdue
    tasks) among the tasks they may see — as subqueries of the one list query; a page's rows
    get the rest from :func:`rijen_aanvullen`."""
    return lijst(policy.zichtbaar_voor(user), user)


def lijst(trajecten: QuerySet[Traject], user) -> QuerySet[Traject]:
    """What "Mijn trajecten" shows of these trajecten, which the policy already limited to
    what the reader sees (``make bench`` passes every traject, to measure what that costs)."""
    return met_werk(lijstregels(trajecten, policy.medewerker_van(user)), user)


def lijstregels(trajecten: QuerySet[Traject], medewerker) -> QuerySet[Traject]:
    """What a row of the list shows, sorted by name (read in index order)."""
    eigen_rol = Betrokkenheid.objects.filter(
        traject=OuterRef("pk"), organisatie_id=medewerker.organisatie_id if medewerker else None
    ).values("soort")[:1]
    return (
        trajecten.select_related("jongere", "jji")
        .met_uit_beeld(settings.UIT_BEELD_DAGEN)
        .annotate(eigen_betrokkenheid=Subquery(eigen_rol))
        .order_by("sorteernaam", "pk")
    )


def met_werk(trajecten: QuerySet[Traject], user) -> QuerySet[Traject]:
    """Annotate the work of each open traject among the tasks the reader may see (the same
    open tasks in reached steps as "Mijn taken", of anyone): ``volgende_taak_id``, the one
    with the soonest deadline (undated last, then by step), and ``taken_te_laat``, how many
    are past their deadline. A closed traject has no work left."""
    open_taken = (
        policy.taken_in_lijst(user).filter(_bereikt(), traject__afgesloten_op__isnull=True).exclude(status__in=AFGEROND)
    )
    volgende = open_taken.order_by(F("deadline").asc(nulls_last=True), "stap", "pk").values("pk")[:1]
    te_laat = (
        open_taken.filter(deadline__lt=timezone.localdate())
        .order_by()
        .values("traject")
        .annotate(aantal=Count("pk"))
        .values("aantal")
    )
    return trajecten.annotate(volgende_taak_id=Subquery(volgende), taken_te_laat=Coalesce(Subquery(te_laat), 0))


@dataclass
class DeelInRij:
    """What a row of the list says about one part of the dossier (see ``policy.delen_in_rijen``)."""

    categorie: str
    label: str
    leesbaar: bool
    gedeeld_met: int | None  # only where the reader runs the traject


def rijen_aanvullen(rijen: list[Traject], user) -> list[Traject]:
    """Give each row of one page its next task (one query for the page) and its dossier cells,
    one per part the reader has a column for (``policy.delen_in_lijst``), as the policy says
    (``policy.delen_in_rijen``: three queries for the page)."""
    delen = policy.delen_in_lijst(user)
    policy.delen_in_rijen(rijen, user)
    taken = Taak.objects.in_bulk([t.volgende_taak_id for t in rijen if t.volgende_taak_id])
    for traject in rijen:
        traject.volgende_taak = taken.get(traject.volgende_taak_id)
        traject.delen_in_rij = [
            DeelInRij(
                categorie=deel.categorie,
                label=deel.label,
                leesbaar=bool(getattr(traject, f"leesbaar_{deel.categorie}", False)),
                gedeeld_met=getattr(traject, f"gedeeld_{deel.categorie}", None),
            )
            for deel in delen
        ]
    return rijen


@dataclass
class BetrokkenheidRegel:
    betrokkenheid: Betrokkenheid
    actief: bool
    grondslag: Toestemming | None


@dataclass
class TrajectOverzicht:
    traject: Traject
    titel_zichtbaar: bool
    mag_beheren: bool
    mag_toewijzen: bool
    betrokkenheden: list[BetrokkenheidRegel] = field(default_factory=list)
    grondslagen: list[Toestemming] = field(default_factory=list)
    toewijzingen: list[Toewijzing] = field(default_factory=list)
    titelgeschiedenis: list[dict] = field(default_factory=list)
    overleggen: list[Overleg] = field(default_factory=list)
    vertrek: list[tuple[str, str, VertrekItem | None]] = field(default_factory=list)
    uit_beeld: bool = False
    laatste_contact: dt.date | None = None
    mag_overleg: bool = False
    mag_vertrek: bool = False
    titel_zichtbaar_stp: bool = False
    netwerk: list = field(default_factory=list)
    beeindigbaar: set[int] = field(default_factory=set)
    toekomstperspectief: list = field(default_factory=list)
    perspectief_zichtbaar: bool = False


def met_uit_beeld(trajecten: QuerySet[Traject], op: dt.date | None = None) -> QuerySet[Traject]:
    """What the traject's page says of contact (``is_uit_beeld``, ``laatste_contact``), read
    with the traject itself (``policy.traject_ophalen(..., met=met_uit_beeld)``), and how many
    titels it has had (``titels``: the page reads their history only when there are two)."""
    titels = (
        Traject.history.model.objects.filter(id=OuterRef("pk"))
        .exclude(titel="")
        .order_by()
        .values("id")
        .annotate(n=Count("titel", distinct=True))
        .values("n")
    )
    return trajecten.met_uit_beeld(settings.UIT_BEELD_DAGEN, op).annotate(titels=Coalesce(Subquery(titels), 0))


# What else the SQL of met_uit_beeld depends on besides the day: the policy keeps its compiled
# query per day and this (``policy.traject_ophalen``).
met_uit_beeld.sleutel = lambda: settings.UIT_BEELD_DAGEN


def traject_overzicht(user, traject: Traject) -> TrajectOverzicht:
    """What the detail page shows this reader. Organisations awaiting a grondslag and the
    grondslag records are for the regie (JJI, JJI-school); others see the active partners."""
    mag_beheren = policy.mag_traject_beheren(user, traject)
    toewijsbaar = policy.toewijsbaar(user, traject)
    overzicht = TrajectOverzicht(
        traject=traject,
        titel_zichtbaar=policy.mag_titel_zien(user, traject),
        mag_beheren=mag_beheren,
        mag_toewijzen=bool(toewijsbaar),
        beeindigbaar=toewijsbaar,
    )
    kennisgevingen = list(
        Toestemming.objects.filter(traject=traject, categorie=KENNISGEVING)
        .select_related("ontvanger", "vastgelegd_door", "ingetrokken_door")
        .order_by("-vastgelegd_op")
    )
    geldig = {}
    for toestemming in kennisgevingen:
        toestemming.traject = traject  # a parent's consent asks for the birth date: no query each
        if toestemming.is_geldig():
            geldig.setdefault(toestemming.ontvanger_id, toestemming)
    # In the order of the model (soort, then the organisation's name).
    betrokkenheden = sorted(policy.betrokkenheden_van(traject), key=lambda b: (b.soort, b.organisatie.naam.casefold()))
    for b in betrokkenheden:
        regel = BetrokkenheidRegel(b, actief=b.is_actief, grondslag=geldig.get(b.organisatie_id))
        if regel.actief or mag_beheren:
            overzicht.betrokkenheden.append(regel)
    actieve_organisaties = {r.betrokkenheid.organisatie_id for r in overzicht.betrokkenheden if r.actief}
    if mag_beheren:
        overzicht.grondslagen = kennisgevingen
    overzicht.toewijzingen = list(
        traject.toewijzingen.filter(medewerker__organisatie_id__in=actieve_organisaties).select_related(
            "medewerker__user", "medewerker__organisatie"
        )
    )
    # The page lists the titels only when there have been two or more (one more query then).
    if overzicht.titel_zichtbaar and getattr(traject, "titels", 2) > 1:
        overzicht.titelgeschiedenis = titelgeschiedenis(traject)
    overzicht.overleggen = list(
        policy.overleggen_zichtbaar_voor(user, traject)
        .select_related("vastgelegd_door")
        .prefetch_related("deelnemers__user")
        .order_by("-datum", "-pk")[:10]
    )
    overzicht.mag_overleg = policy.mag_overleg_vastleggen(user, traject)
    overzicht.mag_vertrek = policy.mag_vertrek_bijwerken(user, traject)
    overzicht.netwerk = list(policy.netwerk_zichtbaar_voor(user, traject).select_related("contactpersoon__organisatie"))
    overzicht.perspectief_zichtbaar = policy.mag_toekomstperspectief_lezen(user, traject)
    if overzicht.perspectief_zichtbaar:
        overzicht.toekomstperspectief = toekomstperspectief(traject, met_zorg=mag_beheren)
    if traject.fase != Fase.INSTROOM:
        items = {item.onderwerp: item for item in traject.vertrekitems.all()}
        overzicht.vertrek = [(waarde, label, items.get(waarde)) for waarde, label in VertrekOnderwerp.choices]
    if "is_uit_beeld" not in traject.__dict__:  # not fetched with it (``met_uit_beeld``)
        status = Traject.objects.filter(pk=traject.pk).met_uit_beeld(settings.UIT_BEELD_DAGEN)
        traject.is_uit_beeld, traject.laatste_contact = status.values_list("is_uit_beeld", "laatste_contact")[0]
    overzicht.uit_beeld, overzicht.laatste_contact = traject.is_uit_beeld, traject.laatste_contact
    overzicht.titel_zichtbaar_stp = overzicht.titel_zichtbaar and traject.gebeurtenis_datum_stp is not None
    return overzicht


def titelgeschiedenis(traject: Traject) -> list[dict]:
    """Each change of the titel, oldest first (from simple-history); one query."""
    wijzigingen, vorige = [], None
    for regel in traject.history.order_by("history_date", "history_id").values("titel", "history_date"):
        if regel["titel"] and regel["titel"] != vorige:
            wijzigingen.append({**regel, "label": Titel(regel["titel"]).label})
            vorige = regel["titel"]
    return wijzigingen


@dataclass
class StapInTijdlijn:
    nummer: int
    label: str
    fase: str
    stem_jongere: str
    staat: str  # "gedaan", "achter" (done past it, tasks left open), "huidig", "komt"
    regie: str
    taken: list[Taak]

    @property
    def open_taken(self) -> int:
        return sum(not t.is_afgerond for t in self.taken)


def tijdlijn(user, traject: Traject) -> tuple[list[StapInTijdlijn], set[int]]:
    """The ten steps with the reader's visible tasks, and which tasks they may update.

    The current step is the first step of the traject's fase with open tasks (else the
    fase's last step); earlier steps are done, or "achter" when tasks were left open."""
    taken, bijwerkbaar = _taken_in_tijdlijn(user, traject, policy.taken_zichtbaar_voor(user, traject))
    stemmen: dict[int, str] = {}
    regie: dict[int, Counter] = defaultdict(Counter)
    for nummer, stem, partij in _routekaartstappen(traject):
        stemmen[nummer] = stem
        if partij:
            regie[nummer][partij] += 1
    per_stap: dict[int, list[Taak]] = {nummer: [] for nummer in Stap.values}
    for taak in taken:
        per_stap[taak.stap].append(taak)
    fase_stappen = [n for n in Stap.values if FASE_VAN_STAP[n] == traject.fase]
    huidig = next((n for n in fase_stappen if any(not t.is_afgerond for t in per_stap[n])), fase_stappen[-1])
    stappen = []
    for nummer in Stap.values:
        if nummer == huidig:
            staat = "huidig"
        elif nummer < huidig:
            staat = "achter" if any(not t.is_afgerond for t in per_stap[nummer]) else "gedaan"
        else:
            staat = "komt"
        stappen.append(
            StapInTijdlijn(
                nummer=nummer,
                label=Stap(nummer).label,
                fase=FASE_VAN_STAP[nummer],
                stem_jongere=stemmen.get(nummer, ""),
                regie=Partij(regie[nummer].most_common(1)[0][0]).label if regie[nummer] else "",
                staat=staat,
                taken=per_stap[nummer],
            )
        )
    return stappen, bijwerkbaar


def _routekaartstappen(traject: Traject) -> list[tuple[int, str, str | None]]:
    """Each step of the traject's routekaart with the regie of each of its lines (a step
    without lines once): one query, the routekaart chosen in it, or none from the cache (the
    choice depends on the jji's regio and the start year only)."""
    return STAPPEN_NASLAG.lezen(
        f"{traject.jji.regio_id}:{traject.startdatum.year}",
        lambda: list(
            RoutekaartStap.objects.filter(routekaart=_routekaart_id(traject)).values_list(
                "nummer", "stem_jongere", "verantwoordelijkheden__regie"
            )
        ),
    )


def stap_taken(user, traject: Traject, stap: int) -> tuple[list[Taak], set[int]]:
    """The reader's visible tasks of one step, as :func:`tijdlijn` shows them, and which they
    may update: for a step opened on the page (the rest of the timeline is not read)."""
    return _taken_in_tijdlijn(user, traject, policy.taken_zichtbaar_voor(user, traject).filter(stap=stap))


def _taken_in_tijdlijn(user, traject: Traject, zichtbaar: QuerySet[Taak]) -> tuple[list[Taak], set[int]]:
    """These tasks with what a row shows (its organisation, person, who did it; the people who
    may take it on: ``mogelijke_uitvoerders``), and the ones the reader may update."""
    taken = list(
        zichtbaar.select_related("organisatie", "medewerker__user", "gedaan_door").prefetch_related(
            "medewerker__contactvermeldingen"
        )
    )
    bijwerkbaar = policy.bijwerkbaar_in(user, traject, taken)
    mensen: dict[int, list] = defaultdict(list)
    if any(taak.organisatie_id for taak in taken):
        for medewerker in policy.mensen_actief_in(user, traject):
            mensen[medewerker.organisatie_id].append(medewerker)
    for taak in taken:
        taak.mogelijke_uitvoerders = mensen.get(taak.organisatie_id, [])
        # The row to return the focus to is set by the view after an update; here none. A
        # template that looks up a missing attribute lists the whole object (``dir``) each time.
        taak.focus = None
    return taken, bijwerkbaar


def mijn_taken(user) -> QuerySet[Taak]:
    """The reader's open tasks in steps their trajecten have reached (or with a date),
    soonest deadline first (no deadline last)."""
    return takenlijst(policy.mijn_taken(user))


def takenlijst(taken: QuerySet[Taak]) -> QuerySet[Taak]:
    """What "Mijn taken" shows of these tasks, which the policy already limited (``make
    bench`` passes the reader's tasks in every traject, to measure what that costs)."""
    return (
        taken.filter(_bereikt())
        .exclude(status__in=AFGEROND)
        .select_related("traject__jongere", "organisatie", "medewerker__user")
        .order_by(F("deadline").asc(nulls_last=True), "traject__jongere__achternaam", "stap", "pk")
    )


def _bereikt() -> Q:
    """Tasks of steps still to come wait until the traject reaches them, unless they have a date."""
    bereikt = Q(deadline__isnull=False)
    for fase, stappen in STAPPEN_VAN_FASE.items():
        bereikt |= Q(traject__fase=fase, stap__lte=max(stappen))
    return bereikt


def te_laat(taken: QuerySet[Taak]) -> QuerySet[Taak]:
    """The open tasks among these whose deadline has passed (as ``Taak.is_te_laat``)."""
    return taken.filter(deadline__lt=timezone.localdate())


def routekaart_voor_stap(traject: Traject, stap: int) -> Routekaart | None:
    """Fase 3 (steps 8-10) follows the routekaart of the regio the youth returns to, once known."""
    if FASE_VAN_STAP[stap] == Fase.UITSTROOM and traject.terugkeerregio_id:
        terug = Routekaart.objects.filter(regio_id=traject.terugkeerregio_id).order_by("-jaar").first()
        if terug is not None:
            return terug
    return routekaart_van(traject)


def routekaart_van(traject: Traject) -> Routekaart | None:
    """The route map a traject follows: its regio's for the start year (else its newest),
    else the national template."""
    passend, oudste = _routekaarten(traject)
    return passend.first() or oudste.first()


def _routekaart_id(traject: Traject):
    """:func:`routekaart_van`'s choice as an expression, to read its steps in the same query."""
    passend, oudste = _routekaarten(traject)
    return Coalesce(Subquery(passend.values("pk")[:1]), Subquery(oudste.values("pk")[:1]))


def _routekaarten(traject: Traject) -> tuple[QuerySet[Routekaart], QuerySet[Routekaart]]:
    """The regio's or national maps of the start year or before, the fitting first; and, when
    there is none, the oldest of them."""
    van_regio = Q(regio_id=traject.jji.regio_id) | Q(regio__isnull=True)
    passend = Routekaart.objects.filter(van_regio, jaar__lte=traject.startdatum.year).order_by(
        F("regio_id").desc(nulls_last=True), "-jaar"
    )
    return passend, Routekaart.objects.filter(van_regio).order_by("jaar")


def open_taken_in_fase(user, traject: Traject) -> int:
    """Open tasks (the reader can see) in the steps of the traject's current fase and before."""
    tot = max(STAPPEN_VAN_FASE[traject.fase])
    return policy.taken_zichtbaar_voor(user, traject).filter(stap__lte=tot).exclude(status__in=AFGEROND).count()


def routekaart_van_regio(regio) -> Routekaart | None:
    """The newest routekaart a regio adopted, with its steps, activities and lines."""
    return (
        Routekaart.objects.filter(regio=regio)
        .order_by("-jaar")
        .prefetch_related("stappen__activiteiten", "stappen__verantwoordelijkheden")
        .first()
    )


def open_plekken(routekaart: Routekaart) -> list:
    """Lines of a regio's routekaart where the regio still has to fill in who acts."""
    return [r for stap in routekaart.stappen.all() for r in stap.verantwoordelijkheden.all() if r.is_open]


def huidige_stap(traject: Traject) -> int:
    """The traject's current step: the first step of its fase with open tasks, else the
    fase's last step (the same rule as the timeline, over all tasks)."""
    stappen = STAPPEN_VAN_FASE[traject.fase]
    open_stappen = set(
        traject.taken.filter(stap__in=stappen).exclude(status__in=AFGEROND).values_list("stap", flat=True)
    )
    return next((stap for stap in stappen if stap in open_stappen), stappen[-1])


def toekomstperspectief(traject: Traject, *, met_zorg: bool) -> list:
    """The toekomstperspectief of a traject, in the order of the leefgebieden. Care may hold
    health data: ``met_zorg`` only for the regie (JJI, JJI-school, who write it); elsewhere it
    travels only with begeleidingsbehoefte (the overdrachtsdocument reads it under that part)."""
    from .constants import Leefgebied

    volgorde = {waarde: i for i, waarde in enumerate(Leefgebied.values)}
    perspectief = traject.toekomstperspectieven.all()
    if not met_zorg:
        perspectief = perspectief.exclude(leefgebied=Leefgebied.ZORG)
    return sorted(perspectief, key=lambda t: volgorde[t.leefgebied])
