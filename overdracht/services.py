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
from types import SimpleNamespace

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from jji_traject.afdruk import pdf_maken
from jji_traject.geschiedenis import opslaan
from signalering import services as signalering
from signalering.models import MeldingSoort
from toegang import policy
from toegang.models import Raadpleging, RaadplegingActie
from trajecten.constants import KENNISGEVING
from trajecten.models import Toestemming

from . import selectors
from .models import VERSTUURD, Overdracht, OverdrachtStatus, Terugvraag

logger = logging.getLogger(__name__)


MAX_POGINGEN = 3
# A job still waiting after this long was probably lost on its way to a worker: send it again.
OPNIEUW_NA = dt.timedelta(minutes=1)


@transaction.atomic
def overdracht_aanvragen(*, actor, traject, ontvanger, verzoek=None) -> Overdracht:
    """Ask for a document for ``ontvanger`` (a Medewerker): someone of an organisation active
    in the traject who sees it. It is made in the background once this transaction commits."""
    if not policy.mag_overdracht_maken(actor, traject):
        raise PermissionDenied
    if ontvanger is None or not policy.overdracht_ontvangers(actor, traject).filter(pk=ontvanger.pk).exists():
        raise ValidationError(
            {
                "ontvanger": _(
                    "Kies iemand van een organisatie die actief betrokken is en dit traject ziet (toegewezen, of "
                    "verbindingsofficier of zorgcoördinator)."
                )
            }
        )
    overdracht = Overdracht(
        traject=traject,
        aangevraagd_door=actor,
        ontvanger=ontvanger.user,
        ontvanger_organisatie=ontvanger.organisatie,
        verzoek_id=getattr(verzoek, "verzoek_id", "")[:64] if verzoek is not None else "",
        ip=(verzoek.META.get("REMOTE_ADDR") or None) if verzoek is not None else None,
    )
    opslaan(overdracht, actor=actor)
    transaction.on_commit(lambda: inplannen(overdracht.pk))
    return overdracht


def inplannen(overdracht_id: int) -> None:
    """Queue the job (or, without Redis, run it now). A broker that is away must not break
    the page: the status page sends a job that waits too long again."""
    from .tasks import overdracht_maken as taak  # the task module imports this one

    try:
        taak.delay(overdracht_id)
    except Exception:  # noqa: BLE001 - any broker failure: the job is sent again later
        logger.exception("Overdrachtsdocument %s kon niet in de wachtrij", overdracht_id)


def opnieuw_inplannen_als_nodig(overdracht: Overdracht) -> bool:
    """A document that waits longer than it should: its job is sent again (the job is
    idempotent, so a duplicate does no harm)."""
    if overdracht.status != OverdrachtStatus.WACHT or timezone.now() - overdracht.aangevraagd_op < OPNIEUW_NA:
        return False
    inplannen(overdracht.pk)
    return True


def _document(inhoud: selectors.Inhoud, overdracht: Overdracht) -> str:
    with override(settings.LANGUAGE_CODE):  # the document is Dutch, whoever's language runs the worker
        return render_to_string(
            "overdracht/document.html", {"i": inhoud, "o": overdracht, "nu": timezone.now(), "pdf": True}
        )


def overdracht_maken(overdracht_id: int) -> str:
    """The background work: read what the recipient may see now, render the PDF, store it
    with its raadplegingen. Runs again harmlessly (a made document is not made twice); gives
    up after a few attempts (a render that kills its worker is not retried forever)."""
    with transaction.atomic():  # the attempt is on record before the render starts
        overdracht = Overdracht.objects.select_for_update().defer("bestand").filter(pk=overdracht_id).first()
        if overdracht is None or overdracht.status != OverdrachtStatus.WACHT:
            return overdracht.status if overdracht else "onbekend"
        if overdracht.pogingen >= MAX_POGINGEN:
            _mislukt(overdracht, _("Het document kon na enkele pogingen niet worden gemaakt."))
            return overdracht.status
        overdracht.pogingen += 1
        opslaan(overdracht, actor=overdracht.aangevraagd_door, velden=["pogingen"])
    with transaction.atomic():
        overdracht = (
            Overdracht.objects.select_for_update(of=("self",))
            .defer("bestand")
            .select_related("traject__jongere", "aangevraagd_door", "ontvanger", "ontvanger_organisatie")
            .get(pk=overdracht_id)
        )
        if overdracht.status != OverdrachtStatus.WACHT:
            return overdracht.status
        traject = overdracht.traject
        # The grondslagen of the recipient's organisation stay as they are until this commits:
        # a revocation waits, and then finds this document to ask back.
        list(
            Toestemming.objects.select_for_update().filter(traject=traject, ontvanger=overdracht.ontvanger_organisatie)
        )
        ontvanger = policy.overdracht_ontvangers(overdracht.aangevraagd_door, traject).filter(
            user_id=overdracht.ontvanger_id
        )
        ontvanger = ontvanger.first()
        if ontvanger is None:
            _mislukt(overdracht, _("De ontvanger of de maker heeft geen toegang meer tot dit traject."))
            return overdracht.status
        inhoud = selectors.inhoud(
            actor=overdracht.aangevraagd_door,
            ontvanger=ontvanger,
            traject=traject,
            nummer=overdracht.nummer,
            verzoek=SimpleNamespace(verzoek_id=overdracht.verzoek_id, META={"REMOTE_ADDR": overdracht.ip}),
        )
        overdracht.bestand = pdf_maken(_document(inhoud, overdracht))
        overdracht.categorieen = list(inhoud.gedeeld)
        overdracht.status, overdracht.gemaakt_op = OverdrachtStatus.KLAAR, timezone.now()
        opslaan(
            overdracht, actor=overdracht.aangevraagd_door, velden=["bestand", "categorieen", "status", "gemaakt_op"]
        )
        return overdracht.status


