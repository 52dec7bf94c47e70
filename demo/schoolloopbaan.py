"""The schoolloopbaan na uitstroom in the demo (issue 18), one series per outcome, recorded
through the services by the organisation that writes it: Liam continues at school and Finn
obtained an entree diploma (both recorded by ROC Lindewaard's intaker); Jayden's school career
was interrupted: he left his praktijkleren place after three months without a new enrolment
(recorded by leerplicht/RMC, as his receiving mbo is no longer active). Dates count back from
today, so the demo is the same every day."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from dossier import services_schoolloopbaan as services
from dossier.constants import CheckpointUitkomst
from trajecten import services as traject_services

# Per youth: who records ("intaker" or "leerplicht"), the release (days ago), the programme
# (instelling or "" for the recorder's own, opleiding, crebo, niveau), the enrolment's start and
# first school day (days after release), its end with the reason (or None), and the checkpoints
# [(checkpoint, days after release, outcome, reason)].
SERIES = {
    "Liam": {
        "door": "intaker",
        "vrij": 190,
        "opleiding": ("", "Logistiek medewerker", "25300", 2),
        "start": 10,
        "eerste_dag": 14,
        "checkpoints": [
            (1, 30, CheckpointUitkomst.AANWEZIG, ""),
            (3, 91, CheckpointUitkomst.VERZUIM, ""),
            (6, 182, CheckpointUitkomst.AANWEZIG, ""),
        ],
    },
    "Finn": {
        "door": "intaker",
        "vrij": 200,
        "opleiding": ("", "Entree assistent dienstverlening", "25407", 1),
        "start": 7,
        "eerste_dag": 9,
        "checkpoints": [
            (1, 30, CheckpointUitkomst.AANWEZIG, ""),
            (3, 91, CheckpointUitkomst.AANWEZIG, ""),
            (6, 182, CheckpointUitkomst.DIPLOMA, ""),
        ],
    },
    "Jayden": {
        "door": "leerplicht",
        "vrij": 150,
        "opleiding": ("Praktijkleren Lindewaard", "Praktijkleren groen", "", None),
        "start": 14,
        "eerste_dag": 14,
        "einde": (88, "Gestopt met de opleiding; geen nieuwe inschrijving (demo)."),
        "checkpoints": [
            (1, 30, CheckpointUitkomst.AANWEZIG, ""),
            (3, 91, CheckpointUitkomst.UITGESCHREVEN, "Gestopt met de opleiding (demo)."),
        ],
    },
}


def schoolloopbaan_vastleggen(traject, *, itb, gebruikers) -> None:
    """The release date moved back and the series recorded (idempotent: once per traject)."""
    serie = SERIES.get(traject.jongere.voornaam)
    if serie is None or traject.inschrijvingen.exists():
        return
    vandaag = timezone.localdate()
    vrij = max(vandaag - dt.timedelta(days=serie["vrij"]), traject.startdatum)
    traject_services.traject_wijzigen(actor=itb, traject=traject, jongere={}, gegevens={"vrijgelaten_op": vrij})
    traject.refresh_from_db()
    instelling, opleiding, crebo, niveau = serie["opleiding"]
    door = gebruikers["mbo-intake" if serie["door"] == "intaker" else "leerplicht"]

    def dag(n: int) -> dt.date:
        return vrij + dt.timedelta(days=n)

    einde, reden = serie.get("einde") or (None, "")
    services.inschrijving_vastleggen(
        actor=door,
        traject=traject,
        gegevens={
            "instelling": instelling,
            "opleiding": opleiding,
            "crebo": crebo,
            "niveau": niveau,
            "startdatum": dag(serie["start"]),
            "eerste_schooldag": dag(serie["eerste_dag"]),
            "einddatum": dag(einde) if einde is not None else None,
            "reden_uitschrijving": reden,
        },
    )
    for moment, dagen, uitkomst, reden in serie["checkpoints"]:
        services.checkpoint_vastleggen(
            actor=door,
            traject=traject,
            gegevens={"moment": moment, "peildatum": dag(dagen), "uitkomst": uitkomst, "reden": reden},
        )
