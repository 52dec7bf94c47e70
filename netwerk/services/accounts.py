"""Four eyes on accounts: account requests, their approval, and the activation link.

A beheerder asks (``accountaanvraag_indienen``, or ``medewerker_bijwerken`` from the beheer
page, which saves what needs nobody else at once and asks for the rest); a second person
approves or refuses (``accountaanvraag_goedkeuren``/``_afwijzen``; who: the policy,
``toegang.policy.accounts``). Only the approval applies the change, through
``medewerker_opslaan``. A new (or re-opened) person then gets an activation link by e-mail and
chooses their own password (``account_activeren``). Every step, and every refusal, is in the
account log.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from toegang import policy

from ..constants import AANVRAAG_GELDIG_DAGEN, AanvraagSoort, AanvraagStatus, GebeurtenisSoort, Rol
from ..models import Accountaanvraag, Medewerker, Organisatie
from .accountlog import beoordelaars_melden, gebeurtenis_vastleggen
from .activeren import (  # noqa: F401 - the activation is part of this face
    _activatie_voorbereiden,
    account_activeren,
    activatie_weigeren,
    activatielink_versturen,
    activatiemail_versturen,
)
from .beheer import _mag_beheren, controleer_medewerker, medewerker_opslaan
from .factorherstel import factorherstel_aanvragen, factorherstel_uitvoeren  # noqa: F401 - part of this face

User = get_user_model()


class BeoordelingGeweigerd(PermissionDenied):
    """This person may not approve or refuse this request (the message says why)."""


def _actor(actor):
    return actor if actor is not None and actor.is_authenticated else None


@transaction.atomic
def accountaanvraag_indienen(
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
    medewerker: Medewerker | None = None,
    verzoek=None,
) -> Accountaanvraag:
    """Ask for a new account (``medewerker=None``; a system account with rol ``systeem``) or for a
    change of a person's rol, organisation or e-mail address, or to switch them on again. A
    beheerder of the regio (or a superuser) asks; nothing changes until a second person
    approves. The approvers are told (a neutral mail)."""
    if actor is None:
        raise PermissionDenied  # a request is a person's act: the system saves directly
    _mag_beheren(actor, organisatie.regio)
    if not organisatie.actief:
        raise ValidationError({"organisatie": _("Deze organisatie is niet actief: vraag hier geen account aan.")})
    aanvraag = Accountaanvraag(
        gebruikersnaam=gebruikersnaam,
        voornaam=voornaam,
        achternaam=achternaam,
        email=email,
        organisatie=organisatie,
        rol=rol,
        functietitel=functietitel,
        telefoon=telefoon,
        aangevraagd_door=actor,
    )
    if medewerker is None:
        aanvraag.soort = AanvraagSoort.SYSTEEMACCOUNT if rol == Rol.SYSTEEM else AanvraagSoort.NIEUW
        if User.objects.filter(username__iexact=gebruikersnaam).exists():
            raise ValidationError({"gebruikersnaam": _("Deze gebruikersnaam is al in gebruik.")})
    else:
        oud = Medewerker.objects.select_related("organisatie__regio", "user").get(pk=medewerker.pk)
        _mag_beheren(actor, oud.organisatie.regio)
        controleer_medewerker(actor=actor, medewerker=oud, rol=rol, organisatie=organisatie, actief=True)
        if not policy.goedkeuring_nodig(oud, rol=rol, organisatie=organisatie, email=email, actief=True):
            raise ValidationError(_("Er verandert niets dat goedkeuring vraagt: sla de wijziging gewoon op."))
        aanvraag.soort = AanvraagSoort.WIJZIGING
        aanvraag.medewerker = oud
        aanvraag.gebruikersnaam = oud.user.username
        aanvraag.vorige_organisatie, aanvraag.vorige_rol = oud.organisatie, oud.rol
        aanvraag.vorig_email, aanvraag.was_actief = oud.user.email, oud.user.is_active
    aanvraag.full_clean()
    aanvraag.save()
    gebeurtenis_vastleggen(
        soort=GebeurtenisSoort.AANGEVRAAGD,
        actor=actor,
        medewerker=aanvraag.medewerker,
        organisatie=organisatie,
        vorige_organisatie=aanvraag.vorige_organisatie,
        aanvraag=aanvraag,
        omschrijving=_aanvraag_omschrijving(aanvraag),
        verzoek=verzoek,
    )
    beoordelaars_melden(aanvraag)
    return aanvraag


def _aanvraag_omschrijving(aanvraag: Accountaanvraag) -> str:
    if aanvraag.is_nieuw:
        return _("%(soort)s gevraagd voor %(naam)s (%(gebruikersnaam)s), %(rol)s bij %(organisatie)s.") % {
            "soort": aanvraag.get_soort_display().capitalize(),
            "naam": aanvraag.naam,
            "gebruikersnaam": aanvraag.gebruikersnaam,
            "rol": aanvraag.get_rol_display(),
            "organisatie": aanvraag.organisatie.naam,
        }
    wat = "; ".join(f"{label} {oud} → {nieuw}" for label, oud, nieuw in aanvraag.wijzigingen())
    return _("Wijziging gevraagd voor %(naam)s (%(gebruikersnaam)s): %(wat)s.") % {
        "naam": aanvraag.naam,
        "gebruikersnaam": aanvraag.gebruikersnaam,
        "wat": wat,
    }


@transaction.atomic
def medewerker_aanmaken_of_aanvragen(
    *, actor, verzoek=None, **gegevens
) -> tuple[Medewerker | None, Accountaanvraag | None]:
    """The beheer page's "add a person": a request (the beheerder), or for a superuser the
    account at once (break-glass, logged) with an activation link."""
    if actor is not None and actor.is_superuser:
        profiel = medewerker_opslaan(actor=actor, **gegevens)
        if profiel.rol != Rol.SYSTEEM:
            _activatie_voorbereiden(actor=actor, medewerker=profiel, verzoek=verzoek)
        return profiel, None
    return None, accountaanvraag_indienen(actor=actor, verzoek=verzoek, **gegevens)


@transaction.atomic
def medewerker_bijwerken(
    *,
    actor,
    medewerker: Medewerker,
    gebruikersnaam: str,
    voornaam: str,
    achternaam: str,
    email: str,
    organisatie: Organisatie,
    rol: str,
    functietitel: str = "",
    telefoon: str = "",
    actief: bool = True,
    verzoek=None,
) -> Accountaanvraag | None:
    """The beheer page's save of an existing person: what opens nothing (name, username, job
    title, phone number, switching off) is saved at once; a new rol, organisation or e-mail
    address, or switching on again, becomes a request. Returns the request, if any. A
    superuser's save is applied at once (break-glass, logged)."""
    oud = Medewerker.objects.select_related("organisatie__regio", "user").get(pk=medewerker.pk)
    nodig = policy.goedkeuring_nodig(oud, rol=rol, organisatie=organisatie, email=email, actief=actief)
    if nodig and not actief:
        raise ValidationError(
            _(
                "Wie je uitzet, krijgt niet tegelijk een andere rol, organisatie of e-mailadres. Zet de medewerker "
                "uit en vraag later, als het weer nodig is, een wijziging aan."
            )
        )
    direct = {
        "gebruikersnaam": gebruikersnaam,
        "voornaam": voornaam,
        "achternaam": achternaam,
        "functietitel": functietitel,
        "telefoon": telefoon,
    }
    if actor is not None and actor.is_superuser:
        # Break-glass: a superuser saves at once (medewerker_opslaan logs it as such).
        heropend = "heractivering" in nodig
        profiel = medewerker_opslaan(
            actor=actor, medewerker=oud, email=email, organisatie=organisatie, rol=rol, actief=actief, **direct
        )
        if heropend and profiel.rol != Rol.SYSTEEM:
            _activatie_voorbereiden(actor=actor, medewerker=profiel, verzoek=verzoek)
        return None
    medewerker_opslaan(
        actor=actor,
        medewerker=oud,
        email=oud.user.email,
        organisatie=oud.organisatie,
        rol=oud.rol,
        actief=actief if not nodig else oud.user.is_active,
        **direct,
    )
    if not nodig:
        return None
    oud.refresh_from_db()
    return accountaanvraag_indienen(
        actor=actor, medewerker=oud, email=email, organisatie=organisatie, rol=rol, verzoek=verzoek, **direct
    )


