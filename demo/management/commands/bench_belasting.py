"""make bench-load: gunicorn (2 × cores + 1 workers) on the benchmark database and locust
headless (``demo/belasting/locustfile.py``) with 20 and then 50 signed-in people of the demo
roles, each once with a think time of 1–3 s and once without; then the health check alone at
the highest concurrency, as the machine's bare ceiling. Prints per page and run p50, p95 and
p99, and per run requests/s and errors, the mixed throughput as a fraction of the health
check's, and how much CPU locust itself took. Signs in with a password only (``TWEE_FACTOR=uit``,
said in the output) and lifts the page throttle, to measure the app and not the throttle."""

from __future__ import annotations

import contextlib
import csv
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from demo.bench_rollen import ROLLEN

LOCUSTFILE = Path(__file__).resolve().parents[2] / "belasting" / "locustfile.py"
PAGINAS = ("Mijn trajecten", "Mijn taken", "traject", "dossier", "netwerkkaart", "taak bijwerken (POST)")
AANLOOP_PER_SECONDE = 5  # people who start per second
OPWARMEN_SECONDEN = 20  # a run without think time, not measured, before the runs
# The most a run waits for everyone to have signed in (a password hash each) before its
# measured window starts; a run whose people were not all in by then is refused.
INLOGGEN_HOOGSTENS = 180


