"""One traject by id (``Http404`` for missing and forbidden alike: the visibility rows of
:mod:`.zicht` and a live check that the reader's organisation is active), and who may do what
with a traject: start, edit, assign, record grondslagen and meetings, choose contacts."""

from __future__ import annotations

import functools
import threading

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from jji_traject.voorbereid import Objecten, binnen_bereik
from netwerk.constants import NIET_IN_TRAJECTEN, NetwerkSoort, OrganisatieSoort, Rol
from netwerk.models import Contactpersoon, Medewerker, NetwerkContact, Organisatie
from toegang.models import Zicht
from trajecten.constants import (
    ACTIEF_VANAF_START,
    ORGANISATIESOORTEN_PER_BETROKKENHEID,
    BetrokkenheidSoort,
    OverlegSoort,
)
from trajecten.models import Betrokkenheid, Overleg, Toestemming, Traject

from .lezers import (
    ALLE_TRAJECTEN_ROLLEN,
    GEEN_PERSOON_IN_TRAJECT,
    JUSTITIE_SOORTEN,
    REGIE_SOORTEN,
    _is_verbindingsofficier,
    _onthoud,
    is_nazorgpartner,
    medewerker_van,
)
from .rechten import groepsnaam_begin
from .zicht import in_zichtbaar, zichtbaar_voor, zichtbare_ids_van


def traject_ophalen(user, pk, *, voor_update: bool = False, met=None) -> Traject:
    """One traject the user may see; ``Http404`` for a missing and a forbidden one alike.
    ``met``: what a page reads with it (a function that annotates the query, given the day as
    ``op``; with ``sleutel()`` it says what else its SQL depends on, such as a setting).

    The rule of :func:`zichtbaar_voor` — the traject through the reader's visibility rows, up
    to their end date — and a second check that their organisation is active in it, from the
    traject's involvements, which every page of a traject reads anyway
    (:func:`betrokkenheden_van`): a row that drifted from the rules opens no page."""
    medewerker = medewerker_van(user)
    if medewerker is None or medewerker.rol in NIET_IN_TRAJECTEN:
        raise Http404
    if voor_update or (met is not None and not hasattr(met, "sleutel")):
        qs = _ophalen_qs(user.pk, medewerker.organisatie_id, op=timezone.localdate(), met=met)
        qs = qs.select_for_update(of=("self",)) if voor_update else qs
        try:
            traject = qs.get(pk=pk)
        except (Traject.DoesNotExist, ValueError, TypeError):
            raise Http404 from None
    else:
        traject = _vast_ophalen(user.pk, medewerker.organisatie_id, pk, met)
    if traject is None or not is_actief_in(medewerker.organisatie, traject):
        raise Http404
    _onthoud(traject, ("zichtbaar", user.pk), lambda: True)
    return traject


def _ophalen_qs(user_id, organisatie_id, traject_id=None, *, op, met=None) -> QuerySet[Traject]:
    """The query of :func:`traject_ophalen`: the traject through the reader's visibility rows
    up to their end date (:func:`zichtbare_ids_van`), with its youth and JJI."""
    qs = Traject.objects.filter(pk__in=zichtbare_ids_van(user_id, organisatie_id, op))
    qs = qs.select_related("jongere", "jji", "jji__regio")
    qs = met(qs, op=op) if met is not None else qs
    return qs if traject_id is None else qs.filter(pk=traject_id)


# Per ``met`` (None: the traject alone), compiled once a day and prepared per connection: on
# every page of a traject, and building it cost more than running it (issue 21).
_OPHALEN: dict[object, Objecten] = {}
_OPHALEN_SLOT = threading.Lock()


def _vast_ophalen(user_id: int, organisatie_id: int, pk, met) -> Traject | None:
    """:func:`traject_ophalen`'s query by its kept SQL. ``met`` gives with ``sleutel()`` what
    else its SQL depends on (a setting), so a change builds it anew."""
    traject_id = binnen_bereik(Traject, pk)
    if traject_id is None:
        return None
    with _OPHALEN_SLOT:
        objecten = _OPHALEN.get(met)
        if objecten is None:
            bouw = functools.partial(_ophalen_qs, met=met)
            objecten = _OPHALEN[met] = Objecten("traject", bouw, waarden=3, per_dag=True)
    sleutel = (timezone.localdate(), met.sleutel() if met is not None else None)
    return next(iter(objecten.objecten(user_id, organisatie_id, traject_id, sleutel=sleutel)), None)


