"""Every write to a traject, by concern: the traject itself, its people and organisations
(``traject``), grondslagen (``grondslag``), the routekaart and its tasks (``routekaart``),
meetings and the checklist (``overleg``). ``from trajecten import services`` keeps one face.

Each service is atomic, takes a keyword ``actor``, checks the access policy, validates with
``full_clean`` and re-derives the object permissions when who-may-see could change.
"""

from .gedeeld import (
    JUSTITIE_PARTIJEN,
    vergrendeld,
)
from .grondslag import (
    Intrekking,
    intrekking_bekijken,
    kennisgeving_vastleggen,
    samen_ingetrokken,
    toestemming_intrekken,
    toestemming_vastleggen,
    toewijzingen_zonder_grondslag_beeindigen,
)
from .ouders import (
    ouders_betrekken_intrekken,
    ouders_betrekken_vastleggen,
    ouders_taken_bijwerken,
)
from .overleg import (
    overleg_vastleggen,
    vertrek_bijwerken,
)
from .routekaart import (
    OUDERS_REDEN,
    ROUTE_REDEN,
    SCHORSING_REDEN,
    afspraak_als_taak_toevoegen,
    afspraak_taken_laten_vervallen,
    checkpointtaken_aanvullen,
    contactmomenten_instellen,
    deadlines_bijwerken,
    route_bijwerken,
    routekaart_overnemen,
    taak_bijwerken,
    taak_toevoegen,
    taak_van_regel,
    taken_aanmaken,
    taken_organisaties_bijwerken,
    uitstroomroute_bijwerken,
    verantwoordelijkheid_invullen,
)
from .traject import (
    GEBEURTENIS_VELDEN,
    JONGERE_VELDEN,
    TRAJECT_VELDEN,
    betrokkenheid_toevoegen,
    toewijzing_beeindigen,
    toewijzing_toevoegen,
    traject_afsluiten,
    traject_fase_wijzigen,
    traject_starten,
    traject_wijzigen,
)

__all__ = [
    "checkpointtaken_aanvullen",
    "GEBEURTENIS_VELDEN",
    "Intrekking",
    "JONGERE_VELDEN",
    "JUSTITIE_PARTIJEN",
    "ROUTE_REDEN",
    "OUDERS_REDEN",
    "ouders_betrekken_intrekken",
    "ouders_betrekken_vastleggen",
    "ouders_taken_bijwerken",
    "SCHORSING_REDEN",
    "TRAJECT_VELDEN",
    "afspraak_als_taak_toevoegen",
    "afspraak_taken_laten_vervallen",
    "betrokkenheid_toevoegen",
    "contactmomenten_instellen",
    "deadlines_bijwerken",
    "intrekking_bekijken",
    "kennisgeving_vastleggen",
    "overleg_vastleggen",
    "route_bijwerken",
    "routekaart_overnemen",
    "samen_ingetrokken",
    "taak_bijwerken",
    "taak_toevoegen",
    "taken_aanmaken",
    "taken_organisaties_bijwerken",
    "taak_van_regel",
    "toestemming_intrekken",
    "toestemming_vastleggen",
    "toewijzing_beeindigen",
    "toewijzing_toevoegen",
    "toewijzingen_zonder_grondslag_beeindigen",
    "traject_afsluiten",
    "traject_fase_wijzigen",
    "traject_starten",
    "traject_wijzigen",
    "uitstroomroute_bijwerken",
    "verantwoordelijkheid_invullen",
    "vergrendeld",
    "vertrek_bijwerken",
]