class Command(BaseCommand):
    help = "Belastingstest: gunicorn en locust op de benchmarkdatabase (*_bench), 20 en 50 gebruikers."

    def add_arguments(self, parser):
        parser.add_argument("--trajecten", type=int, default=100_000, help="vul aan tot zoveel trajecten")
        parser.add_argument("--gebruikers", default="20,50", help="gelijktijdige gebruikers per run, komma's")
        parser.add_argument("--duur", type=int, default=60, help="seconden per run")
        parser.add_argument("--poort", type=int, default=8799)
        parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)

    def handle(self, *args, **opties):
        if connection.vendor != "postgresql" or not str(settings.DATABASES["default"]["NAME"]).endswith("_bench"):
            raise CommandError(
                "De belastingstest draait op PostgreSQL, in een database waarvan de naam eindigt op _bench."
            )
        if shutil.which("locust", path=str(Path(sys.executable).parent)) is None:
            raise CommandError("locust ontbreekt: pip install -e '.[bench]' (make bench-load doet dat).")
        try:
            aantallen = [int(a) for a in opties["gebruikers"].split(",")]
        except ValueError:
            raise CommandError("--gebruikers is een lijst gehele getallen, bv. 20,50.") from None
        if not aantallen or min(aantallen) < 1 or opties["duur"] < 5:
            raise CommandError("Minstens 1 gebruiker per run en minstens 5 seconden.")
        self._vullen(opties["trajecten"])
        with self._server(opties["poort"], opties["workers"]) as host:
            # Warm up: every worker serves every page once (templates, translations, URL
            # resolver) before anything is measured; a server runs for days, not seconds.
            self._locust(host, max(aantallen), False, OPWARMEN_SECONDEN, meten=False)
            runs = []
            for aantal in aantallen:
                for denktijd in (True, False):
                    runs.append((f"{aantal} gebruikers, {'met' if denktijd else 'zonder'} denktijd", aantal, denktijd))
            uitkomsten = {naam: self._locust(host, aantal, denktijd, opties["duur"]) for naam, aantal, denktijd in runs}
            plafond = max(aantallen)
            gezondheid = self._locust(host, plafond, False, opties["duur"], alleen_gezondheid=True)
        self._tabel(opties, uitkomsten, gezondheid, plafond)

    def _vullen(self, trajecten: int) -> None:
        from trajecten.models import Traject

        call_command("migrate", verbosity=0)
        nu = Traject.objects.count()
        if nu == 0:
            call_command("demo_data", stdout=open(os.devnull, "w"))  # noqa: SIM115
            nu = Traject.objects.count()
        if nu < trajecten:
            self.stdout.write(f"Vullen tot {trajecten} trajecten …")
            call_command("demo_data", trajecten=trajecten - nu, stdout=open(os.devnull, "w"))  # noqa: SIM115
        # What autovacuum keeps up on a server (the visibility map, for index-only scans, and
        # the statistics), also where it is off, as on the CI machine kind: every run measures
        # a database in the same state, however it was filled (here or by make bench).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")

    @contextlib.contextmanager
    def _server(self, poort: int, workers: int):
        bevel = [
            str(Path(sys.executable).parent / "gunicorn"),
            "jji_traject.wsgi",
            f"--bind=127.0.0.1:{poort}",
            f"--workers={workers}",
            "--log-level=warning",
        ]
        proces = subprocess.Popen(bevel, env=self._omgeving(), cwd=settings.BASE_DIR)  # noqa: S603
        try:
            for _ in range(120):
                with socket.socket() as s:
                    if s.connect_ex(("127.0.0.1", poort)) == 0:
                        break
                time.sleep(0.5)
            else:
                raise CommandError("gunicorn kwam niet op.")
            self.stdout.write(f"gunicorn: {workers} workers op 127.0.0.1:{poort}")
            yield f"http://127.0.0.1:{poort}"
        finally:
            proces.send_signal(signal.SIGTERM)
            proces.wait(timeout=30)

    @staticmethod
    def _omgeving() -> dict[str, str]:
        omgeving = dict(os.environ)
        omgeving.update(
            {
                "TWEE_FACTOR": "uit",
                "PAGINA_LIMIET": "1000000/min",
                "DEBUG": "false",
                "ALLOWED_HOSTS": "127.0.0.1",
                "SECURE_SSL_REDIRECT": "false",
                "CELERY_TASK_ALWAYS_EAGER": "true",
            }
        )
        return omgeving

    def _locust(self, host, aantal, denktijd, duur, alleen_gezondheid=False, meten=True) -> dict:
        map_ = tempfile.mkdtemp(prefix="belasting-")
        omgeving = dict(os.environ)
        omgeving.update(
            {
                "BELASTING_ROLLEN": ",".join(ROLLEN),
                "BELASTING_WACHTWOORD": settings.DEMO_PASSWORD,
                "BELASTING_DENKTIJD": "1" if denktijd else "0",
                "BELASTING_ALLEEN_GEZONDHEID": "1" if alleen_gezondheid else "0",
                # The people's runs count from when the last has signed in (the locustfile
                # resets the figures then and ends the run duur seconds later); the health
                # check, with no sign-in, from when everyone has started.
                "BELASTING_MEETDUUR": "" if alleen_gezondheid else str(duur),
                "BELASTING_INLOGGEN_HOOGSTENS": str(INLOGGEN_HOOGSTENS),
            }
        )
        # The cap past the sign-ins and the window; a run reaching it measured less than duur.
        looptijd = duur if alleen_gezondheid else duur + INLOGGEN_HOOGSTENS + 30
        voor = resource.getrusage(resource.RUSAGE_CHILDREN)
        begin = time.perf_counter()
        subprocess.run(  # noqa: S603
            [
                str(Path(sys.executable).parent / "locust"),
                "-f",
                str(LOCUSTFILE),
                "--headless",
                f"--users={aantal}",
                # People start a few a second (each signs in: a password hash), and the figures
                # count from when all are in: the steady state, not the sign-in burst.
                f"--spawn-rate={min(aantal, AANLOOP_PER_SECONDE)}",
                *(["--reset-stats"] if alleen_gezondheid else []),
                f"--run-time={looptijd}s",
                f"--host={host}",
                f"--csv={map_}/uit",
                "--only-summary",
                "--loglevel=ERROR",
            ],
            env=omgeving,
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        na = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (na.ru_utime - voor.ru_utime + na.ru_stime - voor.ru_stime) / (time.perf_counter() - begin)
        with open(f"{map_}/uit_stats.csv", newline="") as bestand:
            rijen = {rij["Name"]: rij for rij in csv.DictReader(bestand)}
        shutil.rmtree(map_, ignore_errors=True)
        if meten and int(rijen.get("inloggen", {}).get("Request Count") or 0):
            raise CommandError(
                f"Na {INLOGGEN_HOOGSTENS} s waren nog niet alle {aantal} mensen ingelogd (of een inlog mislukte): "
                "de meting begon niet."
            )
        return {"rijen": rijen, "cpu": cpu}

    def _tabel(self, opties, uitkomsten, gezondheid, plafond) -> None:
        from trajecten.models import Traject

        w = self.stdout.write
        w("")
        w(
            f"machine: {os.cpu_count()} cores; PostgreSQL {connection.pg_version // 10000}, "
            f"{Traject.objects.count()} trajecten; gunicorn {opties['workers']} workers; locust 1 proces; "
            f"{opties['duur']} s per run na opwarmen (iedereen ingelogd en {OPWARMEN_SECONDEN} s), "
            f"{AANLOOP_PER_SECONDE} mensen per seconde "
            "erbij, cijfers vanaf dat iedereen ingelogd is (de gezondheidscheck: begonnen is); "
            "TWEE_FACTOR=uit (alleen wachtwoord), paginalimiet opgeheven"
        )
        for naam, uitkomst in uitkomsten.items():
            rijen = uitkomst["rijen"]
            totaal = rijen["Aggregated"]
            w(
                f"\n{naam}: {float(totaal['Requests/s']):.1f} verzoeken/s, {totaal['Failure Count']} fouten "
                f"van {totaal['Request Count']}; locust gebruikte {uitkomst['cpu']:.2f} core"
            )
            w(f"   {'pagina':<24} {'p50':>7} {'p95':>7} {'p99':>7}   (ms)")
            for pagina in PAGINAS:
                if pagina in rijen:
                    rij = rijen[pagina]
                    w(f"   {pagina:<24} {rij['50%']:>7} {rij['95%']:>7} {rij['99%']:>7}")
        g = gezondheid["rijen"]["Aggregated"]
        g_rps = float(g["Requests/s"])
        w(
            f"\ngezondheidscheck alleen, {plafond} gebruikers zonder denktijd: {g_rps:.1f} verzoeken/s, "
            f"p50 {g['50%']} ms, p95 {g['95%']} ms, {g['Failure Count']} fouten; locust {gezondheid['cpu']:.2f} core"
        )
        zonder = uitkomsten[f"{plafond} gebruikers, zonder denktijd"]["rijen"]["Aggregated"]
        fractie = float(zonder["Requests/s"]) / g_rps if g_rps else 0
        oordeel = "ok" if fractie >= 0.2 else "ONDER HET DOEL"
        w(f"gemengd zonder denktijd / gezondheidscheck: {fractie:.0%} (doel >= 20%) {oordeel}")
        met = uitkomsten[f"{plafond} gebruikers, met denktijd"]["rijen"]
        p95 = max((int(float(met[p]["95%"])) for p in PAGINAS if p in met), default=0)
        fouten = int(met["Aggregated"]["Failure Count"])
        w(
            f"{plafond} gebruikers met denktijd: {fouten} fouten (doel 0), hoogste p95 {p95} ms (doel <= 300) "
            f"{'ok' if fouten == 0 and p95 <= 300 else 'BOVEN HET DOEL'}"
        )