def is_zichtbaar(user, traject: Traject) -> bool:
    """Whether the reader sees this traject: the rule of :func:`traject_ophalen` for a traject
    already fetched — its visibility rows, and their organisation active in it (from the
    involvements every page of a traject reads anyway), so a row that drifted from the rules
    opens no page, action or notification."""

    def zichtbaar() -> bool:
        medewerker = medewerker_van(user)
        return (
            medewerker is not None
            and zichtbaar_voor(user, lijst=False).filter(pk=traject.pk).exists()
            and is_actief_in(medewerker.organisatie, traject)
        )

    return _onthoud(traject, ("zichtbaar", user.pk), zichtbaar)


def mag_titel_kennen(user) -> bool:
    """Whether the reader's organisation may know titels at all: the JJI and justice partners."""
    medewerker = medewerker_van(user)
    return medewerker is not None and medewerker.organisatie.soort in JUSTITIE_SOORTEN


def mag_titel_zien(user, traject: Traject) -> bool:
    """The titel of the stay: only the JJI and justice partners, never a school."""
    return mag_titel_kennen(user) and is_zichtbaar(user, traject)


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

    eigen_regie = any(
        b.organisatie_id == medewerker.organisatie_id and b.soort in ACTIEF_VANAF_START
        for b in betrokkenheden_van(traject)
    )
    return eigen_regie and is_zichtbaar(user, traject)


def betrokkenheden_van(traject: Traject) -> list[Betrokkenheid]:
    """Every involvement of the traject, by pk, with ``is_actief`` and its organisation (and
    that organisation's verbindingsofficier, which the traject page shows): read once per
    request (one query), and every question the policy asks of involvements is answered from
    it. ``rechten_afleiden`` forgets it with the other answers when involvement changes."""
    return _onthoud(
        traject, ("betrokkenheden",), lambda: _BETROKKENHEDEN.objecten(traject.pk, sleutel=timezone.localdate())
    )


def _betrokkenheden(traject_id: int, *, op) -> QuerySet[Betrokkenheid]:
    return (
        Betrokkenheid.objects.met_actief(op)
        .filter(traject_id=traject_id)
        .select_related("organisatie__verbindingsofficier__user")
        .order_by("pk")
    )


# Compiled once a day and prepared per connection: on every page of a traject, and building
# it (the "active" rule) cost more than running it (issue 21).
_BETROKKENHEDEN = Objecten("betrokkenheden", _betrokkenheden, per_dag=True)


def is_actief_in(organisatie: Organisatie, traject: Traject) -> bool:
    """Whether the organisation has an active involvement in the traject (``is_actief``
    holds that the organisation itself is active too): the live check of
    :func:`zichtbaar_voor`, from the involvements read once per request."""
    return any(b.is_actief and b.organisatie_id == organisatie.pk for b in betrokkenheden_van(traject))


def zichtbaar_vooraf(user, traject: Traject, betrokkenheden: list) -> None:
    """Remember that the reader sees this traject (a row of ``zichtbaar_voor``) and its
    involvements already read (every one, with ``is_actief`` and ``organisatie``, by pk): the
    policy's questions about this traject then read nothing more."""
    cache = traject.__dict__.setdefault("_toegang_cache", {})
    cache[("zichtbaar", user.pk)] = True
    cache[("betrokkenheden",)] = betrokkenheden


def mag_toewijzen(user, traject: Traject) -> bool:
    """Assign people to a traject: the regie (JJI, JJI-school) assigns people of every active
    organisation; an organisation's verbindingsofficier and zorgcoördinator their colleagues."""
    return toewijsbare_medewerkers(user, traject, ook_toegewezen=True).exists()


_ALLE = object()  # see _toewijsbereik


