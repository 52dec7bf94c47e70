"""Binding a person to their account at the single sign-on provider (``netwerk.sso``).

A person is known to single sign-on by (issuer, subject) on their Medewerker. The first time,
an e-mail address the provider verified binds the one person with that address to the subject,
once; single sign-on never creates a person, never grants a rol and never moves a binding.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..constants import GebeurtenisSoort, Rol
from ..models import Medewerker
from .accountlog import gebeurtenis_vastleggen


class Geweigerd(Exception):
    """Single sign-on refused; ``reden`` is a short code for the security log (never shown)."""

    def __init__(self, reden: str, gebruikersnaam: str | None = None):
        super().__init__(reden)
        self.reden = reden
        self.gebruikersnaam = gebruikersnaam


@transaction.atomic
def medewerker_sso_koppelen(*, issuer: str, subject: str, email: str, naam_dienst: str, verzoek=None) -> Medewerker:
    """Bind the subject to the one active person (not a system account) whose address is
    ``email``, when that person is not bound to a subject yet. The caller has checked that the
    provider verified the address. Raises :class:`Geweigerd` for no one, more than one, or a
    person already bound elsewhere; on record in the account log."""
    kandidaten = list(
        Medewerker.objects.select_for_update()
        .select_related("user", "organisatie")
        .filter(user__email__iexact=email, user__is_active=True)
        .exclude(rol=Rol.SYSTEEM)[:2]
    )
    if not kandidaten:
        raise Geweigerd("unknown_person", email)
    if len(kandidaten) > 1:
        raise Geweigerd("ambiguous_email", email)
    medewerker = kandidaten[0]
    if medewerker.sso_subject:
        # Bound to another subject (or another provider): a binding is never moved by sign-in.
        raise Geweigerd("bound_to_other_subject", medewerker.user.get_username())
    medewerker.sso_issuer = issuer
    medewerker.sso_subject = subject
    try:
        medewerker.full_clean()
    except ValidationError as fout:
        raise Geweigerd("binding_invalid", medewerker.user.get_username()) from fout
    medewerker.save(update_fields=["sso_issuer", "sso_subject"])
    gebeurtenis_vastleggen(
        soort=GebeurtenisSoort.SSO_GEKOPPELD,
        actor=medewerker.user,
        medewerker=medewerker,
        omschrijving=_("Gekoppeld aan het account bij %(dienst)s, via het geverifieerde e-mailadres.")
        % {"dienst": naam_dienst},
        verzoek=verzoek,
    )
    return medewerker
