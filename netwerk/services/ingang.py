"""The entrance, for a person themselves: a lockout lifted by the beheerder, one's own password
(set, reset by mail) and the mails that go with it."""

from __future__ import annotations

import ipaddress
import json
import logging
from urllib.parse import urlsplit

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Sum
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from jji_traject import inloggen, uitbox
from jji_traject.forms import WachtwoordVergetenForm, is_systeemaccount
from toegang import policy

from .. import tasks
from ..models import (
    Blokkadeopheffing,
    Medewerker,
)

User = get_user_model()
log = logging.getLogger("jji_traject.inloggen")
GEEN_WACHTWOORD_SYSTEEM = _lazy(
    "Een systeemaccount heeft geen wachtwoord: het meldt zich aan met een API-token (manage.py create_api_token)."
)


def controleer_wachtwoord(wachtwoord: str, user) -> None:
    """The password validators, their messages on the field ``wachtwoord``."""
    try:
        validate_password(wachtwoord, user)
    except ValidationError as fout:
        raise ValidationError({"wachtwoord": fout.messages}) from fout


def _tekst(waarde) -> str:
    return json.dumps(str(waarde)[:150] if waarde is not None else None, ensure_ascii=False)


@transaction.atomic
def blokkade_opheffen(*, actor, gebruikersnaam: str, ip_adres: str | None) -> Blokkadeopheffing:
    """Lift a sign-in lockout: forget the failures of ``gebruikersnaam`` from ``ip_adres``
    (without a username: of every username from the address) and keep it on record. A
    beheerder lifts those of the people of their regio; a username that is no one's and an
    address alone cannot be tied to a regio, so only a superuser lifts those."""
    medewerker = (
        Medewerker.objects.select_related("organisatie__regio").filter(user__username=gebruikersnaam).first()
        if gebruikersnaam
        else None
    )
    if actor is None or not policy.mag_regio_beheren(actor, medewerker.organisatie.regio if medewerker else None):
        raise PermissionDenied
    try:
        ip_adres = str(ipaddress.ip_address(ip_adres)) if ip_adres else None
    except ValueError:
        raise ValidationError(_("Deze blokkade is er niet meer: niemand hoeft iets op te heffen.")) from None
    if not gebruikersnaam and not ip_adres:
        raise ValidationError(_("Kies een blokkade."))
    pogingen = AccessAttempt.objects.filter(ip_address=ip_adres)
    if gebruikersnaam:
        pogingen = pogingen.filter(username=gebruikersnaam)
    aantal = pogingen.aggregate(aantal=Sum("failures_since_start"))["aantal"]
    if not aantal:
        raise ValidationError(_("Deze blokkade is er niet meer: niemand hoeft iets op te heffen."))
    pogingen.delete()
    opheffing = Blokkadeopheffing(
        opgeheven_door=actor,
        gebruikersnaam=gebruikersnaam,
        medewerker=medewerker,
        ip_adres=ip_adres,
        pogingen=aantal,
    )
    opheffing.full_clean()
    opheffing.save()
    log.warning(
        "inlogblokkade_opgeheven door=%s gebruikersnaam=%s adres=%s pogingen=%d",
        _tekst(actor.get_username()),
        _tekst(gebruikersnaam or None),
        _tekst(ip_adres),
        aantal,
    )
    return opheffing


@transaction.atomic
def eigen_wachtwoord_instellen(*, user, wachtwoord: str, via: str) -> None:
    """A person sets their own password, on the change page (``via="wijzigen"``) or through a
    reset link (``"herstellen"``); nobody sets another's here, and a system account has none.
    The validators apply. Every other session of the person ends (each session keeps a hash of
    the password), the failed sign-ins of their username are forgotten (the new password works
    at once), and a mail tells them, so a change they did not make does not go unnoticed."""
    if is_systeemaccount(user):
        raise PermissionDenied
    controleer_wachtwoord(wachtwoord, user)
    user.set_password(wachtwoord)
    user.save(update_fields=["password"])
    inloggen.pogingen_vergeten(gebruikersnaam=user.get_username())
    log.info("wachtwoord_ingesteld gebruiker=%s via=%s", _tekst(user.get_username()), _tekst(via))
    uitbox.plannen(tasks.wachtwoord_gewijzigd_mailen, user.pk)


def wachtwoord_herstel_aanvragen(*, email: str) -> None:
    """Someone asks for a reset link. Who has this address is looked up in the background,
    with the mail: the page answers the same, and as fast, whether or not the address is
    known."""
    uitbox.plannen(tasks.wachtwoord_herstel_mailen, email)


def wachtwoord_herstel_mailen(*, email: str) -> int:
    """Mail a reset link to each active person with this address who signs in with a
    password (never a system account). Neutral: no youth, no justice context, the sender of
    every mail of the app. Returns the number of mails."""
    form = WachtwoordVergetenForm({"email": email})
    if not form.is_valid():
        return 0
    aantal = sum(1 for _user in form.get_users(form.cleaned_data["email"]))
    adres = urlsplit(settings.SITE_URL)
    form.save(
        domain_override=adres.netloc,
        use_https=adres.scheme == "https",
        subject_template_name="registration/wachtwoord_herstel_onderwerp.txt",
        email_template_name="registration/wachtwoord_herstel_mail.txt",
        extra_email_context={"geldig_minuten": settings.PASSWORD_RESET_TIMEOUT // 60},
    )
    log.info("wachtwoord_herstel_gevraagd gemaild=%d", aantal)
    return aantal


def wachtwoord_gewijzigd_mailen(*, user_id: int) -> int:
    """Tell a person their password was changed (neutral, as every mail of the app)."""
    return persoon_mailen(user_id, _("Je wachtwoord is gewijzigd"), "registration/wachtwoord_gewijzigd_mail.txt")


def persoon_mailen(user_id: int, onderwerp: str, sjabloon: str) -> int:
    """A neutral mail to an active person about their own account (no youth data, no justice
    context). Returns the number of mails (0 when there is nobody to tell)."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return 0
    send_mail(
        subject=onderwerp,
        message=render_to_string(sjabloon, {"user": user}),
        from_email=None,
        recipient_list=[user.email],
        fail_silently=False,
    )
    return 1