def _beoordeling_controleren(actor, aanvraag: Accountaanvraag, verzoek) -> None:
    """Refuse (and log, outside the decision's transaction) an approval or refusal by someone
    who may not; a request that lapsed is closed first."""
    if aanvraag.is_open and aanvraag.aangevraagd_op < timezone.now() - dt.timedelta(days=AANVRAAG_GELDIG_DAGEN):
        _laten_vervallen(
            aanvraag, reden=_("Niet binnen %(dagen)d dagen beoordeeld.") % {"dagen": AANVRAAG_GELDIG_DAGEN}
        )
        raise ValidationError(
            _("Deze aanvraag is vervallen: er is niet binnen %(dagen)d dagen over besloten. Vraag een nieuwe aan.")
            % {"dagen": AANVRAAG_GELDIG_DAGEN}
        )
    if not aanvraag.is_open:
        raise ValidationError(
            _("Over deze aanvraag is al besloten (%(status)s).") % {"status": aanvraag.get_status_display()}
        )
    if policy.mag_accountaanvraag_beoordelen(actor, aanvraag):
        return
    if actor is not None and actor.pk == aanvraag.aangevraagd_door_id:
        reden = _("Je beoordeelt je eigen aanvraag niet: een tweede persoon doet dat.")
    elif actor is not None and aanvraag.medewerker_id and actor.pk == aanvraag.medewerker.user_id:
        reden = _("Een aanvraag over jezelf beoordeelt een ander.")
    else:
        reden = _("Alleen %(wie)s beoordeelt deze aanvraag.") % {"wie": _wie_beoordeelt(aanvraag)}
    gebeurtenis_vastleggen(
        soort=GebeurtenisSoort.BEOORDELING_GEWEIGERD,
        actor=_actor(actor),
        medewerker=aanvraag.medewerker,
        organisatie=aanvraag.organisatie,
        vorige_organisatie=aanvraag.vorige_organisatie,
        aanvraag=aanvraag,
        omschrijving=_("%(wie)s probeerde deze aanvraag te beoordelen en mocht dat niet: %(reden)s")
        % {"wie": actor.get_username() if _actor(actor) else _("iemand die niet is ingelogd"), "reden": reden},
        verzoek=verzoek,
    )
    raise BeoordelingGeweigerd(reden)


