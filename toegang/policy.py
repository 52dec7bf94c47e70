"""The one access door: who may see which traject, and who may do what with it.

Every view, form choice, admin page, task and (later) API asks this module; none
re-implements a rule. Rules (ARCHITECTURE.md "Access"):

- An organisation sees a traject only while it is *active* in it: JJI and JJI-school from
  the start, any other organisation while a grondslag to tell it about the placement (a
  ``kennisgeving``) is valid — an expired or revoked one never opens anything.
- Within the organisation, its verbindingsofficier and its zorgcoördinatoren see every such
  traject; everyone else only the trajecten they are assigned to.
- The functioneel beheerder manages people and organisations, never youth data.
- The titel of the stay is for the JJI and justice partners, never for schools.
- A traject the reader may not see does not exist for them: ``Http404``, never 403.

Visibility is materialised as django-guardian object permissions on per-organisation+rol
and per-organisation designation groups (direct foreign-key tables in ``toegang.models``),
re-derived by :func:`rechten_afleiden` whenever involvement, consent, assignment, rol or
designation change. The live check on active involvement in :func:`zichtbaar_voor` makes
an expired consent close the door before the expiry task has run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from netwerk.constants import OrganisatieSoort, Rol
from netwerk.models import Medewerker, Organisatie
from trajecten.constants import (
    ACTIEF_VANAF_START,
    DOSSIER_CATEGORIEEN,
    GRONDSLAGEN_PER_CATEGORIE,
    BetrokkenheidSoort,
    Categorie,
)
from trajecten.models import Betrokkenheid, Taak, Toewijzing, Traject

from .models import TrajectGroupObjectPermission, TrajectUserObjectPermission

# Organisations that may know the legal titel of a stay: the JJI and justice partners.
JUSTITIE_SOORTEN = frozenset(
    {
        OrganisatieSoort.JJI,
        OrganisatieSoort.JEUGDRECLASSERING,
        OrganisatieSoort.RECLASSERING,
        OrganisatieSoort.RVDK,
    }
)
# Organisations that run the traject: they start it, edit it, add partners and record grondslagen.
REGIE_SOORTEN = frozenset({OrganisatieSoort.JJI, OrganisatieSoort.JJI_SCHOOL})
# Within an active organisation these see every traject; others only their assigned ones. A
# system account (a partner system of the organisation, through the API) sees what the
# zorgcoördinator sees; it never reads signalen voor veiligheid (it is neither the
# verbindingsofficier nor a veiligheidscoördinator).
ALLE_TRAJECTEN_ROLLEN = frozenset({Rol.ZORGCOORDINATOR, Rol.SYSTEEM})
# Who is never chosen as a person in a traject (assigned, a task's or measure's "wie", a
# meeting's participant, the recipient of a document): the beheerder sees no youth data, and
# a system account is not a person.
GEEN_PERSOON_IN_TRAJECT = frozenset({Rol.BEHEERDER, Rol.SYSTEEM})

VIEW = ("trajecten", "view_traject")
GROEP_VERBINDINGSOFFICIER = "verbindingsofficier"


# --- Readers -----------------------------------------------------------------------------


def medewerker_van(user) -> Medewerker | None:
    """The active profile of a user, or None (anonymous, inactive, or no profile)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if not hasattr(user, "_jji_medewerker"):
        # A person of a deactivated organisation has no access at all.
        user._jji_medewerker = (
            Medewerker.objects.select_related("organisatie").filter(user_id=user.pk, organisatie__actief=True).first()
        )
    return user._jji_medewerker


def regio_van(user):
    """The regio of the reader's organisation, or None."""
    medewerker = medewerker_van(user)
    return medewerker.organisatie.regio if medewerker else None


def beheerde_regio_ophalen(user):
    """The regio the reader manages as its functioneel beheerder (its routekaart, its
    beslismodel template); ``Http404`` for anyone else: not their page."""
    regio = regio_van(user)
    if regio is None or not mag_regio_beheren(user, regio):
        raise Http404
    return regio


def _view_permissie():
    app_label, codename = VIEW
    return {"permission__content_type__app_label": app_label, "permission__codename": codename}


def _view_permissie_id(user) -> int:
    """The id of ``view_traject``, looked up once per request (remembered on the user object)."""
    if not hasattr(user, "_jji_view_permissie"):
        user._jji_view_permissie = (
            Permission.objects.filter(content_type__app_label=VIEW[0], codename=VIEW[1])
            .values_list("pk", flat=True)
            .first()
            or 0
        )
    return user._jji_view_permissie


def zichtbaar_voor(user) -> QuerySet[Traject]:
    """Every traject ``user`` may see, as one queryset (one SQL query, flat in size)."""
    medewerker = medewerker_van(user)
    if medewerker is None or medewerker.rol == Rol.BEHEERDER:
        return Traject.objects.none()
    actief = Betrokkenheid.objects.actief().filter(traject=OuterRef("pk"), organisatie_id=medewerker.organisatie_id)
    # The permission as a constant, and the checks probed per listed row (``PerRij``), so a
    # page of a long list costs what a page costs. Group membership is read in the query
    # itself: a change of rol or designation counts at once.
    permissie_id = _view_permissie_id(user)
    via_persoon = TrajectUserObjectPermission.objects.filter(
        content_object=OuterRef("pk"), user_id=user.pk, permission_id=permissie_id
    )
    via_groep = TrajectGroupObjectPermission.objects.filter(
        content_object=OuterRef("pk"), group__user=user.pk, permission_id=permissie_id
    )
    return Traject.objects.filter(PerRij(actief)).filter(PerRij(via_persoon) | PerRij(via_groep))


