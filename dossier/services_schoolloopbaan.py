"""Writing the schoolloopbaan na uitstroom: the enrolment (with the first school day and an
uitschrijving), the checkpoints at 1, 3, 6 and 12 months, and step 10's "afsluiten nazorg".

Every write: atomic, ``actor`` required, the policy's rule (the organisation that writes the
part — the receiving mbo, else leerplicht/RMC — active in the traject), ``full_clean()``, one
save per object (history kept). Bad input is refused with a Dutch message per field
(``ValidationError``) and nothing is saved: an outcome dated before the release or before the
enrolment, the same checkpoint twice, an organisation that is not active, a checkpoint after
nazorg was closed.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jji_traject.geschiedenis import opslaan
from toegang import policy
from trajecten.constants import AFGEROND, BetrokkenheidSoort, TaakStatus
from trajecten.models import Betrokkenheid, Traject
from trajecten.services import checkpointtaken_aanvullen

from .constants import CheckpointUitkomst
from .models import Inschrijving, Nazorgafsluiting, Schoolcheckpoint
from .services_stand import standen_bijwerken

INSCHRIJVING_VELDEN = (
    "instelling",
    "opleiding",
    "crebo",
    "niveau",
    "startdatum",
    "eerste_schooldag",
    "einddatum",
    "reden_uitschrijving",
)
CHECKPOINT_VELDEN = ("moment", "peildatum", "uitkomst", "reden", "toelichting")
AFSLUITING_VELDEN = ("evaluatiedatum", "stabiel", "geadviseerd_door", "toelichting")
# Outcomes that say something about an enrolment: they need one that started by then.
MET_INSCHRIJVING = frozenset(
    {CheckpointUitkomst.AANWEZIG, CheckpointUitkomst.VERZUIM, CheckpointUitkomst.UITGESCHREVEN}
)


def _schrijver(actor, traject: Traject):
    """The actor's organisation when it may write the part; a clear refusal when it is involved
    but not active (or no longer the writer), ``PermissionDenied`` for anyone else."""
    if policy.mag_schoolloopbaan_schrijven(actor, traject):
        return policy.medewerker_van(actor).organisatie
    medewerker = policy.medewerker_van(actor)
    if (
        medewerker is not None
        and Betrokkenheid.objects.filter(
            traject=traject,
            organisatie=medewerker.organisatie,
            soort__in=(BetrokkenheidSoort.MBO_ONTVANGEND, BetrokkenheidSoort.LEERPLICHT_RMC),
        ).exists()
    ):
        raise ValidationError(
            _(
                "Je organisatie is niet actief in dit traject (er is geen geldige grondslag, of een andere "
                "organisatie legt de schoolloopbaan vast). Er is niets opgeslagen."
            )
        )
    raise PermissionDenied


def _na_vrijlating(traject: Traject, velden: dict) -> dict[str, str]:
    fouten = {}
    if traject.vrijgelaten_op is None:
        return {"__all__": _("De jongere is nog niet vrijgelaten: leg eerst de datum van vrijlating vast.")}
    for veld, datum in velden.items():
        if datum and datum < traject.vrijgelaten_op:
            fouten[veld] = _("De datum ligt vóór de vrijlating (%(datum)s).") % {
                "datum": traject.vrijgelaten_op.strftime("%d-%m-%Y")
            }
    return fouten


def _niet_afgesloten(traject: Traject) -> None:
    afsluiting = Nazorgafsluiting.objects.filter(traject=traject).first()
    if afsluiting is not None:
        raise ValidationError(
            _("De nazorg is afgesloten op %(datum)s: er worden geen uitkomsten meer vastgelegd.")
            % {"datum": afsluiting.evaluatiedatum.strftime("%d-%m-%Y")}
        )


def _niet_in_de_toekomst(velden: dict) -> dict[str, str]:
    vandaag = timezone.localdate()
    return {v: _("De datum ligt in de toekomst.") for v, d in velden.items() if d and d > vandaag}


def _vullen(obj, velden, gegevens: dict) -> bool:
    gewijzigd = obj.pk is None
    for veld in velden:
        if veld in gegevens and getattr(obj, veld) != gegevens[veld]:
            setattr(obj, veld, gegevens[veld])
            gewijzigd = True
    return gewijzigd


def _bewaren(obj, *, actor, organisatie) -> None:
    obj.organisatie, obj.vastgelegd_door, obj.vastgelegd_op = organisatie, actor, timezone.now()
    opslaan(obj, actor=actor)
    # The monitor's derived figures follow each write (and nightly: dossier.tasks).
    standen_bijwerken(Traject.objects.filter(pk=obj.traject_id))


def _inschrijving_toetsen(traject: Traject, inschrijving: Inschrijving) -> None:
    fouten = _na_vrijlating(
        traject, {"eerste_schooldag": inschrijving.eerste_schooldag, "einddatum": inschrijving.einddatum}
    )
    fouten.update(
        {
            v: m
            for v, m in _niet_in_de_toekomst(
                {"eerste_schooldag": inschrijving.eerste_schooldag, "einddatum": inschrijving.einddatum}
            ).items()
            if v not in fouten
        }
    )
    if fouten:
        raise ValidationError(fouten)


@transaction.atomic
def inschrijving_vastleggen(*, actor, traject: Traject, gegevens: dict) -> Inschrijving:
    """A new enrolment after release (institution, programme, crebo, level, start date; the
    first school day when known)."""
    organisatie = _schrijver(actor, traject)
    _niet_afgesloten(traject)
    inschrijving = Inschrijving(traject=traject)
    _vullen(inschrijving, INSCHRIJVING_VELDEN, gegevens)
    if not inschrijving.instelling:
        inschrijving.instelling = organisatie.naam
    _inschrijving_toetsen(traject, inschrijving)
    _bewaren(inschrijving, actor=actor, organisatie=organisatie)
    return inschrijving


@transaction.atomic
def inschrijving_wijzigen(*, actor, inschrijving: Inschrijving, gegevens: dict) -> Inschrijving:
    """Change an enrolment: the first school day, an uitschrijving with its reason, a correction."""
    traject = inschrijving.traject
    organisatie = _schrijver(actor, traject)
    _niet_afgesloten(traject)
    inschrijving = Inschrijving.objects.select_for_update().get(pk=inschrijving.pk)
    if not _vullen(inschrijving, INSCHRIJVING_VELDEN, gegevens):
        return inschrijving
    _inschrijving_toetsen(traject, inschrijving)
    _bewaren(inschrijving, actor=actor, organisatie=organisatie)
    return inschrijving


def _checkpoint_toetsen(traject: Traject, checkpoint: Schoolcheckpoint) -> None:
    fouten = _na_vrijlating(traject, {"peildatum": checkpoint.peildatum})
    if not fouten:
        fouten = _niet_in_de_toekomst({"peildatum": checkpoint.peildatum})
    if not fouten and checkpoint.uitkomst in MET_INSCHRIJVING and checkpoint.peildatum:
        inschrijvingen = list(traject.inschrijvingen.values_list("startdatum", flat=True))
        if not inschrijvingen:
            fouten["uitkomst"] = _("Leg eerst de inschrijving vast; deze uitkomst gaat over een inschrijving.")
        elif min(inschrijvingen) > checkpoint.peildatum:
            fouten["peildatum"] = _("De peildatum ligt vóór de start van de inschrijving (%(datum)s).") % {
                "datum": min(inschrijvingen).strftime("%d-%m-%Y")
            }
    dubbel = traject.schoolcheckpoints.filter(moment=checkpoint.moment).exclude(pk=checkpoint.pk)
    if checkpoint.moment and dubbel.exists():
        fouten["moment"] = _("Dit checkpoint is al vastgelegd. Wijzig het bestaande checkpoint.")
    if fouten:
        raise ValidationError(fouten)


def _taak_afronden(traject: Traject, checkpoint: Schoolcheckpoint, actor) -> None:
    """The checkpoint's task of step 10 is done (the reminder stops)."""
    taak = traject.taken.filter(checkpoint=checkpoint.moment).exclude(status__in=AFGEROND).first()
    if taak is not None:
        taak.status, taak.gedaan_op, taak.gedaan_door = TaakStatus.GEDAAN, timezone.localdate(), actor
        taak._history_user = actor
        taak.save(update_fields=["status", "gedaan_op", "gedaan_door"])


