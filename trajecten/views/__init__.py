"""Traject pages. Thin: parse input, ask the access policy, call a service, render.

Every object comes through ``policy.traject_ophalen`` (404 for missing and forbidden alike);
every URL here is registered in ``toegang.registry``. One module per concern; ``urls.py``
refers to the views through this package.
"""

from .organisaties import (
    grondslag_vastleggen,
    medewerker_toewijzen,
    organisatie_toevoegen,
    toestemming_intrekken,
    toewijzing_beeindigen,
)
from .overleg import (
    netwerk_toevoegen,
    netwerk_verwijderen,
    overleg_vastleggen,
    toekomstperspectief,
    vertrek_bijwerken,
)
from .taken import mijn_taken, regel_invullen, routekaart, stap_taken, taak_bijwerken, taak_toevoegen
from .traject import afsluiten, detail, fase_wijzigen, lijst, starten, wijzigen

__all__ = [
    "afsluiten",
    "detail",
    "fase_wijzigen",
    "grondslag_vastleggen",
    "lijst",
    "medewerker_toewijzen",
    "mijn_taken",
    "netwerk_toevoegen",
    "netwerk_verwijderen",
    "organisatie_toevoegen",
    "overleg_vastleggen",
    "regel_invullen",
    "routekaart",
    "starten",
    "stap_taken",
    "taak_bijwerken",
    "taak_toevoegen",
    "toekomstperspectief",
    "toestemming_intrekken",
    "toewijzing_beeindigen",
    "vertrek_bijwerken",
    "wijzigen",
]
