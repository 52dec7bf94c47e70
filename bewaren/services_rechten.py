"""Requests to correct or erase a part of the dossier (AVG art. 16, 17, 19): recorded, decided
once with a reason by the JJI-school's zorgcoördinator, carried out through the services, and
told — without content — to everyone who read the part or received it in a document."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jji_traject.geschiedenis import opslaan
from overdracht.models import Overdracht
from signalering import services as signalering
from signalering.constants import MeldingSoort
from toegang import policy
from toegang.models import Raadpleging
from trajecten.models import Traject

from . import services_wissen
from .models import Besluit, Rechtenverzoek, VerzoekSoort
from .services_inzage import aanvrager_controleren


@transaction.atomic
def verzoek_vastleggen(*, actor, traject: Traject, gegevens: dict) -> Rechtenverzoek:
    traject = Traject.objects.select_for_update(of=("self",)).select_related("jongere").get(pk=traject.pk)
    if not policy.mag_inzage_verzorgen(actor, traject):
        raise PermissionDenied
    verzoek = Rechtenverzoek(
        traject=traject,
        soort=gegevens.get("soort") or "",
        categorie=gegevens.get("categorie") or "",
        aanvrager=gegevens.get("aanvrager") or "",
        aanvrager_naam=(gegevens.get("aanvrager_naam") or "").strip(),
        ontvangen_op=gegevens.get("ontvangen_op"),
        omschrijving=(gegevens.get("omschrijving") or "").strip(),
        vastgelegd_door=actor,
    )
    aanvrager_controleren(traject, verzoek.aanvrager, verzoek.ontvangen_op)
    opslaan(verzoek, actor=actor)
    return verzoek


def _lezers(verzoek: Rechtenverzoek) -> list:
    """Who outside the writing school read this part, or received it in a document (art. 19)."""
    traject = verzoek.traject
    users = {}
    for r in Raadpleging.objects.filter(traject=traject, categorie=verzoek.categorie, geweigerd=False).select_related(
        "actor"
    ):
        if r.actor_id and r.actor.is_active:
            users[r.actor_id] = r.actor
    for o in Overdracht.objects.filter(traject=traject).select_related("ontvanger"):
        if verzoek.categorie in (o.categorieen or []) and o.ontvanger.is_active:
            users[o.ontvanger_id] = o.ontvanger
    return list(users.values())


@transaction.atomic
def besluiten(*, actor, verzoek: Rechtenverzoek, besluit: str, reden: str) -> Rechtenverzoek:
    """Decide once, with a reason. A granted erasure erases the part now; a granted correction
    is made on the part's page (its history shows it). Readers and recipients are told."""
    verzoek = Rechtenverzoek.objects.select_for_update().select_related("traject").get(pk=verzoek.pk)
    if not policy.mag_inzage_verzorgen(actor, verzoek.traject):
        raise PermissionDenied
    if verzoek.besluit:
        raise ValidationError(_("Over dit verzoek is al besloten. Er is niets gewijzigd."))
    if besluit not in Besluit.values:
        raise ValidationError({"besluit": _("Kies toewijzen of afwijzen.")})
    if not (reden or "").strip():
        raise ValidationError({"reden": _("Schrijf de reden van het besluit op; de jongere krijgt die te lezen.")})
    verzoek.besluit, verzoek.reden = besluit, reden.strip()
    verzoek.besloten_op, verzoek.besloten_door = timezone.now(), actor
    if besluit == Besluit.TOEGEWEZEN:
        lezers = _lezers(verzoek)
        if verzoek.soort == VerzoekSoort.WISSEN:
            services_wissen.deel_wissen(verzoek.traject, verzoek.categorie)
        soort = (
            MeldingSoort.GEGEVENS_GEWIST if verzoek.soort == VerzoekSoort.WISSEN else MeldingSoort.GEGEVENS_VERBETERD
        )
        verzoek.geinformeerd = signalering.melden(
            soort,
            [(user, f"rechten:{verzoek.pk}:{user.pk}") for user in lezers],
            traject=verzoek.traject,
            document=verzoek.get_categorie_display()[:40],
        )
    opslaan(verzoek, actor=actor, velden=["besluit", "reden", "besloten_op", "besloten_door", "geinformeerd"])
    return verzoek
