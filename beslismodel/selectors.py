"""Reads for the beslismodel pages, through the access policy: versions only for who may see
them, answers only through ``policy.beslismodel_lezen`` (the dossier's door and its log)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils.translation import gettext as _

from jji_traject.standaardtekst import standaardtekst
from netwerk.constants import Rol
from netwerk.models import Medewerker, Organisatie
from toegang import delen as dossierdelen
from toegang import policy
from trajecten.constants import BetrokkenheidSoort, Categorie
from trajecten.models import Betrokkenheid, Toewijzing, Traject

from .constants import Bevestiging, ItemSoort, Stand
from .models import Antwoord, Beslismodel, Besluit, Sjabloon, SjabloonItem, SjabloonSectie
from .sjabloonbeheer import in_gebruik
from .suggestie import Keuzeantwoord, Suggestie, status_suggereren


@dataclass
class ItemWeergave:
    item: SjabloonItem
    antwoord: Antwoord | None
    gedeeld: bool  # False: the part of the dossier it belongs to is not shared with the reader

    @property
    def deel(self) -> str:
        return Categorie(self.item.categorie).label if self.item.categorie else ""


@dataclass
class SectieWeergave:
    sectie: SjabloonSectie
    items: list[ItemWeergave]


@dataclass
class Wijziging:
    item: SjabloonItem
    oud: str
    nieuw: str


@dataclass
class VersieWeergave:
    beslismodel: Beslismodel
    secties: list[SectieWeergave]
    achtergehouden: list[str]
    suggestie: Suggestie
    besluiten: list[Besluit] = field(default_factory=list)
    vorige: Beslismodel | None = None
    wijzigingen: list[Wijziging] = field(default_factory=list)

    @property
    def huidig_besluit(self) -> Besluit | None:
        return next((b for b in self.besluiten if b.bevestiging != Bevestiging.TERUGGELEGD), None)


def _secties(items: list[SjabloonItem], antwoorden: dict[int, Antwoord], achtergehouden: set[str]):
    per_sectie: dict[int, SectieWeergave] = {}
    for item in items:
        weergave = per_sectie.setdefault(item.sectie_id, SectieWeergave(item.sectie, []))
        weergave.items.append(ItemWeergave(item, antwoorden.get(item.pk), item.categorie not in achtergehouden))
    return list(per_sectie.values())


def _als_tekst(antwoord: Antwoord | None) -> str:
    if antwoord is None or antwoord.is_leeg:
        return "—"
    if antwoord.item.soort == ItemSoort.KEUZE:
        return standaardtekst(antwoord.keuze.label)
    aandacht = _("extra aandacht nodig") if antwoord.extra_aandacht else _("geen extra aandacht nodig")
    return f"{aandacht}. {antwoord.toelichting}".strip() if antwoord.toelichting else aandacht


def vorige_versie(user, beslismodel: Beslismodel) -> Beslismodel | None:
    """The version submitted before this one to the same school (what a resubmission is compared with)."""
    if beslismodel.is_concept:
        return None
    return (
        policy.beslismodellen_zichtbaar_voor(user, beslismodel.traject)
        .filter(ontvanger_id=beslismodel.ontvanger_id, versie__lt=beslismodel.versie)
        .exclude(stand=Stand.CONCEPT)
        .order_by("-versie")
        .first()
    )


def versie_weergave(user, traject, beslismodel: Beslismodel, *, verzoek=None) -> VersieWeergave:
    """One version as this reader may see it, with its decisions and what changed since the
    version before it. Each part of the dossier read here is on record (once per page)."""
    vorige = vorige_versie(user, beslismodel)
    versies = [beslismodel, *([vorige] if vorige else [])]
    gelezen, achtergehouden = policy.beslismodel_lezen(actor=user, traject=traject, versies=versies, verzoek=verzoek)
    items = items_van(beslismodel.sjabloon)
    weergave = VersieWeergave(
        beslismodel=beslismodel,
        secties=_secties(items, gelezen[beslismodel.pk], achtergehouden),
        achtergehouden=[d.label for d in dossierdelen.alle() if d.categorie in achtergehouden],
        suggestie=status_suggereren(keuzes_van(gelezen[beslismodel.pk].values())),
        besluiten=list(
            beslismodel.besluiten.select_related("besloten_door", "bevestigd_door").prefetch_related(
                "maatregelen__medewerker__user"
            )
        ),
        vorige=vorige,
    )
    if vorige is not None:
        oud = {a.item.sleutel: a for a in gelezen[vorige.pk].values()}
        for item in items:
            if item.categorie in achtergehouden:
                continue
            was, is_nu = _als_tekst(oud.get(item.sleutel)), _als_tekst(gelezen[beslismodel.pk].get(item.pk))
            if was != is_nu:
                weergave.wijzigingen.append(Wijziging(item, was, is_nu))
    return weergave


@dataclass
class GelezenVersie:
    """A version as this reader may read it: the version, each item of its template with the
    answer read (the pages' ``ItemWeergave``), and the suggestion from the answers read."""

    beslismodel: Beslismodel
    antwoorden: list[ItemWeergave]
    suggestie: Suggestie


def versies_lezen(user, traject, versies, *, actie: str, verzoek=None) -> list[GelezenVersie]:
    """Several versions in one ``policy.beslismodel_lezen``: one raadpleging per part read,
    however many versions (the API reads every version the caller sees, with action ``api``;
    the page's :func:`versie_weergave` reads one version and the one before it)."""
    if not versies:
        return []
    gelezen, achtergehouden = policy.beslismodel_lezen(
        actor=user, traject=traject, versies=versies, actie=actie, verzoek=verzoek
    )
    items: dict[int, list] = {}  # versions share their template: its items read once
    uit = []
    for versie in versies:
        if versie.sjabloon_id not in items:
            items[versie.sjabloon_id] = items_van(versie.sjabloon)
        antwoorden = gelezen[versie.pk]
        uit.append(
            GelezenVersie(
                beslismodel=versie,
                antwoorden=[
                    ItemWeergave(item, antwoorden.get(item.pk), item.categorie not in achtergehouden)
                    for item in items[versie.sjabloon_id]
                ],
                suggestie=status_suggereren(keuzes_van(antwoorden.values())),
            )
        )
    return uit


def concept_weergave(user, traject, beslismodel: Beslismodel):
    """The draft with its answers, for the JJI-school filling it in (its own: no record)."""
    gelezen, _achter = policy.beslismodel_lezen(actor=user, traject=traject, versies=[beslismodel])
    return items_van(beslismodel.sjabloon), gelezen[beslismodel.pk]


@dataclass
class TrajectStand:
    """What the traject page shows of the beslismodel: the newest submitted version and the
    decision that counts, and whether the JJI-school has a draft."""

    versie: Beslismodel | None
    besluit: Besluit | None
    concept: Beslismodel | None
    mag_opstellen: bool


def stand_op_traject(user, traject) -> TrajectStand | None:
    """None for a reader who has no business with the beslismodel (need to know)."""
    versies = list(
        policy.beslismodellen_zichtbaar_voor(user, traject)
        .exclude(stand=Stand.VERVANGEN)
        .select_related("ontvanger")
        .prefetch_related(
            Prefetch(
                "besluiten",
                queryset=Besluit.objects.exclude(bevestiging=Bevestiging.TERUGGELEGD).select_related(
                    "besloten_door", "bevestigd_door"
                ),
            )
        )
        .order_by("-versie")
    )
    mag_opstellen = policy.mag_beslismodel_opstellen(user, traject)
    if not versies and not mag_opstellen:
        return None
    concept = next((v for v in versies if v.is_concept), None)
    ingediend = next((v for v in versies if not v.is_concept), None)
    besluiten = list(ingediend.besluiten.all()) if ingediend else []
    return TrajectStand(ingediend, besluiten[0] if besluiten else None, concept, mag_opstellen)


def te_beoordelen(user):
    """Submitted versions waiting at the reader's school, oldest first, with the decision
    that waits for confirmation (flat in the number of rows)."""
    return (
        policy.beslismodellen_te_beoordelen(user)
        .select_related("traject__jongere", "ingediend_door", "ontvanger")
        .prefetch_related(
            Prefetch(
                "besluiten",
                queryset=Besluit.objects.filter(bevestiging=Bevestiging.GEVRAAGD).select_related("besloten_door"),
                to_attr="wachtend",
            )
        )
        .order_by("ingediend_op", "pk")
    )


@dataclass
class OntvangerZicht:
    """What a candidate receiving school would read of the beslismodel (names of parts only),
    and who there would see a version submitted to it."""

    organisatie: object
    actief: bool
    intaker: list[str]
    verbindingsofficier: list[str]
    mensen: list[Medewerker] = field(default_factory=list)
    intaker_toegewezen: bool = False
    toewijzers: list[Medewerker] = field(default_factory=list)


def wat_ontvangers_zien(traject) -> list[OntvangerZicht]:
    """Per school the beslismodel can go to: whether it is active, which parts its intaker
    and its verbindingsofficier would read (the placement advice always), and — when active —
    the people who would see a version submitted to it (see :func:`wie_ziet_indiening`)."""
    actief = set(traject.betrokkenheden.actief().values_list("organisatie_id", flat=True))
    zicht = []
    for organisatie in ontvangers(traject):
        delen = []
        intaker = policy.Lezer(organisatie, Rol.INTAKER)
        for lezer in (intaker, policy.Lezer(organisatie, "", is_verbindingsofficier=True)):
            leesbaar = policy.leesbare_categorieen(lezer, traject)
            delen.append([_("plaatsingsadvies")] + [d.label for d in dossierdelen.alle() if d.categorie in leesbaar])
        is_actief = organisatie.pk in actief
        zicht.append(
            OntvangerZicht(
                organisatie,
                is_actief,
                *delen,
                mensen=wie_ziet_indiening(traject, organisatie) if is_actief else [],
                intaker_toegewezen=is_actief and intaker_toegewezen(traject, organisatie),
                toewijzers=intaker_toewijzers(traject, organisatie) if is_actief else [],
            )
        )
    return zicht


def wie_ziet_indiening(traject, organisatie) -> list[Medewerker]:
    """The people of a receiving school who see a version submitted to it: everyone there
    who sees the traject (its verbindingsofficier, its zorgcoördinatoren, who is assigned).
    Submitting opens nothing more: an intaker who is not assigned does not see it. The
    candidates come from that rule; the policy confirms each one."""
    kandidaten = (
        Medewerker.objects.filter(organisatie=organisatie, user__is_active=True)
        .filter(
            Q(pk=organisatie.verbindingsofficier_id)
            | Q(rol__in=policy.ALLE_TRAJECTEN_ROLLEN)
            | Q(pk__in=Toewijzing.objects.filter(traject=traject).values("medewerker_id"))
        )
        .exclude(rol__in=policy.GEEN_PERSOON_IN_TRAJECT)
        .select_related("user", "organisatie")
        .order_by("user__last_name", "user__first_name", "pk")
    )
    return [m for m in kandidaten if policy.is_zichtbaar(m.user, traject)]


def intaker_toegewezen(traject, organisatie) -> bool:
    """Whether an (active) intaker of this school is assigned to the traject."""
    return Toewijzing.objects.filter(
        traject=traject,
        medewerker__organisatie=organisatie,
        medewerker__rol=Rol.INTAKER,
        medewerker__user__is_active=True,
    ).exists()


def ziet_alle_trajecten_van_school(user) -> bool:
    """Whether the reader sees every traject their school is active in (its verbindingsofficier,
    its zorgcoördinatoren), so that an empty "Te beoordelen" means nothing waits at the school.
    Everyone else sees only what they are assigned to."""
    medewerker = policy.medewerker_van(user)
    return medewerker is not None and (
        medewerker.is_verbindingsofficier or medewerker.rol in policy.ALLE_TRAJECTEN_ROLLEN
    )


def verbindingsofficier_van(user) -> Medewerker | None:
    """The verbindingsofficier of the reader's organisation (a name on the netwerkkaart)."""
    medewerker = policy.medewerker_van(user)
    if medewerker is None or not medewerker.organisatie.verbindingsofficier_id:
        return None
    return Medewerker.objects.select_related("user").filter(pk=medewerker.organisatie.verbindingsofficier_id).first()


def intaker_toewijzers(traject, organisatie) -> list[Medewerker]:
    """Who is asked to assign an intaker of this school to the traject: its
    verbindingsofficier (without one, its zorgcoördinatoren), each only while they may assign
    one of its intakers to this traject (the policy decides)."""
    gevraagd = (
        Medewerker.objects.filter(pk=organisatie.verbindingsofficier_id)
        if organisatie.verbindingsofficier_id
        else Medewerker.objects.filter(organisatie=organisatie, rol=Rol.ZORGCOORDINATOR)
    )
    return [
        m
        for m in gevraagd.filter(user__is_active=True).select_related("user", "organisatie").order_by("pk")
        if policy.toewijsbare_medewerkers(m.user, traject, ook_toegewezen=True)
        .filter(organisatie=organisatie, rol=Rol.INTAKER)
        .exists()
    ]


def wacht_op_intaker(user):
    """Submitted versions waiting at the reader's school for a decision while no intaker of
    the school is assigned to the traject: for who is asked to assign one (its
    verbindingsofficier; without one, its zorgcoördinatoren), oldest first. One query."""
    medewerker = policy.medewerker_van(user)
    if medewerker is None:
        return Beslismodel.objects.none()
    organisatie = medewerker.organisatie
    gevraagd = (
        organisatie.verbindingsofficier_id == medewerker.pk
        if organisatie.verbindingsofficier_id
        else medewerker.rol == Rol.ZORGCOORDINATOR
    )
    if not gevraagd:
        return Beslismodel.objects.none()
    intaker = Toewijzing.objects.filter(
        traject=OuterRef("traject"),
        medewerker__organisatie=organisatie,
        medewerker__rol=Rol.INTAKER,
        medewerker__user__is_active=True,
    )
    return (
        Beslismodel.objects.filter(
            policy.in_zichtbaar(user),
            stand=Stand.INGEDIEND,
            ontvanger=organisatie,
            traject__afgesloten_op__isnull=True,
        )
        .filter(~Exists(intaker))
        .select_related("traject__jongere")
        .order_by("ingediend_op", "pk")
    )


def wachtend_besluit(beslismodel: Beslismodel) -> Besluit | None:
    """The decision on this version that waits for confirmation, if any."""
    return beslismodel.besluiten.filter(bevestiging=Bevestiging.GEVRAAGD).select_related("beslismodel").first()


# --- Reads the services share -------------------------------------------------------------

# The involvements a beslismodel is submitted to: the receiving mbo, or the mbo van herkomst
# when the youth returns there.
ONTVANGENDE_SOORTEN = (BetrokkenheidSoort.MBO_ONTVANGEND, BetrokkenheidSoort.MBO_HERKOMST)


def sjabloon_voor(traject: Traject) -> Sjabloon:
    """The template a new beslismodel is filled in with: the version in use in the traject's
    regio (its newest published version, else the national one)."""
    return in_gebruik(traject.jji.regio)


def items_van(sjabloon: Sjabloon) -> list[SjabloonItem]:
    return list(
        SjabloonItem.objects.filter(sectie__sjabloon=sjabloon).select_related("sectie").prefetch_related("keuzes")
    )


def stempel_van(beslismodel: Beslismodel) -> str:
    """When the draft was last saved, as the form carries it (to notice a save in between)."""
    return beslismodel.bijgewerkt_op.isoformat()


def ontvangers(traject: Traject):
    """The mbo's a beslismodel can be submitted to: involved as receiving mbo (or as mbo van
    herkomst, for a return there). Whether they are active is checked on submission."""
    betrokken = Betrokkenheid.objects.filter(traject=traject, soort__in=ONTVANGENDE_SOORTEN)
    return Organisatie.objects.filter(pk__in=betrokken.values("organisatie_id"), actief=True).order_by("naam")


def keuzes_van(antwoorden) -> list[Keuzeantwoord]:
    """The placement choices among these answers, as the suggestion reads them."""
    return [
        Keuzeantwoord(vraag=a.item.titel, code=a.keuze.code, label=a.keuze.label)
        for a in antwoorden
        if a.item.soort == ItemSoort.KEUZE and a.keuze_id
    ]


def suggestie_van(beslismodel: Beslismodel) -> Suggestie:
    """The suggested status of one version (the placement choices are the version's own content)."""
    antwoorden = beslismodel.antwoorden.filter(item__soort=ItemSoort.KEUZE).select_related("item", "keuze")
    return status_suggereren(keuzes_van(antwoorden))


def mensen_van_ontvanger(actor, beslismodel: Beslismodel):
    """The people of the receiving school who can take on an agreed measure."""
    return policy.actieve_medewerkers(actor, beslismodel.traject).filter(organisatie_id=beslismodel.ontvanger_id)
