"""The doorstroomdossier: which parts a reader may read, each with the grondslag that opens it,
and ``categorie_lezen``, the only way to a part: it asks the registry (``toegang.delen``) how
the part is fetched and writes the raadpleging in the same transaction. Also the mbo van
herkomst's own onderwijsinformatie, and who sees a traject's raadplegingen log."""

from __future__ import annotations

import contextlib
from collections import defaultdict

from django.db import transaction
from django.db.models import (
    QuerySet,
)
from django.http import Http404

from dossier.models import HerkomstOnderwijsinformatie, Leesoverzicht
from netwerk.constants import NIET_IN_TRAJECTEN, OrganisatieSoort, Rol
from netwerk.models import Organisatie
from toegang.models import Raadpleging, TrajectGroupObjectPermission, TrajectUserObjectPermission
from trajecten.constants import (
    BetrokkenheidSoort,
    Categorie,
)
from trajecten.models import Betrokkenheid, Toestemming, Traject

from .. import delen
from .lezers import Lezer, _onthoud, lezer_van, medewerker_van
from .raadpleging import HERKOMST, _raadpleging, raadpleging_weigeren
from .schrijvers import leest_nooit, schrijvende_school, schrijver_van
from .trajecten import (
    betrokkenheden_van,
    is_actief_in,
    is_zichtbaar,
    mag_traject_beheren,
    traject_ophalen,
    zichtbaar_vooraf,
)


def mag_dossier_schrijven(user, traject: Traject) -> bool:
    """The teachers and zorgcoördinatoren of the JJI-school who see the traject."""
    medewerker = medewerker_van(user)
    school = schrijvende_school(traject)
    return (
        medewerker is not None
        and school is not None
        and medewerker.organisatie_id == school.pk
        and medewerker.rol in (Rol.DOCENT, Rol.ZORGCOORDINATOR)
        and not traject.is_afgesloten
        and is_zichtbaar(user, traject)
    )


def _categorierechten(user, traject: Traject) -> set[str]:
    """The dossier permissions guardian holds for this person on this traject (one query)."""
    return _onthoud(
        traject, ("categorierechten", user.pk), lambda: _categorierechten_op(user, [traject.pk])[traject.pk]
    )


def _categorierechten_op(user, traject_ids: list[int]) -> defaultdict[int, set[str]]:
    """Per traject, the dossier permissions guardian holds for this person, their own and
    their groups' (one query; no ORDER BY inside the UNION, which SQLite refuses)."""
    codes = [deel.permissie for deel in delen.alle()]
    velden = ("content_object_id", "permission__codename")
    persoon = TrajectUserObjectPermission.objects.filter(
        user_id=user.pk, content_object_id__in=traject_ids, permission__codename__in=codes
    )
    groep = TrajectGroupObjectPermission.objects.filter(
        group__user__pk=user.pk, content_object_id__in=traject_ids, permission__codename__in=codes
    )
    rechten = defaultdict(set)
    for traject_id, code in persoon.order_by().values_list(*velden).union(groep.order_by().values_list(*velden)):
        rechten[traject_id].add(code)
    return rechten


def _geldige_grondslagen() -> QuerySet[Toestemming]:
    """Valid grondslagen for a part of the dossier, oldest first (what opens a part)."""
    return Toestemming.objects.geldig().filter(categorie__in=delen.categorieen()).order_by("vastgelegd_op")


def opent_deel(record: Toestemming, op=None) -> bool:
    """Whether this grondslag record opens its part of the dossier to its organisation (when
    that is active in the traject): valid on ``op`` (today) — given, not expired, not revoked,
    not a parent's consent past the 18th birthday — with a grondslag the part accepts, for an
    organisation the part does not bar (:func:`leest_nooit`)."""
    deel = delen.deel(record.categorie)
    return (
        record.grondslag in deel.grondslagen
        and record.is_geldig(op)
        and not leest_nooit(record.traject, record.ontvanger_id, deel)
    )


