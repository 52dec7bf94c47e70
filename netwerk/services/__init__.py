"""Writes on people and organisations (``beheer``). The admin of the functioneel beheerder
saves through these too, so groups and object permissions follow every change."""

from .beheer import (
    GEEN_WACHTWOORD_SYSTEEM,
    api_tokens_intrekken,
    contacten_bevestigen,
    contactpersoon_opslaan,
    contactpersoon_verwijderen,
    controleer_medewerker,
    controleer_organisatie,
    medewerker_opslaan,
    netwerkcontact_toevoegen,
    netwerkcontact_verwijderen,
    organisatie_opslaan,
    regio_opslaan,
    verbindingsofficier_aanwijzen,
)

__all__ = [
    "GEEN_WACHTWOORD_SYSTEEM",
    "api_tokens_intrekken",
    "contacten_bevestigen",
    "contactpersoon_opslaan",
    "contactpersoon_verwijderen",
    "controleer_medewerker",
    "controleer_organisatie",
    "medewerker_opslaan",
    "netwerkcontact_toevoegen",
    "netwerkcontact_verwijderen",
    "organisatie_opslaan",
    "regio_opslaan",
    "verbindingsofficier_aanwijzen",
]
