"""Writing the beslismodel: the JJI-school drafts and submits it (``versies``), the receiving
mbo decides and its verbindingsofficier confirms oranje and rood (``besluiten``), and who
must act next is told (``meldingen``). A submitted version never changes (a change is a new
version); every decision is kept; agreed measures become routekaart tasks once the decision
stands. The reads these share are in ``beslismodel.selectors``."""

from .besluiten import beslismodel_besluiten, besluit_bevestigen, besluit_terugleggen
from .meldingen import beslismodel_melden
from .versies import TEKST_MAX, antwoorden_opslaan, beslismodel_beginnen, beslismodel_indienen

__all__ = [
    "TEKST_MAX",
    "antwoorden_opslaan",
    "beslismodel_beginnen",
    "beslismodel_besluiten",
    "beslismodel_indienen",
    "beslismodel_melden",
    "besluit_bevestigen",
    "besluit_terugleggen",
]
