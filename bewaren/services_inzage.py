"""The young person's copy (AVG art. 15): a request on record (who asked, how their identity was
checked, the one-month due date as a task), the PDF made in the background through the outbox
and the one PDF module, and its delivery."""

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
from trajecten.constants import BetrokkenheidSoort, Partij, Stap, TaakStatus
from trajecten.models import Taak, Traject

from . import selectors_inzage
from .models import Aanvrager, InzageStatus, Inzageverzoek
from .selectors import maanden_terug

logger = logging.getLogger(__name__)


def termijn_van(ontvangen_op: dt.date) -> dt.date:
    """One month after the request (AVG art. 12(3))."""
    return maanden_terug(ontvangen_op, -1)


def aanvrager_controleren(traject: Traject, aanvrager: str, op: dt.date | None) -> None:
    """From 16 the young person exercises their rights; a parent with gezag asks only before."""
    if op and aanvrager == Aanvrager.OUDER and traject.jongere.leeftijd(op) >= 16:
        raise ValidationError(
            {"aanvrager": _("De jongere is 16 of ouder: de jongere vraagt dit zelf, niet een ouder of voogd.")}
        )


@transaction.atomic
def verzoek_vastleggen(*, actor, traject: Traject, gegevens: dict) -> Inzageverzoek:
    """Record the request, give the JJI-school a task due in a month, and start the PDF."""
    traject = Traject.objects.select_for_update(of=("self",)).select_related("jongere").get(pk=traject.pk)
    if not policy.mag_inzage_verzorgen(actor, traject):
        raise PermissionDenied
    if Inzageverzoek.objects.filter(traject=traject).exclude(status=InzageStatus.GELEVERD).exists():
        raise ValidationError(
            _("Er loopt al een verzoek om een kopie. Geef die eerst aan de jongere; er is niets vastgelegd.")
        )
    verzoek = Inzageverzoek(
        traject=traject,
        aanvrager=gegevens.get("aanvrager") or "",
        aanvrager_naam=(gegevens.get("aanvrager_naam") or "").strip(),
        ontvangen_op=gegevens.get("ontvangen_op"),
        identiteit=gegevens.get("identiteit") or "",
        toelichting=(gegevens.get("toelichting") or "").strip(),
        vastgelegd_door=actor,
    )
    if verzoek.ontvangen_op:
        verzoek.termijn = termijn_van(verzoek.ontvangen_op)
    aanvrager_controleren(traject, verzoek.aanvrager, verzoek.ontvangen_op)
    verzoek.full_clean(exclude=["taak"])
    school = traject.betrokkenheden.filter(soort=BetrokkenheidSoort.JJI_SCHOOL).values_list("organisatie_id", flat=True)
    taak = Taak(
        traject=traject,
        stap=Stap.AL_EVEN_BUITEN if traject.vrijgelaten_op else Stap.TUSSENPERIODE_ONDERWIJS,
        tekst="Kopie van alle gegevens geven aan de jongere (inzageverzoek, AVG art. 15)",
        partij=Partij.JJI_SCHOOL,
        organisatie_id=school.first(),
        medewerker=policy.medewerker_van(actor),
        deadline=verzoek.termijn,
    )
    opslaan(taak, actor=actor)
    verzoek.taak = taak
    opslaan(verzoek, actor=actor)
    _plannen(verzoek)
    return verzoek


def _plannen(verzoek: Inzageverzoek) -> None:
    from .services import kopie_plannen

    kopie_plannen(verzoek.pk)


@transaction.atomic
def opnieuw_maken(*, actor, verzoek: Inzageverzoek) -> Inzageverzoek:
    verzoek = Inzageverzoek.objects.select_for_update().defer("bestand").get(pk=verzoek.pk)
    if not policy.mag_inzage_verzorgen(actor, verzoek.traject):
        raise PermissionDenied
    if verzoek.status != InzageStatus.MISLUKT:
        raise ValidationError(_("Alleen een mislukte kopie maak je opnieuw."))
    verzoek.status, verzoek.fout = InzageStatus.WACHT, ""
    opslaan(verzoek, actor=actor, velden=["status", "fout"])
    _plannen(verzoek)
    return verzoek


