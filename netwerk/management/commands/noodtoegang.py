"""Break-glass: Django's createsuperuser, with a reason, on record in the account log.

A superuser can do what four eyes otherwise prevent (save a person at once, set a password in
Django's user admin), so making one is an event: who it is, when, and why. Use it when the
four-eyes path cannot work — the first beheerder of a new regio, or nobody left to approve —
and switch the account off again afterwards (README, "Break-glass").
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.management.commands import createsuperuser
from django.core.management import CommandError

from netwerk.constants import GebeurtenisSoort
from netwerk.services.accountlog import gebeurtenis_vastleggen


class Command(createsuperuser.Command):
    help = "Maak een superuser voor noodgevallen (break-glass); de reden komt in het accountlog."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--reden", required=True, help="waarom er een superuser nodig is (komt in het accountlog)")

    def handle(self, *args, **options):
        reden = options.pop("reden").strip()
        if not reden:
            raise CommandError("Geef met --reden aan waarom er een superuser nodig is.")
        User = get_user_model()
        bestaand = set(User.objects.filter(is_superuser=True).values_list("pk", flat=True))
        super().handle(*args, **options)
        for user in User.objects.filter(is_superuser=True).exclude(pk__in=bestaand):
            gebeurtenis_vastleggen(
                soort=GebeurtenisSoort.NOODTOEGANG,
                actor=None,
                omschrijving=f"Superuser {user.get_username()} aangemaakt met manage.py noodtoegang. Reden: {reden}",
            )
