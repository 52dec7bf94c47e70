"""Queries that run on every page (the model permissions, the header's counts), compiled once
and on PostgreSQL prepared once per database connection.

For a query with many conditions Django spends milliseconds building its SQL and PostgreSQL
milliseconds planning it, while running it takes a fraction of a millisecond (issue 21: the
header's count cost about 10 ms of every page on the bench database, half of it Python). A
:class:`Tellingen` (counts) or :class:`Rijen` (the rows of a ``values_list``) builds the query
once per key (a day, when its conditions hold dates) with a stand-in value (:data:`PLEK`)
where each request puts its own (the reader's id), and keeps the SQL. On PostgreSQL it is
prepared on each connection the first time it runs there (``PREPARE``: not undone by a
rollback, gone with the connection), so the database plans it once; elsewhere (SQLite in
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

# Stands in for the value each request fills in: no id is negative. A query with more than
# one value (``Tellingen``) has a stand-in for each: ``PLEKKEN[i]`` for the i-th.
PLEK = -7_310_000_001
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


class _Voorbereid(abc.ABC):
    """``bouw(PLEK)`` gives the queryset (``bouw(*PLEKKEN[:waarden])`` the querysets of a
    :class:`Tellingen`); at least one stand-in must be among its parameters."""

    def __init__(self, naam: str, bouw: Callable[..., QuerySet], *, waarden: int = 1):
        self._naam = naam
        self._bouw = bouw
        self._plekken = PLEKKEN[:waarden]
        self._slot = threading.Lock()
        self._sleutel: Hashable = None
        self._vast: _Vast | None = None

    @abc.abstractmethod
    def _select(self, gebouwd) -> tuple[str, tuple, str]:
        """The SQL and parameters to keep for what ``bouw`` gave, and its database."""

    def _gecompileerd(self, sleutel: Hashable) -> _Vast:
        with self._slot:
            if self._vast is None or self._sleutel != sleutel:
                sql, params, alias = self._select(self._bouw(*self._plekken))
                plekken = tuple(
                    (i, self._plekken.index(waarde))
                    for i, waarde in enumerate(params)
                    if type(waarde) is int and waarde in self._plekken
                )
                if not plekken:
                    raise ValueError(f"{self._naam}: de query bevat de plaatsvervanger niet")
                vingerafdruk = hashlib.sha1(f"{sql}{params!r}".encode(), usedforsecurity=False).hexdigest()[:12]
                naam = f"{self._naam}_{vingerafdruk}"
                self._vast = _Vast(alias, sql, tuple(params), plekken, naam, _voorbereiding(naam, sql, params))
                self._sleutel = sleutel
            return self._vast

    def _uitvoeren(self, waarden: tuple[int, ...], sleutel: Hashable) -> list[tuple]:
        vast = self._gecompileerd(sleutel)
        params = list(vast.params)
        for plek, welke in vast.plekken:
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
        return f"SELECT {', '.join(delen)}", tuple(params), querysets[0].db

    def tel(self, *waarden: int, sleutel: Hashable = None) -> tuple[int, ...]:
        return tuple(self._uitvoeren(waarden, sleutel)[0])


class Rijen(_Voorbereid):
    """The rows of a ``values_list`` queryset, as tuples."""

    def _select(self, qs: QuerySet) -> tuple[str, tuple, str]:
        return (*qs.query.get_compiler(using=qs.db).as_sql(), qs.db)

    def rijen(self, waarde: int, *, sleutel: Hashable = None) -> list[tuple]:
        return self._uitvoeren((waarde,), sleutel)


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