def leesbare_categorieen(lezer, traject: Traject) -> dict:
    """The parts of the dossier this reader may read, each with the grondslag record that
    opens it (``None`` for a part the reader's organisation writes itself, see
    :func:`schrijver_van`; the school van herkomst never reads the parts it is barred from).

    ``lezer`` is a user or a :class:`Lezer`. A person needs to see the traject, the
    derived guardian permission and — checked live, so an expired or revoked grondslag never
    opens anything, also before the expiry task has run — a valid grondslag of their
    organisation for that part. Signalen voor veiligheid: only the verbindingsofficier and
    the veiligheidscoördinator of the receiving organisation."""

    if isinstance(lezer, Lezer):
        wie = lezer
        if not is_actief_in(wie.organisatie, traject):
            return {}
        rechten = {deel.permissie for deel in delen.alle()}
    else:
        wie = lezer_van(lezer)
        if wie is None or wie.rol in NIET_IN_TRAJECTEN or not is_zichtbaar(lezer, traject):
            return {}
        rechten = _categorierechten(lezer, traject)
    if wie.rol == Rol.SYSTEEM:  # a system account never reads a restricted part, not even its own school's
        rechten = rechten - {deel.permissie for deel in delen.alle() if deel.beperkt}
    # The parts this organisation writes: read without a grondslag.
    eigen = {
        deel.categorie: None
        for deel in delen.alle()
        if deel.permissie in rechten
        and (schrijver := schrijver_van(traject, deel.categorie)) is not None
        and schrijver.pk == wie.organisatie.pk
    }
    grondslagen = {}
    for record in _onthoud(
        traject,
        ("grondslagen", wie.organisatie.pk),
        lambda: list(_geldige_grondslagen().filter(traject=traject, ontvanger=wie.organisatie)),
    ):
        if record.categorie not in eigen and record.grondslag in delen.deel(record.categorie).grondslagen:
            grondslagen[record.categorie] = record
    leesbaar = {}
    for categorie, record in grondslagen.items():
        deel = delen.deel(categorie)
        if categorie in eigen or deel.permissie not in rechten or leest_nooit(traject, wie.organisatie.pk, deel):
            continue
        if deel.beperkt and not (wie.is_verbindingsofficier or wie.rol == Rol.VEILIGHEIDSCOORDINATOR):
            continue
        leesbaar[categorie] = record
    leesbaar.update(eigen)
    return {c: leesbaar[c] for c in delen.categorieen() if c in leesbaar}


def delen_in_lijst(user) -> tuple[delen.Dossierdeel, ...]:
    """The parts a list of trajecten gives this reader a column for: every part, and a
    restricted part (signalen voor veiligheid) only for who may ever read one — the
    verbindingsofficier and the veiligheidscoördinator, and the people of a JJI-school (it
    writes them) — never a system account. Nobody else learns from a list whether signalen
    exist or travel."""
    wie = lezer_van(user)
    if wie is None or wie.rol in NIET_IN_TRAJECTEN:
        return ()
    leest_beperkt = wie.rol != Rol.SYSTEEM and (
        wie.is_verbindingsofficier
        or wie.rol == Rol.VEILIGHEIDSCOORDINATOR
        or wie.organisatie.soort == OrganisatieSoort.JJI_SCHOOL
    )
    return tuple(deel for deel in delen.alle() if leest_beperkt or not deel.beperkt)


