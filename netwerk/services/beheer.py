"""Writes on people and organisations. The admin of the functioneel beheerder saves
through these too, so groups and object permissions follow every change. Also the
entrance's writes about a person: their own password, a reset link, a lifted lockout."""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from jji_traject import uitbox
from toegang import policy
from trajecten.constants import AFGEROND
from trajecten.models import Taak, Toewijzing, Traject

from ..constants import AanvraagStatus, GebeurtenisSoort, OrganisatieSoort, Rol
from ..models import (
    Accountaanvraag,
    Contactpersoon,
    Medewerker,
    NetwerkContact,
    Organisatie,
    Regio,
)
from .accountlog import beschrijving, gebeurtenis_vastleggen, verbindingsofficieren_melden
from .ict import ict_fasen_voorbeeld_laden

User = get_user_model()
log = logging.getLogger("jji_traject.inloggen")
GEEN_WACHTWOORD_SYSTEEM = _lazy(
    "Een systeemaccount heeft geen wachtwoord: het meldt zich aan met een API-token (manage.py create_api_token)."
)


def _mag_beheren(actor, regio) -> None:
    if not policy.mag_regio_beheren(actor, regio):
        raise PermissionDenied


@transaction.atomic
def regio_opslaan(*, actor, regio: Regio) -> Regio:
    """Regio's are national: created by the system or a superuser; a beheerder may rename their own.
    A new regio starts with the example ICT-fasen of bijlage 3."""
    if regio.pk is None and actor is not None and not actor.is_superuser:
        raise PermissionDenied
    nieuw = regio.pk is None
    if not nieuw:
        _mag_beheren(actor, regio)
    regio.full_clean()
    regio.save()
    if nieuw:
        ict_fasen_voorbeeld_laden(actor=actor, regio=regio)
    return regio


@transaction.atomic
def organisatie_opslaan(*, actor, organisatie: Organisatie) -> Organisatie:
    """Create or change an organisation; its verbindingsofficier group follows the designation.

    The soort of an organisation with people or trajecten does not change: it decides what
    they may see (a school never sees the titel). Deactivating closes every door at once
    (the policy counts only active organisations)."""
    _mag_beheren(actor, organisatie.regio)
    # A national organisation reads every regio's monitor: only the system itself (a command,
    # a migration) or a superuser makes one, never a regio's functioneel beheerder.
    if organisatie.soort == OrganisatieSoort.LANDELIJK and not (actor is None or actor.is_superuser):
        raise ValidationError({"soort": _("Een landelijke organisatie maakt alleen de systeembeheerder aan.")})
    controleer_organisatie(organisatie)
    vorige_vo, was_actief = (
        Organisatie.objects.filter(pk=organisatie.pk).values_list("verbindingsofficier_id", "actief").first()
        if organisatie.pk
        else None
    ) or (None, organisatie.actief)
    organisatie.full_clean()
    organisatie.save()
    if vorige_vo != organisatie.verbindingsofficier_id:
        _aanwijzing_vastleggen(actor=actor, organisatie=organisatie, vorige_vo=vorige_vo)
    if not organisatie.actief:
        api_tokens_intrekken(User.objects.filter(medewerker__organisatie=organisatie))
    if was_actief != organisatie.actief:
        from .. import tasks

        # The visibility rows of its trajecten follow, in the background (an organisation may be
        # in thousands); the policy refuses its people live meanwhile.
        uitbox.plannen(tasks.organisatie_rechten_afleiden, organisatie.pk)
    policy.verbindingsofficier_groep_bijwerken(organisatie)
    if organisatie.verbindingsofficier_id:
        policy.medewerker_groepen_bijwerken(organisatie.verbindingsofficier)
    return organisatie


def _aanwijzing_vastleggen(*, actor, organisatie: Organisatie, vorige_vo) -> None:
    """A designation opens every traject of the organisation (and its signalen voor
    veiligheid): on record in the account log."""
    vorige = Medewerker.objects.select_related("user").filter(pk=vorige_vo).first() if vorige_vo else None
    nieuwe = organisatie.verbindingsofficier
    gebeurtenis_vastleggen(
        soort=GebeurtenisSoort.VERBINDINGSOFFICIER,
        actor=actor,
        medewerker=nieuwe or vorige,
        organisatie=organisatie,
        omschrijving=_("Verbindingsofficier van %(organisatie)s: %(oud)s → %(nieuw)s.")
        % {
            "organisatie": organisatie.naam,
            "oud": vorige.naam if vorige else _("niemand"),
            "nieuw": nieuwe.naam if nieuwe else _("niemand"),
        },
    )


