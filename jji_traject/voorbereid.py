"""Queries that run on every page (the model permissions, the header's counts), compiled once
and on PostgreSQL prepared once per database connection.

For a query with many conditions Django spends milliseconds building its SQL and PostgreSQL
milliseconds planning it, while running it takes a fraction of a millisecond (issue 21: the
header's count cost about 10 ms of every page on the bench database, half of it Python). A
:class:`Tellingen` (counts), :class:`Rijen` (the rows of a ``values_list``) or
:class:`Objecten` (model instances, with what ``select_related`` and annotations add) builds
the query once per key (a day, when its conditions hold dates) with a stand-in value (:data:`PLEK`)
where each request puts its own (the reader's id), and keeps the SQL. On PostgreSQL it is
prepared on each connection the first time it runs there (``PREPARE``: not undone by a
rollback, gone with the connection), and the connection asks PostgreSQL for one generic plan
(``plan_cache_mode`` in the settings: left to choose, it planned some of these anew on every
run), so the database plans it once; elsewhere (SQLite in
``make run``) the kept SQL runs as it is. The result is always the queryset's own: tests
compare the two. :class:`Tellingen` counts several querysets in one statement, each request
putting its values (the reader's id, their organisation's) where :data:`PLEKKEN` stand."""

from __future__ import annotations

import abc
import datetime as dt
import hashlib
import re
import threading
import weakref
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from django.db import DatabaseError, connections
from django.db.models import QuerySet
from django.db.models.query import ModelIterable, get_related_populators

# Stands in for the value each request fills in: no id is negative. Within a 32-bit integer
# (an ``AutoField`` such as the user's id: Django turns a lookup past its range into "no
# rows" and leaves the value out of the SQL). A query with more than one value
# (``Tellingen``) has a stand-in for each: ``PLEKKEN[i]`` for the i-th.
PLEK = -1_731_000_001
PLEKKEN = tuple(PLEK - i for i in range(4))

# Per raw database connection, the names of the statements prepared on it (one registry for
# every query: two with the same name and SQL are one statement on the server).
_VOORBEREID: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

_TYPEN = ((bool, "boolean"), (int, "bigint"), (str, "text"), (dt.datetime, "timestamptz"), (dt.date, "date"))


@dataclass(frozen=True)
class _Vast:
    alias: str  # the database the SQL was compiled for, and runs on
    sql: str
    params: tuple
    plekken: tuple[tuple[int, int], ...]  # (position among the parameters, which value)
    naam: str
    voorbereiding: str | None  # None: a parameter without a known type, planned each time
    vorm: _Vorm | None = None  # Objecten: how a row becomes instances


@dataclass(frozen=True)
class _Vorm:
    """What Django's ``ModelIterable`` reads from the compiler to turn a row into instances,
    kept from the one compile: the model's columns, the related objects' populators (from
    ``select_related``), the annotations' columns and the columns' converters."""

    model: type
    init_list: tuple[str, ...]
    begin: int
    eind: int
    populators: tuple
    annotaties: tuple[tuple[str, int], ...]
    converters: tuple[tuple[int, tuple], ...]
    kolommen: int


