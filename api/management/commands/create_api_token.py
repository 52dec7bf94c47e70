"""A new API token for a person or a system account: printed once, stored hashed (knox),
expiring after API_TOKEN_DAGEN days (or --dagen), revocable with --intrekken."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from knox.models import AuthToken


class Command(BaseCommand):
    help = "Maak een API-token voor een gebruiker (persoon of systeemaccount) en toon het één keer."

    def add_arguments(self, parser):
        parser.add_argument("gebruikersnaam")
        parser.add_argument("--dagen", type=int, default=None, help="geldigheid in dagen (standaard API_TOKEN_DAGEN)")
        parser.add_argument("--intrekken", action="store_true", help="trek alle tokens van deze gebruiker in")

    def handle(self, *args, gebruikersnaam, dagen, intrekken, **options):
        user = get_user_model().objects.filter(username=gebruikersnaam, is_active=True).first()
        if user is None or not hasattr(user, "medewerker"):
            raise CommandError(f"Geen actieve medewerker of systeemaccount met de gebruikersnaam {gebruikersnaam!r}.")
        if intrekken:
            aantal, _ = AuthToken.objects.filter(user=user).delete()
            self.stdout.write(f"{aantal} token(s) van {gebruikersnaam} ingetrokken.")
            return
        dagen = settings.API_TOKEN_DAGEN if dagen is None else dagen
        if not 1 <= dagen <= 366:
            raise CommandError("--dagen ligt tussen 1 en 366.")
        instantie, token = AuthToken.objects.create(user=user, expiry=dt.timedelta(days=dagen))
        geldig = f"{instantie.expiry:%Y-%m-%d %H:%M}"
        self.stderr.write(f"Token voor {gebruikersnaam}, geldig tot {geldig}. Bewaar het veilig:")
        self.stdout.write(token)
