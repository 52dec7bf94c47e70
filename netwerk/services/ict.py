"""Writes on a regio's ICT-fasen (bijlage 3): regional data that the regio's functioneel
beheerder keeps; every new regio starts from the handreiking's example."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from toegang import policy

from ..constants import ICT_FASEN_VOORBEELD
from ..models import IctFase, Regio


def _mag_beheren(actor, regio) -> None:
    if not policy.mag_regio_beheren(actor, regio):
        raise PermissionDenied


@transaction.atomic
def ict_fasen_voorbeeld_laden(*, actor, regio: Regio) -> int:
    """Give a regio the example phases of bijlage 3 (A1 … B2/D1-2), skipping a name the regio
    already has; the number added."""
    _mag_beheren(actor, regio)
    bestaand = {naam.casefold() for naam in IctFase.objects.filter(regio=regio).values_list("naam", flat=True)}
    aantal = 0
    for volgorde, (naam, omschrijving) in enumerate(ICT_FASEN_VOORBEELD, start=1):
        if naam.casefold() in bestaand:
            continue
        fase = IctFase(regio=regio, naam=naam, omschrijving=omschrijving, volgorde=volgorde)
        fase.full_clean()
        fase.save()
        aantal += 1
    return aantal


@transaction.atomic
def ict_fase_opslaan(*, actor, fase: IctFase) -> IctFase:
    """Add or change a phase of a regio: only its functioneel beheerder (or a superuser). A
    phase stays in the regio it was made for."""
    _mag_beheren(actor, fase.regio)
    if fase.pk is not None:
        oud = IctFase.objects.select_related("regio").get(pk=fase.pk)
        _mag_beheren(actor, oud.regio)
        fase.regio = oud.regio
    fase.full_clean()
    fase.save()
    return fase
