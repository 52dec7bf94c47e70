"""A lost or broken device: the second factor is reset only through four eyes.

A beheerder of the regio asks; a second person approves (the same people as for any account
request: the organisation's verbindingsofficier or zorgcoördinator, else another beheerder of
the regio; never the requester, never the person it is about). On approval every factor of the
person is wiped, their password too (every session ends), and an activation link goes to the
approved address: there they choose a new password and enrol a new factor.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jji_traject import beveiliging

from ..constants import AanvraagSoort, AanvraagStatus, GebeurtenisSoort, Rol
from ..models import Accountaanvraag, Medewerker
from . import tweefactor
from .accountlog import beoordelaars_melden, beschrijving, gebeurtenis_vastleggen
from .activeren import _activatie_voorbereiden
from .beheer import _mag_beheren


@transaction.atomic
def factorherstel_aanvragen(*, actor, medewerker: Medewerker, verzoek=None) -> Accountaanvraag:
    """Ask to reset a person's second factor. Nothing changes until a second person approves."""
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied
    oud = Medewerker.objects.select_related("organisatie__regio", "user").get(pk=medewerker.pk)
    _mag_beheren(actor, oud.organisatie.regio)
    if oud.rol == Rol.SYSTEEM:
        raise ValidationError(_("Een systeemaccount heeft geen tweede factor: het gebruikt een API-token."))
    if not oud.user.is_active:
        raise ValidationError(_("Deze medewerker staat uit: vraag eerst een heractivering aan."))
    if oud.user_id == actor.pk:
        raise ValidationError(_("Je eigen tweede factor laat je herstellen door een andere functioneel beheerder."))
    if oud.accountaanvragen.filter(status=AanvraagStatus.AANGEVRAAGD).exists():
        raise ValidationError(_("Voor deze medewerker wacht al een aanvraag. Wacht op het besluit, of trek die in."))
    user = oud.user
    aanvraag = Accountaanvraag(
        soort=AanvraagSoort.TWEEDE_FACTOR,
        medewerker=oud,
        gebruikersnaam=user.username,
        voornaam=user.first_name,
        achternaam=user.last_name,
        email=user.email,
        organisatie=oud.organisatie,
        rol=oud.rol,
        functietitel=oud.functietitel,
        telefoon=oud.telefoon,
        vorige_organisatie=oud.organisatie,
        vorige_rol=oud.rol,
        vorig_email=user.email,
        was_actief=True,
        aangevraagd_door=actor,
    )
    aanvraag.full_clean()
    aanvraag.save()
    gebeurtenis_vastleggen(
        soort=GebeurtenisSoort.AANGEVRAAGD,
        actor=actor,
        medewerker=oud,
        aanvraag=aanvraag,
        omschrijving=_(
            "Tweede factor opnieuw instellen gevraagd voor %(wie)s. Na goedkeuring krijgt de medewerker een "
            "activatielink op %(email)s."
        )
        % {"wie": beschrijving(oud), "email": user.email},
        verzoek=verzoek,
    )
    beoordelaars_melden(aanvraag)
    return aanvraag


def factorherstel_uitvoeren(*, actor, aanvraag: Accountaanvraag, verzoek=None) -> int:
    """The approved reset (called inside the approval's transaction): every factor and the
    password go, every session ends, an activation link goes to the approved address."""
    medewerker = Medewerker.objects.select_related("organisatie", "user").get(pk=aanvraag.medewerker_id)
    aantal = tweefactor.alles_wissen(medewerker.user)
    gebeurtenis_vastleggen(
        soort=GebeurtenisSoort.FACTOR_GEWIST,
        actor=actor,
        medewerker=medewerker,
        aanvraag=aanvraag,
        omschrijving=_("Tweede factor van %(wie)s gewist (%(aantal)d), wachtwoord ongeldig gemaakt.")
        % {"wie": beschrijving(medewerker), "aantal": aantal},
        verzoek=verzoek,
    )
    beveiliging.vastleggen(
        "otp_reset",
        request=verzoek,
        username=actor.get_username(),
        user_id=actor.pk,
        target_username=medewerker.user.get_username(),
        target_user_id=medewerker.user_id,
    )
    _activatie_voorbereiden(actor=actor, medewerker=medewerker, verzoek=verzoek)
    return aantal
