"""The limits of a session (``jji_traject.middleware.SessieMiddleware``): signed out after
``SESSIE_INACTIEF_MINUTEN`` idle and ``SESSIE_MAX_UREN`` after signing in; back to the page
one was on after signing in again, with a message; htmx gets ``HX-Redirect``; the API answers
401 instead of a redirect, and a request with an API token is not touched."""

from __future__ import annotations

import secrets
import time
from urllib.parse import urlsplit

import pytest
from django.http import QueryDict
from django.test import Client
from django.urls import reverse

from jji_traject.middleware import BEGIN, LAATST

from ..api.klant import klant
from ..omgeving import sessie_queries
from ..tweefactor import code_nu, inloggen
from .test_deploy import manage, productie_omgeving

pytestmark = pytest.mark.django_db


def aangemeld(naam, wachtwoord) -> Client:
    client = Client()
    assert inloggen(client, naam, wachtwoord).status_code == 302
    return client


def terugzetten(client, *, idle_minuten=0, sinds_uren=0) -> None:
    """As if the person did nothing for ``idle_minuten``, and signed in ``sinds_uren`` ago."""
    sessie = client.session
    sessie[LAATST] -= int(idle_minuten * 60)
    sessie[BEGIN] -= int(sinds_uren * 3600)
    sessie.save()


def test_idle_for_30_minutes_signs_out_and_brings_you_back_to_the_page(demo, settings):
    assert settings.SESSIE_INACTIEF_MINUTEN == 30
    client = aangemeld("coordinator", settings.DEMO_PASSWORD)
    pagina = reverse("trajecten:detail", args=[demo.trajecten["Noah"].pk]) + "?tab=taken"
    assert client.get(pagina).status_code == 200

    terugzetten(client, idle_minuten=31)
    antwoord = client.get(pagina)
    assert antwoord.status_code == 302
    login = antwoord["Location"]
    assert urlsplit(login).path == reverse("login") and QueryDict(urlsplit(login).query)["next"] == pagina
    assert "_auth_user_id" not in client.session

    inlogpagina = client.get(login).content.decode()
    assert "Je bent uitgelogd omdat je 30 minuten niets hebt gedaan" in inlogpagina
    terug = client.post(login, {"username": "coordinator", "password": settings.DEMO_PASSWORD, "next": pagina})
    assert terug.status_code == 302 and terug["Location"] == pagina
    # The second factor comes in between, and keeps the page to return to.
    stap = client.get(pagina)["Location"]
    assert urlsplit(stap).path == reverse("tweede_factor") and QueryDict(urlsplit(stap).query)["next"] == pagina
    terug = client.post(stap, {"code": code_nu(demo.coordinator)})
    assert terug.status_code == 302 and terug["Location"] == pagina
    assert client.get(pagina).status_code == 200


def test_activity_keeps_the_session_going(demo, settings):
    client = aangemeld("coordinator", settings.DEMO_PASSWORD)
    for _ in range(3):
        terugzetten(client, idle_minuten=29)
        assert client.get(reverse("trajecten:lijst")).status_code == 200
        assert client.session[LAATST] >= time.time() - 5  # the request counted as activity


def test_eight_hours_after_signing_in_the_session_ends_even_while_active(demo, settings):
    assert settings.SESSIE_MAX_UREN == 8
    client = aangemeld("coordinator", settings.DEMO_PASSWORD)
    terugzetten(client, sinds_uren=7.9)
    assert client.get(reverse("trajecten:lijst")).status_code == 200
    terugzetten(client, sinds_uren=0.2)
    antwoord = client.get(reverse("trajecten:lijst"))
    assert antwoord.status_code == 302 and antwoord["Location"].startswith(reverse("login"))
    assert "8 uur geleden bent ingelogd" in client.get(antwoord["Location"]).content.decode()
    # Signing in again starts a new day.
    inloggen(client, "coordinator", settings.DEMO_PASSWORD)
    assert client.get(reverse("trajecten:lijst")).status_code == 200