class PerRij(Exists):
    """EXISTS that PostgreSQL probes per row (through the index) instead of hashing every
    matching row first: ``OFFSET 0`` keeps the planner from turning it into a hashed
    subplan, so a page of a long list reads about a page of rows."""

    template = "EXISTS(%(subquery)s OFFSET 0)"


def traject_ophalen(user, pk, *, voor_update: bool = False) -> Traject:
    """One traject the user may see; ``Http404`` for a missing and a forbidden one alike."""
    qs = zichtbaar_voor(user).select_related("jongere", "jji", "jji__regio")
    if voor_update:
        qs = qs.select_for_update(of=("self",))
    try:
        traject = qs.get(pk=pk)
    except (Traject.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    _onthoud(traject, ("zichtbaar", user.pk), lambda: True)
    return traject


def _onthoud(traject: Traject, sleutel: tuple, bereken):
    """Answer a question about (reader, traject) once per request: the answers live on the
    traject instance, and ``rechten_afleiden`` forgets them when access changes."""
    cache = traject.__dict__.setdefault("_toegang_cache", {})
    if sleutel not in cache:
        cache[sleutel] = bereken()
    return cache[sleutel]


def is_zichtbaar(user, traject: Traject) -> bool:
    return _onthoud(traject, ("zichtbaar", user.pk), lambda: zichtbaar_voor(user).filter(pk=traject.pk).exists())


def mag_titel_kennen(user) -> bool:
    """Whether the reader's organisation may know titels at all: the JJI and justice partners."""
    medewerker = medewerker_van(user)
    return medewerker is not None and medewerker.organisatie.soort in JUSTITIE_SOORTEN


def mag_titel_zien(user, traject: Traject) -> bool:
    """The titel of the stay: only the JJI and justice partners, never a school."""
    return mag_titel_kennen(user) and is_zichtbaar(user, traject)


# --- Actions -----------------------------------------------------------------------------


def mag_traject_starten(user) -> bool:
    """JJI-school staff and the JJI's ITB'er start trajecten."""
    medewerker = medewerker_van(user)
    return (
        medewerker is not None
        and medewerker.organisatie.soort in REGIE_SOORTEN
        and user.has_perm("trajecten.add_traject")
    )


def mag_traject_beheren(user, traject: Traject) -> bool:
    """Edit the traject, change its fase, add organisations and record their grondslag:
    the JJI and JJI-school of this traject (docent/trajectbegeleider, zorgcoördinator, ITB'er)."""
    medewerker = medewerker_van(user)
    if medewerker is None or medewerker.organisatie.soort not in REGIE_SOORTEN:
        return False
    if not user.has_perm("trajecten.change_traject"):
        return False

    def eigen_regie() -> bool:
        return traject.betrokkenheden.filter(
            organisatie_id=medewerker.organisatie_id, soort__in=ACTIEF_VANAF_START
        ).exists()

    return _onthoud(traject, ("regie", user.pk), eigen_regie) and is_zichtbaar(user, traject)


def mag_toewijzen(user, traject: Traject) -> bool:
    """Assign people to a traject: the regie (JJI, JJI-school) assigns people of every active
    organisation; an organisation's verbindingsofficier and zorgcoördinator their colleagues."""
    return toewijsbare_medewerkers(user, traject, ook_toegewezen=True).exists()


def toewijsbare_medewerkers(user, traject: Traject, *, ook_toegewezen: bool = False) -> QuerySet[Medewerker]:
    """People the user may assign to (or remove from) this traject: active, not the beheerder,
    of an organisation active in the traject — every such organisation for the regie, their
    own for a verbindingsofficier or zorgcoördinator."""
    medewerker = medewerker_van(user)
    if medewerker is None or medewerker.rol == Rol.SYSTEEM or not is_zichtbaar(user, traject):
        return Medewerker.objects.none()  # a system account assigns nobody
    actieve_organisaties = Betrokkenheid.objects.actief().filter(traject=traject).values("organisatie_id")
    kandidaten = (
        Medewerker.objects.filter(organisatie_id__in=actieve_organisaties, user__is_active=True)
        .exclude(rol__in=GEEN_PERSOON_IN_TRAJECT)
        .select_related("user", "organisatie")
    )
    if not ook_toegewezen:
        kandidaten = kandidaten.exclude(toewijzingen__traject=traject)
    if mag_traject_beheren(user, traject):
        return kandidaten
    if medewerker.is_verbindingsofficier or medewerker.rol in ALLE_TRAJECTEN_ROLLEN:
        return kandidaten.filter(organisatie_id=medewerker.organisatie_id)
    return Medewerker.objects.none()


def toevoegbare_organisaties(user, traject: Traject) -> QuerySet[Organisatie]:
    """Organisations that may be involved: active, not the police (never a party to a traject)."""
    if not mag_traject_beheren(user, traject):
        return Organisatie.objects.none()
    return Organisatie.objects.filter(actief=True).exclude(soort=OrganisatieSoort.POLITIE).select_related("regio")


def actieve_organisaties(user, traject: Traject) -> QuerySet[Organisatie]:
    """The organisations active in a traject the reader may see (choices for a task's owner)."""
    if not is_zichtbaar(user, traject):
        return Organisatie.objects.none()
    return Organisatie.objects.filter(
        pk__in=Betrokkenheid.objects.actief().filter(traject=traject).values("organisatie_id")
    )


def actieve_medewerkers(user, traject: Traject) -> QuerySet[Medewerker]:
    """People of the organisations active in a traject (choices for a meeting's participants)."""
    return (
        Medewerker.objects.filter(organisatie__in=actieve_organisaties(user, traject), user__is_active=True)
        .exclude(rol__in=GEEN_PERSOON_IN_TRAJECT)
        .select_related("user", "organisatie")
    )


def mag_overleg_vastleggen(user, traject: Traject) -> bool:
    """Everyone who sees an open traject records meetings, contact moments and the checklist:
    the nazorg partners after uitstroom as much as the JJI-school before it."""
    return not traject.is_afgesloten and is_zichtbaar(user, traject)


def mag_grondslag_vastleggen(user, traject: Traject) -> bool:
    return mag_traject_beheren(user, traject)


def mag_regio_beheren(user, regio) -> bool:
    """The functioneel beheerder of an organisation in the regio manages its organisations,
    people and routekaart (a superuser: every regio). ``None`` is the system itself
    (migrations, management commands)."""
    if user is None:
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    medewerker = medewerker_van(user)
    return (
        medewerker is not None
        and medewerker.rol == Rol.BEHEERDER
        and regio is not None
        and medewerker.organisatie.regio_id == regio.pk
    )


def mag_contacten_bijhouden(user, organisatie: Organisatie) -> bool:
    """Each organisation keeps its own netwerkkaart entries: its verbindingsofficier does, and
    the functioneel beheerder of the regio (who also keeps the entries of partners without
    people in the app, such as a sportvereniging)."""
    if mag_regio_beheren(user, organisatie.regio):
        return user is None or user.is_superuser or organisatie.actief
    medewerker = medewerker_van(user)
    return (
        medewerker is not None
        and user.is_active
        and organisatie.actief
        and organisatie.verbindingsofficier_id == medewerker.pk
    )


# --- Tasks -------------------------------------------------------------------------------


def taken_zichtbaar_voor(user, traject: Traject) -> QuerySet[Taak]:
    """The tasks of a traject the reader may see: none without access to the traject, and
    never a justice partner's task for a school (or any organisation outside justice)."""
    if not is_zichtbaar(user, traject):
        return Taak.objects.none()
    taken = Taak.objects.filter(traject=traject)
    return taken if mag_titel_kennen(user) else taken.filter(justitieel=False)


def zichtbare_taken(user) -> QuerySet[Taak]:
    """Every task the reader may see, across trajecten (the same rule as for one traject)."""
    taken = Taak.objects.filter(traject__in=zichtbaar_voor(user))
    return taken if mag_titel_kennen(user) else taken.filter(justitieel=False)


def mijn_taken(user) -> QuerySet[Taak]:
    """Open tasks of the reader across the trajecten they may see: theirs, and their
    organisation's tasks that nobody has taken on yet."""
    medewerker = medewerker_van(user)
    if medewerker is None:
        return Taak.objects.none()
    return (
        zichtbare_taken(user)
        .filter(traject__afgesloten_op__isnull=True)
        .filter(Q(medewerker=medewerker) | Q(medewerker__isnull=True, organisatie_id=medewerker.organisatie_id))
    )


def netwerk_zichtbaar_voor(user, traject: Traject) -> QuerySet:
    """The people around a young person (personal data): only for readers of the traject,
    that is, people of organisations active in it."""
    from netwerk.models import NetwerkContact

    if not is_zichtbaar(user, traject):
        return NetwerkContact.objects.none()
    return NetwerkContact.objects.filter(traject=traject)


def kiesbare_contactpersonen(user, traject: Traject) -> QuerySet:
    """Professionals of the netwerkkaart of the traject's regio (and of the regio of return),
    never the police."""
    from netwerk.models import Contactpersoon

    if not mag_traject_beheren(user, traject):
        return Contactpersoon.objects.none()
    regio_ids = [traject.jji.regio_id] + ([traject.terugkeerregio_id] if traject.terugkeerregio_id else [])
    return (
        Contactpersoon.objects.filter(organisatie__regio_id__in=regio_ids, organisatie__actief=True)
        .exclude(rol="politie")
        .exclude(organisatie__soort=OrganisatieSoort.POLITIE)
        .select_related("organisatie")
    )


def is_justitiepartner(organisatie: Organisatie | None) -> bool:
    """Tasks acted on by the JJI or a justice partner are theirs: never shown to schools."""
    return organisatie is not None and organisatie.soort in JUSTITIE_SOORTEN


def overleggen_zichtbaar_voor(user, traject: Traject) -> QuerySet:
    """Meetings a reader may see: the regie (JJI, JJI-school) and justice partners see all;
    others the meetings their own organisation recorded or took part in. The weekly
    trajectknooppunt is internal to JJI and JJI-school."""
    from trajecten.constants import OverlegSoort
    from trajecten.models import Overleg

    medewerker = medewerker_van(user)
    if medewerker is None or not is_zichtbaar(user, traject):
        return Overleg.objects.none()
    overleggen = Overleg.objects.filter(traject=traject)
    if medewerker.organisatie.soort in REGIE_SOORTEN | JUSTITIE_SOORTEN:
        return overleggen
    eigen = Q(vastgelegd_door__medewerker__organisatie_id=medewerker.organisatie_id) | Q(
        deelnemers__organisatie_id=medewerker.organisatie_id
    )
    return overleggen.exclude(soort=OverlegSoort.TRAJECTKNOOPPUNT).filter(eigen).distinct()


def bijwerkbare_taken(user, traject: Traject) -> QuerySet[Taak]:
    """Tasks the reader may update: every visible task for the regie (JJI, JJI-school), the
    tasks of their own organisation for the others."""
    taken = taken_zichtbaar_voor(user, traject)
    if mag_traject_beheren(user, traject):
        return taken
    medewerker = medewerker_van(user)
    return taken.filter(organisatie_id=medewerker.organisatie_id) if medewerker else Taak.objects.none()


def mag_taak_bijwerken(user, taak: Taak) -> bool:
    return bijwerkbare_taken(user, taak.traject).filter(pk=taak.pk).exists()


# --- Doorstroomdossier --------------------------------------------------------------------


@dataclass(frozen=True)
class Lezer:
    """Who reads a part of the dossier: a person (``user``), or an organisation with a rol
    for a preview ("bekijk als") or the recipient of a document."""

    organisatie: Organisatie
    rol: str
    is_verbindingsofficier: bool = False
    user: object | None = None


def lezer_van(user) -> Lezer | None:
    medewerker = medewerker_van(user)
    if medewerker is None:
        return None
    return Lezer(
        organisatie=medewerker.organisatie,
        rol=medewerker.rol,
        is_verbindingsofficier=medewerker.organisatie.verbindingsofficier_id == medewerker.pk,
        user=user,
    )


def schrijvende_school(traject: Traject) -> Organisatie | None:
    """The JJI-school of the traject: it writes the doorstroomdossier."""

    def zoek():
        betrokken = (
            traject.betrokkenheden.filter(soort=BetrokkenheidSoort.JJI_SCHOOL, organisatie__actief=True)
            .select_related("organisatie")
            .first()
        )
        return betrokken.organisatie if betrokken else None

    return _onthoud(traject, ("schrijver",), zoek)


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

    def zoek():
        codes = [f"lees_{c}" for c in DOSSIER_CATEGORIEEN]
        persoon = TrajectUserObjectPermission.objects.filter(
            user_id=user.pk, content_object_id=traject.pk, permission__codename__in=codes
        ).values_list("permission__codename", flat=True)
        groep = TrajectGroupObjectPermission.objects.filter(
            group__user__pk=user.pk, content_object_id=traject.pk, permission__codename__in=codes
        ).values_list("permission__codename", flat=True)
        return set(persoon.union(groep))

    return _onthoud(traject, ("categorierechten", user.pk), zoek)


def _is_actief_in(organisatie: Organisatie, traject: Traject) -> bool:
    return _onthoud(
        traject,
        ("actief", organisatie.pk),
        lambda: (
            organisatie.actief
            and Betrokkenheid.objects.actief().filter(traject=traject, organisatie=organisatie).exists()
        ),
    )


def leesbare_categorieen(lezer, traject: Traject) -> dict:
    """The parts of the dossier this reader may read, each with the grondslag record that
    opens it (``None`` for the writing JJI-school itself).

    ``lezer`` is a user or a :class:`Lezer`. A person needs to see the traject, the
    derived guardian permission and — checked live, so an expired or revoked grondslag never
    opens anything, also before the expiry task has run — a valid grondslag of their
    organisation for that part. Signalen voor veiligheid: only the verbindingsofficier and
    the veiligheidscoördinator of the receiving organisation."""
    from trajecten.models import Toestemming

    if isinstance(lezer, Lezer):
        wie = lezer
        if not _is_actief_in(wie.organisatie, traject):
            return {}
        rechten = {f"lees_{c}" for c in DOSSIER_CATEGORIEEN}
    else:
        wie = lezer_van(lezer)
        if wie is None or wie.rol == Rol.BEHEERDER or not is_zichtbaar(lezer, traject):
            return {}
        rechten = _categorierechten(lezer, traject)
    if wie.rol == Rol.SYSTEEM:  # a system account never reads signals, not even its own school's
        rechten = rechten - {f"lees_{Categorie.VEILIGHEIDSSIGNALEN}"}
    school = schrijvende_school(traject)
    if school is not None and wie.organisatie.pk == school.pk:
        return {c: None for c in DOSSIER_CATEGORIEEN if f"lees_{c}" in rechten}
    grondslagen = {}
    for record in _onthoud(
        traject,
        ("grondslagen", wie.organisatie.pk),
        lambda: list(
            Toestemming.objects.geldig()
            .filter(traject=traject, ontvanger=wie.organisatie, categorie__in=DOSSIER_CATEGORIEEN)
            .order_by("vastgelegd_op")
        ),
    ):
        if record.grondslag in GRONDSLAGEN_PER_CATEGORIE[record.categorie]:
            grondslagen[record.categorie] = record
    leesbaar = {}
    for categorie, record in grondslagen.items():
        if f"lees_{categorie}" not in rechten:
            continue
        if categorie == Categorie.VEILIGHEIDSSIGNALEN and not (
            wie.is_verbindingsofficier or wie.rol == Rol.VEILIGHEIDSCOORDINATOR
        ):
            continue
        leesbaar[categorie] = record
    return {c: leesbaar[c] for c in DOSSIER_CATEGORIEEN if c in leesbaar}


# Signalen voor veiligheid never leave the page: not in a PDF, e-mail or search. Through the
# API only a person reads them (under the same rule as on the page); a system account never
# does (see leesbare_categorieen).
ACTIES_PER_CATEGORIE = {Categorie.VEILIGHEIDSSIGNALEN: frozenset({"bekijken", "geschiedenis", "api"})}


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
    from dossier.selectors import dossierdeel, geschiedenis

    leesbaar = leesbare_categorieen(lezer if lezer is not None else actor, traject)
    if lezer is not None and categorie not in leesbare_categorieen(actor, traject):
        leesbaar = {}  # a preview never shows more than the actor may read themselves
    toegestane_acties = ACTIES_PER_CATEGORIE.get(categorie)
    if categorie not in leesbaar or (toegestane_acties is not None and actie not in toegestane_acties):
        raadpleging_weigeren(actor=actor, traject=traject, categorie=categorie, actie=actie, verzoek=verzoek)
        raise Http404
    with transaction.atomic():
        if document or not _is_eigen_dossier(actor, traject):
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
        # The history holds old values of the same part: the same door, the same record.
        if actie == "geschiedenis":
            # Outside the writing school an ended signal stays gone, in its history too.
            return geschiedenis(traject, categorie, alleen_actueel=not _is_eigen_dossier(actor, traject))
        return dossierdeel(traject, categorie)


def _is_eigen_dossier(actor, traject: Traject) -> bool:
    medewerker = medewerker_van(actor)
    school = schrijvende_school(traject)
    return medewerker is not None and school is not None and medewerker.organisatie_id == school.pk


def _raadpleging(
    actor, traject, categorie, actie, verzoek, *, grondslag=None, ontvanger=None, geweigerd=False, **document
):
    from .models import Raadpleging

    if categorie not in (*DOSSIER_CATEGORIEEN, HERKOMST, "dossier"):
        categorie = "onbekend"  # a made-up part in a URL is not written into the youth's list

    # Also for a person whose organisation was deactivated: the log keeps where they came from.
    medewerker = medewerker_van(actor) or (
        Medewerker.objects.select_related("organisatie").filter(user_id=actor.pk).first()
    )
    return Raadpleging.objects.create(
        actor=actor,
        organisatie=medewerker.organisatie if medewerker else None,
        rol=medewerker.rol if medewerker else "",
        ontvanger=ontvanger,
        jongere_id=traject.jongere_id,
        traject=traject,
        categorie=str(categorie)[:30],
        actie=actie,
        geweigerd=geweigerd,
        grondslag=grondslag,
        verzoek_id=getattr(verzoek, "verzoek_id", "")[:64] if verzoek is not None else "",
        ip=(verzoek.META.get("REMOTE_ADDR") or None) if verzoek is not None else None,
        **document,  # ontvanger_persoon and document number, for a document that leaves the app
    )


def raadpleging_weigeren(*, actor, traject: Traject, categorie: str, actie: str, verzoek=None) -> None:
    """Record an explicit refused request (URL, API, export). Called outside any transaction
    that is rolled back afterwards, so the record stays."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return
    _raadpleging(actor, traject, categorie, actie, verzoek, geweigerd=True)


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


# --- Onderwijsinformatie of the mbo van herkomst (the other direction) ---------------------

HERKOMST = "onderwijsinformatie_herkomst"  # its name in the raadplegingen log


def herkomstschool_van(user, traject: Traject) -> Organisatie | None:
    """The reader's organisation when it is an active mbo van herkomst in the traject."""
    medewerker = medewerker_van(user)
    if medewerker is None or medewerker.rol == Rol.BEHEERDER or not is_zichtbaar(user, traject):
        return None
    organisatie = medewerker.organisatie
    actief = _onthoud(
        traject,
        ("herkomst", organisatie.pk),
        lambda: (
            Betrokkenheid.objects.actief()
            .filter(traject=traject, organisatie=organisatie, soort=BetrokkenheidSoort.MBO_HERKOMST)
            .exists()
        ),
    )
    return organisatie if actief else None


def heeft_actieve_herkomst(traject: Traject) -> bool:
    """Whether an mbo van herkomst is active in the traject (it may then share its own
    onderwijsinformatie with the JJI-school)."""
    return _onthoud(
        traject,
        ("heeft_herkomst",),
        lambda: Betrokkenheid.objects.actief().filter(traject=traject, soort=BetrokkenheidSoort.MBO_HERKOMST).exists(),
    )


def mag_herkomst_schrijven(user, traject: Traject) -> bool:
    return not traject.is_afgesloten and herkomstschool_van(user, traject) is not None


def herkomst_grondslag(traject: Traject):
    """The valid grondslag for the JJI-school to read the mbo van herkomst's onderwijsinformatie."""
    from trajecten.models import Toestemming

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
                grondslag__in=GRONDSLAGEN_PER_CATEGORIE[Categorie.ONDERWIJSINFORMATIE],
            )
            .order_by("vastgelegd_op")
            .last()
        ),
    )


