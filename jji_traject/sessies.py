"""Sessions read from the cache and kept in the database (``SESSION_ENGINE``): a page then
reads its session without a query (issue 21), and the cache stays a help only.

Django's ``cached_db`` fails a page when the cache is away (it writes the copy it read from the
database back without catching an error, and checks for an existing key in the cache). Here
every session is in the database, which alone decides whether one exists; a cache that is away
is skipped, with a warning. A copy in the cache lives at most ``KOPIE_SECONDEN``, so a copy that
an ending session could not remove from an unreachable cache (``delete``) outlives it by no
more than that: ending a person's sessions (``netwerk.services.tweefactor``) removes both."""

from __future__ import annotations

import logging

from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.backends.db import SessionStore as DatabaseStore

log = logging.getLogger(__name__)

KOPIE_SECONDEN = 300


class SessionStore(cached_db.SessionStore):
    def _kopie_bewaren(self, data: dict, seconden: int) -> None:
        try:
            self._cache.set(self.cache_key, data, min(seconden, KOPIE_SECONDEN))
        except Exception as fout:  # noqa: BLE001 - any fault of the cache: the database has it
            log.warning("sessiecache_weg actie=bewaren fout=%s", type(fout).__name__)

    def load(self) -> dict:
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
        DatabaseStore.save(self, must_create)
        self._kopie_bewaren(self._session, self.get_expiry_age())

    def delete(self, session_key=None) -> None:
        DatabaseStore.delete(self, session_key)
        sleutel = session_key or self.session_key
        if sleutel is None:
            return
        try:
            self._cache.delete(self.cache_key_prefix + sleutel)
        except Exception as fout:  # noqa: BLE001
            # The database no longer has it; the copy expires within KOPIE_SECONDEN.
            log.error("sessiecache_weg actie=verwijderen fout=%s", type(fout).__name__)