def test_the_limits_follow_the_settings(client, demo, settings):
    settings.SESSIE_INACTIEF_MINUTEN = 5
    client.force_login(demo.coordinator)
    assert client.get(reverse("trajecten:lijst")).status_code == 200  # the middleware starts the clock
    terugzetten(client, idle_minuten=6)
    assert client.get(reverse("trajecten:lijst")).status_code == 302


def test_a_form_sent_after_the_timeout_brings_you_back_to_the_form(demo, settings):
    client = aangemeld("coordinator", settings.DEMO_PASSWORD)
    noah = demo.trajecten["Noah"]
    formulier = reverse("trajecten:wijzigen", args=[noah.pk])
    terugzetten(client, idle_minuten=45)
    antwoord = client.post(formulier, {"fase": "verblijf"}, HTTP_REFERER=f"http://testserver{formulier}")
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("login") + f"?next={formulier}"


def test_htmx_after_the_timeout_gets_a_redirect_the_browser_follows(demo, settings):
    client = aangemeld("coordinator", settings.DEMO_PASSWORD)
    noah = demo.trajecten["Noah"]
    taak = noah.taken.filter(justitieel=False).exclude(status="gedaan").first()
    detail = reverse("trajecten:detail", args=[noah.pk])
    terugzetten(client, idle_minuten=31)
    antwoord = client.post(
        reverse("trajecten:taak_bijwerken", args=[noah.pk, taak.pk]),
        {"status": "gedaan"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL=f"http://testserver{detail}",
    )
    assert antwoord.status_code == 200 and antwoord.content == b""
    assert antwoord["HX-Redirect"] == reverse("login") + "?next=" + detail
    taak.refresh_from_db()
    assert taak.status != "gedaan"


def test_the_api_answers_401_after_the_timeout_and_tokens_are_not_touched(demo, settings):
    client = aangemeld("coordinator", settings.DEMO_PASSWORD)
    assert client.get(reverse("api:trajecten")).status_code == 200
    terugzetten(client, idle_minuten=31)
    antwoord = client.get(reverse("api:trajecten"))
    assert antwoord.status_code == 401 and antwoord["Content-Type"] == "application/json"
    # A partner system with a token has no session: no clock, no timeout.
    systeem = klant(demo.coordinator)
    assert systeem.get(reverse("api:trajecten")).status_code == 200
    assert BEGIN not in systeem.session


def test_a_limit_below_one_stops_the_process_with_one_line():
    omgeving = productie_omgeving(
        DEBUG="false", SECRET_KEY=secrets.token_urlsafe(64), ALLOWED_HOSTS="localhost", SESSIE_INACTIEF_MINUTEN="0"
    )
    resultaat = manage("check", env=omgeving)
    assert resultaat.returncode != 0 and "Traceback" not in resultaat.stderr
    assert "SESSIE_INACTIEF_MINUTEN" in resultaat.stderr.strip().splitlines()[-1]


def test_a_page_reads_the_session_from_the_cache_and_an_ended_session_is_gone_from_both(demo):
    """Issue 21: the session costs no query on a page (``cached_db``); ending a person's other
    sessions (a new second factor) removes the cached copy too, so the other browser is out."""
    from django.contrib.sessions.models import Session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from netwerk.services.tweefactor import andere_sessies_beeindigen

    elders = aangemeld("jji-school", "jji-demo-2026")
    hier = aangemeld("jji-school", "jji-demo-2026")
    with CaptureQueriesContext(connection) as vastgelegd:
        assert elders.get(reverse("trajecten:lijst")).status_code == 200
    assert sum("django_session" in q["sql"] for q in vastgelegd.captured_queries) == sessie_queries()
    assert andere_sessies_beeindigen(demo.jji_school, hier.session.session_key) == 1
    assert not Session.objects.filter(session_key=elders.session.session_key).exists()
    assert elders.get(reverse("trajecten:lijst")).status_code == 302
    assert hier.get(reverse("trajecten:lijst")).status_code == 200


def test_the_cached_copy_of_a_session_lives_five_minutes_at_most(demo, settings):
    """A copy an ending session could not remove (the cache unreachable at that moment) is
    gone within ``KOPIE_SECONDEN``: the database decides."""
    from django.core.cache import cache

    from jji_traject.sessies import KOPIE_SECONDEN

    if not settings.REDIS_URL:
        pytest.skip("de levensduur in de cache wordt op Redis gemeten")
    client = aangemeld("jji-school", "jji-demo-2026")
    assert client.get(reverse("trajecten:lijst")).status_code == 200
    sleutel = cache.make_and_validate_key("django.contrib.sessions.cached_db" + client.session.session_key)
    assert 0 < cache._cache.get_client(sleutel).ttl(sleutel) <= KOPIE_SECONDEN


def test_the_nightly_task_removes_sessions_past_their_end():
    import datetime as dt

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from jji_traject.tasks import sessies_opruimen

    nu = timezone.now()
    Session.objects.create(session_key="a" * 32, session_data="", expire_date=nu - dt.timedelta(minutes=1))
    Session.objects.create(session_key="b" * 32, session_data="", expire_date=nu + dt.timedelta(hours=1))
    assert sessies_opruimen() == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == ["b" * 32]


def _kopie(client) -> tuple[str, dict]:
    """The key of the session's copy in the cache, and the copy (after a page)."""
    from django.core.cache import cache

    from jji_traject.sessies import SessionStore

    assert client.get(reverse("trajecten:lijst")).status_code == 200
    sleutel = SessionStore(session_key=client.session.session_key).cache_key
    return sleutel, cache.get(sleutel)


def test_an_ended_session_leaves_the_cache_again_when_its_transaction_commits(
    demo, settings, django_capture_on_commit_callbacks
):
    """A request that missed the cache while the session was being ended read the row (not yet
    deleted for it) and put the copy back: it is removed once more at the commit."""
    from django.core.cache import cache

    from jji_traject.sessies import SessionStore

    if not settings.REDIS_URL:
        pytest.skip("de kopie in de cache is er alleen met Redis")
    client = aangemeld("jji-school", "jji-demo-2026")
    sleutel, kopie = _kopie(client)
    assert kopie is not None
    with django_capture_on_commit_callbacks(execute=True):
        SessionStore(session_key=client.session.session_key).delete()
        assert cache.get(sleutel) is None
        cache.set(sleutel, kopie, 300)  # the other request, before the commit
    assert cache.get(sleutel) is None
    assert client.get(reverse("trajecten:lijst")).status_code == 302


def test_a_session_whose_row_is_gone_loses_its_copy_at_the_next_save(demo, settings):
    """Ended in the database past the store (by hand, in an incident): the next save fails (the
    page answers 400, as Django does) and takes the copy with it, so the session is out."""
    from django.contrib.sessions.backends.base import UpdateError
    from django.contrib.sessions.models import Session
    from django.core.cache import cache

    from jji_traject.sessies import SessionStore

    if not settings.REDIS_URL:
        pytest.skip("de kopie in de cache is er alleen met Redis")
    client = aangemeld("jji-school", "jji-demo-2026")
    sleutel, _ = _kopie(client)
    Session.objects.filter(session_key=client.session.session_key).delete()
    winkel = SessionStore(session_key=client.session.session_key)
    winkel["iets"] = 1
    with pytest.raises(UpdateError):
        winkel.save()
    assert cache.get(sleutel) is None
    assert client.get(reverse("trajecten:lijst")).status_code == 302


def test_with_a_cache_per_process_sessions_are_read_from_the_database(demo, settings):
    """The memory cache is each process's own: ending a session in one would leave copies in
    the others, so without a shared cache the database is read every time."""
    from django.contrib.sessions.models import Session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    client = aangemeld("jji-school", "jji-demo-2026")
    with CaptureQueriesContext(connection) as vastgelegd:
        assert client.get(reverse("trajecten:lijst")).status_code == 200
    assert sum("django_session" in q["sql"] for q in vastgelegd.captured_queries) == 1
    Session.objects.filter(session_key=client.session.session_key).delete()
    assert client.get(reverse("trajecten:lijst")).status_code == 302
