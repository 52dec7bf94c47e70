"""Reference data kept in the shared cache under a version every change replaces
(``jji_traject.naslag``): read once, read again after a change (now and at commit), after the
version is lost, and never from a cache that is each process's own."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import override_settings

from jji_traject.naslag import Naslag, gedeelde_cache

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


def test_a_value_is_read_from_the_database_once_and_again_after_a_change(gedeeld, django_capture_on_commit_callbacks):
    naslag = Naslag("proef")
    keren, bereken = _teller()
    assert naslag.lezen("a", bereken) == [("waarde", 1)]
    assert naslag.lezen("a", bereken) == [("waarde", 1)]
    assert naslag.lezen("b", bereken) == [("waarde", 2)]  # each key its own value
    with django_capture_on_commit_callbacks(execute=False) as bij_commit:
        naslag.vernieuwen()
        assert naslag.lezen("a", bereken) == [("waarde", 3)]  # the change's own transaction
        versie = cache.get("naslag:proef:versie")
    assert len(bij_commit) == 1
    bij_commit[0]()  # the commit: a request in between may have kept the old rows
    assert cache.get("naslag:proef:versie") != versie
    assert naslag.lezen("a", bereken) == [("waarde", 4)]
    assert len(keren) == 4


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
