"""Fictional demo data: one regio with its partners, demo users and about a dozen youths.

Idempotent: running it twice changes nothing. Every name here is invented. Later issues
extend the demo story (``demo/``); the usernames in ``demo.regio`` never change.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo import schaal
from demo.jongeren import JONGEREN
from demo.regio import (
    AANVRAAG,
    GEBRUIKERS,
    ORGANISATIES,
    VERBINDINGSOFFICIEREN,
    accountaanvraag_klaarzetten,
    gebruikers_aanmaken,
    netwerkkaart_vullen,
    organisaties_aanmaken,
    routekaart_invullen,
)
from demo.trajecten import traject_aanmaken
from netwerk.constants import Rol


class Command(BaseCommand):
    help = (
        "Fictieve demogegevens: een regio, partners, demogebruikers en een twaalftal jongeren (idempotent). "
        "Met --trajecten N en --raadplegingen M daarbij N extra fictieve trajecten en M regels in het "
        "raadplegingenlog (voor de benchmark)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--trajecten", type=int, default=0, help="extra fictieve trajecten (bulk)")
        parser.add_argument("--raadplegingen", type=int, default=0, help="extra regels in het raadplegingenlog")

    def handle(self, *args, **options):
        if options["trajecten"] < 0 or options["raadplegingen"] < 0:
            raise CommandError("--trajecten en --raadplegingen zijn aantallen van 0 of meer.")
        with transaction.atomic():
            organisaties = organisaties_aanmaken()
            gebruikers = gebruikers_aanmaken(organisaties)
            routekaart_invullen(organisaties["jji"].regio, gebruikers["beheerder"])
            netwerkkaart_vullen(organisaties, gebruikers["beheerder"])
            accountaanvraag_klaarzetten(organisaties, gebruikers["beheerder"])
            nieuw = sum(traject_aanmaken(j, organisaties, gebruikers) for j in JONGEREN)
        if options["trajecten"]:
            nieuw += schaal.trajecten_genereren(
                options["trajecten"],
                jji=organisaties["jji"],
                school=organisaties["school"],
                mbo=organisaties["mbo"],
                actor=gebruikers["coordinator"],
            )
        if options["raadplegingen"]:
            schaal.raadplegingen_genereren(
                options["raadplegingen"], lezer=gebruikers["mbo-intake"], organisatie=organisaties["mbo"]
            )
            self.stdout.write(f"{options['raadplegingen']} raadplegingen toegevoegd.")
        self.stdout.write(self.style.SUCCESS(f"Demogegevens klaar ({nieuw} nieuwe trajecten)."))
        self.stdout.write(f"Demogebruikers (wachtwoord: {settings.DEMO_PASSWORD}):")
        for naam, (org, rol, *_rest) in GEBRUIKERS.items():
            extra = " · verbindingsofficier" if naam in VERBINDINGSOFFICIEREN.values() else ""
            self.stdout.write(f"  {naam:<20} {Rol(rol).label}, {ORGANISATIES[org][0]}{extra}")
        self.stdout.write(
            f"Een accountaanvraag wacht: {AANVRAAG['gebruikersnaam']} ({Rol(AANVRAAG['rol']).label}, "
            f"{ORGANISATIES[AANVRAAG['organisatie']][0]}), aangevraagd door beheerder; verbindingsofficier beslist."
        )
