"""make bench: the four ratios of the scale goals, each measured in one run on PostgreSQL.

It (re)creates its own database (its name must end in ``_bench``), fills it with fictional
data through ``demo_data --trajecten/--raadplegingen`` and prints:
1. per demo role (``demo.bench_rollen``), "Mijn trajecten", its name search and "Mijn taken",
   policy-filtered against the same list without the policy's filter, one page each
   (goal <= 1.25), and the worst role on a line of its own;
2. those lists at the large size against the small one (goal <= 1.2);
3. the dossier page with the large log against an (almost) empty log (goal <= 1.1);
4. a save through the service (onderwijsinformatie) with history against one without
   (goal <= 1.3);
5. the young person's list ("Wie heeft jouw gegevens bekeken?", Noah's) after a flood of
   10,000 refused requests by one actor against the same page before it, in bytes
   (goal <= 2), with the page times and the time to make its PDF after the flood;
6. the regional monitor for the regiocoördinator (default: the last three years) with as many
   released young people with outcomes as trajecten, at the large size against the small one
   (goal <= 1.5), and its median at the large size (goal <= 1 s) — the page reads the nightly
   summary, so the night's run (stands and counts, ``monitor.tasks.cijfers_bijwerken``) is run
   first at each size and its duration printed too.
Times are the median of repeated runs after a warm-up. ``--alleen-jongerelijst`` measures
line 5 only, on the demo data.
"""

from __future__ import annotations

import statistics
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse

from demo import bench_rollen
from demo.bench_rollen import paarsgewijs as _paarsgewijs

PAGINA = 25


def _database_tijd(functie, herhalingen: int) -> float:
    """The median time spent in the database (as the driver sees it) for one call."""
    totaal = [0.0]

    def klok(execute, sql, params, many, context):
        begin = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            totaal[0] += time.perf_counter() - begin

    functie()
    tijden = []
    for _ in range(herhalingen):
        totaal[0] = 0.0
        with connection.execute_wrapper(klok):
            functie()
        tijden.append(totaal[0])
    return max(statistics.median(tijden), 1e-6)


def _meten(functie, herhalingen: int) -> float:
    functie()  # warm-up
    tijden = []
    for _ in range(herhalingen):
        begin = time.perf_counter()
        functie()
        tijden.append(time.perf_counter() - begin)
    return statistics.median(tijden)


