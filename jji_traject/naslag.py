"""Reference data that many pages read and few actions change (the routekaart's steps on every
traject page), kept in the shared cache under a version that every change replaces (issue 21:
one query less per page).

- The cache is a help only: when it is away, or is each process's own memory (no Redis, as in
  ``make run``: a change in one process would not reach the others), the data is read from
  the database, with a warning for a fault.
- A change calls :meth:`Naslag.vernieuwen` in its transaction: the version is replaced when
  the transaction commits, so nothing read before the commit is read after it. Until then
  the transaction itself reads from the database and keeps nothing (what it sees is not
  committed, and a rollback would leave it in the cache); others read the committed rows.
- The version is a random token, not a counter: when the cache loses it, a new one is
  made, and nothing kept under an earlier token is read again.
- A kept value lives at most ``seconden``: a change past the services (a data fix by hand, a
  data migration that does not call ``vernieuwen``) or a version that could not be replaced
  (the cache away at that commit) shows within that time. After such a fix, empty the cache
  (README, "Reference data"). A name holds the shape of its values: a release that changes
  the shape changes the name, so old and new processes never read each other's values."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction

log = logging.getLogger(__name__)

T = TypeVar("T")


def gedeelde_cache(c=None) -> bool:
    """Whether every process reads the same cache (Redis), not each its own memory."""
    return not isinstance(c if c is not None else caches["default"], LocMemCache)


class Naslag:
    def __init__(self, naam: str, *, seconden: int = 3600):
        self.naam = naam
        self.seconden = seconden

    @property
    def _versiesleutel(self) -> str:
        return f"naslag:{self.naam}:versie"

    def _versie(self) -> str:
        versie = cache.get(self._versiesleutel)
        if versie is None:
            nieuw = uuid.uuid4().hex
            cache.add(self._versiesleutel, nieuw, timeout=None)  # another process may be first
            versie = cache.get(self._versiesleutel) or nieuw
        return versie

    def lezen(self, sleutel: str, bereken: Callable[[], T]) -> T:
        """The value for ``sleutel``: the kept one under the current version, else
        ``bereken()`` (from the database), kept for the next reader."""
        if not gedeelde_cache() or self._wacht_op_commit():
            return bereken()
        try:
            volledig = f"naslag:{self.naam}:{self._versie()}:{sleutel}"
            waarde = cache.get(volledig)
        except Exception as fout:  # noqa: BLE001 - any fault of the cache: the database has it
            log.warning("naslag_cache_weg naslag=%s actie=lezen fout=%s", self.naam, type(fout).__name__)
            return bereken()
        if waarde is not None:
            return waarde
        waarde = bereken()
        try:
            cache.set(volledig, waarde, timeout=self.seconden)
        except Exception as fout:  # noqa: BLE001
            log.warning("naslag_cache_weg naslag=%s actie=bewaren fout=%s", self.naam, type(fout).__name__)
        return waarde

    def vernieuwen(self) -> None:
        """A change to the data: a new version when its transaction commits (at once outside
        one), the transaction reading from the database until then (see the module)."""
        if gedeelde_cache():
            transaction.on_commit(self._nieuwe_versie)

    def _wacht_op_commit(self) -> bool:
        """Whether this transaction changed the data (its new version waits for the commit;
        a rollback drops the wait with the change)."""
        verbinding = transaction.get_connection()
        return verbinding.in_atomic_block and any(
            functie == self._nieuwe_versie for _savepoints, functie, _robuust in verbinding.run_on_commit
        )

    def _nieuwe_versie(self) -> None:
        try:
            cache.set(self._versiesleutel, uuid.uuid4().hex, timeout=None)
        except Exception as fout:  # noqa: BLE001
            # What was kept lives at most ``seconden``.
            log.error("naslag_cache_weg naslag=%s actie=vernieuwen fout=%s", self.naam, type(fout).__name__)
