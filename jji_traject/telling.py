"""A count that runs on every page (the header's unread notifications), compiled once and on
PostgreSQL prepared once per database connection.

For a query with many conditions Django spends milliseconds building its SQL and PostgreSQL
milliseconds planning it, while running it takes a fraction of a millisecond (issue 21: the
header's count cost about 10 ms of every page on the bench database, half of it Python). A
:class:`Telling` builds the query once per key (a day, when its conditions hold dates), with
one stand-in value where each request puts its own (the reader's id), and keeps the SQL. On
PostgreSQL it is prepared on each connection the first time it runs there (``PREPARE``: not
undone by a rollback, gone with the connection), so the database plans it once; elsewhere
(SQLite in ``make run``) the kept SQL runs as it is. The result is the queryset's ``count()``,
always: tests compare the two."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import threading
import weakref
from collections.abc import Callable, Hashable

from django.db import connection
from django.db.models import QuerySet

# Stands in for the one value each request fills in: no id is negative.
PLEK = -7_310_000_001

_TYPEN = ((bool, "boolean"), (int, "bigint"), (str, "text"), (dt.datetime, "timestamptz"), (dt.date, "date"))


class Telling:
    """``COUNT(*)`` of ``bouw(PLEK)`` with :data:`PLEK` replaced per call; ``bouw`` gives a
    queryset in which :data:`PLEK` is exactly one of the parameters."""

    def __init__(self, naam: str, bouw: Callable[[int], QuerySet]):
        self._naam = naam
        self._bouw = bouw
        self._slot = threading.Lock()
        self._sleutel: Hashable = None
        self._vast: tuple[str, tuple, int, str, str | None] | None = None
        # Per raw database connection, the statements prepared on it.
        self._voorbereid: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def _gecompileerd(self, sleutel: Hashable) -> tuple[str, tuple, int, str, str | None]:
        with self._slot:
            if self._vast is None or self._sleutel != sleutel:
                qs = self._bouw(PLEK).order_by().values("pk")
                sql, params = qs.query.get_compiler(using=qs.db).as_sql()
                plekken = [i for i, waarde in enumerate(params) if type(waarde) is int and waarde == PLEK]
                if len(plekken) != 1:
                    raise ValueError(f"{self._naam}: de query moet de plaatsvervanger precies één keer bevatten")
                sql = f"SELECT COUNT(*) FROM ({sql}) AS telling"  # noqa: S608 - Django's SQL, values as parameters
                vingerafdruk = hashlib.sha1(f"{sql}{params!r}".encode(), usedforsecurity=False).hexdigest()[:12]
                naam = f"{self._naam}_{vingerafdruk}"
                self._vast = (sql, tuple(params), plekken[0], naam, _voorbereiding(naam, sql, params))
                self._sleutel = sleutel
            return self._vast

    def tel(self, waarde: int, *, sleutel: Hashable = None) -> int:
        sql, params, plek, naam, voorbereiding = self._gecompileerd(sleutel)
        params = list(params)
        params[plek] = waarde
        with connection.cursor() as cursor:
            if connection.vendor != "postgresql":
                cursor.execute(sql, params)
                return cursor.fetchone()[0]
            if voorbereiding is None:  # a parameter without a known type: planned each time
                cursor.execute(sql, params)
                return cursor.fetchone()[0]
            op_verbinding = self._voorbereid.setdefault(connection.connection, set())
            if naam not in op_verbinding:
                cursor.execute(voorbereiding)
                op_verbinding.add(naam)
            cursor.execute(f"EXECUTE {naam}({', '.join(['%s'] * len(params))})", params)
            return cursor.fetchone()[0]


def _voorbereiding(naam: str, sql: str, params) -> str | None:
    """``PREPARE naam (types) AS sql`` with PostgreSQL's ``$n`` placeholders; the types from
    the parameters, so the database never has to guess one (``None`` when a parameter's type
    is not one of :data:`_TYPEN`: the count then runs unprepared)."""
    typen = [_type(waarde) for waarde in params]
    if None in typen:
        return None
    teller = iter(range(1, len(params) + 1))
    genummerd = re.sub(r"%%|%s", lambda m: "%" if m.group(0) == "%%" else f"${next(teller)}", sql)
    return f"PREPARE {naam} ({', '.join(typen)}) AS {genummerd}"


def _type(waarde) -> str | None:
    return next((naam for soort, naam in _TYPEN if isinstance(waarde, soort)), None)
