"""Helpers for tests that change people as the beheerder now does: what opens access is a
request that a second person approves (four eyes), the rest is saved at once."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from netwerk import services as netwerk_services
from netwerk.constants import Rol
from netwerk.models import Medewerker, Organisatie
from netwerk.services import accounts
from toegang import policy

TWEEDE_BEHEERDER = "beheerder-jji"


def tweede_beheerder() -> Medewerker:
    """A second functioneel beheerder in the demo regio (at JJI Duinzicht), made by the system."""
    bestaand = Medewerker.objects.filter(user__username=TWEEDE_BEHEERDER).first()
    if bestaand is not None:
        return bestaand
    return netwerk_services.medewerker_opslaan(
        actor=None,
        gebruikersnaam=TWEEDE_BEHEERDER,
        voornaam="Wim",
        achternaam="Tweede",
        email="beheerder-jji@example.org",
        organisatie=Organisatie.objects.get(naam="JJI Duinzicht"),
        rol=Rol.BEHEERDER,
    )


def huidige_gegevens(medewerker: Medewerker) -> dict:
    return {
        "gebruikersnaam": medewerker.user.username,
        "voornaam": medewerker.user.first_name,
        "achternaam": medewerker.user.last_name,
        "email": medewerker.user.email,
        "organisatie": medewerker.organisatie,
        "rol": medewerker.rol,
        "functietitel": medewerker.functietitel,
        "telefoon": medewerker.telefoon,
    }


def goedkeuren(aanvraag, beoordelaar=None):
    """Approve by the given person, else by the first the policy names (a second beheerder of
    the regio is made when the organisation has nobody to approve)."""
    if beoordelaar is None:
        beoordelaar = policy.beoordelaars(aanvraag).first()
    if beoordelaar is None:
        tweede_beheerder()
        beoordelaar = policy.beoordelaars(aanvraag).first()
    return accounts.accountaanvraag_goedkeuren(actor=beoordelaar, aanvraag=aanvraag)


def wijzigen(demo, medewerker: Medewerker, *, beoordelaar=None, **wijziging):
    """The beheerder changes a person on the beheer page; a request that comes of it is
    approved. Returns the user as it is now."""
    gegevens = {**huidige_gegevens(medewerker), "actief": medewerker.user.is_active, **wijziging}
    aanvraag = accounts.medewerker_bijwerken(actor=demo.beheerder, medewerker=medewerker, **gegevens)
    if aanvraag is not None:
        goedkeuren(aanvraag, beoordelaar)
    return get_user_model().objects.get(pk=medewerker.user_id)


def open_aanvraag(demo, organisatie: Organisatie, gebruikersnaam: str, **gegevens):
    """The beheerder asks for an account at ``organisatie`` (an intaker, unless ``gegevens``
    say otherwise) and nobody decides: an open request."""
    standaard = {"voornaam": "Kim", "achternaam": "Proef", "email": f"{gebruikersnaam}@example.org", "rol": Rol.INTAKER}
    return accounts.accountaanvraag_indienen(
        actor=demo.beheerder, organisatie=organisatie, gebruikersnaam=gebruikersnaam, **{**standaard, **gegevens}
    )


def nieuw_account(demo, *, beoordelaar=None, **gegevens):
    """The beheerder asks for a new account and a second person approves: the new profile."""
    aanvraag = accounts.accountaanvraag_indienen(actor=demo.beheerder, **gegevens)
    aanvraag = goedkeuren(aanvraag, beoordelaar)
    return Medewerker.objects.select_related("user", "organisatie").get(pk=aanvraag.medewerker_id)