def controleer_organisatie(organisatie: Organisatie) -> None:
    """Rules on a change that the admin form checks too (so it can show them)."""
    if organisatie.pk is None:
        return
    oud = Organisatie.objects.get(pk=organisatie.pk)
    in_gebruik = oud.medewerkers.exists() or oud.betrokkenheden.exists()
    if oud.soort != organisatie.soort and in_gebruik:
        raise ValidationError({"soort": _("De soort verandert niet meer zodra er medewerkers of trajecten bij horen.")})


@transaction.atomic
def verbindingsofficier_aanwijzen(*, actor, organisatie: Organisatie, medewerker: Medewerker | None) -> Organisatie:
    """Designate (or clear, with None) the one verbindingsofficier of an organisation. An own
    verbindingsofficier replaces a contact point elsewhere."""
    organisatie.verbindingsofficier = medewerker
    if medewerker is not None:
        organisatie.aanspreekpunt = None
    return organisatie_opslaan(actor=actor, organisatie=organisatie)


VIER_OGEN = _lazy(
    "Een nieuw account, een andere rol of organisatie, een ander e-mailadres of weer toegang geven vraagt "
    "goedkeuring van een tweede persoon. Dien een accountaanvraag in; de verbindingsofficier of zorgcoördinator van "
    "de organisatie (of een andere beheerder van de regio) keurt hem goed."
)
NIEMANDS_WACHTWOORD = _lazy(
    "Niemand stelt het wachtwoord van een ander in. Na goedkeuring krijgt de medewerker een activatielink en kiest "
    "zelf een wachtwoord."
)


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
    aanvraag: Accountaanvraag | None = None,
) -> Medewerker:
    """Create or change a person (Django user + profile) and put them in their groups.

    Four eyes (``toegang.policy.accounts``): a new account, a change of rol, organisation or
    e-mail address, or a reactivation is saved here only as an approved ``aanvraag``, applied by
    its approver (``netwerk.services.accounts``); by the system itself (``actor=None``: demo
    data, commands); or by a superuser (break-glass, logged as such). A beheerder gets a
    ``ValidationError`` that points to the request. Nobody sets another person's password:
    ``wachtwoord`` is for the system only (the demo users); a person chooses their own through
    an activation link.

    Moving to another organisation ends their assignments and a designation at the old one;
    deactivating closes every door at once. People are never deleted. Every change is written
    to the account log, and the verbindingsofficier is told of a new account and of a change
    of rol or organisation.
    """
    if wachtwoord and actor is not None:
        raise ValidationError({"wachtwoord": NIEMANDS_WACHTWOORD})
    if rol == Rol.SYSTEEM and wachtwoord:
        raise ValidationError({"wachtwoord": GEEN_WACHTWOORD_SYSTEEM})
    if aanvraag is not None:
        _goedgekeurd_controleren(aanvraag, actor=actor, medewerker=medewerker, organisatie=organisatie, rol=rol)
    else:
        _mag_beheren(actor, organisatie.regio)
    # What the approval already allowed runs further as the system (the approver is no beheerder).
    beheerder = None if aanvraag is not None else actor
    oud = None
    tokens_vervallen = False
    if medewerker is not None:
        # Read the old state from the database: the admin form already changed the instance.
        oud = Medewerker.objects.select_for_update().select_related("organisatie", "user").get(pk=medewerker.pk)
        if aanvraag is None:
            _mag_beheren(actor, oud.organisatie.regio)
        controleer_medewerker(actor=actor, medewerker=oud, rol=rol, organisatie=organisatie, actief=actief)
        # A token was given for this person in this organisation and rol: it ends with them.
        tokens_vervallen = not actief or oud.rol != rol or oud.organisatie_id != organisatie.pk
    oude_organisatie = oud.organisatie if oud else None
    vorig = _stand(oud)
    nodig = policy.goedkeuring_nodig(oud, rol=rol, organisatie=organisatie, email=email, actief=actief)
    noodtoegang = bool(nodig) and aanvraag is None and actor is not None
    if noodtoegang and not actor.is_superuser:
        raise ValidationError(VIER_OGEN, code="vier_ogen")

    user = medewerker.user if medewerker else User(username=gebruikersnaam)
    user.username = gebruikersnaam
    user.first_name, user.last_name, user.email, user.is_active = voornaam, achternaam, email, actief
    user.is_staff = rol == Rol.BEHEERDER  # only the beheerder uses the admin
    if rol == Rol.SYSTEEM:
        # A system account uses API tokens only: no password, and an open session ends (its
        # session hash changes with the password).
        user.set_unusable_password()
    elif wachtwoord:
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
    if tokens_vervallen:
        api_tokens_intrekken(User.objects.filter(pk=user.pk))

    geraakt = Traject.objects.filter(toewijzingen__medewerker=profiel)
    if oude_organisatie is not None and oude_organisatie.pk != organisatie.pk:
        if oude_organisatie.verbindingsofficier_id == profiel.pk:
            verbindingsofficier_aanwijzen(actor=beheerder, organisatie=oude_organisatie, medewerker=None)
        geraakte_ids = list(geraakt.values_list("pk", flat=True))
        for toewijzing in Toewijzing.objects.filter(medewerker=profiel):
            toewijzing.delete()  # one by one: history keeps each
        for taak in Taak.objects.filter(medewerker=profiel).exclude(status__in=AFGEROND):
            taak.medewerker = None  # the task stays with the organisation, not with the person who left
            taak.save(update_fields=["medewerker"])
        geraakt = Traject.objects.filter(pk__in=geraakte_ids)
    if not actief and organisatie.verbindingsofficier_id == profiel.pk:
        verbindingsofficier_aanwijzen(actor=beheerder, organisatie=organisatie, medewerker=None)
    if not actief:
        # A deactivated person's open tasks go back to their organisation for reassignment.
        for taak in Taak.objects.filter(medewerker=profiel).exclude(status__in=AFGEROND):
            taak.medewerker = None
            taak.save(update_fields=["medewerker"])
        _open_aanvragen_laten_vervallen(actor=actor, medewerker=profiel)
    policy.medewerker_groepen_bijwerken(profiel)
    if rol == Rol.SYSTEEM:
        # The organisation-wide group of system accounts gets its rows on every traject there.
        geraakt = Traject.objects.filter(pk__in=geraakt.values("pk")) | Traject.objects.filter(
            betrokkenheden__organisatie=organisatie
        )
        geraakt = geraakt.distinct()
    policy.rechten_afleiden(geraakt)
    _vastleggen(actor=actor, profiel=profiel, vorig=vorig, oude_organisatie=oude_organisatie, aanvraag=aanvraag)
    if noodtoegang:
        gebeurtenis_vastleggen(
            soort=GebeurtenisSoort.NOODTOEGANG,
            actor=actor,
            medewerker=profiel,
            vorige_organisatie=oude_organisatie,
            omschrijving=_("Opgeslagen door superuser %(wie)s zonder tweede persoon (%(wat)s).")
            % {"wie": actor.get_username(), "wat": ", ".join(nodig)},
        )
    return profiel


