"""Fictional demo data: one regio with its partners, demo users and about a dozen youths.

Idempotent: running it twice changes nothing. Every name here is invented. Later issues
extend the demo story (``demo/``); the usernames in ``demo.regio`` never change.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo import schaal
from demo.bewaren import oud_traject_aanmaken
from demo.jongeren import JONGEREN
from demo.monitor import cohorten_genereren
from demo.regio import (
    AANVRAAG,
    DEMO_TOTP_SLEUTEL,
    GEBRUIKERS,
    ORGANISATIES,
    VERBINDINGSOFFICIEREN,
    accountaanvraag_klaarzetten,
    gebruikers_aanmaken,
    logonderzoek_klaarzetten,
    netwerkkaart_vullen,
    organisaties_aanmaken,
    routekaart_invullen,
    tweede_factor_klaarzetten,
    vreemde_personen,
)
from demo.trajecten import traject_aanmaken
from dossier.services_stand import standen_bijwerken
from netwerk.constants import Rol


def weigering_voor_deze_database() -> str | None:
    """Why the demo data, with its known password and fixed second-factor secret, may not go into
    this database (a back door anywhere real): with DEBUG off only a benchmark database (its
    name ends in ``_bench``), and never one that holds people the demo did not make."""
    naam = Path(str(settings.DATABASES["default"]["NAME"])).stem
    if not settings.DEBUG and not naam.endswith("_bench"):
        return (
            "demo_data weigert: DEBUG staat uit en de database heet geen *_bench. De demogegevens hebben een "
            "bekend wachtwoord en een vaste sleutel voor de tweede factor; ze horen alleen in een lokale of "
            "benchmarkdatabase."
        )
    vreemd = vreemde_personen()
    if vreemd:
        return (
            f"demo_data weigert: deze database heeft {vreemd} gebruiker(s) die niet van de demo zijn (een "
            "gebruikersnaam buiten de demo en een e-mailadres buiten example.org). De demo zet een bekend "
            "wachtwoord en een vaste sleutel voor de tweede factor: gebruik een lege database (lokaal: make clean)."
        )
    return None


class Command(BaseCommand):
    help = (
        "Fictieve demogegevens: een regio, partners, demogebruikers en een twaalftal jongeren (idempotent). "
        "Met --trajecten N en --raadplegingen M daarbij N extra fictieve trajecten en M regels in het "
        "raadplegingenlog (voor de benchmark). De regio krijgt ook fictieve cohorten voor de regionale monitor, "
        "bij een tweede JJI die geen demogebruiker ziet, en een traject dat drie jaar geleden is afgesloten (voor "
        "manage.py bewaartermijnen; --zonder-cohorten laat beide weg)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--trajecten", type=int, default=0, help="extra fictieve trajecten (bulk)")
        parser.add_argument("--raadplegingen", type=int, default=0, help="extra regels in het raadplegingenlog")
        parser.add_argument(
            "--zonder-cohorten",
            action="store_true",
            dest="zonder_cohorten",
            help="zonder de fictieve cohorten van de monitor en het oude traject (de tests: sneller)",
        )

    def handle(self, *args, **options):
        if options["trajecten"] < 0 or options["raadplegingen"] < 0:
            raise CommandError("--trajecten en --raadplegingen zijn aantallen van 0 of meer.")
        weigering = weigering_voor_deze_database()
        if weigering:
            raise CommandError(weigering)
        with transaction.atomic():
            organisaties = organisaties_aanmaken()
            gebruikers = gebruikers_aanmaken(organisaties)
            tweede_factor_klaarzetten(gebruikers)
            routekaart_invullen(organisaties["jji"].regio, gebruikers["beheerder"])
            netwerkkaart_vullen(organisaties, gebruikers["beheerder"])
            accountaanvraag_klaarzetten(organisaties, gebruikers["beheerder"])
            nieuw = sum(traject_aanmaken(j, organisaties, gebruikers) for j in JONGEREN)
            logonderzoek_klaarzetten(gebruikers)
            if not options["zonder_cohorten"]:
                nieuw += cohorten_genereren(organisaties["jji"].regio, actor=gebruikers["beheerder"])
                # Closed three years ago: a run of the retention schedule has something to do.
                nieuw += oud_traject_aanmaken(organisaties, gebruikers)
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
        # The monitor's derived figures of each released youth (nightly in production).
        standen_bijwerken()
        self.stdout.write(self.style.SUCCESS(f"Demogegevens klaar ({nieuw} nieuwe trajecten)."))
        self.stdout.write(f"Demogebruikers (wachtwoord: {settings.DEMO_PASSWORD}):")
        for naam, (org, rol, *_rest) in GEBRUIKERS.items():
            extra = " · verbindingsofficier" if naam in VERBINDINGSOFFICIEREN.values() else ""
            self.stdout.write(f"  {naam:<20} {Rol(rol).label}, {ORGANISATIES[org][0]}{extra}")
        self.stdout.write(
            f"Tweede factor (TWEE_FACTOR={settings.TWEE_FACTOR}): elke demogebruiker heeft een authenticator-app "
            f"met de fictieve demosleutel {DEMO_TOTP_SLEUTEL}. Zet die sleutel in een authenticator-app, of maak "
            f"een code met: python3 -c \"import pyotp; print(pyotp.TOTP('{DEMO_TOTP_SLEUTEL}').now())\""
        )
        self.stdout.write(
            f"Een accountaanvraag wacht: {AANVRAAG['gebruikersnaam']} ({Rol(AANVRAAG['rol']).label}, "
            f"{ORGANISATIES[AANVRAAG['organisatie']][0]}), aangevraagd door beheerder; verbindingsofficier beslist."
        )