def toewijsbare_medewerkers(user, traject: Traject, *, ook_toegewezen: bool = False) -> QuerySet[Medewerker]:
    """People the user may assign to (or remove from) this traject: active, not the beheerder,
    of an organisation active in the traject — every such organisation for the regie, their
    own for a verbindingsofficier or zorgcoördinator."""
    bereik = _toewijsbereik(user, traject)
    if bereik is None:
        return Medewerker.objects.none()
    kandidaten = _mensen(traject)
    if not ook_toegewezen:
        kandidaten = kandidaten.exclude(toewijzingen__traject=traject)
    return kandidaten if bereik is _ALLE else kandidaten.filter(organisatie_id=bereik)


def toewijsbaar(user, traject: Traject) -> set[int]:
    """The ids of :func:`toewijsbare_medewerkers` (``ook_toegewezen``) for the traject's page,
    from the people read once per request (:func:`mensen_actief_in`)."""
    bereik = _toewijsbereik(user, traject)
    if bereik is None:
        return set()
    return {m.pk for m in mensen_actief_in(user, traject) if bereik is _ALLE or m.organisatie_id == bereik}


def _toewijsbereik(user, traject: Traject):
    """Whose people the user assigns in this traject: ``_ALLE`` organisations active in it (the
    regie), one organisation's id (a verbindingsofficier or zorgcoördinator: their own), or
    ``None`` (nobody; a system account assigns nobody)."""
    medewerker = medewerker_van(user)
    if medewerker is None or medewerker.rol == Rol.SYSTEEM or not is_zichtbaar(user, traject):
        return None
    if mag_traject_beheren(user, traject):
        return _ALLE
    if medewerker.is_verbindingsofficier or medewerker.rol in ALLE_TRAJECTEN_ROLLEN:
        return medewerker.organisatie_id
    return None


def toevoegbare_organisaties(user, traject: Traject) -> QuerySet[Organisatie]:
    """Organisations that may be involved: active, not the police (never a party to a traject)."""
    if not mag_traject_beheren(user, traject):
        return Organisatie.objects.none()
    return Organisatie.objects.filter(actief=True).exclude(soort=OrganisatieSoort.POLITIE).select_related("regio")


def actieve_organisaties(user, traject: Traject) -> QuerySet[Organisatie]:
    """The organisations active in a traject the reader may see (choices for a task's owner)."""
    if not is_zichtbaar(user, traject):
        return Organisatie.objects.none()
    return Organisatie.objects.filter(pk__in=_actieve_organisatie_ids(traject))


def organisaties_actief_in(user, traject: Traject) -> list[Organisatie]:
    """:func:`actieve_organisaties` as a list by name, from the involvements read once per
    request (no query of its own)."""
    if not is_zichtbaar(user, traject):
        return []
    return organisaties_op_naam(b for b in betrokkenheden_van(traject) if b.is_actief)


def organisaties_op_naam(betrokkenheden) -> list[Organisatie]:
    """The organisations of these involvements, each once, by name (case-insensitive)."""
    organisaties = {b.organisatie_id: b.organisatie for b in betrokkenheden}
    return sorted(organisaties.values(), key=lambda o: o.naam.casefold())


def _actieve_organisatie_ids(traject: Traject) -> list[int]:
    """The organisations active in the traject, from its involvements read once per request
    (:func:`betrokkenheden_van`): constants in the queries that use them, which the database
    plans in a fraction of the time a subquery with its validity rules takes."""
    return sorted({b.organisatie_id for b in betrokkenheden_van(traject) if b.is_actief})


def _mensen(traject: Traject) -> QuerySet[Medewerker]:
    """Active people of the organisations active in the traject, neither in a role outside
    trajecten nor a system account."""
    return (
        Medewerker.objects.filter(organisatie_id__in=_actieve_organisatie_ids(traject), user__is_active=True)
        .exclude(rol__in=GEEN_PERSOON_IN_TRAJECT)
        .select_related("user", "organisatie")
    )


def actieve_medewerkers(user, traject: Traject) -> QuerySet[Medewerker]:
    """People of the organisations active in a traject (choices for a meeting's participants)."""
    if not is_zichtbaar(user, traject):
        return Medewerker.objects.none()
    return _mensen(traject)


def mensen_actief_in(user, traject: Traject) -> list[Medewerker]:
    """:func:`actieve_medewerkers` as a list, read once per request (the traject's page asks
    for them for its tasks and for who may be assigned)."""
    if not is_zichtbaar(user, traject):
        return []
    return _onthoud(traject, ("mensen",), lambda: list(_mensen(traject)))


