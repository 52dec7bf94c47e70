"""From 18, parents are involved only with the young person's own consent (seed 001; issue
20, item 5): the consent "ouders betrekken", and the tasks to contact the parents that do not
apply without it."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from jji_traject.geschiedenis import opslaan
from toegang import policy

from .. import regels
from ..constants import TaakStatus, Voorwaarde
from ..models import OudersBetrekken, Traject
from .gedeeld import vergrendeld
from .routekaart import OUDERS_REDEN

# The consent can be asked from a month before the 18th birthday (the reminder's moment).
VOORAF_DAGEN = 31


def is_vraagbaar(traject: Traject, op: dt.date | None = None) -> bool:
    """The consent can be recorded from a month before the 18th birthday."""
    achttien = regels.verjaardag(traject.jongere.geboortedatum, regels.MEERDERJARIG)
    return achttien - dt.timedelta(days=VOORAF_DAGEN) <= (op or timezone.localdate())


def ouders_taken_bijwerken(traject: Traject, op: dt.date | None = None) -> int:
    """The tasks to contact the parents follow the rule: not applicable (with the reason) for
    an 18-year-old without the consent, open again once it is given. Returns the tasks changed."""
    toegestaan = traject.ouders_betrekken_toegestaan(op)
    taken = traject.taken.filter(voorwaarde=Voorwaarde.OUDERS)
    if toegestaan:
        taken = taken.filter(status=TaakStatus.NVT, route_nvt=True, reden=str(OUDERS_REDEN))
        nieuw = {"status": TaakStatus.OPEN, "reden": "", "route_nvt": False}
    else:
        taken = taken.filter(status__in=[TaakStatus.OPEN, TaakStatus.BEZIG])
        nieuw = {"status": TaakStatus.NVT, "reden": str(OUDERS_REDEN), "route_nvt": True}
    aantal = 0
    for taak in taken:
        for veld, waarde in nieuw.items():
            setattr(taak, veld, waarde)
        taak.save(update_fields=list(nieuw))
        aantal += 1
    return aantal


@transaction.atomic
def ouders_betrekken_vastleggen(*, actor, traject: Traject, gegevens: dict) -> OudersBetrekken:
    """Record the young person's consent to involve their parents (from a month before 18)."""
    traject = vergrendeld(traject)
    if not policy.mag_grondslag_vastleggen(actor, traject):
        raise PermissionDenied
    achttien = regels.verjaardag(traject.jongere.geboortedatum, regels.MEERDERJARIG)
    if not is_vraagbaar(traject):
        raise ValidationError(
            _(
                "Tot de 18de verjaardag (%(datum)s) worden de ouders betrokken zoals nu. Deze toestemming vraag je "
                "vanaf een maand daarvoor."
            )
            % {"datum": date_format(achttien, "j F Y")}
        )
    if traject.ouders_betrekken.geldig().exists():
        raise ValidationError(_("Deze toestemming is al vastgelegd. Er is niets gewijzigd."))
    record = OudersBetrekken(
        traject=traject,
        datum_gegeven=gegevens.get("datum_gegeven"),
        wijze=gegevens.get("wijze") or "",
        toelichting=(gegevens.get("toelichting") or "").strip(),
        vastgelegd_door=actor,
    )
    opslaan(record, actor=actor)
    ouders_taken_bijwerken(traject)
    return record


@transaction.atomic
def ouders_betrekken_intrekken(*, actor, record: OudersBetrekken) -> OudersBetrekken:
    """The young person withdraws it: from now on the parents are not involved (after 18)."""
    record = OudersBetrekken.objects.select_for_update().get(pk=record.pk)
    traject = vergrendeld(record.traject, open_vereist=False)
    if not policy.mag_grondslag_vastleggen(actor, traject):
        raise PermissionDenied
    if record.ingetrokken_op is not None:
        raise ValidationError(_("Deze toestemming is al ingetrokken. Er is niets gewijzigd."))
    record.ingetrokken_op, record.ingetrokken_door = timezone.localdate(), actor
    opslaan(record, actor=actor, velden=["ingetrokken_op", "ingetrokken_door"])
    ouders_taken_bijwerken(traject)
    return record
