"""Meetings, contact moments and the ready-to-leave checklist."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from toegang import policy

from .. import selectors
from ..constants import (
    AFGEROND,
    OverlegSoort,
    TaakStatus,
    VertrekOnderwerp,
    VertrekStatus,
)
from ..models import (
    Overleg,
    Taak,
    Traject,
    VertrekItem,
)
from .gedeeld import vergrendeld


@transaction.atomic
def overleg_vastleggen(
    *,
    actor,
    traject: Traject,
    soort: str,
    datum: dt.date,
    deelnemers=(),
    andere_deelnemers: str = "",
    jongere_aanwezig: bool = False,
    uitkomst: str = "",
    uitstroombestemming: str = "",
    vervolgtaken: list[str] | None = None,
) -> Overleg:
    """Record a meeting or contact moment. It completes the first open task it fulfils (a
    nazorgtafel, a contactmoment); a decided uitstroombestemming is set on the traject; each
    follow-up line becomes a task for the recording organisation."""
    traject = vergrendeld(traject)
    if not policy.mag_overleg_vastleggen(actor, traject):
        raise PermissionDenied
    if soort == OverlegSoort.TRAJECTKNOOPPUNT and not policy.mag_traject_beheren(actor, traject):
        raise ValidationError({"soort": _("Het trajectknooppunt is het overleg van de JJI en de JJI-school.")})
    toegestaan = set(policy.actieve_medewerkers(actor, traject).values_list("pk", flat=True))
    if any(m.pk not in toegestaan for m in deelnemers):
        raise ValidationError({"deelnemers": _("Kies deelnemers van organisaties die actief betrokken zijn.")})
    overleg = Overleg(
        traject=traject,
        soort=soort,
        datum=datum,
        andere_deelnemers=andere_deelnemers,
        jongere_aanwezig=jongere_aanwezig,
        uitkomst=uitkomst,
        uitstroombestemming=uitstroombestemming,
        vastgelegd_door=actor,
    )
    if uitstroombestemming and not policy.mag_traject_beheren(actor, traject):
        raise ValidationError({"uitstroombestemming": _("De uitstroombestemming legt de JJI of de JJI-school vast.")})
    overleg.full_clean()
    overleg.save()
    overleg.deelnemers.set(deelnemers)
    # A meeting completes a task it fulfils only once it took place, and only a task the
    # actor may update; a contact moment counts after the release.
    vervuld = policy.bijwerkbare_taken(actor, traject).filter(overleg_soort=soort).exclude(status__in=AFGEROND)
    geldig = datum <= timezone.localdate() and (
        soort != OverlegSoort.CONTACTMOMENT or bool(traject.vrijgelaten_op and datum >= traject.vrijgelaten_op)
    )
    taak = vervuld.order_by(F("deadline").asc(nulls_last=True), "pk").first() if geldig else None
    if taak is not None:
        taak.status, taak.gedaan_op, taak.gedaan_door = TaakStatus.GEDAAN, datum, actor
        taak.save(update_fields=["status", "gedaan_op", "gedaan_door"])
    if uitstroombestemming and uitstroombestemming != traject.uitstroombestemming:
        traject.uitstroombestemming = uitstroombestemming
        traject.save(update_fields=["uitstroombestemming"])
    eigen = policy.medewerker_van(actor)
    stap = selectors.huidige_stap(traject)
    for tekst in filter(None, (regel.strip() for regel in vervolgtaken or [])):
        vervolg = Taak(
            traject=traject,
            stap=stap,
            tekst=tekst[:300],
            organisatie=eigen.organisatie,
            justitieel=policy.is_justitiepartner(eigen.organisatie),
        )
        vervolg.full_clean()
        vervolg.save()
    return overleg


@transaction.atomic
def vertrekitem_bijwerken(
    *, actor, traject: Traject, onderwerp: str, status: str, toelichting: str = ""
) -> VertrekItem:
    """Update one line of the ready-to-leave checklist (created on first use)."""
    traject = vergrendeld(traject)
    if not policy.mag_overleg_vastleggen(actor, traject):
        raise PermissionDenied
    if onderwerp not in VertrekOnderwerp.values or status not in VertrekStatus.values:
        raise ValidationError(_("Onbekend onderwerp of onbekende status."))
    item, _nieuw = VertrekItem.objects.get_or_create(traject=traject, onderwerp=onderwerp)
    item.status, item.toelichting = status, toelichting.strip()
    item.bijgewerkt_door, item.bijgewerkt_op = actor, timezone.now()
    item.full_clean()
    item.save()
    return item
