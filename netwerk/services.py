"""Writes on people and organisations. The admin of the functioneel beheerder saves
through these too, so groups and object permissions follow every change."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from toegang import policy
from trajecten.models import Toewijzing, Traject

from .constants import Rol
from .models import Medewerker, Organisatie, Regio

User = get_user_model()


@transaction.atomic
def regio_opslaan(*, actor, regio: Regio) -> Regio:
    regio.full_clean()
    regio.save()
    return regio


@transaction.atomic
def organisatie_opslaan(*, actor, organisatie: Organisatie) -> Organisatie:
    """Create or change an organisation; its verbindingsofficier group follows the designation."""
    organisatie.full_clean()
    organisatie.save()
    policy.verbindingsofficier_groep_bijwerken(organisatie)
    if organisatie.verbindingsofficier_id:
        policy.medewerker_groepen_bijwerken(organisatie.verbindingsofficier)
    return organisatie


@transaction.atomic
def verbindingsofficier_aanwijzen(*, actor, organisatie: Organisatie, medewerker: Medewerker | None) -> Organisatie:
    """Designate (or clear, with None) the one verbindingsofficier of an organisation."""
    organisatie.verbindingsofficier = medewerker
    return organisatie_opslaan(actor=actor, organisatie=organisatie)


@transaction.atomic
def medewerker_opslaan(
    *,
    actor,
    gebruikersnaam: str,
    voornaam: str,
    achternaam: str,
    email: str,
    organisatie: Organisatie,
    rol: str,
    functietitel: str = "",
    telefoon: str = "",
    actief: bool = True,
    wachtwoord: str | None = None,
    medewerker: Medewerker | None = None,
) -> Medewerker:
    """Create or change a person (Django user + profile) and put them in their groups.

    Moving to another organisation ends their assignments and a designation at the old one;
    deactivating closes every door at once. People are never deleted.
    """
    user = medewerker.user if medewerker else User(username=gebruikersnaam)
    oude_organisatie = medewerker.organisatie if medewerker else None
    user.username = gebruikersnaam
    user.first_name, user.last_name, user.email, user.is_active = voornaam, achternaam, email, actief
    user.is_staff = rol == Rol.BEHEERDER  # only the beheerder uses the admin
    if wachtwoord:
        user.set_password(wachtwoord)
    elif not user.pk:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()

    profiel = medewerker or Medewerker(user=user)
    profiel.organisatie, profiel.rol, profiel.functietitel, profiel.telefoon = (
        organisatie,
        rol,
        functietitel,
        telefoon,
    )
    profiel.full_clean()
    profiel.save()

    geraakt = Traject.objects.filter(toewijzingen__medewerker=profiel)
    if oude_organisatie is not None and oude_organisatie.pk != organisatie.pk:
        if oude_organisatie.verbindingsofficier_id == profiel.pk:
            verbindingsofficier_aanwijzen(actor=actor, organisatie=oude_organisatie, medewerker=None)
        geraakte_ids = list(geraakt.values_list("pk", flat=True))
        Toewijzing.objects.filter(medewerker=profiel).delete()
        geraakt = Traject.objects.filter(pk__in=geraakte_ids)
    if not actief and organisatie.verbindingsofficier_id == profiel.pk:
        verbindingsofficier_aanwijzen(actor=actor, organisatie=organisatie, medewerker=None)
    policy.medewerker_groepen_bijwerken(profiel)
    policy.rechten_afleiden(geraakt)
    return profiel


def controleer_wachtwoord(wachtwoord: str, user) -> None:
    from django.contrib.auth.password_validation import validate_password

    try:
        validate_password(wachtwoord, user)
    except ValidationError as fout:
        raise ValidationError({"wachtwoord": fout.messages}) from fout