def herkomst_lezen(*, actor, traject: Traject, verzoek=None):
    """The onderwijsinformatie of the mbo van herkomst: the writing school reads its own; the
    JJI-school reads it with a grondslag (and that reading is on record); nobody else.
    Returns the parts, or None when the reader may not read them."""
    from dossier.models import HerkomstOnderwijsinformatie

    delen = HerkomstOnderwijsinformatie.objects.filter(traject=traject).select_related("organisatie", "bijgewerkt_door")
    eigen = herkomstschool_van(actor, traject)
    if eigen is not None:
        return list(delen.filter(organisatie=eigen))
    if not (_is_eigen_dossier(actor, traject) and is_zichtbaar(actor, traject)):
        return None
    grondslag = herkomst_grondslag(traject)
    if grondslag is None:
        return None
    with transaction.atomic():
        _raadpleging(actor, traject, HERKOMST, "bekijken", verzoek, grondslag=grondslag)
        return list(delen)


def is_schrijvende_school(user, traject: Traject) -> bool:
    """Whether the reader works at the JJI-school that writes this traject's dossier (and sees it)."""
    return _is_eigen_dossier(user, traject) and is_zichtbaar(user, traject)


def mag_raadplegingen_zien(user, traject: Traject) -> bool:
    """The log of a traject is for the writing JJI-school (through its zorgcoördinator the
    youth hears who saw their data: "Wie heeft jouw gegevens bekeken?")."""
    return is_schrijvende_school(user, traject)


