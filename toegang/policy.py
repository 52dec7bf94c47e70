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

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from netwerk.constants import OrganisatieSoort, Rol
from netwerk.models import Medewerker, Organisatie
from trajecten.constants import ACTIEF_VANAF_START
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
# Within an active organisation these see every traject; others only their assigned ones.
ALLE_TRAJECTEN_ROLLEN = frozenset({Rol.ZORGCOORDINATOR})

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


def _view_permissie():
    app_label, codename = VIEW
    return {"permission__content_type__app_label": app_label, "permission__codename": codename}


def zichtbaar_voor(user) -> QuerySet[Traject]:
    """Every traject ``user`` may see, as one queryset (one SQL query, flat in size)."""
    medewerker = medewerker_van(user)
    if medewerker is None or medewerker.rol == Rol.BEHEERDER:
        return Traject.objects.none()
    actief = Betrokkenheid.objects.actief().filter(traject=OuterRef("pk"), organisatie_id=medewerker.organisatie_id)
    via_persoon = TrajectUserObjectPermission.objects.filter(
        content_object=OuterRef("pk"), user_id=user.pk, **_view_permissie()
    )
    via_groep = TrajectGroupObjectPermission.objects.filter(
        content_object=OuterRef("pk"), group__in=Group.objects.filter(user__pk=user.pk), **_view_permissie()
    )
    return Traject.objects.filter(Exists(actief)).filter(Exists(via_persoon) | Exists(via_groep))


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
    if medewerker is None or not is_zichtbaar(user, traject):
        return Medewerker.objects.none()
    actieve_organisaties = Betrokkenheid.objects.actief().filter(traject=traject).values("organisatie_id")
    kandidaten = (
        Medewerker.objects.filter(organisatie_id__in=actieve_organisaties, user__is_active=True)
        .exclude(rol=Rol.BEHEERDER)
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
        .exclude(rol=Rol.BEHEERDER)
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


def _synchroniseer(model, veld: str, traject_ids, permissie, gewenst: set[tuple[int, int]]) -> None:
    bestaand = model.objects.filter(content_object__in=traject_ids, permission=permissie)
    huidig = {(t, h): pk for pk, t, h in bestaand.values_list("pk", "content_object_id", veld)}
    weg = [pk for sleutel, pk in huidig.items() if sleutel not in gewenst]
    if weg:
        model.objects.filter(pk__in=weg).delete()
    nieuw = [model(content_object_id=t, permission=permissie, **{veld: h}) for t, h in gewenst - huidig.keys()]
    model.objects.bulk_create(nieuw, ignore_conflicts=True)