@transaction.atomic
def checkpoint_vastleggen(*, actor, traject: Traject, gegevens: dict) -> Schoolcheckpoint:
    """What a checkpoint found; completes its task. The same checkpoint twice is refused."""
    organisatie = _schrijver(actor, traject)
    _niet_afgesloten(traject)
    Traject.objects.select_for_update().filter(pk=traject.pk).first()  # one checkpoint at a time
    checkpoint = Schoolcheckpoint(traject=traject)
    _vullen(checkpoint, CHECKPOINT_VELDEN, gegevens)
    _checkpoint_toetsen(traject, checkpoint)
    _bewaren(checkpoint, actor=actor, organisatie=organisatie)
    checkpointtaken_aanvullen(actor=actor, traject=traject)
    _taak_afronden(traject, checkpoint, actor)
    return checkpoint


@transaction.atomic
def checkpoint_wijzigen(*, actor, checkpoint: Schoolcheckpoint, gegevens: dict) -> Schoolcheckpoint:
    """Correct a checkpoint (its moment stays: a different checkpoint is a new one)."""
    traject = checkpoint.traject
    organisatie = _schrijver(actor, traject)
    _niet_afgesloten(traject)
    checkpoint = Schoolcheckpoint.objects.select_for_update().get(pk=checkpoint.pk)
    gegevens = {k: v for k, v in gegevens.items() if k != "moment"}
    if not _vullen(checkpoint, CHECKPOINT_VELDEN, gegevens):
        return checkpoint
    _checkpoint_toetsen(traject, checkpoint)
    _bewaren(checkpoint, actor=actor, organisatie=organisatie)
    return checkpoint


@transaction.atomic
def nazorg_afsluiten(*, actor, traject: Traject, gegevens: dict) -> Nazorgafsluiting:
    """Step 10's "afsluiten nazorg": the review date, the decision "stabiel", who advised. It
    closes the series of outcomes: the open checkpoint tasks are not applicable any more.
    The traject stays readable to those who could read it."""
    if not policy.mag_nazorg_afsluiten(actor, traject):
        _schrijver(actor, traject)  # a clear message for an organisation that is not active
        raise PermissionDenied
    _niet_afgesloten(traject)
    afsluiting = Nazorgafsluiting(traject=traject)
    _vullen(afsluiting, AFSLUITING_VELDEN, gegevens)
    fouten = _na_vrijlating(traject, {"evaluatiedatum": afsluiting.evaluatiedatum})
    if not fouten:
        fouten = _niet_in_de_toekomst({"evaluatiedatum": afsluiting.evaluatiedatum})
    if fouten:
        raise ValidationError(fouten)
    _bewaren(afsluiting, actor=actor, organisatie=policy.medewerker_van(actor).organisatie)
    reden = _("Nazorg afgesloten: de situatie is stabiel.")
    for taak in traject.taken.filter(checkpoint__isnull=False).exclude(status__in=AFGEROND):
        taak.status, taak.reden = TaakStatus.NVT, reden
        taak._history_user = actor
        taak.save(update_fields=["status", "reden"])
    return afsluiting