def raadplegingen_zichtbaar_voor(user, traject: Traject) -> QuerySet:
    from .models import Raadpleging

    if not mag_raadplegingen_zien(user, traject):
        return Raadpleging.objects.none()
    return Raadpleging.objects.filter(traject=traject)


# --- Beslismodel ---------------------------------------------------------------------------

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
    from beslismodel.constants import Stand
    from beslismodel.models import Beslismodel

    medewerker = medewerker_van(user)
    if medewerker is None or medewerker.rol == Rol.BEHEERDER or not is_zichtbaar(user, traject):
        return Beslismodel.objects.none()
    versies = Beslismodel.objects.filter(traject=traject)
    if _is_eigen_dossier(user, traject):
        return versies
    return versies.filter(ontvanger_id=medewerker.organisatie_id).exclude(stand=Stand.CONCEPT)


def _is_verbindingsofficier(medewerker: Medewerker) -> bool:
    return medewerker.organisatie.verbindingsofficier_id == medewerker.pk


def mag_beslismodel_besluiten(user, beslismodel) -> bool:
    """A submitted version is decided at the mbo it was submitted to: by its intakers and
    zorgcoördinatoren who see the traject, and by its verbindingsofficier."""
    from beslismodel.constants import Stand

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
    from beslismodel.constants import Bevestiging, Stand
    from beslismodel.models import Beslismodel, Besluit

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
        ontvanger_id=medewerker.organisatie_id,
        traject__in=zichtbaar_voor(user),
        traject__afgesloten_op__isnull=True,
    )