def mag_overleg_vastleggen(user, traject: Traject) -> bool:
    """Everyone who sees an open traject records meetings, contact moments and the checklist:
    the nazorg partners after uitstroom as much as the JJI-school before it."""
    return not traject.is_afgesloten and is_zichtbaar(user, traject)


def overlegsoorten(user, traject: Traject) -> tuple[str, ...]:
    """The kinds of meeting the reader may record in this traject: the weekly trajectknooppunt
    is internal to the JJI and the JJI-school (the regie), every other kind is for all who
    record meetings (the form's choices and the service's check)."""
    if mag_traject_beheren(user, traject):
        return tuple(OverlegSoort.values)
    return tuple(s for s in OverlegSoort.values if s != OverlegSoort.TRAJECTKNOOPPUNT)


def heeft_regie_nazorg(user, traject: Traject) -> bool:
    """The reader's organisation holds the regie over nazorg in this traject: the task of the
    routekaart's line "…… heeft regie over nazorg" (bijlage 4, step 8) is its organisation's."""

    def regie() -> bool:
        medewerker = medewerker_van(user)
        return medewerker is not None and (
            traject.taken.filter(
                verantwoordelijkheid__regie_nazorg=True, organisatie_id=medewerker.organisatie_id
            ).exists()
        )

    return is_zichtbaar(user, traject) and _onthoud(traject, ("regie_nazorg", user.pk), regie)


def mag_toekomstperspectief_lezen(user, traject: Traject) -> bool:
    """Everyone who sees the traject reads the toekomstperspectief (without care: that travels
    with begeleidingsbehoefte), except a partner after release without the regie over nazorg."""
    if not is_zichtbaar(user, traject):
        return False
    return not is_nazorgpartner(medewerker_van(user)) or heeft_regie_nazorg(user, traject)


def mag_vertrek_bijwerken(user, traject: Traject) -> bool:
    """The ready-to-leave checklist: whoever records meetings, until the release; after it the
    list is history for the mbo (what was arranged before the youth left), and only the JJI
    and the other partners still correct it."""
    if not mag_overleg_vastleggen(user, traject):
        return False
    medewerker = medewerker_van(user)
    vrij = traject.vrijgelaten_op is not None
    return not (vrij and medewerker is not None and medewerker.organisatie.soort == OrganisatieSoort.MBO)


def mag_grondslag_vastleggen(user, traject: Traject) -> bool:
    return mag_traject_beheren(user, traject)


def mag_inzage_verzorgen(user, traject: Traject) -> bool:
    """Handle the young person's request for a copy of everything kept (AVG art. 15): the
    zorgcoördinator of the traject's JJI-school, which writes the dossier and stays involved
    after release."""
    medewerker = medewerker_van(user)
    if medewerker is None or medewerker.rol != Rol.ZORGCOORDINATOR or not is_zichtbaar(user, traject):
        return False
    return traject.betrokkenheden.filter(
        organisatie_id=medewerker.organisatie_id, soort=BetrokkenheidSoort.JJI_SCHOOL
    ).exists()


OUDERS_EN_VOOGD = (NetwerkSoort.OUDER, NetwerkSoort.VOOGD)


def netwerk_zichtbaar_voor(user, traject: Traject) -> QuerySet:
    """The people around a young person (personal data): only for readers of the traject,
    that is, people of organisations active in it."""

    if not is_zichtbaar(user, traject):
        return NetwerkContact.objects.none()
    contacten = NetwerkContact.objects.filter(traject=traject)
    if not traject.ouders_betrekken_toegestaan():
        # From 18 the parents (and a former guardian) only with the young person's consent.
        contacten = contacten.exclude(soort__in=OUDERS_EN_VOOGD)
    return contacten


def kiesbare_contactpersonen(user, traject: Traject) -> QuerySet:
    """Professionals of the netwerkkaart of the traject's regio (and of the regio of return),
    never the police."""

    if not mag_traject_beheren(user, traject):
        return Contactpersoon.objects.none()
    regio_ids = [traject.jji.regio_id] + ([traject.terugkeerregio_id] if traject.terugkeerregio_id else [])
    return (
        Contactpersoon.objects.filter(organisatie__regio_id__in=regio_ids, organisatie__actief=True)
        .exclude(rol="politie")
        .exclude(organisatie__soort=OrganisatieSoort.POLITIE)
        .select_related("organisatie")
    )