def _wie_beoordeelt(aanvraag: Accountaanvraag) -> str:
    beoordelaars = policy.beoordelaars(aanvraag)
    if beoordelaars.exclude(medewerker__rol=Rol.BEHEERDER).exists():
        return _("de verbindingsofficier of een zorgcoördinator van %(organisatie)s") % {
            "organisatie": aanvraag.organisatie.naam
        }
    return _("een andere functioneel beheerder van de regio")


def accountaanvraag_goedkeuren(*, actor, aanvraag: Accountaanvraag, verzoek=None) -> Accountaanvraag:
    """Approve a request: its change takes effect now, as the approver's act. A new person (or
    one switched on again) gets an activation link; a system account gets none (it signs in
    with an API token, ``manage.py create_api_token``)."""
    _beoordeling_controleren(actor, aanvraag, verzoek)
    with transaction.atomic():
        aanvraag = Accountaanvraag.objects.select_for_update().get(pk=aanvraag.pk)
        if not aanvraag.is_open or not policy.mag_accountaanvraag_beoordelen(actor, aanvraag):
            raise ValidationError(_("Over deze aanvraag is intussen al besloten."))
        if not aanvraag.organisatie.actief:
            raise ValidationError(_("De organisatie is niet meer actief: wijs de aanvraag af."))
        aanvraag.status, aanvraag.besloten_door, aanvraag.besloten_op = (
            AanvraagStatus.GOEDGEKEURD,
            actor,
            timezone.now(),
        )
        aanvraag.full_clean()
        aanvraag.save(update_fields=["status", "besloten_door", "besloten_op"])
        gebeurtenis_vastleggen(
            soort=GebeurtenisSoort.GOEDGEKEURD,
            actor=actor,
            medewerker=aanvraag.medewerker,
            organisatie=aanvraag.organisatie,
            vorige_organisatie=aanvraag.vorige_organisatie,
            aanvraag=aanvraag,
            omschrijving=_("Goedgekeurd door %(wie)s.") % {"wie": actor.get_full_name() or actor.get_username()},
            verzoek=verzoek,
        )
        if aanvraag.soort == AanvraagSoort.TWEEDE_FACTOR:
            factorherstel_uitvoeren(actor=actor, aanvraag=aanvraag, verzoek=verzoek)
            return aanvraag
        bestaand = aanvraag.medewerker
        if bestaand is not None:
            user = bestaand.user
            gegevens = {
                "gebruikersnaam": user.username,
                "voornaam": user.first_name,
                "achternaam": user.last_name,
                "functietitel": bestaand.functietitel,
                "telefoon": bestaand.telefoon,
            }
            heropend = not user.is_active
        else:
            gegevens = {
                "gebruikersnaam": aanvraag.gebruikersnaam,
                "voornaam": aanvraag.voornaam,
                "achternaam": aanvraag.achternaam,
                "functietitel": aanvraag.functietitel,
                "telefoon": aanvraag.telefoon,
            }
            heropend = True
        profiel = medewerker_opslaan(
            actor=actor,
            aanvraag=aanvraag,
            medewerker=bestaand,
            email=aanvraag.email,
            organisatie=aanvraag.organisatie,
            rol=aanvraag.rol,
            actief=True,
            **gegevens,
        )
        if bestaand is None:
            aanvraag.medewerker = profiel
            aanvraag.save(update_fields=["medewerker"])
        if heropend and profiel.rol != Rol.SYSTEEM:
            # A new person, or one switched on again, chooses a (new) password themselves.
            _activatie_voorbereiden(actor=actor, medewerker=profiel, verzoek=verzoek)
    return aanvraag


