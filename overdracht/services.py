"""Making, keeping and recalling overdrachtsdocumenten.

A document is asked for by the JJI-school for one recipient person and made in the
background (``overdracht.tasks.overdracht_maken``; eagerly without Redis). The work re-reads
what the recipient may see when it runs — a consent revoked while it waited is left out — and
writes the file and its raadplegingen in one transaction, so it is idempotent and can be run
again after a worker died mid-render. Files are kept for ``OVERDRACHT_BEWAARDAGEN`` days.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from jji_traject.afdruk import pdf_maken
from jji_traject.geschiedenis import opslaan
from toegang import policy

from . import selectors
from .models import Overdracht, OverdrachtStatus, Terugvraag

logger = logging.getLogger(__name__)


@transaction.atomic
def overdracht_aanvragen(*, actor, traject, ontvanger) -> Overdracht:
    """Ask for a document for ``ontvanger`` (a Medewerker): someone of an organisation active
    in the traject who sees it. It is made in the background once this transaction commits."""
    if not policy.mag_overdracht_maken(actor, traject):
        raise PermissionDenied
    if ontvanger is None or ontvanger.pk not in {m.pk for m in policy.overdracht_ontvangers(actor, traject)}:
        raise ValidationError(
            {
                "ontvanger": _(
                    "Kies iemand van een organisatie die actief betrokken is en dit traject ziet (toegewezen, of "
                    "verbindingsofficier of zorgcoördinator)."
                )
            }
        )
    overdracht = Overdracht(
        traject=traject, aangevraagd_door=actor, ontvanger=ontvanger.user, ontvanger_organisatie=ontvanger.organisatie
    )
    opslaan(overdracht, actor=actor)
    from .tasks import overdracht_maken as taak  # the task module imports this one

    taak.delay_on_commit(overdracht.pk)
    return overdracht


def _document(inhoud: selectors.Inhoud, overdracht: Overdracht) -> str:
    with override(settings.LANGUAGE_CODE):  # the document is Dutch, whoever's language runs the worker
        return render_to_string(
            "overdracht/document.html", {"i": inhoud, "o": overdracht, "nu": timezone.now(), "pdf": True}
        )


def overdracht_maken(overdracht_id: int) -> str:
    """The background work: read what the recipient may see now, render the PDF, store it
    with its raadplegingen. Runs again harmlessly (a made document is not made twice)."""
    with transaction.atomic():
        overdracht = (
            Overdracht.objects.select_for_update(of=("self",))
            .select_related("traject__jongere", "aangevraagd_door", "ontvanger", "ontvanger_organisatie")
            .filter(pk=overdracht_id)
            .first()
        )
        if overdracht is None or overdracht.status != OverdrachtStatus.WACHT:
            return overdracht.status if overdracht else "onbekend"
        traject = overdracht.traject
        ontvanger = policy.medewerker_van(overdracht.ontvanger)
        if ontvanger is None or ontvanger.pk not in {
            m.pk for m in policy.overdracht_ontvangers(overdracht.aangevraagd_door, traject)
        }:
            # Access changed while it waited: nothing leaves.
            overdracht.status, overdracht.fout = (
                OverdrachtStatus.MISLUKT,
                _("De ontvanger of de maker heeft geen toegang meer tot dit traject."),
            )
            opslaan(overdracht, actor=overdracht.aangevraagd_door, velden=["status", "fout"])
            return overdracht.status
        inhoud = selectors.inhoud(
            actor=overdracht.aangevraagd_door, ontvanger=ontvanger, traject=traject, nummer=overdracht.nummer
        )
        overdracht.bestand = pdf_maken(_document(inhoud, overdracht))
        overdracht.categorieen = list(inhoud.gedeeld)
        overdracht.status, overdracht.gemaakt_op = OverdrachtStatus.KLAAR, timezone.now()
        opslaan(
            overdracht, actor=overdracht.aangevraagd_door, velden=["bestand", "categorieen", "status", "gemaakt_op"]
        )
        return overdracht.status


def overdracht_mislukt(overdracht_id: int, fout: Exception) -> None:
    """A render that failed for good: on record without content (its raadplegingen were
    rolled back with it, so nothing is said to have left)."""
    logger.error("Overdrachtsdocument %s kon niet worden gemaakt: %s", overdracht_id, type(fout).__name__)
    with transaction.atomic():
        overdracht = Overdracht.objects.select_for_update().filter(pk=overdracht_id).first()
        if overdracht is not None and overdracht.status == OverdrachtStatus.WACHT:
            overdracht.status, overdracht.fout = OverdrachtStatus.MISLUKT, _("Het document kon niet worden gemaakt.")
            opslaan(overdracht, actor=overdracht.aangevraagd_door, velden=["status", "fout"])


def kopieen_terugvragen(*, actor, toestemming) -> int:
    """Consent for a part was revoked: ask the recipients of earlier documents that carried
    it, in that organisation, to delete their copies (a notification each, and on record)."""
    from signalering import services as signalering

    documenten = Overdracht.objects.filter(
        traject_id=toestemming.traject_id,
        ontvanger_organisatie_id=toestemming.ontvanger_id,
        status__in=[OverdrachtStatus.KLAAR, OverdrachtStatus.VERWIJDERD],
    ).select_related("ontvanger", "traject")
    aantal = 0
    for overdracht in documenten:
        if toestemming.categorie not in overdracht.categorieen:
            continue
        if Terugvraag.objects.filter(overdracht=overdracht, categorie=toestemming.categorie).exists():
            continue
        opslaan(
            Terugvraag(overdracht=overdracht, categorie=toestemming.categorie, toestemming=toestemming), actor=actor
        )
        signalering.kopie_terugvragen_melden(overdracht, toestemming.categorie)
        aantal += 1
    return aantal


def overdrachten_opruimen(op: dt.datetime | None = None) -> int:
    """Delete the files of documents older than the bewaartermijn (the record stays, for the log)."""
    grens = (op or timezone.now()) - dt.timedelta(days=settings.OVERDRACHT_BEWAARDAGEN)
    aantal = 0
    for overdracht in Overdracht.objects.filter(status=OverdrachtStatus.KLAAR, gemaakt_op__lt=grens).defer("bestand"):
        with transaction.atomic():
            overdracht.bestand, overdracht.status, overdracht.verwijderd_op = (
                None,
                OverdrachtStatus.VERWIJDERD,
                timezone.now(),
            )
            opslaan(overdracht, actor=None, velden=["bestand", "status", "verwijderd_op"])
        aantal += 1
    return aantal