def beslismodel_lezen(*, actor, traject: Traject, versies: list, actie: str = "bekijken", verzoek=None):
    """The answers of these versions that the reader may read, per part: the placement
    choices for whoever sees the version; every other answer only with a grondslag for its
    part of the dossier, read through :func:`categorie_lezen` (one raadpleging per part read
    outside the JJI-school). Returns ``(answers by version id, the parts kept back)``; a
    part kept back is a badge, not a request."""
    from beslismodel.models import Antwoord

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
    achtergehouden = {c for c in DOSSIER_CATEGORIEEN if c not in leesbaar}
    for categorie in DOSSIER_CATEGORIEEN:
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


# --- Overdrachtsdocument ---------------------------------------------------------------------


def mag_overdracht_maken(user, traject: Traject) -> bool:
    """The JJI-school (its zorgcoördinator, or a docent) makes the overdrachtsdocument."""
    return mag_dossier_schrijven(user, traject)


def kijkers(traject: Traject) -> QuerySet[Medewerker]:
    """Everyone who sees this traject, in one query: the rule of :func:`zichtbaar_voor` seen
    from the traject (an active person, not the beheerder, of an organisation that is active
    and active in the traject, with the view permission in person or through a group)."""
    permissie_id = (
        Permission.objects.filter(content_type__app_label=VIEW[0], codename=VIEW[1])
        .values_list("pk", flat=True)
        .first()
    )
    actief = Betrokkenheid.objects.actief().filter(traject=traject, organisatie_id=OuterRef("organisatie_id"))
    via_persoon = TrajectUserObjectPermission.objects.filter(
        content_object=traject, permission_id=permissie_id, user_id=OuterRef("user_id")
    )
    via_groep = TrajectGroupObjectPermission.objects.filter(
        content_object=traject, permission_id=permissie_id, group__user=OuterRef("user_id")
    )
    return (
        Medewerker.objects.filter(user__is_active=True, organisatie__actief=True)
        .exclude(rol=Rol.BEHEERDER)
        .filter(Exists(actief))
        .filter(Exists(via_persoon) | Exists(via_groep))
        .select_related("user", "organisatie")
    )