def kopie_maken(verzoek_id: int) -> str:
    """The background work: render everything kept about the young person into one PDF."""
    with transaction.atomic():
        verzoek = (
            Inzageverzoek.objects.select_for_update(of=("self",))
            .defer("bestand")
            .select_related("traject__jongere", "traject__jji")
            .filter(pk=verzoek_id)
            .first()
        )
        if verzoek is None or verzoek.status != InzageStatus.WACHT:
            return verzoek.status if verzoek else "onbekend"
        with override(settings.LANGUAGE_CODE):  # the copy is in Dutch (B1)
            html = render_to_string(
                "bewaren/inzage_pdf.html",
                {
                    "traject": verzoek.traject,
                    "verzoek": verzoek,
                    "onderdelen": selectors_inzage.inhoud(verzoek.traject),
                    "nu": timezone.now(),
                    "pdf": True,
                    "titel": "Alles wat jji-traject over jou bewaart",
                    "privacyverklaring": f"{settings.SITE_URL}/privacyverklaring/",
                },
            )
        verzoek.bestand = pdf_maken(html)
        verzoek.status, verzoek.gemaakt_op = InzageStatus.KLAAR, timezone.now()
        verzoek.save(update_fields=["bestand", "status", "gemaakt_op"])
        return verzoek.status


def kopie_mislukt(verzoek_id: int, fout: Exception) -> None:
    logger.error("Inzagekopie %s kon niet worden gemaakt: %s", verzoek_id, type(fout).__name__)
    with transaction.atomic():
        verzoek = Inzageverzoek.objects.select_for_update().defer("bestand").filter(pk=verzoek_id).first()
        if verzoek is not None and verzoek.status == InzageStatus.WACHT:
            verzoek.status, verzoek.fout = InzageStatus.MISLUKT, _("De PDF kon niet worden gemaakt.")
            verzoek.save(update_fields=["status", "fout"])


@transaction.atomic
def geleverd_vastleggen(*, actor, verzoek: Inzageverzoek, gegevens: dict) -> Inzageverzoek:
    """The copy was given to the young person: on record, the task done, the file removed."""
    verzoek = Inzageverzoek.objects.select_for_update().defer("bestand").get(pk=verzoek.pk)
    if not policy.mag_inzage_verzorgen(actor, verzoek.traject):
        raise PermissionDenied
    if verzoek.status == InzageStatus.GELEVERD:
        raise ValidationError(_("Deze kopie is al gegeven. Er is niets gewijzigd."))
    if verzoek.status != InzageStatus.KLAAR:
        raise ValidationError(_("De kopie is nog niet klaar."))
    datum = gegevens.get("geleverd_op")
    if not datum or datum > timezone.localdate() or datum < verzoek.ontvangen_op:
        raise ValidationError({"geleverd_op": _("Kies de dag waarop de jongere de kopie kreeg (niet in de toekomst).")})
    verzoek.geleverd_op, verzoek.levering, verzoek.geleverd_door = datum, gegevens.get("levering") or "", actor
    verzoek.status, verzoek.bestand = InzageStatus.GELEVERD, None
    verzoek.full_clean(exclude=["taak"])
    opslaan(verzoek, actor=actor, velden=["geleverd_op", "levering", "geleverd_door", "status", "bestand"])
    if verzoek.taak_id:
        taak = Taak.objects.select_for_update().get(pk=verzoek.taak_id)
        if taak.status not in (TaakStatus.GEDAAN, TaakStatus.NVT):
            taak.status, taak.gedaan_op, taak.gedaan_door = TaakStatus.GEDAAN, datum, actor
            opslaan(taak, actor=actor, velden=["status", "gedaan_op", "gedaan_door"])
    return verzoek
