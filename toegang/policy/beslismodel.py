"""The beslismodel: who prepares it (the JJI-school), which versions a reader sees, who decides
at the receiving mbo and who confirms oranje and rood (four eyes), and reading the answers per
part of the dossier through ``categorie_lezen``."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from beslismodel.constants import Bevestiging, Stand
from beslismodel.models import Antwoord, Beslismodel, Besluit
from netwerk.constants import NIET_IN_TRAJECTEN, OrganisatieSoort, Rol
from netwerk.models import Medewerker, Organisatie
from trajecten.models import Traject

from .. import delen
from .dossier import _is_eigen_dossier, categorie_lezen, leesbare_categorieen, mag_dossier_schrijven
from .lezers import _is_verbindingsofficier, medewerker_van
from .trajecten import is_zichtbaar
from .zicht import in_zichtbaar

# Who decides a submitted beslismodel at the receiving mbo (and its verbindingsofficier).
BESLUIT_ROLLEN = frozenset({Rol.INTAKER, Rol.ZORGCOORDINATOR})


def mag_beslismodel_opstellen(user, traject: Traject) -> bool:
    """The JJI-school prepares the beslismodel with the young person: the same people who
    write the doorstroomdossier (its docenten and zorgcoördinatoren), on an open traject."""
    return mag_dossier_schrijven(user, traject)


def beslismodellen_zichtbaar_voor(user, traject: Traject) -> QuerySet:
    """The versions of a traject's beslismodel a reader may see: every version for the
    JJI-school (a draft is its alone); for a receiving mbo the versions submitted to it;
    nothing for anyone else (the gemeente, a justice partner, another school)."""

    medewerker = medewerker_van(user)
    if medewerker is None or medewerker.rol in NIET_IN_TRAJECTEN or not is_zichtbaar(user, traject):
        return Beslismodel.objects.none()
    versies = Beslismodel.objects.filter(traject=traject)
    if _is_eigen_dossier(user, traject):
        return versies
    if medewerker.organisatie.soort != OrganisatieSoort.MBO:
        return Beslismodel.objects.none()  # a version goes to an mbo only: no query for others
    return versies.filter(ontvanger_id=medewerker.organisatie_id).exclude(stand=Stand.CONCEPT)


def mag_beslismodel_besluiten(user, beslismodel) -> bool:
    """A submitted version is decided at the mbo it was submitted to: by its intakers and
    zorgcoördinatoren who see the traject, and by its verbindingsofficier."""

    medewerker = medewerker_van(user)
    return (
        medewerker is not None
        and beslismodel.stand == Stand.INGEDIEND
        and beslismodel.ontvanger_id == medewerker.organisatie_id
        and (medewerker.rol in BESLUIT_ROLLEN or _is_verbindingsofficier(medewerker))
        and not beslismodel.traject.is_afgesloten
        and is_zichtbaar(user, beslismodel.traject)
    )


def is_bevestiger(medewerker: Medewerker, organisatie: Organisatie) -> bool:
    """Who confirms oranje and rood at a receiving school: its verbindingsofficier; at a school
    without one, its zorgcoördinatoren."""
    if medewerker.organisatie_id != organisatie.pk:
        return False
    if organisatie.verbindingsofficier_id:
        return organisatie.verbindingsofficier_id == medewerker.pk
    return medewerker.rol == Rol.ZORGCOORDINATOR


def bevestigers(beslismodel) -> QuerySet[Medewerker]:
    """The active people who may confirm an oranje or rood decision on this version."""
    organisatie = beslismodel.ontvanger
    mensen = Medewerker.objects.filter(organisatie=organisatie, user__is_active=True).select_related("user")
    if organisatie.verbindingsofficier_id:
        return mensen.filter(pk=organisatie.verbindingsofficier_id)
    return mensen.filter(rol=Rol.ZORGCOORDINATOR)


def mag_beslismodel_bevestigen(user, beslismodel) -> bool:
    """Oranje and rood stand once a confirmer of the receiving school (see
    :func:`is_bevestiger`) confirms them. That it is not the person who decided — four eyes —
    the service checks and says."""
    medewerker = medewerker_van(user)
    return (
        medewerker is not None
        and beslismodel.ontvanger_id is not None
        and is_bevestiger(medewerker, beslismodel.ontvanger)
        and not beslismodel.traject.is_afgesloten
        and is_zichtbaar(user, beslismodel.traject)
    )


def mag_besluit_terugleggen(user, besluit) -> bool:
    """A decision waiting for confirmation goes back for a new one: by a confirmer, or by
    whoever took it (taking one's own decision back needs no second pair of eyes)."""
    beslismodel = besluit.beslismodel
    if mag_beslismodel_bevestigen(user, beslismodel):
        return True
    return (
        besluit.besloten_door_id == getattr(user, "pk", None)
        and medewerker_van(user) is not None
        and not beslismodel.traject.is_afgesloten
        and is_zichtbaar(user, beslismodel.traject)
    )


def beslismodellen_te_beoordelen(user) -> QuerySet:
    """Submitted versions waiting at the reader's organisation, across the trajecten they see:
    to decide (for who may decide) and, for a confirmer, decisions of others to confirm."""

    medewerker = medewerker_van(user)
    if medewerker is None:
        return Beslismodel.objects.none()
    wacht = Q(pk__in=[])
    if medewerker.rol in BESLUIT_ROLLEN or _is_verbindingsofficier(medewerker):
        wacht |= Q(stand=Stand.INGEDIEND)
    if is_bevestiger(medewerker, medewerker.organisatie):
        van_een_ander = Besluit.objects.filter(beslismodel=OuterRef("pk"), bevestiging=Bevestiging.GEVRAAGD).exclude(
            besloten_door=user.pk
        )
        wacht |= Q(stand=Stand.BESLOTEN) & Exists(van_een_ander)
    return Beslismodel.objects.filter(
        wacht,
        in_zichtbaar(user),
        ontvanger_id=medewerker.organisatie_id,
        traject__afgesloten_op__isnull=True,
    )


def beslismodel_lezen(*, actor, traject: Traject, versies: list, actie: str = "bekijken", verzoek=None):
    """The answers of these versions that the reader may read, per part: the placement
    choices for whoever sees the version; every other answer only with a grondslag for its
    part of the dossier, read through :func:`categorie_lezen` (one raadpleging per part read
    outside the JJI-school). Returns ``(answers by version id, the parts kept back)``; a
    part kept back is a badge, not a request."""

    zichtbaar = set(beslismodellen_zichtbaar_voor(actor, traject).values_list("pk", flat=True))
    if any(versie.pk not in zichtbaar for versie in versies):
        raise Http404
    antwoorden = list(
        Antwoord.objects.filter(beslismodel__in=versies).select_related("item__sectie", "keuze").order_by("pk")
    )
    per_deel: dict[str, list] = {}
    for antwoord in antwoorden:
        per_deel.setdefault(antwoord.item.categorie, []).append(antwoord)
    leesbaar = leesbare_categorieen(actor, traject)
    gelezen = list(per_deel.pop("", []))  # the placement choices: the version's own content
    # Kept back whether or not anything was written: an empty part is not shown as empty.
    achtergehouden = {c for c in delen.categorieen() if c not in leesbaar}
    for categorie in delen.categorieen():
        deel = per_deel.get(categorie)
        if categorie in achtergehouden or not deel or all(a.is_leeg for a in deel):
            continue
        gelezen += categorie_lezen(
            actor=actor, traject=traject, categorie=categorie, actie=actie, verzoek=verzoek, ophalen=lambda d=deel: d
        )
    per_versie: dict[int, dict[int, object]] = {versie.pk: {} for versie in versies}
    for antwoord in gelezen:
        per_versie[antwoord.beslismodel_id][antwoord.item_id] = antwoord
    return per_versie, achtergehouden