def delen_in_rijen(trajecten: list[Traject], user) -> None:
    """Per row of a page of the reader's list (limited to what they see: ``zichtbaar_voor``),
    what the row says about the dossier, by the policy's own rules:

    - ``regie_in_rij``: the reader runs this traject (:func:`~.trajecten.mag_traject_beheren`);
    - per part of :func:`delen_in_lijst`, ``leesbaar_<categorie>``: :func:`leesbare_categorieen`
      — the dossier page's "gedeeld met jouw organisatie" badge (else "niet gedeeld");
    - on a row the reader runs, ``gedeeld_<categorie>``: how many organisations other than the
      JJI-school may read the part now — active in the traject with a valid grondslag that
      opens it — what the regie sees on the dossier and Toestemmingen pages.

    What those rules read is fetched for the whole page in three queries (the involvements,
    the reader's permissions, the valid grondslagen), not per row."""
    wie = lezer_van(user)
    getoond = delen_in_lijst(user)
    if wie is None or not getoond or not trajecten:
        return
    eigen = wie.organisatie.pk
    ids = [traject.pk for traject in trajecten]
    betrokkenheden = defaultdict(list)
    for betrokken in (
        Betrokkenheid.objects.met_actief().filter(traject_id__in=ids).select_related("organisatie").order_by("pk")
    ):
        betrokkenheden[betrokken.traject_id].append(betrokken)
    rechten = _categorierechten_op(user, ids)
    grondslagen = defaultdict(list)
    for record in _geldige_grondslagen().filter(traject_id__in=ids):
        grondslagen[record.traject_id].append(record)
    for traject in trajecten:
        rij = betrokkenheden[traject.pk]
        # What leesbare_categorieen and mag_traject_beheren would read of this traject.
        zichtbaar_vooraf(user, traject, rij)
        cache = traject.__dict__.setdefault("_toegang_cache", {})
        cache[("categorierechten", user.pk)] = rechten[traject.pk]
        cache[("grondslagen", eigen)] = [r for r in grondslagen[traject.pk] if r.ontvanger_id == eigen]
        leesbaar = leesbare_categorieen(user, traject)
        traject.regie_in_rij = mag_traject_beheren(user, traject)
        school = {b.organisatie_id for b in rij if b.soort == BetrokkenheidSoort.JJI_SCHOOL}
        actief = {b.organisatie_id for b in rij if b.is_actief} - school
        for deel in getoond:
            setattr(traject, f"leesbaar_{deel.categorie}", deel.categorie in leesbaar)
            if traject.regie_in_rij:
                lezers = {
                    r.ontvanger_id
                    for r in grondslagen[traject.pk]
                    if r.categorie == deel.categorie
                    and r.grondslag in deel.grondslagen
                    and r.ontvanger_id in actief
                    and not leest_nooit(traject, r.ontvanger_id, deel)
                }
                setattr(traject, f"gedeeld_{deel.categorie}", len(lezers))


def categorie_lezen(
    *,
    actor,
    traject: Traject,
    categorie: str,
    actie: str,
    lezer=None,
    verzoek=None,
    ontvanger=None,
    ophalen=None,
    document: str = "",
):
    """Read one part of the dossier and write the raadpleging, in one transaction.

    ``lezer`` (default: the actor) decides what may be read — a :class:`Lezer` for a preview
    or a document recipient. A reading by someone outside the writing organisation writes
    one record; if it cannot be written, nothing is returned. A refused request is recorded
    as a refused attempt and answered with ``Http404``. ``ophalen`` fetches other data of the
    same part (the beslismodel's answers that belong to it) instead of the dossier part.
    ``document``: the number of a document that leaves the app for ``lezer`` (a person) —
    a disclosure to them, on record also when the writing school makes it."""

    leesbaar = leesbare_categorieen(lezer if lezer is not None else actor, traject)
    if lezer is not None and categorie not in leesbare_categorieen(actor, traject):
        leesbaar = {}  # a preview never shows more than the actor may read themselves
    # A part that may not leave the screen is never read for a PDF or a print (the registry).
    if categorie not in leesbaar or not delen.deel(categorie).mag(actie):
        raadpleging_weigeren(actor=actor, traject=traject, categorie=categorie, actie=actie, verzoek=verzoek)
        raise Http404
    # A reading that is recorded is recorded in one transaction with it; a reading of the
    # organisation's own part records nothing and needs none (no savepoint per part).
    registreren = bool(document) or not _is_eigen_dossier(actor, traject, categorie)
    with transaction.atomic() if registreren else contextlib.nullcontext():
        if registreren:
            _raadpleging(
                actor,
                traject,
                categorie,
                actie,
                verzoek,
                grondslag=leesbaar[categorie],
                ontvanger=ontvanger,
                ontvanger_persoon=lezer if document and not isinstance(lezer, Lezer) else None,
                document=document,
            )
        if ophalen is not None:
            return ophalen()
        deel = delen.deel(categorie)
        # The history holds old values of the same part: the same door, the same record.
        if actie == "geschiedenis":
            # Outside the writing school an ended signal stays gone, in its history too.
            return deel.geschiedenis(traject, alleen_actueel=not _is_eigen_dossier(actor, traject, categorie))
        return deel.ophalen(traject)


def _is_eigen_dossier(actor, traject: Traject, categorie: str | None = None) -> bool:
    """Whether the actor works at the organisation that writes the part (``None``: the
    JJI-school's parts)."""
    medewerker = medewerker_van(actor)
    school = schrijvende_school(traject) if categorie is None else schrijver_van(traject, categorie)
    return medewerker is not None and school is not None and medewerker.organisatie_id == school.pk


