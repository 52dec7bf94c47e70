"""Faults caused for real: a private redis-server on its own port is started and stopped (the
shared cache and the broker), and database connections are broken with pg_terminate_backend.
Whatever happens, nothing a person saved is lost or half-saved, and nobody is told a saved
change failed."""

from __future__ import annotations

import pytest
from django.db import close_old_connections, connection
from django.test import override_settings
from django.urls import reverse

from jji_traject import uitbox
from jji_traject.celery import app
from jji_traject.models import Opdracht
from trajecten import services as traject_services
from trajecten.constants import Categorie

from ..api.klant import klant
from ..lezers import toestemming_geven
from ..storingen import broker, redis_server, vrije_poort, wachtrij_lengte

pytestmark = pytest.mark.django_db


def test_with_the_cache_away_pages_and_the_api_keep_working(client, demo, noah, caplog):
    poort = vrije_poort()
    cache = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{poort}/0",
        }
    }
    with override_settings(CACHES=cache):
        with redis_server(poort):
            assert klant(demo.verbindingsofficier).get("/api/v1/trajecten/").status_code == 200
        # Redis is gone now: the throttle fails open, with a line in the log.
        with caplog.at_level("WARNING", logger="api.fouten"):
            assert klant(demo.verbindingsofficier).get("/api/v1/trajecten/").status_code == 200
        assert "api_limiet_open" in caplog.text
        # Sessions are read from the cache and kept in the database: signing in, a page and
        # signing out work without it, and the session is gone after signing out.
        client.force_login(demo.jji_school)
        assert client.get(reverse("trajecten:lijst")).status_code == 200
        # The routekaart's steps, kept in the cache, are read from the database.
        with caplog.at_level("WARNING", logger="jji_traject.naslag"):
            assert client.get(reverse("trajecten:detail", args=[noah.pk])).status_code == 200
        assert "naslag_cache_weg" in caplog.text
        assert client.post(reverse("logout")).status_code == 302
        assert client.get(reverse("trajecten:lijst")).status_code == 302


@pytest.mark.django_db(transaction=True)
def test_with_the_broker_away_a_change_is_saved_its_job_waits_and_is_sent_later(vereist_postgres, client):
    from ..omgeving import zaai_opnieuw

    zaai_opnieuw()
    from django.contrib.auth import get_user_model

    coordinator = get_user_model().objects.get(username="coordinator")
    poort = vrije_poort()
    url = f"redis://127.0.0.1:{poort}/0"
    client.force_login(coordinator)
    nieuw = "een-ander-lang-wachtwoord-2026"
    with broker(url):
        # Nothing listens on the port: the broker is away.
        antwoord = client.post(
            reverse("password_change"),
            {"old_password": "jji-demo-2026", "new_password1": nieuw, "new_password2": nieuw},
        )
        assert antwoord.status_code == 302 and antwoord["Location"] == reverse("password_change_done")
        coordinator.refresh_from_db()
        assert coordinator.check_password(nieuw)  # saved, and the person is told so
        opdracht = Opdracht.objects.get(taak="netwerk.tasks.wachtwoord_gewijzigd_mailen")
        assert opdracht.verstuurd_op is None and opdracht.pogingen == 1 and opdracht.laatste_fout
        # The broker comes back: the beat task hands the job over.
        with redis_server(poort):
            Opdracht.objects.filter(pk=opdracht.pk).update(aangemaakt_op=opdracht.aangemaakt_op - uitbox.WACHTTIJD)
            assert uitbox.legen() == 1
            assert wachtrij_lengte(url) == 1
    opdracht.refresh_from_db()
    assert opdracht.verstuurd_op is not None


def test_a_revocation_with_the_broker_away_is_saved_and_says_so(client, demo, noah):
    onderwijs = toestemming_geven(demo, noah, Categorie.ONDERWIJSINFORMATIE)
    client.force_login(demo.jji_school)
    with broker(f"redis://127.0.0.1:{vrije_poort()}/0"):
        antwoord = client.post(
            reverse("trajecten:toestemming_intrekken", args=[noah.pk, onderwijs.pk]),
            {"terug": "toestemmingen", "kenmerk": traject_services.intrekking_bekijken(onderwijs).kenmerk},
        )
    assert antwoord.status_code == 302
    onderwijs.refresh_from_db()
    assert onderwijs.ingetrokken_op is not None


def test_a_job_runs_once_however_often_it_is_delivered(demo, mailoutbox, django_capture_on_commit_callbacks):
    from netwerk import tasks

    with django_capture_on_commit_callbacks(execute=False):
        opdracht = uitbox.plannen(tasks.wachtwoord_gewijzigd_mailen, demo.itb.pk)
    assert uitbox.uitvoeren(opdracht.pk, app.tasks) == "uitgevoerd"
    assert uitbox.uitvoeren(opdracht.pk, app.tasks) == "al uitgevoerd"
    assert len(mailoutbox) == 1
    # A job whose body fails is not marked, so it is retried (and then runs once).
    with django_capture_on_commit_callbacks(execute=False):
        kapot = uitbox.plannen(tasks.wachtwoord_gewijzigd_mailen, "geen-getal")
    with pytest.raises(ValueError):
        uitbox.uitvoeren(kapot.pk, app.tasks)
    kapot.refresh_from_db()
    assert kapot.uitgevoerd_op is None


@pytest.mark.django_db(transaction=True)
def test_a_broken_database_connection_is_replaced_at_the_next_request(vereist_postgres, client):
    from django.contrib.auth import get_user_model

    from ..omgeving import zaai_opnieuw

    zaai_opnieuw()
    client.force_login(get_user_model().objects.get(username="coordinator"))
    assert client.get(reverse("trajecten:lijst")).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    from django.db import connections

    beheer = connections.create_connection("default")
    with beheer.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    beheer.close()
    # At the start of every request Django checks its persistent connection (CONN_MAX_AGE with
    # CONN_HEALTH_CHECKS, settings.py) and replaces a broken one; the test client leaves that
    # step out, so it is done here as the server does it.
    close_old_connections()
    assert client.get(reverse("trajecten:lijst")).status_code == 200
