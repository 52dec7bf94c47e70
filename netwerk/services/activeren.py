"""Activating an approved account: the one-time link by mail, its refusals, and the person
choosing their own password (the second factor will be enrolled here too)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _

from jji_traject import uitbox

from .. import activatie
from ..constants import GebeurtenisSoort, Rol
from ..models import Medewerker
from .accountlog import beschrijving, gebeurtenis_vastleggen
from .beheer import _mag_beheren

User = get_user_model()


def _activatie_voorbereiden(*, actor, medewerker: Medewerker, verzoek=None) -> None:
    """A fresh unusable password (so every older link dies) and the link by mail once the
    transaction stands."""
    from ..tasks import activatielink_mailen

    user = medewerker.user
    user.set_unusable_password()
    user.save(update_fields=["password"])
    uitbox.plannen(activatielink_mailen, user.pk)
    gebeurtenis_vastleggen(
        soort=GebeurtenisSoort.LINK_VERSTUURD,
        actor=actor,
        medewerker=medewerker,
        omschrijving=_("Activatielink verstuurd naar %(email)s (%(uren)d uur geldig).")
        % {"email": user.email, "uren": activatie.GELDIG.total_seconds() // 3600},
        verzoek=verzoek,
    )


@transaction.atomic
def activatielink_versturen(*, actor, medewerker: Medewerker, verzoek=None) -> None:
    """Send a new activation link (the old one expired or got lost) to a person who has not
    chosen a password yet: the beheerder of the regio does, or a superuser. It goes to the
    approved e-mail address only, so it hands the account to nobody else."""
    medewerker = Medewerker.objects.select_related("organisatie__regio", "user").get(pk=medewerker.pk)
    _mag_beheren(actor, medewerker.organisatie.regio)
    if medewerker.rol == Rol.SYSTEEM:
        raise ValidationError(_("Een systeemaccount heeft geen wachtwoord en dus geen activatielink."))
    if not medewerker.user.is_active:
        raise ValidationError(_("Deze medewerker staat uit: vraag eerst een heractivering aan."))
    if medewerker.user.has_usable_password():
        raise ValidationError(_("Deze medewerker heeft al een eigen wachtwoord gekozen."))
    _activatie_voorbereiden(actor=actor, medewerker=medewerker, verzoek=verzoek)


def activatiemail_versturen(user_id: int) -> bool:
    """Mail the activation link (called by the task). Neutral: no youth data, no justice
    context. Nothing to send for an account that is off or already has a password."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or user.has_usable_password() or not user.email:
        return False
    link = settings.SITE_URL + activatie.activatielink(user)
    uren = int(activatie.GELDIG.total_seconds() // 3600)
    send_mail(
        subject=_("Kies je wachtwoord"),
        message="\n".join(
            [
                _("Goedendag %(naam)s,") % {"naam": user.first_name or user.username},
                "",
                _("Er is een account voor je klaargezet met de gebruikersnaam %(gebruikersnaam)s.")
                % {"gebruikersnaam": user.username},
                _("Kies binnen %(uren)d uur je eigen wachtwoord via deze link (hij werkt één keer):") % {"uren": uren},
                link,
                "",
                _("Verwachtte je deze mail niet? Klik dan niet en laat het je organisatie weten."),
            ]
        ),
        from_email=None,
        recipient_list=[user.email],
        fail_silently=False,
    )
    return True


def activatie_weigeren(*, user, weigering: str, verzoek=None) -> None:
    """Record a refused activation link (used, replaced, expired or made up)."""
    medewerker = Medewerker.objects.select_related("organisatie").filter(user=user).first() if user else None
    gebeurtenis_vastleggen(
        soort=GebeurtenisSoort.ACTIVATIE_GEWEIGERD,
        actor=None,
        medewerker=medewerker,
        omschrijving=_("Activatielink geweigerd: %(reden)s.")
        % {"reden": _("verlopen") if weigering == activatie.VERLOPEN else _("al gebruikt, vervangen of onjuist")},
        verzoek=verzoek,
    )


@transaction.atomic
def account_activeren(*, user, token: str, wachtwoord: str, verzoek=None):
    """The person chooses their own password with a valid activation link; the link dies with
    it (the token is bound to the password hash). Checked again under a lock, so two tabs
    cannot both use one link."""
    user = User.objects.select_for_update().get(pk=user.pk)
    weigering = activatie.tokens.weigering(user, token)
    if weigering is not None:
        raise ValidationError(_("Deze activatielink is niet meer geldig."), code=weigering)
    validate_password(wachtwoord, user)
    user.set_password(wachtwoord)
    user.save(update_fields=["password"])
    medewerker = Medewerker.objects.select_related("organisatie", "user").filter(user=user).first()
    gebeurtenis_vastleggen(
        soort=GebeurtenisSoort.GEACTIVEERD,
        actor=user,
        medewerker=medewerker,
        omschrijving=_("%(wie)s koos een eigen wachtwoord.") % {"wie": beschrijving(medewerker)}
        if medewerker
        else _("Eigen wachtwoord gekozen."),
        verzoek=verzoek,
    )
    return user
