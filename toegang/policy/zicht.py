"""The lists' visibility: which trajecten a reader sees by the rows derived from the rules
(``toegang.Zicht``: their own and their organisation's groups', each up to its end date), as
one indexed set for a semi-join, or probed per row (issue 21)."""

from __future__ import annotations

import functools

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from netwerk.constants import NIET_IN_TRAJECTEN
from toegang.models import Zicht
from trajecten.models import Traject

from .lezers import medewerker_van
from .rechten import groepsnaam_begin


def groepen_van(user) -> list[int]:
    """The ids of the reader's groups, read afresh for each list (a change of rol or
    designation counts at once, also on the same user object): constants in the list's
    query, so the planner knows how many rows each group holds and picks the plan for a
    sparse or a dense reader. Only their own organisation's groups (:func:`_eigen_groepen`)."""
    return sorted(_eigen_groepen(user).values_list("group_id", flat=True))


def _eigen_groepen(user) -> QuerySet:
    """The reader's memberships of their own organisation's groups (``org:<id>:…``): a group of
    another organisation — put there by hand, past the services — opens nothing, as the live
    rule "the reader's organisation is active in the traject" would have it."""
    medewerker = medewerker_van(user)
    if medewerker is None:
        return get_user_model().groups.through.objects.none()
    return _groepsleden(user.pk, medewerker.organisatie_id)


def _groepsleden(user_id: int, organisatie_id: int) -> QuerySet:
    return get_user_model().groups.through.objects.filter(
        user_id=user_id, group__name__startswith=groepsnaam_begin(organisatie_id)
    )


def zichtbare_ids(user, *, lijst: bool = True) -> QuerySet:
    """The ids of the trajecten the reader sees by the derived rows (``toegang.Zicht``: their
    own and their groups', each up to its end date), one indexed set for a semi-join. For a
    list of trajecten the group ids are constants (:func:`groepen_van`), so the planner knows
    how much the reader sees; otherwise (one traject, the rows of a list driven by something
    else, such as the reader's tasks) the groups are a subquery of the same query, which spares
    the query for the groups and, unlike a join through the groups, keeps the probe per row
    cheap."""
    return Zicht.objects.filter(_houders(user, lijst), tot__gte=timezone.localdate()).values("traject_id")


def zichtbare_ids_van(user_id: int, organisatie_id: int, op) -> QuerySet:
    """:func:`zichtbare_ids` outside a list (the groups a subquery), from the reader's id, their
    organisation's and the day: what ``traject_ophalen`` compiles once a day."""
    return Zicht.objects.filter(
        _van(_groepsleden(user_id, organisatie_id).values("group_id"), user_id), tot__gte=op
    ).values("traject_id")


def _houders(user, lijst: bool) -> Q:
    """The visibility rows the reader holds: their own, and their own organisation's groups'
    (constants for a list of trajecten, else a subquery: :func:`zichtbare_ids`)."""
    return _van(groepen_van(user) if lijst else _eigen_groepen(user).values("group_id"), user.pk)


def _van(groepen, user_id: int) -> Q:
    return Q(groep_id__in=groepen) | Q(persoon_id=user_id)


def zichtbaar_voor(user, *, lijst: bool = True) -> QuerySet[Traject]:
    """Every traject ``user`` may see, as one queryset (one SQL query).

    Driven from the visibility rows (:func:`zichtbare_ids`) as a semi-join, so an invisible
    traject costs nothing and a listed one at most a probe of an index: the planner walks the
    list in order and probes the rows where the reader sees much, and starts from the
    reader's few rows where they see little. The rules stay live without a subquery per row:
    a row holds up to its end date (a kennisgeving that runs out, a parent's consent at 18,
    closes the lists that day, before the hourly task has derived the rows again), and a
    person of an organisation that is no longer active has no profile here
    (:func:`medewerker_van`)."""
    return Traject.objects.filter(in_zichtbaar(user, "pk", lijst=lijst))


def in_zichtbaar(user, veld: str = "traject_id", *, lijst: bool = True) -> Q:
    """The condition "this row's traject is one the reader sees" for rows that point at a
    traject by ``veld`` (tasks, meetings, beslismodellen): the semi-join of
    :func:`zichtbaar_voor` on the rows' own column, without a subquery over the trajecten
    (less for Django to build and for PostgreSQL to plan). Nothing for a reader without a
    profile or in a role outside trajecten."""
    if _in_trajecten(user) is None:
        return Q(pk__in=[])
    return Q(**{f"{veld}__in": zichtbare_ids(user, lijst=lijst)})


def _in_trajecten(user):
    """The reader's profile when they have one in a role within trajecten, else None."""
    medewerker = medewerker_van(user)
    return None if medewerker is None or medewerker.rol in NIET_IN_TRAJECTEN else medewerker


def zichtbaar_per_rij(user, veld: str = "traject_id") -> Q:
    """:func:`in_zichtbaar` for the few rows something else selects (the reader's own tasks):
    the reader's visibility rows of the row's traject probed per row (:class:`PerRij`, through
    the index on the traject), the groups a subquery. PostgreSQL plans the probe apart from the
    outer query: as a semi-join among the joins of a list with its related rows it doubled the
    planning of Mijn taken (issue 21)."""
    medewerker = _in_trajecten(user)
    if medewerker is None:
        return Q(pk__in=[])
    # A new Q each time around the kept expression: a caller that adds to its Q changes no one else's.
    return Q(_per_rij(user.pk, medewerker.organisatie_id, timezone.localdate(), veld))


@functools.lru_cache(maxsize=2048)
def _per_rij(user_id: int, organisatie_id: int, dag, veld: str) -> PerRij:
    """The probe of :func:`zichtbaar_per_rij`, built once per reader, organisation and day
    (building it took a third of what the visibility adds to Mijn taken). It holds only these
    values: the reader's groups and rows are read by the query itself when it runs. Django
    copies an expression before it puts it in a query, so the kept one never changes."""
    houders = _van(_groepsleden(user_id, organisatie_id).values("group_id"), user_id)
    return PerRij(Zicht.objects.filter(houders, traject_id=OuterRef(veld), tot__gte=dag))


class PerRij(Exists):
    """EXISTS that PostgreSQL probes per row (through the index) instead of hashing every
    matching row first: ``OFFSET 0`` keeps the planner from turning it into a hashed
    subplan, so a page of a long list reads about a page of rows."""

    template = "EXISTS(%(subquery)s OFFSET 0)"