def overdracht_ontvangers(user, traject: Traject) -> QuerySet[Medewerker]:
    """Whom a document can be made for: a person (not a system account) of an organisation
    active in the traject (not the writing school itself) who sees the traject — the document carries its basic
    data, so nobody gets it who may not see that."""
    if not mag_overdracht_maken(user, traject):
        return Medewerker.objects.none()
    school = schrijvende_school(traject)
    return (
        kijkers(traject)
        .exclude(organisatie=school)
        .exclude(rol__in=GEEN_PERSOON_IN_TRAJECT)
        .order_by("organisatie__naam", "pk")
    )


def overdrachten_zichtbaar_voor(user, traject: Traject) -> QuerySet:
    """The documents made for a traject: for the writing JJI-school (its register of what left)."""
    from overdracht.models import Overdracht

    if not is_schrijvende_school(user, traject):
        return Overdracht.objects.none()
    return Overdracht.objects.filter(traject=traject)


def mag_overdracht_ophalen(user, overdracht) -> bool:
    """A document (its status and file) is for the person who asked for it, while they still
    work at the writing JJI-school and see the traject."""
    return overdracht.aangevraagd_door_id == getattr(user, "pk", None) and is_schrijvende_school(
        user, overdracht.traject
    )


def overdracht_geldt_nog(overdracht) -> bool:
    """Whether what a document carries may still go to its recipient: they see the traject
    and may read every part it carries (a revoked consent ends the download as well)."""
    ontvanger = overdracht.ontvanger
    if not is_zichtbaar(ontvanger, overdracht.traject):
        return False
    return set(overdracht.categorieen) <= set(leesbare_categorieen(ontvanger, overdracht.traject))


