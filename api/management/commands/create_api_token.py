"""A new API token for a person or a system account: printed once, stored hashed (knox),
expiring after API_TOKEN_DAGEN days (or --dagen). ``--intrekken`` ends every token of the
user (also of one who is no longer active); ``--intrekken --sleutel ABCD1234`` one token, by
the first characters that ``--lijst`` shows."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from knox.models import AuthToken

from netwerk.constants import AanvraagStatus
from netwerk.models import Accountaanvraag
from netwerk.services import api_tokens_intrekken

WACHT = (
    "Het account {naam} wacht nog op goedkeuring door een tweede persoon (Accountaanvragen): een token komt pas "
    "na goedkeuring."
)


class Command(BaseCommand):
    help = "Maak een API-token voor een gebruiker (persoon of systeemaccount) en toon het één keer."

    def add_arguments(self, parser):
        parser.add_argument("gebruikersnaam")
        parser.add_argument("--dagen", type=int, default=None, help="geldigheid in dagen (standaard API_TOKEN_DAGEN)")
        parser.add_argument("--intrekken", action="store_true", help="trek de tokens van deze gebruiker in")
        parser.add_argument("--sleutel", default="", help="met --intrekken: alleen het token met deze sleutel")
        parser.add_argument("--lijst", action="store_true", help="toon de geldige tokens (sleutel en vervaldatum)")

    def handle(self, *args, gebruikersnaam, dagen, intrekken, sleutel, lijst, **options):
        user = get_user_model().objects.filter(username=gebruikersnaam).first()
        # A system account exists only once a second person approved it (four eyes).
        wacht = Accountaanvraag.objects.filter(status=AanvraagStatus.AANGEVRAAGD, gebruikersnaam__iexact=gebruikersnaam)
        if user is None or not hasattr(user, "medewerker"):
            if wacht.exists():
                raise CommandError(WACHT.format(naam=gebruikersnaam))
            raise CommandError(f"Geen medewerker of systeemaccount met de gebruikersnaam {gebruikersnaam!r}.")
        tokens = AuthToken.objects.filter(user=user)
        if lijst:
            for token in tokens.order_by("created"):
                verloopt = f"{timezone.localtime(token.expiry):%Y-%m-%d %H:%M}" if token.expiry else "nooit"
                self.stdout.write(
                    f"{token.token_key}  aangemaakt {timezone.localtime(token.created):%Y-%m-%d}, geldig tot {verloopt}"
                )
            return
        if intrekken:
            if sleutel:
                aantal, _soorten = tokens.filter(token_key=sleutel).delete()
                if not aantal:
                    raise CommandError(f"{gebruikersnaam} heeft geen token met de sleutel {sleutel!r}.")
            else:
                aantal = api_tokens_intrekken(get_user_model().objects.filter(pk=user.pk))
            self.stdout.write(f"{aantal} token(s) van {gebruikersnaam} ingetrokken.")
            return
        if sleutel:
            raise CommandError("--sleutel hoort bij --intrekken.")
        if not user.is_active and wacht.exists():
            raise CommandError(WACHT.format(naam=gebruikersnaam))
        if not user.is_active:
            raise CommandError(f"{gebruikersnaam} is niet actief: een token zou niets openen.")
        dagen = settings.API_TOKEN_DAGEN if dagen is None else dagen
        if not 1 <= dagen <= 366:
            raise CommandError("--dagen ligt tussen 1 en 366.")
        instantie, token = AuthToken.objects.create(user=user, expiry=dt.timedelta(days=dagen))
        geldig = f"{timezone.localtime(instantie.expiry):%Y-%m-%d %H:%M}"
        self.stderr.write(
            f"Token voor {gebruikersnaam} (sleutel {instantie.token_key}), geldig tot {geldig}. Bewaar het veilig:"
        )
        self.stdout.write(token)
