"""The account log and the notices about accounts, written by every account service.

A line in the log names the people of organisations and what changed to their account; never
a password, a token or youth data. The same event goes to the application log with ids only.
The verbindingsofficier of an organisation is told of every new account and every change of
rol or organisation there (this app chooses them; signalering stores and mails through the
hook ``melden``).
"""

from __future__ import annotations

import logging

from django.utils.translation import gettext as _

from signalering.models import MeldingSoort
from toegang import haken, policy

from ..models import Accountgebeurtenis, Medewerker, Organisatie

logger = logging.getLogger("netwerk.accounts")


def gebeurtenis_vastleggen(
    *,
    soort: str,
    actor,
    omschrijving: str,
    medewerker=None,
    organisatie: Organisatie | None = None,
    vorige_organisatie: Organisatie | None = None,
    aanvraag=None,
    verzoek=None,
) -> Accountgebeurtenis:
    """Append one line to the account log (and one to the application log, ids only)."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if organisatie is None and medewerker is not None:
        organisatie = medewerker.organisatie
    gebeurtenis = Accountgebeurtenis.objects.create(
        soort=soort,
        actor=actor,
        medewerker=medewerker,
        organisatie=organisatie,
        vorige_organisatie=vorige_organisatie if vorige_organisatie != organisatie else None,
        aanvraag=aanvraag,
        omschrijving=omschrijving,
        verzoek_id=getattr(verzoek, "verzoek_id", "")[:64] if verzoek is not None else "",
        ip=(verzoek.META.get("REMOTE_ADDR") or None) if verzoek is not None else None,
    )
    niveau = logging.WARNING if soort in WAARSCHUWINGEN else logging.INFO
    logger.log(
        niveau,
        "accountlog soort=%s actor=%s medewerker=%s organisatie=%s aanvraag=%s verzoek=%s",
        soort,
        getattr(actor, "pk", None),
        getattr(medewerker, "pk", None),
        getattr(organisatie, "pk", None),
        getattr(aanvraag, "pk", None),
        gebeurtenis.verzoek_id or "-",
    )
    return gebeurtenis


# Refusals and break-glass are warnings in the application log (a SIEM picks them out).
WAARSCHUWINGEN = frozenset({"beoordeling_geweigerd", "activatie_geweigerd", "noodtoegang"})


def verbindingsofficieren_melden(*, actor, gebeurtenis: Accountgebeurtenis, organisaties) -> int:
    """Tell the verbindingsofficier of each organisation about this account event (a new
    account, a change of rol or organisation, a reactivation) — not the one who did it, nor
    the person it is about."""
    ontvangers = []
    for organisatie in {o for o in organisaties if o is not None}:
        vo = organisatie.verbindingsofficier
        if vo is None or not vo.user.is_active:
            continue
        if actor is not None and vo.user_id == actor.pk:
            continue
        if gebeurtenis.medewerker_id and vo.pk == gebeurtenis.medewerker_id:
            continue
        ontvangers.append((vo.user, organisatie))
    for user, organisatie in ontvangers:
        haken.aanroepen(
            "melden",
            soort=MeldingSoort.ACCOUNT_GEWIJZIGD,
            ontvangers=[(user, f"account:{gebeurtenis.pk}:{organisatie.pk}")],
            organisatie=organisatie,
            accountaanvraag=gebeurtenis.aanvraag,
        )
    return len(ontvangers)


def beoordelaars_melden(aanvraag) -> int:
    """Tell the people who may approve a new request (a neutral mail)."""
    beoordelaars = list(policy.beoordelaars(aanvraag))
    if beoordelaars:
        haken.aanroepen(
            "melden",
            soort=MeldingSoort.ACCOUNTAANVRAAG,
            ontvangers=[(user, f"accountaanvraag:{aanvraag.pk}") for user in beoordelaars],
            organisatie=aanvraag.organisatie,
            accountaanvraag=aanvraag,
        )
    return len(beoordelaars)


def noodtoegang_vastleggen(*, actor, user, wat: str, verzoek=None) -> Accountgebeurtenis:
    """A superuser changed a user in Django's own user admin (break-glass): on record."""
    medewerker = Medewerker.objects.select_related("organisatie").filter(user=user).first()
    return gebeurtenis_vastleggen(
        soort="noodtoegang",
        actor=actor,
        medewerker=medewerker,
        omschrijving=_("Gebruikersbeheer door superuser %(wie)s, gebruiker %(gebruiker)s: %(wat)s")
        % {"wie": actor.get_username(), "gebruiker": user.get_username(), "wat": wat},
        verzoek=verzoek,
    )


def beschrijving(medewerker) -> str:
    """ "Name (username), rol at organisation" for a log line."""
    return _("%(naam)s (%(gebruikersnaam)s), %(rol)s bij %(organisatie)s") % {
        "naam": medewerker.naam,
        "gebruikersnaam": medewerker.user.username,
        "rol": medewerker.get_rol_display(),
        "organisatie": medewerker.organisatie.naam,
    }
