"""A real Celery worker as a process of its own (prefork, one pool process), on the test
database and a private Redis, for the tests that kill one (``tests/jji_traject/
test_werker_gedood.py``). Its app is ``tests/werker_app.py``: the app's own, with a stop where
the test wants the pool process to be killed. Mail goes into files (``EMAIL_URL=filemail://``),
one file per message."""

from __future__ import annotations

import email
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

from . import databaserollen

REPO = Path(settings.BASE_DIR)


def database_url() -> str:
    """The test database, as the app role when the roles are there (as web and worker run in
    production), else as the suite connects."""
    instellingen = connection.settings_dict
    if databaserollen.rol_bestaat(databaserollen.ROLLEN.app):
        instellingen = databaserollen.app_instellingen(instellingen)
    gebruiker = quote(instellingen["USER"] or "", safe="")
    wachtwoord = quote(instellingen["PASSWORD"] or "", safe="")
    inlog = f"{gebruiker}:{wachtwoord}@" if wachtwoord else f"{gebruiker}@" if gebruiker else ""
    adres = instellingen["HOST"] or "127.0.0.1"
    poort = f":{instellingen['PORT']}" if instellingen["PORT"] else ""
    return f"postgres://{inlog}{adres}{poort}/{quote(instellingen['NAME'], safe='')}"


class Werker:
    """One ``celery worker`` process (and its pool process), in a process group of its own."""

    def __init__(self, map: Path, redis_url: str, *, stop: str = "", zichtbaarheid: int = 3600):
        self.map = map
        self.marker = map / "gestopt"
        self.log = map / f"werker-{uuid.uuid4().hex[:8]}.log"
        (map / "mail").mkdir(exist_ok=True)
        omgeving = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.werker_instellingen",
            "DATABASE_URL": database_url(),
            "REDIS_URL": redis_url,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            # django-environ drops the first slash of the path: four slashes for an absolute one.
            "EMAIL_URL": f"filemail:///{(map / 'mail').resolve()}",
            "CELERY_VISIBILITY_TIMEOUT": str(zichtbaarheid),
            "JJI_WERKER_STOP": stop,
            "JJI_WERKER_MARKER": str(self.marker),
        }
        with self.log.open("wb") as uit:
            self.proces = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "tests.werker_app",
                    "worker",
                    "--pool",
                    "prefork",
                    "--concurrency",
                    "1",
                    "--prefetch-multiplier",
                    "1",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                    "-n",
                    f"{self.log.stem}@%h",
                    "-l",
                    "info",
                ],
                cwd=REPO,
                env=omgeving,
                stdout=uit,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: the whole worker can be killed at once
            )

    def tekst(self) -> str:
        return self.log.read_text(errors="replace")

    def wacht_op(self, voorwaarde, seconden: float, wat: str):
        """Poll ``voorwaarde`` until it gives something true; fail with the worker's log."""
        einde = time.monotonic() + seconden
        while time.monotonic() < einde:
            uitkomst = voorwaarde()
            if uitkomst:
                return uitkomst
            if self.proces.poll() is not None:
                raise AssertionError(f"de worker stopte ({self.proces.returncode}) vóór {wat}:\n{self.tekst()}")
            time.sleep(0.1)
        raise AssertionError(f"na {seconden} s nog niet: {wat}\n{self.tekst()}")

    def gestopt(self, seconden: float = 25) -> int:
        """The pid of the pool process that reached the stop, once it is there."""
        return int(self.wacht_op(lambda: self.marker.exists() and self.marker.read_text(), seconden, "de stop"))

    def pool_proces_doden(self, seconden: float = 25) -> int:
        """SIGKILL the pool process at the stop; the worker itself lives on."""
        pid = self.gestopt(seconden)
        assert pid != self.proces.pid
        os.kill(pid, signal.SIGKILL)
        return pid

    def geheel_doden(self, seconden: float = 25) -> None:
        """Once a pool process is at the stop: SIGKILL the worker and its pool process at
        once (a killed container), without any goodbye to the broker."""
        self.gestopt(seconden)
        os.killpg(self.proces.pid, signal.SIGKILL)
        self.proces.wait(timeout=10)

    def stoppen(self) -> None:
        if self.proces.poll() is None:
            try:
                os.killpg(self.proces.pid, signal.SIGTERM)
                self.proces.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proces.pid, signal.SIGKILL)
                self.proces.wait(timeout=10)
            except ProcessLookupError:
                pass

    def __enter__(self):
        return self

    def __exit__(self, *_fout):
        self.stoppen()


def mails(map: Path) -> list[email.message.Message]:
    """Every message the workers wrote into ``map/mail`` (the file backend puts the messages
    of one connection in one file, each followed by a line of 79 dashes)."""
    berichten = []
    for bestand in sorted((map / "mail").glob("*.log")):
        for deel in bestand.read_text().split("\n" + "-" * 79 + "\n"):
            if deel.strip():
                berichten.append(email.message_from_string(deel))
    return berichten