def accountaanvraag_afwijzen(*, actor, aanvraag: Accountaanvraag, reden: str, verzoek=None) -> Accountaanvraag:
    """Refuse a request, with the reason; nothing of it takes effect."""
    _beoordeling_controleren(actor, aanvraag, verzoek)
    reden = (reden or "").strip()
    if not reden:
        raise ValidationError({"reden": _("Geef de reden van de afwijzing: de aanvrager leest hem.")})
    with transaction.atomic():
        aanvraag = Accountaanvraag.objects.select_for_update().get(pk=aanvraag.pk)
        if not aanvraag.is_open or not policy.mag_accountaanvraag_beoordelen(actor, aanvraag):
            raise ValidationError(_("Over deze aanvraag is intussen al besloten."))
        aanvraag.status, aanvraag.besloten_door, aanvraag.besloten_op, aanvraag.reden = (
            AanvraagStatus.AFGEWEZEN,
            actor,
            timezone.now(),
            reden,
        )
        aanvraag.full_clean()
        aanvraag.save(update_fields=["status", "besloten_door", "besloten_op", "reden"])
        gebeurtenis_vastleggen(
            soort=GebeurtenisSoort.AFGEWEZEN,
            actor=actor,
            medewerker=aanvraag.medewerker,
            organisatie=aanvraag.organisatie,
            vorige_organisatie=aanvraag.vorige_organisatie,
            aanvraag=aanvraag,
            omschrijving=_("Afgewezen door %(wie)s: %(reden)s")
            % {"wie": actor.get_full_name() or actor.get_username(), "reden": reden},
            verzoek=verzoek,
        )
    return aanvraag


@transaction.atomic
def accountaanvraag_intrekken(*, actor, aanvraag: Accountaanvraag, verzoek=None) -> Accountaanvraag:
    """A beheerder of the regio takes an open request back (a mistake, or no longer needed)."""
    aanvraag = Accountaanvraag.objects.select_for_update().select_related("organisatie__regio").get(pk=aanvraag.pk)
    _mag_beheren(actor, aanvraag.organisatie.regio)
    if not aanvraag.is_open:
        raise ValidationError(_("Over deze aanvraag is al besloten."))
    _laten_vervallen(
        aanvraag,
        actor=actor,
        reden=_("Ingetrokken door %(wie)s.") % {"wie": actor.get_full_name() or actor.get_username()},
        verzoek=verzoek,
    )
    return aanvraag


def _laten_vervallen(aanvraag: Accountaanvraag, *, reden: str, actor=None, verzoek=None) -> None:
    with transaction.atomic():
        aanvraag.status, aanvraag.besloten_door, aanvraag.besloten_op, aanvraag.reden = (
            AanvraagStatus.VERVALLEN,
            _actor(actor),
            timezone.now(),
            reden,
        )
        aanvraag.save(update_fields=["status", "besloten_door", "besloten_op", "reden"])
        gebeurtenis_vastleggen(
            soort=GebeurtenisSoort.VERVALLEN,
            actor=actor,
            medewerker=aanvraag.medewerker,
            organisatie=aanvraag.organisatie,
            vorige_organisatie=aanvraag.vorige_organisatie,
            aanvraag=aanvraag,
            omschrijving=reden,
            verzoek=verzoek,
        )


def accountaanvragen_laten_vervallen(nu: dt.datetime | None = None) -> int:
    """Daily: open requests nobody decided on within ``AANVRAAG_GELDIG_DAGEN`` lapse."""
    grens = (nu or timezone.now()) - dt.timedelta(days=AANVRAAG_GELDIG_DAGEN)
    aantal = 0
    for aanvraag in Accountaanvraag.objects.filter(status=AanvraagStatus.AANGEVRAAGD, aangevraagd_op__lt=grens):
        _laten_vervallen(
            aanvraag, reden=_("Niet binnen %(dagen)d dagen beoordeeld.") % {"dagen": AANVRAAG_GELDIG_DAGEN}
        )
        aantal += 1
    return aantal


# --- Activation: the person chooses their own password ------------------------------------