def _aangemeld(user) -> Client:
    """A client signed in as ``user`` with the second factor done with their app device (the
    demo users have one), as the step after the password would (TWEE_FACTOR=verplicht)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    apparaat = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    if apparaat is not None:
        sessie = client.session
        sessie[DEVICE_ID_SESSION_KEY] = apparaat.persistent_id
        sessie.save()
    return client


class Command(BaseCommand):
    help = "Benchmark op PostgreSQL (maakt een eigen database *_bench): vier verhoudingen van de schaaldoelen."

    def add_arguments(self, parser):
        parser.add_argument("--klein", type=int, default=10_000)
        parser.add_argument("--groot", type=int, default=100_000)
        parser.add_argument("--raadplegingen", type=int, default=1_000_000)
        parser.add_argument("--herhalingen", type=int, default=30)
        parser.add_argument("--vloed", type=int, default=10_000, help="geweigerde verzoeken voor regel 5")
        parser.add_argument("--alleen-jongerelijst", action="store_true", help="alleen regel 5, op de demodata")

    def handle(self, *args, **opties):
        instellingen = settings.DATABASES["default"]
        if connection.vendor != "postgresql" or not str(instellingen["NAME"]).endswith("_bench"):
            raise CommandError("De benchmark draait op PostgreSQL, in een database waarvan de naam eindigt op _bench.")
        if not 0 < opties["klein"] < opties["groot"]:
            raise CommandError("--klein moet groter dan 0 en kleiner dan --groot zijn.")
        self._database_opnieuw(instellingen)
        call_command("migrate", verbosity=0)
        herhalingen = opties["herhalingen"]
        start = time.perf_counter()
        if opties["alleen_jongerelijst"]:
            self._vullen()
            for naam, waarde in self._jongerelijst(opties["vloed"], herhalingen):
                self.stdout.write(f"{naam:<56} {waarde}")
            self.stdout.write(f"{'duur':<52} {time.perf_counter() - start:.0f} s")
            return

        self._vullen(trajecten=opties["klein"])
        self._cohorten(opties["klein"])
        vo = get_user_model().objects.get(username="verbindingsofficier")
        rollen_klein = bench_rollen.meten(herhalingen)
        regio = _aangemeld(get_user_model().objects.get(username="regio"))
        nacht_klein = self._nacht()
        monitor_klein = _meten(lambda: self._monitor(regio), max(herhalingen // 3, 3))

        self._vullen(trajecten=opties["groot"] - opties["klein"])
        self._cohorten(opties["groot"] - opties["klein"])
        rollen_groot = bench_rollen.meten(herhalingen)
        nacht_groot = self._nacht()
        monitor_groot = _meten(lambda: self._monitor(regio), max(herhalingen // 3, 3))
        dossier_leeg = _meten(lambda: self._dossierpagina(vo), herhalingen * 3)
        met, zonder = self._opslaan(herhalingen)

        self._vullen(raadplegingen=opties["raadplegingen"])
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        dossier_vol = _meten(lambda: self._dossierpagina(vo), herhalingen * 3)
        # Last: the flood stays in the log (append-only), after every other measurement.
        jongerelijst = self._jongerelijst(opties["vloed"], herhalingen)

        from toegang.models import Raadpleging
        from trajecten.models import Traject

        regels = [
            (
                "machine",
                f"PostgreSQL {connection.pg_version // 10000}, {Traject.objects.count()} trajecten, "
                f"{Raadpleging.objects.count()} raadplegingen, {herhalingen} herhalingen (mediaan)",
            ),
            ("1-2. per rol: Mijn trajecten, zoeken, Mijn taken", ""),
            *bench_rollen.regels(rollen_klein, rollen_groot),
            ("3. dossierpagina vol log / leeg log", self._verhouding(dossier_vol, dossier_leeg, 1.1)),
            ("4. opslaan met / zonder geschiedenis", self._verhouding(met, zonder, 1.3)),
            *jongerelijst,
            ("6. monitor (regiocoördinator), groot / klein", self._verhouding(monitor_groot, monitor_klein, 1.5)),
            (
                "   monitor, mediaan groot",
                f"{monitor_groot * 1000:.0f} ms (doel <= 1000 ms) {'ok' if monitor_groot <= 1 else 'BOVEN HET DOEL'}",
            ),
            ("   nachtelijke run (standen en cijfers), groot / klein", f"{nacht_groot:.1f} s / {nacht_klein:.1f} s"),
            ("duur", f"{time.perf_counter() - start:.0f} s"),
        ]
        for naam, waarde in regels:
            self.stdout.write(f"{naam:<56} {waarde}")

    @staticmethod
    def _verhouding(a: float, b: float, doel: float) -> str:
        verhouding = a / b
        oordeel = "ok" if verhouding <= doel else "BOVEN HET DOEL"
        return f"{verhouding:.2f}  ({a * 1000:.1f} ms / {b * 1000:.1f} ms; doel <= {doel}) {oordeel}"

    def _database_opnieuw(self, instellingen) -> None:
        import psycopg
        from psycopg import sql

        naam = instellingen["NAME"]
        connections.close_all()
        with psycopg.connect(
            dbname="postgres",
            user=instellingen.get("USER") or None,
            password=instellingen.get("PASSWORD") or None,
            host=instellingen.get("HOST") or None,
            port=instellingen.get("PORT") or None,
            autocommit=True,
        ) as beheer:
            beheer.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(naam)))
            beheer.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(naam)))

    def _cohorten(self, aantal: int) -> None:
        """``aantal`` young people released with outcomes, for the monitor (demo.monitor)."""
        from demo.monitor import cohorten_bijmaken
        from netwerk.models import Regio

        begin = time.perf_counter()
        beheerder = get_user_model().objects.get(username="beheerder")
        cohorten_bijmaken(Regio.objects.get(naam="Regio Lindewaard"), actor=beheerder, aantal=aantal)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(f"{aantal} vrijgelaten jongeren met uitkomsten in {time.perf_counter() - begin:.0f} s")

    @staticmethod
    def _nacht() -> float:
        """The monitor's nightly run (every stand, then every regio's counts), timed once."""
        from monitor.tasks import cijfers_bijwerken

        begin = time.perf_counter()
        cijfers_bijwerken.apply().get()
        return time.perf_counter() - begin

    def _monitor(self, client) -> None:
        with override_settings(ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False):
            antwoord = client.get(reverse("monitor:monitor"))
        if antwoord.status_code != 200 or b'id="ambitie"' not in antwoord.content:
            raise CommandError(f"De monitor gaf {antwoord.status_code} zonder cijfers.")

    def _vullen(self, **aantallen) -> None:
        begin = time.perf_counter()
        call_command("demo_data", stdout=open("/dev/null", "w"), **aantallen)  # noqa: SIM115
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(f"  gevuld {aantallen} in {time.perf_counter() - begin:.0f} s", ending="\n")

    def _jongerelijst(self, vloed: int, herhalingen: int) -> list[tuple[str, str]]:
        """Line 5: Noah's list for the youth before and after ``vloed`` refused requests by
        mbo-intake-other (bulk, within the last hour), and its PDF made after the flood."""
        from demo.schaal import vloed_genereren
        from dossier import services
        from trajecten.models import Traject

        gebruikers = get_user_model().objects
        coordinator, ander = gebruikers.get(username="coordinator"), gebruikers.get(username="mbo-intake-other")
        noah = Traject.objects.get(jongere__voornaam="Noah", jongere__achternaam="Verbeek")
        client = _aangemeld(coordinator)
        url = reverse("dossier:jongere_raadplegingen", args=[noah.pk])

        def pagina() -> int:
            with override_settings(ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False):
                antwoord = client.get(url)
            if antwoord.status_code != 200:
                raise CommandError(f"De lijst voor de jongere gaf {antwoord.status_code}.")
            return len(antwoord.content)

        zonder_bytes, zonder_tijd = pagina(), _meten(pagina, herhalingen)
        vloed_genereren(noah, actor=ander, aantal=vloed)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE toegang_raadpleging")
        met_bytes, met_tijd = pagina(), _meten(pagina, herhalingen)
        begin = time.perf_counter()
        leesoverzicht = services.leesoverzicht_aanvragen(actor=coordinator, traject=noah)  # eager: made here
        pdf_tijd = time.perf_counter() - begin
        leesoverzicht.refresh_from_db()
        oordeel = "ok" if met_bytes <= 2 * zonder_bytes else "BOVEN HET DOEL"
        return [
            (
                f"5. lijst voor de jongere met / zonder {vloed} weigeringen",
                f"{met_bytes / zonder_bytes:.2f}  ({met_bytes / 1000:.1f} kB / {zonder_bytes / 1000:.1f} kB; "
                f"doel <= 2) {oordeel}",
            ),
            ("   (tijd van de pagina)", f"{met_tijd * 1000:.1f} ms / {zonder_tijd * 1000:.1f} ms"),
            (
                "   (PDF na de vloed, op de achtergrond)",
                f"{pdf_tijd * 1000:.0f} ms, {leesoverzicht.status}, {len(leesoverzicht.bestand or b'') / 1000:.0f} kB, "
                f"{leesoverzicht.regels} regel(s)",
            ),
        ]

    def _dossierpagina(self, vo) -> None:
        from trajecten.models import Toestemming

        if not hasattr(self, "_client"):
            self._client = _aangemeld(vo)
            gedeeld = Toestemming.objects.filter(categorie="onderwijsinformatie").order_by("pk").first()
            self._url = reverse("dossier:dossier", args=[gedeeld.traject_id])
        with override_settings(ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False):
            antwoord = self._client.get(self._url)
        if antwoord.status_code != 200:
            raise CommandError(f"De dossierpagina gaf {antwoord.status_code}.")

    @staticmethod
    def _opslaan(herhalingen: int) -> tuple[float, float]:
        from dossier import services
        from dossier.models import Onderwijsinformatie

        deel = Onderwijsinformatie.objects.select_related("traject").order_by("pk").first()
        school = get_user_model().objects.get(username="jji-school")
        teller = iter(range(10**9))

        def opslaan():
            services.onderwijsinformatie_opslaan(
                actor=school, traject=deel.traject, gegevens={"leerdoelen": f"Leerdoel {next(teller)}"}
            )

        def zonder():
            Onderwijsinformatie.skip_history_when_saving = True  # simple-history skips the history row
            try:
                opslaan()
            finally:
                del Onderwijsinformatie.skip_history_when_saving

        return _paarsgewijs(opslaan, zonder, herhalingen * 3)
