"""Running the retention schedule (``manage.py bewaartermijnen``, the daily task) and setting
a regio's schedule. Each traject is done in a transaction of its own: a failure leaves that
traject as it was and the run goes on; the run's record holds counts only."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _l

from jji_traject import alleen_toevoegen
from jji_traject.geschiedenis import opslaan
from trajecten.models import Traject

from . import services_wissen
from .models import TERMIJNEN, Bewaarrun, Bewaarschema
from .selectors import te_doen

logger = logging.getLogger(__name__)

# The kinds of a run, in the words of its report ("12 dossiers te wissen").
SOORTEN = {
    "signalen": (_l("signaal voor veiligheid"), _l("signalen voor veiligheid")),
    "dossiers": (_l("dossier"), _l("dossiers")),
    "pseudoniemen": (_l("traject"), _l("trajecten")),
    "raadplegingen": (_l("raadpleging"), _l("raadplegingen")),
}
WERKWOORD = {
    "signalen": "wissen",
    "dossiers": "wissen",
    "pseudoniemen": "pseudonimiseren",
    "raadplegingen": "verwijderen",
}


def verslag(aantallen: dict[str, int], *, droog: bool) -> str:
    """ "3 dossiers te wissen, 1 traject te pseudonimiseren, …" (or "gewist", … after a run)."""
    delen = []
    for soort, (een, meer) in SOORTEN.items():
        n = aantallen.get(soort, 0)
        werkwoord = WERKWOORD[soort]
        gedaan = {"wissen": "gewist", "pseudonimiseren": "gepseudonimiseerd", "verwijderen": "verwijderd"}[werkwoord]
        delen.append(f"{n} {een if n == 1 else meer} {'te ' + werkwoord if droog else gedaan}")
    if aantallen.get("mislukt"):
        delen.append(f"{aantallen['mislukt']} mislukt (zie het applicatielog)")
    return ", ".join(delen)


def _per_stuk(queryset, doen, soort: str, aantallen: dict[str, int]) -> None:
    for pk in list(queryset.values_list("pk", flat=True)):
        try:
            with transaction.atomic():
                doen(pk)
        except Exception:  # one record that fails must not stop the others
            logger.exception("bewaartermijn mislukt", extra={"soort": soort, "id": pk})
            aantallen["mislukt"] = aantallen.get("mislukt", 0) + 1
        else:
            aantallen[soort] += 1


def uitvoeren(*, op: dt.date | None = None, droog: bool = False, door=None) -> dict[str, int]:
    """Do (or with ``droog`` only count) what the schedules say is due on ``op`` (today). A
    real run is recorded as a :class:`Bewaarrun`; a dry run writes nothing."""
    op = op or timezone.localdate()
    werk = te_doen(op)
    if droog:
        return werk.aantallen()
    aantallen = dict.fromkeys(SOORTEN, 0)
    _per_stuk(werk.signalen, services_wissen.signaal_wissen, "signalen", aantallen)
    _per_stuk(
        werk.dossiers, lambda pk: services_wissen.dossier_wissen(Traject.objects.get(pk=pk), op), "dossiers", aantallen
    )
    _per_stuk(
        werk.pseudoniemen,
        lambda pk: services_wissen.pseudonimiseren(Traject.objects.select_related("jongere").get(pk=pk), op),
        "pseudoniemen",
        aantallen,
    )
    verwijderd = alleen_toevoegen.opschonen_uitvoeren(alleen_toevoegen.RAADPLEGINGEN, werk.raadplegingen_jaren)
    aantallen["raadplegingen"] = verwijderd or 0
    Bewaarrun.objects.create(tijdstip=timezone.now(), peildatum=op, door=door, aantallen=aantallen)
    return aantallen


def schema_vastleggen(*, actor, regio, gegevens: dict) -> Bewaarschema:
    """Set the regio's schedule (validated: no period of zero or less, none below the log's
    floor, pseudonymising not before erasing); its history keeps who changed what."""
    schema = Bewaarschema.objects.filter(regio=regio).first() or Bewaarschema(regio=regio)
    for veld in (*TERMIJNEN, "bevestigd_door"):
        setattr(schema, veld, gegevens[veld])
    opslaan(schema, actor=actor)
    return schema


def kopie_plannen(verzoek_id: int) -> None:
    """Start making a young person's copy once the transaction stands (the outbox); the tasks
    are this app's entry, so services.py starts them for its sibling modules."""
    from jji_traject import uitbox

    from .tasks import inzage_kopie_maken  # the task module imports the services

    uitbox.plannen(inzage_kopie_maken, verzoek_id)