def _mislukt(overdracht: Overdracht, reden: str) -> None:
    overdracht.status, overdracht.fout = OverdrachtStatus.MISLUKT, reden
    opslaan(overdracht, actor=overdracht.aangevraagd_door, velden=["status", "fout"])


def overdracht_mislukt(overdracht_id: int, fout: Exception) -> None:
    """A render that failed for good: on record without content (its raadplegingen were
    rolled back with it, so nothing is said to have left)."""
    logger.error("Overdrachtsdocument %s kon niet worden gemaakt: %s", overdracht_id, type(fout).__name__)
    try:
        with transaction.atomic():
            overdracht = Overdracht.objects.select_for_update().defer("bestand").filter(pk=overdracht_id).first()
            if overdracht is not None and overdracht.status == OverdrachtStatus.WACHT:
                _mislukt(overdracht, _("Het document kon niet worden gemaakt."))
    except DatabaseError:
        logger.exception("Overdrachtsdocument %s: de mislukking kon niet worden vastgelegd", overdracht_id)


def grondslagen_ingetrokken(*, actor, toestemmingen) -> int:
    """The hook ``grondslag_ingetrokken`` (``toegang.haken``): copies asked back per record."""
    return sum(kopieen_terugvragen(actor=actor, toestemming=toestemming) for toestemming in toestemmingen)


def kopieen_terugvragen(*, actor, toestemming) -> int:
    """A grondslag was revoked: ask the recipients of earlier documents it opened to delete
    their copies, and stop the download. A part's consent recalls the documents that carried
    that part on that grondslag (per their raadplegingen); a kennisgeving without another
    valid one for the organisation recalls every document that went there, basic data too."""
    documenten = Overdracht.objects.filter(
        traject_id=toestemming.traject_id, ontvanger_organisatie_id=toestemming.ontvanger_id, status__in=VERSTUURD
    ).select_related("ontvanger", "aangevraagd_door", "traject")
    if toestemming.categorie == KENNISGEVING:
        nog_geldig = (
            Toestemming.objects.kennisgevingen()
            .geldig()
            .filter(traject_id=toestemming.traject_id, ontvanger_id=toestemming.ontvanger_id)
        )
        if nog_geldig.exists():
            return 0
    else:
        gedragen = Raadpleging.objects.filter(
            traject_id=toestemming.traject_id,
            actie=RaadplegingActie.PDF,
            categorie=toestemming.categorie,
            grondslag=toestemming,
        ).values("document")
        documenten = documenten.filter(nummer__in=gedragen)
    aantal = 0
    for overdracht in documenten.exclude(terugvragen__categorie=toestemming.categorie).defer("bestand"):
        opslaan(
            Terugvraag(overdracht=overdracht, categorie=toestemming.categorie, toestemming=toestemming), actor=actor
        )
        if overdracht.status == OverdrachtStatus.KLAAR:
            overdracht.bestand, overdracht.status = None, OverdrachtStatus.TERUGGEVRAAGD
            opslaan(overdracht, actor=actor, velden=["bestand", "status"])
        kopie_terugvragen_melden(overdracht)
        aantal += 1
    return aantal


def overdrachten_opruimen(op: dt.datetime | None = None) -> int:
    """Delete the files of documents older than the bewaartermijn (the record stays, for the
    log); a document still waiting after a day is given up."""
    nu = op or timezone.now()
    for overdracht in Overdracht.objects.filter(
        status=OverdrachtStatus.WACHT, aangevraagd_op__lt=nu - dt.timedelta(days=1)
    ).defer("bestand"):
        with transaction.atomic():
            _mislukt(overdracht, _("Het document is niet op tijd gemaakt. Maak het opnieuw."))
    grens = nu - dt.timedelta(days=settings.OVERDRACHT_BEWAARDAGEN)
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


def kopie_terugvragen_melden(overdracht) -> int:
    """Ask the recipient of a document to delete their copy (a grondslag it relied on was
    revoked), and tell its maker. Once per document: the notification names the document
    number (the recipient may no longer see the traject); the mail carries no youth data."""
    return signalering.melden(
        MeldingSoort.KOPIE_VERWIJDEREN,
        [
            (overdracht.ontvanger, f"kopie:{overdracht.pk}:ontvanger"),
            (overdracht.aangevraagd_door, f"kopie:{overdracht.pk}:maker"),
        ],
        traject=overdracht.traject,
        document=overdracht.nummer,
    )
