"""The load of ``make bench-load`` (locust): signed-in people of the demo roles, each cycling
through their own pages — Mijn trajecten, Mijn taken, a traject of theirs, its dossier, the
netwerkkaart, and a task update by POST — with a think time of 1–3 s between pages
(``BELASTING_DENKTIJD=1``) or none (the ceiling). ``BELASTING_ALLEEN_GEZONDHEID=1``: only the
health check, unsigned, as the machine's bare ceiling. Run by ``manage.py bench_belasting``.

With ``BELASTING_MEETDUUR`` (seconds) the figures start from zero once every person has
signed in and read their list, and the run ends that many seconds later: a sign-in is a
password hash (half a second of CPU here), and a burst of them in the measured window would
count against the pages."""

from __future__ import annotations

import itertools
import os
import re
import time

import gevent
from locust import HttpUser, between, constant, task

ROLLEN = os.environ.get("BELASTING_ROLLEN", "verbindingsofficier").split(",")
WACHTWOORD = os.environ.get("BELASTING_WACHTWOORD", "")
DENKTIJD = os.environ.get("BELASTING_DENKTIJD") == "1"
ALLEEN_GEZONDHEID = os.environ.get("BELASTING_ALLEEN_GEZONDHEID") == "1"
MEETDUUR = float(os.environ.get("BELASTING_MEETDUUR") or 0)
INLOGGEN_HOOGSTENS = float(os.environ.get("BELASTING_INLOGGEN_HOOGSTENS") or 180)
_volgende_rol = itertools.count()
_binnen = itertools.count(1)
_begin: list[float] = []  # when the first person started signing in

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TRAJECT = re.compile(r'href="/trajecten/(\d+)/"')
TAAKFORMULIER = re.compile(r'action="(/trajecten/\d+/taken/(\d+)/)"')
GEKOZEN = r'name="taak-{pk}-status"[^>]*>(?:(?!</select>).)*?<option value="([a-z_]+)"[^>]*selected'


class Gezondheid(HttpUser):
    """The bare ceiling: one query through the same middleware."""

    weight = 1 if ALLEEN_GEZONDHEID else 0
    wait_time = constant(0)

    @task
    def gezondheid(self):
        self.client.get("/gezondheid/", name="gezondheidscheck")


class Medewerker(HttpUser):
    weight = 0 if ALLEEN_GEZONDHEID else 1
    wait_time = between(1, 3) if DENKTIJD else constant(0)

    def on_start(self):
        _begin[:] = _begin or [time.monotonic()]
        self.rol = ROLLEN[next(_volgende_rol) % len(ROLLEN)]
        pagina = self.client.get("/inloggen/", name="inloggen")
        token = CSRF.search(pagina.text).group(1)
        self._cookies_zonder_secure()
        antwoord = self.client.post(
            "/inloggen/",
            {"username": self.rol, "password": WACHTWOORD, "csrfmiddlewaretoken": token},
            headers={"Referer": f"{self.host}/inloggen/"},
            name="inloggen",
            allow_redirects=False,
        )
        self._cookies_zonder_secure()
        if antwoord.status_code != 302 or "/inloggen/" in antwoord.headers.get("Location", ""):
            raise RuntimeError(f"Inloggen als {self.rol} lukte niet.")
        lijst = self.client.get("/trajecten/", name=f"Mijn trajecten ({self.rol})")
        gevonden = TRAJECT.search(lijst.text)
        self.traject = gevonden.group(1) if gevonden else None
        self.stap = itertools.cycle(self._paginas())
        self._binnen()

    def _binnen(self):
        """The last person in: the measured window starts now and lasts MEETDUUR seconds. Not
        all in within INLOGGEN_HOOGSTENS: the run ends at once with the sign-ins in its
        figures, which the command refuses (a person whose sign-in failed never counts in)."""
        runner = self.environment.runner
        if not MEETDUUR or next(_binnen) != runner.target_user_count:
            return
        if time.monotonic() - _begin[0] > INLOGGEN_HOOGSTENS:
            runner.quit()
            return
        runner.stats.reset_all()
        gevent.spawn_later(MEETDUUR, runner.quit)

    def _paginas(self):
        yield self._lijst
        yield self._taken
        if self.traject:
            yield self._traject
            yield self._dossier
        yield self._netwerk
        if self.traject:
            yield self._taak_bijwerken

    @task
    def volgende_pagina(self):
        next(self.stap)()
        self._cookies_zonder_secure()

    def _cookies_zonder_secure(self):
        """The app marks its cookies Secure (DEBUG off); the benchmark speaks plain HTTP to
        gunicorn on 127.0.0.1, so the client sends them back regardless."""
        for cookie in self.client.cookies:
            cookie.secure = False

    def _lijst(self):
        self.client.get("/trajecten/", name="Mijn trajecten")

    def _taken(self):
        self.client.get("/trajecten/taken/", name="Mijn taken")

    def _traject(self):
        self.client.get(f"/trajecten/{self.traject}/", name="traject")

    def _dossier(self):
        self.client.get(f"/trajecten/{self.traject}/dossier/", name="dossier")

    def _netwerk(self):
        self.client.get("/netwerk/", name="netwerkkaart")

    def _taak_bijwerken(self):
        """Save the status of the first task the reader may update, unchanged (a real save
        with its history row), as the routekaart's form does."""
        pagina = self.client.get(f"/trajecten/{self.traject}/", name="traject")
        self._cookies_zonder_secure()
        formulier, token = TAAKFORMULIER.search(pagina.text), CSRF.search(pagina.text)
        if formulier is None or token is None:
            return  # this reader updates no task here
        actie, pk = formulier.groups()
        status = re.search(GEKOZEN.format(pk=pk), pagina.text, re.S)
        self.client.post(
            actie,
            {f"taak-{pk}-status": status.group(1) if status else "open", "csrfmiddlewaretoken": token.group(1)},
            headers={"Referer": f"{self.host}/trajecten/{self.traject}/"},
            name="taak bijwerken (POST)",
            allow_redirects=False,
        )