def dossier_traject_ophalen(user, pk, *, categorie: str = "", actie: str = "bekijken", verzoek=None) -> Traject:
    """A traject for a dossier request: ``Http404`` when it is missing or not visible, and a
    refused attempt on record when it exists (URL tampering toward another dossier), with the
    action asked for (``api`` through the API)."""
    try:
        return traject_ophalen(user, pk)
    except Http404:
        bestaand = Traject.objects.filter(pk=pk).first() if str(pk).isdigit() else None
        if bestaand is not None:
            raadpleging_weigeren(
                actor=user, traject=bestaand, categorie=categorie or "dossier", actie=actie, verzoek=verzoek
            )
        raise


def herkomstschool_van(user, traject: Traject) -> Organisatie | None:
    """The reader's organisation when it is an active mbo van herkomst in the traject."""
    medewerker = medewerker_van(user)
    if medewerker is None or medewerker.rol in NIET_IN_TRAJECTEN or not is_zichtbaar(user, traject):
        return None
    organisatie = medewerker.organisatie
    actief = any(
        b.is_actief and b.organisatie_id == organisatie.pk and b.soort == BetrokkenheidSoort.MBO_HERKOMST
        for b in betrokkenheden_van(traject)
    )
    return organisatie if actief else None


def mag_herkomst_schrijven(user, traject: Traject) -> bool:
    return not traject.is_afgesloten and herkomstschool_van(user, traject) is not None


def herkomst_grondslag(traject: Traject):
    """The valid grondslag for the JJI-school to read the mbo van herkomst's onderwijsinformatie."""

    school = schrijvende_school(traject)
    if school is None:
        return None
    return _onthoud(
        traject,
        ("herkomstgrondslag",),
        lambda: (
            Toestemming.objects.geldig()
            .filter(
                traject=traject,
                ontvanger=school,
                categorie=Categorie.ONDERWIJSINFORMATIE,
                grondslag__in=delen.deel(Categorie.ONDERWIJSINFORMATIE).grondslagen,
            )
            .order_by("vastgelegd_op")
            .last()
        ),
    )


def herkomst_lezen(*, actor, traject: Traject, verzoek=None):
    """The onderwijsinformatie of the mbo van herkomst: the writing school reads its own; the
    JJI-school reads it with a grondslag (and that reading is on record); nobody else.
    Returns the parts, or None when the reader may not read them."""
    rijen = HerkomstOnderwijsinformatie.objects.filter(traject=traject).select_related("organisatie", "bijgewerkt_door")
    eigen = herkomstschool_van(actor, traject)
    if eigen is not None:
        return list(rijen.filter(organisatie=eigen))
    if not (_is_eigen_dossier(actor, traject) and is_zichtbaar(actor, traject)):
        return None
    grondslag = herkomst_grondslag(traject)
    if grondslag is None:
        return None
    with transaction.atomic():
        _raadpleging(actor, traject, HERKOMST, "bekijken", verzoek, grondslag=grondslag)
        return list(rijen)


def is_schrijvende_school(user, traject: Traject) -> bool:
    """Whether the reader works at the JJI-school that writes this traject's dossier (and sees it)."""
    return _is_eigen_dossier(user, traject) and is_zichtbaar(user, traject)


def mag_raadplegingen_zien(user, traject: Traject) -> bool:
    """The log of a traject is for the writing JJI-school (through its zorgcoördinator the
    youth hears who saw their data: "Wie heeft jouw gegevens bekeken?")."""
    return is_schrijvende_school(user, traject)


def raadplegingen_zichtbaar_voor(user, traject: Traject) -> QuerySet:
    """The log of a traject, for who may see it (nothing for anyone else)."""

    if not mag_raadplegingen_zien(user, traject):
        return Raadpleging.objects.none()
    return Raadpleging.objects.filter(traject=traject)


def leesoverzicht_ophalen(user, traject: Traject, pk):
    """The PDF of the youth's list (its status and file): for the person who asked for it,
    while they may still read this traject's log (``Http404`` otherwise, also for another
    traject's)."""
    leesoverzicht = (
        Leesoverzicht.objects.filter(pk=pk, traject=traject).defer("bestand").first() if str(pk).isdigit() else None
    )
    if (
        leesoverzicht is None
        or leesoverzicht.aangevraagd_door_id != getattr(user, "pk", None)
        or not mag_raadplegingen_zien(user, traject)
    ):
        raise Http404
    return leesoverzicht
