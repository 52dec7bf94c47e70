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
    if soort not in policy.overlegsoorten(actor, traject):
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
def vertrek_bijwerken(*, actor, traject: Traject, items: dict[str, tuple[str, str]]) -> list[VertrekItem]:
    """The ready-to-leave checklist in one go: ``items`` maps an onderwerp to its status and
    note. A line is created on first use and saved only when it changed (its history shows
    who changed what); one refused line saves none. After the release the mbo no longer
    edits it (``policy.mag_vertrek_bijwerken``)."""
    traject = vergrendeld(traject)
    if not policy.mag_vertrek_bijwerken(actor, traject):
        raise PermissionDenied
    if not set(items) <= set(VertrekOnderwerp.values) or any(s not in VertrekStatus.values for s, _t in items.values()):
        raise ValidationError(_("Onbekend onderwerp of onbekende status."))
    bestaand = {item.onderwerp: item for item in VertrekItem.objects.filter(traject=traject)}
    fouten: dict[str, list] = {}
    gewijzigd: list[VertrekItem] = []
    for onderwerp, (status, toelichting) in items.items():
        item = bestaand.get(onderwerp) or VertrekItem(traject=traject, onderwerp=onderwerp)
        toelichting = (toelichting or "").strip()
        if item.pk and (item.status, item.toelichting) == (status, toelichting):
            continue
        if not item.pk and status == VertrekStatus.OPEN and not toelichting:
            continue  # an untouched line stays as it was: not yet arranged
        item.status, item.toelichting = status, toelichting
        item.bijgewerkt_door, item.bijgewerkt_op = actor, timezone.now()
        try:
            item.full_clean()
        except ValidationError as fout:
            for veld, meldingen in fout.message_dict.items():
                fouten.setdefault(f"{onderwerp}_{veld}", []).extend(meldingen)
            continue
        gewijzigd.append(item)
    if fouten:
        raise ValidationError(fouten)
    for item in gewijzigd:
        item.save()
    return gewijzigd
