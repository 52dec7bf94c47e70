"""Derive who sees every traject again and compare with the visibility rows of the lists
(``toegang.Zicht``); ``--herstellen`` derives the drifted trajecten again. Exit status 1 when a
drift was found and not repaired, so a deployment check can use it. Nightly as
``toegang.tasks.zicht_controleren`` (with repair)."""

from __future__ import annotations

from django.core.management import BaseCommand

from toegang import policy


class Command(BaseCommand):
    help = "Controleer de zichtbaarheid van de lijsten tegen de afgeleide rechten; --herstellen leidt opnieuw af."

    def add_arguments(self, parser):
        parser.add_argument("--herstellen", action="store_true", help="leid de afwijkende trajecten opnieuw af")

    def handle(self, *args, **opties):
        trajecten, rijen = policy.zicht_controleren(herstellen=opties["herstellen"])
        if not trajecten:
            self.stdout.write("Zichtbaarheid klopt: geen afwijkingen.")
            return
        if opties["herstellen"]:
            self.stdout.write(f"{trajecten} traject(en) met {rijen} afwijkende regel(s) opnieuw afgeleid.")
            return
        self.stderr.write(f"{trajecten} traject(en) met {rijen} afwijkende regel(s); herstel met --herstellen.")
        raise SystemExit(1)
