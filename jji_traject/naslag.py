"""Reference data that many pages read and few actions change (the routekaart's steps on every
traject page), kept in the shared cache under a version that every change replaces (issue 21:
one query less per page).

- The cache is a help only: when it is away, or is each process's own memory (no Redis, as in
  ``make run``: a change in one process would not reach the others), the data is read from
  the database, with a warning for a fault.
- A change calls :meth:`Naslag.vernieuwen` in its transaction: a new version now (the same
  transaction reads its own change) and once more when the transaction commits (a request
  that read the old rows in between may have kept them under the first new version).
- The version is a random token, not a counter: when the cache loses it, a new one is
  made, and nothing kept under an earlier token is read again.
- A kept value lives at most ``seconden``: a change past the services (a data fix by hand)
  shows within that time. After such a fix, empty the cache (README, "Reference data")."""

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
        if not gedeelde_cache():
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
        """A change to the data: a new version now and again at commit (see the module)."""
        if not gedeelde_cache():
            return
        self._nieuwe_versie()
        transaction.on_commit(self._nieuwe_versie)

    def _nieuwe_versie(self) -> None:
        try:
            cache.set(self._versiesleutel, uuid.uuid4().hex, timeout=None)
        except Exception as fout:  # noqa: BLE001
            # What was kept lives at most ``seconden``.
            log.error("naslag_cache_weg naslag=%s actie=vernieuwen fout=%s", self.naam, type(fout).__name__)