class _Voorbereid(abc.ABC):
    """``bouw(PLEK)`` gives the queryset (``bouw(*PLEKKEN[:waarden])`` the querysets of a
    :class:`Tellingen`); at least one stand-in must be among its parameters. ``per_dag``: the
    query holds the day (a rule with dates): ``bouw`` gets it as ``op``, and each call gives
    it as the key (``sleutel=timezone.localdate()``, or a tuple with the day first and what
    else the SQL depends on), so the SQL is for exactly that day. A stand-in may also stand
    inside a text parameter (``"org:<stand-in>:"``): each call puts its value there."""

    # Whether every value must stand in the query. For instances it must: a query that lost a
    # value would ignore it. The header's counts leave out the values of the parts a reader
    # does not have (the reach of their account requests, their school).
    elke_plek = False

    def __init__(self, naam: str, bouw: Callable[..., QuerySet], *, waarden: int = 1, per_dag: bool = False):
        self._naam = naam
        self._bouw = bouw
        self._per_dag = per_dag
        self._plekken = PLEKKEN[:waarden]
        self._slot = threading.Lock()
        self._sleutel: Hashable = None
        self._vast: _Vast | None = None

    @abc.abstractmethod
    def _select(self, gebouwd) -> tuple[str, tuple, str, _Vorm | None]:
        """The SQL and parameters to keep for what ``bouw`` gave, its database, and (for
        instances) the shape of its rows."""

    def _gecompileerd(self, sleutel: Hashable) -> _Vast:
        with self._slot:
            if self._vast is None or self._sleutel != sleutel:
                dag = sleutel[0] if isinstance(sleutel, tuple) and sleutel else sleutel
                if self._per_dag and not isinstance(dag, dt.date):
                    raise ValueError(f"{self._naam}: geef de dag als sleutel (of als eerste van de sleutel)")
                extra = {"op": dag} if self._per_dag else {}
                sql, params, alias, vorm = self._select(self._bouw(*self._plekken, **extra))
                plekken = _plekken_in(params, self._plekken)
                gevonden = {welke for _plek, welke in plekken}
                if not plekken or (self.elke_plek and gevonden != set(range(len(self._plekken)))):
                    raise ValueError(f"{self._naam}: de query bevat de plaatsvervanger niet (elke waarde)")
                vingerafdruk = hashlib.sha1(f"{sql}{params!r}".encode(), usedforsecurity=False).hexdigest()[:12]
                naam = f"{self._naam}_{vingerafdruk}"
                voorbereiding = _voorbereiding(naam, sql, params)
                self._vast = _Vast(alias, sql, tuple(params), plekken, naam, voorbereiding, vorm)
                self._sleutel = sleutel
            return self._vast

    def _uitvoeren(self, waarden: tuple[int, ...], sleutel: Hashable) -> tuple[_Vast, list[tuple]]:
        vast = self._gecompileerd(sleutel)
        return vast, self._rijen_van(vast, waarden)

    @staticmethod
    def _rijen_van(vast: _Vast, waarden: tuple[int, ...]) -> list[tuple]:
        params = list(vast.params)
        for plek, welke in vast.plekken:
            if type(params[plek]) is str:  # a text around the stand-in, such as a group name's start
                params[plek] = params[plek].replace(str(PLEKKEN[welke]), str(waarden[welke]))
            else:
                params[plek] = waarden[welke]
        verbinding = connections[vast.alias]
        with verbinding.cursor() as cursor:
            if not _voorbereidbaar(verbinding) or vast.voorbereiding is None:
                cursor.execute(vast.sql, params)
                return cursor.fetchall()
            op_verbinding = _VOORBEREID.setdefault(verbinding.connection, set())
            uitvoering = f"EXECUTE {vast.naam}({', '.join(['%s'] * len(params))})"
            if vast.naam not in op_verbinding:
                # Once per connection and statement: the server may hold it already (prepared
                # by another instance with the same name and SQL).
                cursor.execute("SELECT 1 FROM pg_prepared_statements WHERE name = %s", [vast.naam])
                if cursor.fetchone() is None:
                    cursor.execute(vast.voorbereiding)
                op_verbinding.add(vast.naam)
            try:
                cursor.execute(uitvoering, params)
            except DatabaseError as fout:
                # Gone from the server (a DEALLOCATE or DISCARD on this connection): prepared
                # again where that can be done safely, outside a transaction; inside one the
                # next call prepares it.
                if verbinding.in_atomic_block or not _onbekend_statement(fout):
                    if _onbekend_statement(fout):
                        op_verbinding.discard(vast.naam)
                    raise
                cursor.execute(vast.voorbereiding)
                cursor.execute(uitvoering, params)
            return cursor.fetchall()


class Tellingen(_Voorbereid):
    """``COUNT(*)`` of each of several querysets, in one statement (the page header's counts):
    ``bouw`` gives them as a tuple, all on one database."""

    def _select(self, querysets: tuple[QuerySet, ...]) -> tuple[str, tuple, str]:
        delen, params = [], []
        for nummer, qs in enumerate(querysets):
            sql, eigen = qs.order_by().values("pk").query.get_compiler(using=qs.db).as_sql()
            delen.append(f"(SELECT COUNT(*) FROM ({sql}) AS telling_{nummer})")  # noqa: S608 - Django's SQL
            params.extend(eigen)
        return f"SELECT {', '.join(delen)}", tuple(params), querysets[0].db, None

    def tel(self, *waarden: int, sleutel: Hashable = None) -> tuple[int, ...]:
        return tuple(self._uitvoeren(waarden, sleutel)[1][0])


class Rijen(_Voorbereid):
    """The rows of a ``values_list`` queryset, as tuples."""

    def _select(self, qs: QuerySet) -> tuple[str, tuple, str, None]:
        return (*qs.query.get_compiler(using=qs.db).as_sql(), qs.db, None)

    def rijen(self, waarde: int, *, sleutel: Hashable = None) -> list[tuple]:
        return self._uitvoeren((waarde,), sleutel)[1]


