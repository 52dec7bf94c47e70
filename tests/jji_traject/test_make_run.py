"""``make run`` on a fresh machine: the embedded defaults (SQLite, Celery eager, no Redis), the
migrations, the demo data, and every demo role's pages answer. The rest of the suite runs on
PostgreSQL, so a query SQLite refuses (such as ORDER BY inside a UNION) is caught here."""

from __future__ import annotations

import secrets

from .test_deploy import manage, productie_omgeving

ROLLEN_EN_PAGINAS = """
from django.contrib.auth import get_user_model
from django.test import Client
from django.test.utils import setup_test_environment
from django.urls import reverse
from trajecten.models import Traject

setup_test_environment()
noah = Traject.objects.get(jongere__voornaam="Noah")
fouten = []
for naam in ("jji-school", "coordinator", "itb", "verbindingsofficier", "mbo-intake", "mbo-herkomst",
             "beheerder", "gemeente", "jeugdreclassering", "leerplicht", "regio", "privacy"):
    client = Client()
    client.force_login(get_user_model().objects.get(username=naam))  # signing in itself: test_inloggen
    paginas = [reverse("start"), reverse("trajecten:lijst"), reverse("trajecten:mijn_taken"),
               reverse("trajecten:lijst") + "?q=noah", reverse("signalering:meldingen")]
    for url in paginas + [reverse("trajecten:detail", args=[noah.pk]), reverse("dossier:dossier", args=[noah.pk])]:
        status = client.get(url, follow=True).status_code
        if status not in (200, 404):
            fouten.append((naam, url, status))
print("FOUTEN", fouten)
"""


def test_make_run_migrates_loads_the_demo_and_serves_every_role_on_sqlite(tmp_path):
    env = productie_omgeving(
        DEBUG="true",
        SECRET_KEY=secrets.token_urlsafe(50),
        TWEE_FACTOR="uit",
        DATABASE_URL=f"sqlite:///{tmp_path / 'run.sqlite3'}",
    )
    for stap in (("migrate", "--noinput"), ("demo_data", "--zonder-cohorten")):
        resultaat = manage(*stap, env=env, timeout=400)
        assert resultaat.returncode == 0, resultaat.stderr[-3000:]
    resultaat = manage("shell", "-c", ROLLEN_EN_PAGINAS, env=env, timeout=400)
    assert resultaat.returncode == 0, resultaat.stderr[-3000:]
    assert "FOUTEN []" in resultaat.stdout, resultaat.stdout[-3000:]
