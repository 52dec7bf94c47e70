"""Writes on people and organisations (``beheer``). The admin of the functioneel beheerder
saves through these too, so groups and object permissions follow every change; the entrance for
a person themselves (``ingang``) and account requests and activation (``accounts``, ``activeren``)."""

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
from .ict import ict_fase_opslaan, ict_fasen_voorbeeld_laden
from .ingang import (
    blokkade_opheffen,
    eigen_wachtwoord_instellen,
    wachtwoord_gewijzigd_mailen,
    wachtwoord_herstel_aanvragen,
    wachtwoord_herstel_mailen,
)

__all__ = [
    "GEEN_WACHTWOORD_SYSTEEM",
    "api_tokens_intrekken",
    "blokkade_opheffen",
    "contacten_bevestigen",
    "contactpersoon_opslaan",
    "contactpersoon_verwijderen",
    "controleer_medewerker",
    "controleer_organisatie",
    "eigen_wachtwoord_instellen",
    "ict_fase_opslaan",
    "ict_fasen_voorbeeld_laden",
    "medewerker_opslaan",
    "netwerkcontact_toevoegen",
    "netwerkcontact_verwijderen",
    "organisatie_opslaan",
    "regio_opslaan",
    "verbindingsofficier_aanwijzen",
    "wachtwoord_gewijzigd_mailen",
    "wachtwoord_herstel_aanvragen",
    "wachtwoord_herstel_mailen",
]