def _goedgekeurd_controleren(aanvraag: Accountaanvraag, *, actor, medewerker, organisatie, rol) -> None:
    """An approved request is applied by its approver, to its person, with its values."""
    medewerker_id = medewerker.pk if medewerker is not None else None
    if (
        aanvraag.status != AanvraagStatus.GOEDGEKEURD
        or actor is None
        or aanvraag.besloten_door_id != actor.pk
        or aanvraag.medewerker_id != medewerker_id
        or aanvraag.organisatie_id != organisatie.pk
        or aanvraag.rol != rol
    ):
        raise PermissionDenied


def _stand(medewerker: Medewerker | None) -> dict:
    """What the account log compares: the values of a person before a change."""
    if medewerker is None:
        return {}
    user = medewerker.user
    return {
        "gebruikersnaam": user.username,
        "naam": medewerker.naam,
        "email": user.email,
        "actief": user.is_active,
        "rol": medewerker.rol,
        "organisatie": medewerker.organisatie_id,
        "functietitel": medewerker.functietitel,
        "telefoon": medewerker.telefoon,
    }


def _vastleggen(*, actor, profiel: Medewerker, vorig: dict, oude_organisatie, aanvraag) -> None:
    """One line in the account log for what changed; the verbindingsofficier hears of a new
    account, a change of rol or organisation, and a reactivation (not of the system's own
    work: the demo data)."""
    nu = _stand(profiel)
    if not vorig:
        gebeurtenis = gebeurtenis_vastleggen(
            soort=GebeurtenisSoort.AANGEMAAKT,
            actor=actor,
            medewerker=profiel,
            aanvraag=aanvraag,
            omschrijving=_("Account aangemaakt: %(wie)s.") % {"wie": beschrijving(profiel)},
        )
        if actor is not None:
            verbindingsofficieren_melden(actor=actor, gebeurtenis=gebeurtenis, organisaties=[profiel.organisatie])
        return
    rollen = dict(Rol.choices)
    delen = []
    if vorig["organisatie"] != nu["organisatie"]:
        delen.append(
            _("organisatie %(oud)s → %(nieuw)s") % {"oud": oude_organisatie.naam, "nieuw": profiel.organisatie.naam}
        )
    if vorig["rol"] != nu["rol"]:
        delen.append(_("rol %(oud)s → %(nieuw)s") % {"oud": rollen[vorig["rol"]], "nieuw": rollen[nu["rol"]]})
    if vorig["email"] != nu["email"]:
        delen.append(_("e-mailadres %(oud)s → %(nieuw)s") % {"oud": vorig["email"], "nieuw": nu["email"]})
    if vorig["actief"] != nu["actief"]:
        delen.append(_("weer actief") if nu["actief"] else _("uitgezet: alle toegang is dicht"))
    if vorig["gebruikersnaam"] != nu["gebruikersnaam"]:
        delen.append(
            _("gebruikersnaam %(oud)s → %(nieuw)s") % {"oud": vorig["gebruikersnaam"], "nieuw": nu["gebruikersnaam"]}
        )
    for sleutel, label in (("naam", _("naam")), ("functietitel", _("functietitel")), ("telefoon", _("telefoon"))):
        if vorig[sleutel] != nu[sleutel]:
            delen.append(_("%(wat)s gewijzigd") % {"wat": label})
    if not delen:
        return
    gebeurtenis = gebeurtenis_vastleggen(
        soort=GebeurtenisSoort.UITGEZET if vorig["actief"] and not nu["actief"] else GebeurtenisSoort.GEWIJZIGD,
        actor=actor,
        medewerker=profiel,
        vorige_organisatie=oude_organisatie,
        aanvraag=aanvraag,
        omschrijving=_("%(wie)s: %(wat)s.") % {"wie": beschrijving(profiel), "wat": "; ".join(delen)},
    )
    opent = (
        vorig["organisatie"] != nu["organisatie"] or vorig["rol"] != nu["rol"] or (nu["actief"] and not vorig["actief"])
    )
    if actor is not None and opent:
        verbindingsofficieren_melden(
            actor=actor, gebeurtenis=gebeurtenis, organisaties=[profiel.organisatie, oude_organisatie]
        )