class Objecten(_Voorbereid):
    """The model instances of a queryset, with the related objects of its ``select_related``
    and its annotations, made from the rows as Django's ``ModelIterable`` makes them, from
    the description of the row kept from the one compile. For the queries of every page
    whose building costs more than running them (the signed-in person, the traject of a
    traject's page and its involvements). Not for a queryset with ``prefetch_related``, known related objects,
    ``values()`` or a combination (refused when it is built)."""

    elke_plek = True

    def _select(self, qs: QuerySet) -> tuple[str, tuple, str, _Vorm]:
        if (
            qs._prefetch_related_lookups
            or qs._known_related_objects
            or qs._iterable_class is not ModelIterable
            or qs.query.combinator
        ):
            raise ValueError(f"{self._naam}: alleen een gewone queryset van modelobjecten")
        compiler = qs.query.get_compiler(using=qs.db)
        sql, params = compiler.as_sql()
        select, klass_info = compiler.select, compiler.klass_info
        velden = [kolom[0] for kolom in select[: compiler.col_count]]
        if compiler.has_composite_fields(velden):
            raise ValueError(f"{self._naam}: samengestelde velden worden niet ondersteund")
        begin, eind = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        vorm = _Vorm(
            model=klass_info["model"],
            init_list=tuple(kolom[0].target.attname for kolom in select[begin:eind]),
            begin=begin,
            eind=eind,
            populators=tuple(get_related_populators(klass_info, select, qs.db)),
            annotaties=tuple(compiler.annotation_col_map.items()),
            converters=tuple(compiler.get_converters(velden).items()),
            kolommen=compiler.col_count,
        )
        return sql, tuple(params), qs.db, vorm

    def objecten(self, *waarden: int, sleutel: Hashable = None) -> list:
        vast, rijen = self._uitvoeren(waarden, sleutel)
        vorm, verbinding = vast.vorm, connections[vast.alias]
        objecten = []
        for ruw in rijen:
            rij = list(ruw[: vorm.kolommen])
            for plek, (converters, expressie) in vorm.converters:
                for converter in converters:
                    rij[plek] = converter(rij[plek], expressie, verbinding)
            obj = vorm.model.from_db(vast.alias, vorm.init_list, rij[vorm.begin : vorm.eind])
            for populator in vorm.populators:
                populator.populate(rij, obj)
            for naam, plek in vorm.annotaties:
                setattr(obj, naam, rij[plek])
            objecten.append(obj)
        return objecten


def binnen_bereik(model, waarde) -> int | None:
    """``waarde`` as an id of ``model`` when it is one its primary key can hold, else None (so an
    address or session with a number past the column's range finds nothing, as the ORM would,
    instead of failing in the database)."""
    try:
        getal = int(waarde)
    except (TypeError, ValueError, OverflowError):
        return None
    laagste, hoogste = connections["default"].ops.integer_field_range(model._meta.pk.get_internal_type())
    return getal if laagste <= getal <= hoogste else None


def _plekken_in(params, plekken: tuple[int, ...]) -> tuple[tuple[int, int], ...]:
    """(position, which stand-in) of each parameter that is a stand-in or a text holding one."""
    gevonden = []
    for i, waarde in enumerate(params):
        if type(waarde) is int and waarde in plekken:
            gevonden.append((i, plekken.index(waarde)))
        elif type(waarde) is str:
            gevonden += [(i, welke) for welke, plek in enumerate(plekken) if str(plek) in waarde]
    return tuple(gevonden)


def _voorbereiding(naam: str, sql: str, params) -> str | None:
    """``PREPARE naam (types) AS sql`` with PostgreSQL's ``$n`` placeholders; the types from
    the parameters, so the database never has to guess one (``None`` when a parameter's type
    is not one of :data:`_TYPEN`: the query then runs unprepared)."""
    typen = [_type(waarde) for waarde in params]
    if None in typen:
        return None
    teller = iter(range(1, len(params) + 1))
    genummerd = re.sub(r"%%|%s", lambda m: "%" if m.group(0) == "%%" else f"${next(teller)}", sql)
    return f"PREPARE {naam} ({', '.join(typen)}) AS {genummerd}"


def _voorbereidbaar(verbinding) -> bool:
    """PostgreSQL with Django's default client-side binding. With server-side binding psycopg
    prepares statements itself and drops every prepared statement after a rollback."""
    return verbinding.vendor == "postgresql" and not verbinding.settings_dict.get("OPTIONS", {}).get(
        "server_side_binding"
    )


def _onbekend_statement(fout: DatabaseError) -> bool:
    from psycopg import errors

    return isinstance(fout.__cause__, errors.InvalidSqlStatementName)


def _type(waarde) -> str | None:
    return next((naam for soort, naam in _TYPEN if isinstance(waarde, soort)), None)
