"""The schoolloopbaan na uitstroom in the demo (issue 18), recorded by ROC Lindewaard's intaker
through the services: Liam continues at school; Finn's school career was interrupted (a late
start) and he obtained an entree diploma after all. Dates count back from today, so the demo is
the same every day."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from dossier import services_schoolloopbaan as services
from dossier.constants import CheckpointUitkomst
from trajecten import services as traject_services

# Days after release for each youth: (release days ago, enrolment start, first school day,
# [(checkpoint, days after release, outcome, reason)])
SERIES = {
    "Liam": {
        "vrij": 190,
        "opleiding": ("Logistiek medewerker", "25300", 2),
        "start": 10,
        "eerste_dag": 14,
        "checkpoints": [
            (1, 30, CheckpointUitkomst.AANWEZIG, ""),
            (3, 91, CheckpointUitkomst.VERZUIM, ""),
            (6, 182, CheckpointUitkomst.AANWEZIG, ""),
        ],
    },
    "Finn": {
        "vrij": 200,
        "opleiding": ("Entree assistent dienstverlening", "25407", 1),
        "start": 40,
        "eerste_dag": 45,
        "checkpoints": [
            (1, 30, CheckpointUitkomst.ONBEKEND, ""),
            (3, 91, CheckpointUitkomst.AANWEZIG, ""),
            (6, 182, CheckpointUitkomst.DIPLOMA, ""),
        ],
    },
}


def schoolloopbaan_vastleggen(traject, *, itb, intaker) -> None:
    """The release date moved back and the series recorded (idempotent: once per traject)."""
    serie = SERIES.get(traject.jongere.voornaam)
    if serie is None or traject.inschrijvingen.exists():
        return
    vandaag = timezone.localdate()
    vrij = max(vandaag - dt.timedelta(days=serie["vrij"]), traject.startdatum)
    traject_services.traject_wijzigen(actor=itb, traject=traject, jongere={}, gegevens={"vrijgelaten_op": vrij})
    traject.refresh_from_db()
    opleiding, crebo, niveau = serie["opleiding"]

    def dag(n: int) -> dt.date:
        return vrij + dt.timedelta(days=n)

    services.inschrijving_vastleggen(
        actor=intaker,
        traject=traject,
        gegevens={
            "opleiding": opleiding,
            "crebo": crebo,
            "niveau": niveau,
            "startdatum": dag(serie["start"]),
            "eerste_schooldag": dag(serie["eerste_dag"]),
        },
    )
    for moment, dagen, uitkomst, reden in serie["checkpoints"]:
        services.checkpoint_vastleggen(
            actor=intaker,
            traject=traject,
            gegevens={"moment": moment, "peildatum": dag(dagen), "uitkomst": uitkomst, "reden": reden},
        )