# --- Single objects by id (the API) ------------------------------------------------------------


def toestemming_ophalen(user, pk):
    """One grondslag record by id, for who may record grondslagen on its traject; ``Http404``
    for a missing and a forbidden one alike."""
    from trajecten.models import Toestemming

    toestemming = Toestemming.objects.filter(pk=pk).select_related("traject").first() if str(pk).isdigit() else None
    if toestemming is None or not is_zichtbaar(user, toestemming.traject):
        raise Http404
    if not mag_grondslag_vastleggen(user, toestemming.traject):
        raise Http404
    return toestemming


def overdracht_ophalen(user, pk):
    """One overdrachtsdocument by id, for its maker only (``Http404`` otherwise)."""
    from overdracht.models import Overdracht

    overdracht = (
        Overdracht.objects.filter(pk=pk)
        .defer("bestand")
        .select_related("traject__jongere", "ontvanger", "ontvanger_organisatie")
        .first()
        if str(pk).isdigit()
        else None
    )
    if overdracht is None or not mag_overdracht_ophalen(user, overdracht):
        raise Http404
    return overdracht


# --- Deriving guardian permissions -------------------------------------------------------


def groepsnaam(organisatie_id: int, naam: str) -> str:
    return f"org:{organisatie_id}:{naam}"


def rolgroepnaam(rol: str) -> str:
    """The global role group; it holds model permissions for actions, never view_traject."""
    return f"rol:{rol}"


def _groepen(namen: Iterable[str]) -> dict[str, int]:
    namen = set(namen)
    bestaand = dict(Group.objects.filter(name__in=namen).values_list("name", "pk"))
    ontbrekend = namen - bestaand.keys()
    if ontbrekend:
        Group.objects.bulk_create([Group(name=n) for n in ontbrekend], ignore_conflicts=True)
        bestaand = dict(Group.objects.filter(name__in=namen).values_list("name", "pk"))
    return bestaand


def _zichtbaarheidsgroepen(organisatie_id: int) -> list[str]:
    return [groepsnaam(organisatie_id, GROEP_VERBINDINGSOFFICIER)] + [
        groepsnaam(organisatie_id, f"rol:{rol}") for rol in sorted(ALLE_TRAJECTEN_ROLLEN)
    ]


@transaction.atomic
def medewerker_groepen_bijwerken(medewerker: Medewerker) -> None:
    """Put a person in exactly their global role group and their organisation+rol group."""
    user = medewerker.user
    gewenst = {rolgroepnaam(medewerker.rol), groepsnaam(medewerker.organisatie_id, f"rol:{medewerker.rol}")}
    if medewerker.organisatie.verbindingsofficier_id == medewerker.pk:
        gewenst.add(groepsnaam(medewerker.organisatie_id, GROEP_VERBINDINGSOFFICIER))
    ids = _groepen(gewenst)
    beheerd = user.groups.filter(name__regex=r"^(rol|org):")
    user.groups.remove(*beheerd.exclude(pk__in=ids.values()))
    user.groups.add(*ids.values())


@transaction.atomic
def verbindingsofficier_groep_bijwerken(organisatie: Organisatie) -> None:
    """The designation group of an organisation holds exactly its verbindingsofficier."""
    naam = groepsnaam(organisatie.pk, GROEP_VERBINDINGSOFFICIER)
    groep = Group.objects.get(pk=_groepen([naam])[naam])
    groep.user_set.clear()
    if organisatie.verbindingsofficier_id:
        groep.user_set.add(organisatie.verbindingsofficier.user)


