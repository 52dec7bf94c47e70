"""Reference data kept in the shared cache under a version every change replaces
(``jji_traject.naslag``): read once, read again after a change (now and at commit), after the
version is lost, and never from a cache that is each process's own."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings

from jji_traject.naslag import Naslag, gedeelde_cache

from ..omgeving import naslag_committen

pytestmark = pytest.mark.django_db
EIGEN_GEHEUGEN = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture
def gedeeld():
    if not gedeelde_cache():
        pytest.skip("needs the shared cache (REDIS_URL), as make test has")


def _teller():
    keren = []

    def bereken():
        keren.append(1)
        return [("waarde", len(keren))]

    return keren, bereken


def test_a_value_is_read_once_and_a_change_counts_from_its_commit(gedeeld):
    naslag = Naslag("proef")
    keren, bereken = _teller()
    assert naslag.lezen("a", bereken) == [("waarde", 1)]
    assert naslag.lezen("a", bereken) == [("waarde", 1)]
    assert naslag.lezen("b", bereken) == [("waarde", 2)]  # each key its own value
    versie = cache.get("naslag:proef:versie")
    naslag.vernieuwen()
    # Until the commit the changing transaction reads the database and keeps nothing: what it
    # sees is not committed, and others go on reading the kept value of the committed rows.
    assert naslag.lezen("a", bereken) == [("waarde", 3)]
    assert naslag.lezen("a", bereken) == [("waarde", 4)]
    assert cache.get("naslag:proef:versie") == versie
    assert cache.get(f"naslag:proef:{versie}:a") == [("waarde", 1)]
    naslag_committen(naslag)
    assert cache.get("naslag:proef:versie") != versie
    assert naslag.lezen("a", bereken) == [("waarde", 5)]
    assert naslag.lezen("a", bereken) == [("waarde", 5)]
    assert len(keren) == 5


def test_a_change_rolled_back_leaves_the_cache_as_it_was(gedeeld):
    naslag = Naslag("proef")
    keren, bereken = _teller()
    naslag.lezen("a", bereken)
    versie = cache.get("naslag:proef:versie")
    with transaction.atomic():
        naslag.vernieuwen()
        assert naslag.lezen("a", bereken) == [("waarde", 2)]  # its own change, not kept
        transaction.set_rollback(True)
    assert cache.get("naslag:proef:versie") == versie
    assert naslag.lezen("a", bereken) == [("waarde", 1)]


def test_a_lost_version_means_a_new_one_and_nothing_older_is_read(gedeeld):
    naslag = Naslag("proef")
    keren, bereken = _teller()
    naslag.lezen("a", bereken)
    cache.delete("naslag:proef:versie")  # evicted, or the cache restarted without its keys
    assert naslag.lezen("a", bereken) == [("waarde", 2)]
    assert naslag.lezen("a", bereken) == [("waarde", 2)]


def test_a_cache_of_each_process_is_not_used(django_capture_on_commit_callbacks):
    with override_settings(CACHES=EIGEN_GEHEUGEN):
        naslag = Naslag("proef")
        keren, bereken = _teller()
        naslag.lezen("a", bereken)
        naslag.lezen("a", bereken)
        with django_capture_on_commit_callbacks() as bij_commit:
            naslag.vernieuwen()
        assert len(keren) == 2 and not bij_commit


def test_with_the_cache_away_the_value_comes_from_the_database(caplog):
    from ..storingen import vrije_poort

    weg = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{vrije_poort()}/0",
        }
    }
    with override_settings(CACHES=weg), caplog.at_level("WARNING", logger="jji_traject.naslag"):
        naslag = Naslag("proef")
        keren, bereken = _teller()
        assert naslag.lezen("a", bereken) == [("waarde", 1)]
        naslag.vernieuwen()  # nothing to replace: what was kept lives at most its seconds
    assert "naslag_cache_weg" in caplog.text
