"""Create or update the database roles of a PostgreSQL installation: the owner (runs the
migrations), the app (may only read and append to the logs) and the retention role (owns the
functions that delete log rows older than five years). See ``jji_traject/databaserollen.py``
and README, "Database roles".

Connects with ``DATABASE_URL`` as a superuser, at installation and after each ``migrate``.
The passwords come from ``DB_WACHTWOORD_EIGENAAR`` and ``DB_WACHTWOORD_APP`` (required) and
``DB_WACHTWOORD_BEWAARTERMIJN`` (optional: without it the retention role cannot log in).
"""

from __future__ import annotations

from django.core.management import BaseCommand, CommandError
from django.db import connection

from jji_traject import databaserollen


class Command(BaseCommand):
    help = "Maak of werk de databaserollen bij (eigenaar, app, bewaartermijn); verbindt als superuser."

    def add_arguments(self, parser):
        standaard = databaserollen.Rollen()
        parser.add_argument("--eigenaar", default=standaard.eigenaar, help="naam van de eigenaarsrol (migraties)")
        parser.add_argument("--app", default=standaard.app, help="naam van de rol van web, worker en beat")
        parser.add_argument(
            "--bewaartermijn", default=standaard.bewaartermijn, help="naam van de rol van de opschoonfuncties"
        )

    def handle(self, *args, **opties):
        if connection.vendor != "postgresql":
            self.stdout.write(f"Geen databaserollen op {connection.vendor}: niets te doen.")
            return
        try:
            rollen = databaserollen.Rollen(opties["eigenaar"], opties["app"], opties["bewaartermijn"])
        except ValueError as fout:
            raise CommandError(str(fout)) from fout
        wachtwoorden = databaserollen.wachtwoorden()
        for rol in ("eigenaar", "app"):
            if not wachtwoorden[rol]:
                raise CommandError(
                    f"Zet {databaserollen.WACHTWOORD_VARIABELEN[rol]}: de rol {getattr(rollen, rol)} "
                    "krijgt geen standaardwachtwoord."
                )
        with connection.cursor() as cursor:
            if not databaserollen.is_superuser(cursor):
                raise CommandError("db_rollen maakt rollen en wijzigt eigenaars: verbind (DATABASE_URL) als superuser.")
        for regel in databaserollen.inrichten(connection, rollen, wachtwoorden):
            self.stdout.write(regel)
        self.stdout.write(self.style.SUCCESS("Databaserollen bijgewerkt."))