def _open_aanvragen_laten_vervallen(*, actor, medewerker: Medewerker) -> None:
    """A person who is switched off keeps no open request: it would re-open what just closed."""
    for aanvraag in Accountaanvraag.objects.filter(medewerker=medewerker, status=AanvraagStatus.AANGEVRAAGD):
        aanvraag.status = AanvraagStatus.VERVALLEN
        aanvraag.besloten_door = actor if actor is not None and actor.is_authenticated else None
        aanvraag.besloten_op = timezone.now()
        aanvraag.reden = _("De medewerker is uitgezet.")
        aanvraag.save(update_fields=["status", "besloten_door", "besloten_op", "reden"])
        gebeurtenis_vastleggen(
            soort=GebeurtenisSoort.VERVALLEN,
            actor=actor,
            medewerker=medewerker,
            organisatie=aanvraag.organisatie,
            aanvraag=aanvraag,
            omschrijving=_("Aanvraag vervallen: de medewerker is uitgezet."),
        )


def api_tokens_intrekken(users) -> int:
    """End every API token of these users (knox stores them hashed; a deleted token is gone)."""
    from knox.models import AuthToken

    aantal, _soorten = AuthToken.objects.filter(user__in=users).delete()
    return aantal


def controleer_medewerker(*, actor, medewerker: Medewerker, rol: str, organisatie, actief: bool) -> None:
    """Rules on changing an existing person, checked by the service and shown by the admin
    form: nobody changes their own rol, organisation or access (no self-escalation to youth
    data)."""
    if actor is None:
        return
    if actor.pk == medewerker.user_id and (
        medewerker.rol != rol or medewerker.organisatie_id != organisatie.pk or not actief
    ):
        raise ValidationError(
            _("Je eigen rol, organisatie of toegang wijzig je niet zelf: vraag een andere beheerder.")
        )


