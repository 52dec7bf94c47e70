"""Sessions read from the cache and kept in the database (``SESSION_ENGINE``): a page then
reads its session without a query (issue 21), and the cache stays a help only.

Django's ``cached_db`` fails a page when the cache is away (it writes the copy it read from the
database back without catching an error, and checks for an existing key in the cache). Here
every session is in the database, which alone decides whether one exists; a cache that is away
is skipped, with a warning. The copy in the cache:

- lives at most ``KOPIE_SECONDEN``, so a copy that could not be removed (the cache unreachable
  when the session ended, a request that read the row just before it went) outlives the
  session by no more than that;
- is removed when the session ends, and once more when that transaction commits (a request
  that missed the cache meanwhile still read the row and may have put the copy back);
- is removed when a save fails (the row is gone: the session ended) or the copy could not be
  written (so an older copy is never read, nor saved back);
- is used only with a cache that every process shares (Redis): with the per-process memory
  cache, ending a session in one process would leave copies in the others, so there sessions
  are read from the database.

Ending sessions by hand in the database (an incident) leaves their copies for at most
``KOPIE_SECONDEN``; empty the cache too (README, "Sessions")."""

from __future__ import annotations

import logging

from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.backends.db import SessionStore as DatabaseStore
from django.db import transaction

from .naslag import gedeelde_cache

log = logging.getLogger(__name__)

KOPIE_SECONDEN = 300


class SessionStore(cached_db.SessionStore):
    @property
    def _gedeeld(self) -> bool:
        return gedeelde_cache(self._cache)

    def _kopie_bewaren(self, data: dict, seconden: int) -> None:
        try:
            self._cache.set(self.cache_key, data, min(seconden, KOPIE_SECONDEN))
        except Exception as fout:  # noqa: BLE001 - any fault of the cache: the database has it
            log.warning("sessiecache_weg actie=bewaren fout=%s", type(fout).__name__)
            self._kopie_weg(self.session_key)

    def _kopie_weg(self, sleutel: str | None) -> None:
        if sleutel is None:
            return
        try:
            self._cache.delete(self.cache_key_prefix + sleutel)
        except Exception as fout:  # noqa: BLE001
            # The database decides on a miss; a copy left expires within KOPIE_SECONDEN.
            log.error("sessiecache_weg actie=verwijderen fout=%s", type(fout).__name__)

    def load(self) -> dict:
        if not self._gedeeld:
            return DatabaseStore.load(self)
        try:
            data = self._cache.get(self.cache_key)
        except Exception as fout:  # noqa: BLE001
            log.warning("sessiecache_weg actie=lezen fout=%s", type(fout).__name__)
            data = None
        if data is not None:
            return data
        sessie = self._get_session_from_db()
        if sessie is None:
            return {}
        data = self.decode(sessie.session_data)
        self._kopie_bewaren(data, self.get_expiry_age(expiry=sessie.expire_date))
        return data

    def exists(self, session_key) -> bool:
        return DatabaseStore.exists(self, session_key)

    def save(self, must_create: bool = False) -> None:
        try:
            DatabaseStore.save(self, must_create)
        except Exception:
            if self._gedeeld and not must_create:
                self._kopie_weg(self.session_key)  # the row is gone: the session has ended
            raise
        if self._gedeeld:
            self._kopie_bewaren(self._session, self.get_expiry_age())

    def delete(self, session_key=None) -> None:
        DatabaseStore.delete(self, session_key)
        sleutel = session_key or self.session_key
        if not self._gedeeld or sleutel is None:
            return
        self._kopie_weg(sleutel)
        transaction.on_commit(lambda: self._kopie_weg(sleutel))

    # Not used under WSGI; should they be, they read and write the database alone.
    aload = DatabaseStore.aload
    aexists = DatabaseStore.aexists
    asave = DatabaseStore.asave
    adelete = DatabaseStore.adelete