@transaction.atomic
def rechten_afleiden(trajecten: QuerySet[Traject] | Traject) -> None:
    """Re-derive the view permissions of these trajecten from involvement, consent and assignment.

    Per active organisation: its designation group and zorgcoördinator group; per assigned
    person of an active organisation: the person. Rows that no longer follow are removed.
    """
    if isinstance(trajecten, Traject):
        trajecten.__dict__.pop("_toegang_cache", None)
        trajecten = Traject.objects.filter(pk=trajecten.pk)
    traject_ids = trajecten.values("pk")
    view = Permission.objects.get(content_type__app_label=VIEW[0], codename=VIEW[1])

    actief = set(
        Betrokkenheid.objects.actief().filter(traject__in=traject_ids).values_list("traject_id", "organisatie_id")
    )
    groepnamen = {(t, naam) for t, org in actief for naam in _zichtbaarheidsgroepen(org)}
    groep_ids = _groepen({naam for _, naam in groepnamen})
    gewenst_groep = {(t, groep_ids[naam]) for t, naam in groepnamen}

    gewenst_persoon = {
        (t, user_id)
        for t, user_id, org in Toewijzing.objects.filter(
            traject__in=traject_ids, medewerker__user__is_active=True
        ).values_list("traject_id", "medewerker__user_id", "medewerker__organisatie_id")
        if (t, org) in actief
    }

    _synchroniseer(TrajectGroupObjectPermission, "group_id", traject_ids, view, gewenst_groep)
    _synchroniseer(TrajectUserObjectPermission, "user_id", traject_ids, view, gewenst_persoon)
    _categorierechten_afleiden(traject_ids, actief)


def _categorierechten_afleiden(traject_ids, actief: set[tuple[int, int]]) -> None:
    """Per part of the dossier: the writing JJI-school, and each active organisation with a
    valid grondslag for that part. Onderwijsinformatie and begeleidingsbehoefte go to the
    organisation's designation and zorgcoördinator groups and its assigned people; signalen
    voor veiligheid only to its verbindingsofficier and veiligheidscoördinator group. Role
    groups never get these permissions."""
    from trajecten.models import Toestemming

    schrijvers = set(
        Betrokkenheid.objects.filter(
            traject__in=traject_ids, soort=BetrokkenheidSoort.JJI_SCHOOL, organisatie__actief=True
        ).values_list("traject_id", "organisatie_id")
    )
    gedeeld = {
        (t, categorie, org)
        for t, categorie, org in Toestemming.objects.geldig()
        .filter(traject__in=traject_ids, categorie__in=DOSSIER_CATEGORIEEN)
        .values_list("traject_id", "categorie", "ontvanger_id")
        if (t, org) in actief
    }
    toewijzingen = list(
        Toewijzing.objects.filter(traject__in=traject_ids, medewerker__user__is_active=True).values_list(
            "traject_id", "medewerker__user_id", "medewerker__organisatie_id"
        )
    )
    for categorie in DOSSIER_CATEGORIEEN:
        lezers = {(t, org) for t, org in schrijvers if (t, org) in actief}
        lezers |= {(t, org) for t, cat, org in gedeeld if cat == categorie}
        if categorie == Categorie.VEILIGHEIDSSIGNALEN:
            # Only the verbindingsofficier and the veiligheidscoördinator of a receiving
            # organisation; in the writing JJI-school everyone who sees the traject.
            groepnamen = {
                (t, naam)
                for t, org in lezers - schrijvers
                for naam in (
                    groepsnaam(org, GROEP_VERBINDINGSOFFICIER),
                    groepsnaam(org, f"rol:{Rol.VEILIGHEIDSCOORDINATOR}"),
                )
            } | {
                (t, naam)
                for t, org in lezers & schrijvers
                for naam in _zichtbaarheidsgroepen(org)
                if naam != groepsnaam(org, f"rol:{Rol.SYSTEEM}")  # a system account never reads them
            }
            personen = {(t, user_id) for t, user_id, org in toewijzingen if (t, org) in schrijvers}
        else:
            groepnamen = {(t, naam) for t, org in lezers for naam in _zichtbaarheidsgroepen(org)}
            personen = {(t, user_id) for t, user_id, org in toewijzingen if (t, org) in lezers}
        groep_ids = _groepen({naam for _, naam in groepnamen})
        permissie = _categoriepermissie(categorie)
        _synchroniseer(
            TrajectGroupObjectPermission, "group_id", traject_ids, permissie, {(t, groep_ids[n]) for t, n in groepnamen}
        )
        _synchroniseer(TrajectUserObjectPermission, "user_id", traject_ids, permissie, personen)


def _categoriepermissie(categorie: str) -> Permission:
    return Permission.objects.get(content_type__app_label="trajecten", codename=f"lees_{categorie}")


def _synchroniseer(model, veld: str, traject_ids, permissie, gewenst: set[tuple[int, int]]) -> None:
    bestaand = model.objects.filter(content_object__in=traject_ids, permission=permissie)
    huidig = {(t, h): pk for pk, t, h in bestaand.values_list("pk", "content_object_id", veld)}
    weg = [pk for sleutel, pk in huidig.items() if sleutel not in gewenst]
    if weg:
        model.objects.filter(pk__in=weg).delete()
    nieuw = [model(content_object_id=t, permission=permissie, **{veld: h}) for t, h in gewenst - huidig.keys()]
    model.objects.bulk_create(nieuw, ignore_conflicts=True)