def _mag_contacten_bijhouden(actor, organisatie: Organisatie) -> None:
    if not policy.mag_contacten_bijhouden(actor, organisatie):
        raise PermissionDenied


@transaction.atomic
def contactpersoon_opslaan(*, actor, contactpersoon: Contactpersoon, bevestigd_op=None) -> Contactpersoon:
    """Add or change an entry of the netwerkkaart; saving it confirms it (today, or on the
    date an imported file says it was confirmed). An entry linked to a user keeps no address
    of its own: the user's is the one address of that person."""
    _mag_contacten_bijhouden(actor, contactpersoon.organisatie)
    if contactpersoon.pk is not None:
        oud = Contactpersoon.objects.select_related("organisatie__regio").get(pk=contactpersoon.pk)
        _mag_contacten_bijhouden(actor, oud.organisatie)
    contactpersoon.bevestigd_op = bevestigd_op or timezone.localdate()
    contactpersoon.full_clean()
    if contactpersoon.gebruikersadres:
        contactpersoon.email = ""  # one address per person: the user's (shown as ``email_adres``)
    contactpersoon.save()
    return contactpersoon


@transaction.atomic
def contactpersoon_verwijderen(*, actor, contactpersoon: Contactpersoon) -> None:
    """Take an entry off the map (its history stays). An entry that is part of a young
    person's network stays until the regie of that traject replaces it."""
    _mag_contacten_bijhouden(actor, contactpersoon.organisatie)
    if contactpersoon.netwerken.exists():
        raise ValidationError(
            _(
                "%(naam)s staat in het netwerk rond een jongere en blijft daarom op de kaart. Vraag de regie "
                "van dat traject een andere contactpersoon te kiezen, of pas de gegevens hier aan."
            )
            % {"naam": contactpersoon.naam}
        )
    contactpersoon.delete()


@transaction.atomic
def contacten_bevestigen(*, actor, organisatie: Organisatie) -> int:
    """ "Alles klopt nog": confirm every entry of an organisation for this year."""
    _mag_contacten_bijhouden(actor, organisatie)
    vandaag = timezone.localdate()
    aantal = 0
    for contact in organisatie.contactpersonen.exclude(bevestigd_op=vandaag):
        contact.bevestigd_op = vandaag
        contact.save(update_fields=["bevestigd_op"])  # one by one: history keeps each
        aantal += 1
    return aantal


@transaction.atomic
def netwerkcontact_toevoegen(*, actor, traject, gegevens: dict) -> NetwerkContact:
    """Add someone around a young person (the regie: JJI, JJI-school). One person has regie
    after uitstroom; naming a new one moves it."""
    if not policy.mag_traject_beheren(actor, traject):
        raise PermissionDenied
    contactpersoon = gegevens.get("contactpersoon")
    if (
        contactpersoon is not None
        and not policy.kiesbare_contactpersonen(actor, traject).filter(pk=contactpersoon.pk).exists()
    ):
        raise ValidationError({"contactpersoon": _("Kies een professional van de netwerkkaart van de regio.")})
    contact = NetwerkContact(traject=traject, toegevoegd_door=actor, **gegevens)
    contact.full_clean(exclude=["regie_na_uitstroom"])
    if contact.regie_na_uitstroom:
        for ander in NetwerkContact.objects.filter(traject=traject, regie_na_uitstroom=True):
            ander.regie_na_uitstroom = False
            ander.save(update_fields=["regie_na_uitstroom"])
    contact.save()
    return contact


@transaction.atomic
def netwerkcontact_verwijderen(*, actor, contact: NetwerkContact) -> None:
    """Remove someone from a young person's network (history keeps that they were there)."""
    if not policy.mag_traject_beheren(actor, contact.traject):
        raise PermissionDenied
    contact.delete()