def overleggen_zichtbaar_voor(user, traject: Traject) -> QuerySet:
    """Meetings a reader may see: the regie (JJI, JJI-school) and the Raad voor de
    Kinderbescherming see all; others (the partners after release too, (jeugd)reclassering
    included) the meetings their own organisation recorded or took part in. The weekly
    trajectknooppunt is internal to JJI and JJI-school."""

    medewerker = medewerker_van(user)
    if medewerker is None or not is_zichtbaar(user, traject):
        return Overleg.objects.none()
    return _overleggen_van(medewerker, Overleg.objects.filter(traject=traject))


def zichtbare_overleggen(user) -> QuerySet[Overleg]:
    """Every meeting the reader may see, across the trajecten they see, in one query: the rule
    of :func:`overleggen_zichtbaar_voor` for lists (the verbindingsofficier's overview)."""
    medewerker = medewerker_van(user)
    if medewerker is None:
        return Overleg.objects.none()
    return _overleggen_van(medewerker, Overleg.objects.filter(in_zichtbaar(user)))


def _overleggen_van(medewerker: Medewerker, overleggen: QuerySet[Overleg]) -> QuerySet[Overleg]:
    if medewerker.organisatie.soort in REGIE_SOORTEN | JUSTITIE_SOORTEN and not is_nazorgpartner(medewerker):
        return overleggen
    deelgenomen = Overleg.deelnemers.through.objects.filter(
        overleg_id=OuterRef("pk"), medewerker__organisatie_id=medewerker.organisatie_id
    )
    eigen = Q(vastgelegd_door__medewerker__organisatie_id=medewerker.organisatie_id) | Exists(deelgenomen)
    return overleggen.exclude(soort=OverlegSoort.TRAJECTKNOOPPUNT).filter(eigen)


def heeft_overzicht(user) -> bool:
    """The verbindingsofficier's overview (his home page): for the verbindingsofficier of an
    organisation that can receive young people (an mbo). The overview itself lists only
    trajecten he sees, in which his organisation is the active receiving mbo."""
    medewerker = medewerker_van(user)
    return (
        medewerker is not None
        and medewerker.rol not in GEEN_PERSOON_IN_TRAJECT
        and medewerker.organisatie.soort in ORGANISATIESOORTEN_PER_BETROKKENHEID[BetrokkenheidSoort.MBO_ONTVANGEND]
        and _is_verbindingsofficier(medewerker)
    )


def kijkers(traject: Traject) -> QuerySet[Medewerker]:
    """Everyone who sees this traject, in one query: the rule of :func:`is_zichtbaar` seen
    from the traject (an active person, not the beheerder, of an organisation that is active
    and active in the traject, with a visibility row that holds today, in person or through a
    group of their own organisation)."""
    rijen = Zicht.objects.filter(traject=traject, tot__gte=timezone.localdate())
    via_persoon = rijen.filter(persoon_id=OuterRef("user_id"))
    via_groep = rijen.filter(
        groep__user=OuterRef("user_id"),
        groep__name__startswith=groepsnaam_begin(OuterRef("organisatie_id")),
    )
    return (
        Medewerker.objects.filter(
            user__is_active=True, organisatie__actief=True, organisatie_id__in=_actieve_organisatie_ids(traject)
        )
        .exclude(rol__in=NIET_IN_TRAJECTEN)
        .filter(Exists(via_persoon) | Exists(via_groep))
        .select_related("user", "organisatie")
    )


def toestemming_ophalen(user, pk):
    """One grondslag record by id, for who may record grondslagen on its traject; ``Http404``
    for a missing and a forbidden one alike."""

    toestemming = Toestemming.objects.filter(pk=pk).select_related("traject").first() if str(pk).isdigit() else None
    if toestemming is None or not is_zichtbaar(user, toestemming.traject):
        raise Http404
    if not mag_grondslag_vastleggen(user, toestemming.traject):
        raise Http404
    return toestemming
