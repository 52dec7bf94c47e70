"""Services for the template of the beslismodel: a regio adapts the wording without code.

The functioneel beheerder of a regio makes a new version from the one in use (a copy), changes
the words of its sections, items and options, and publishes it; new beslismodellen of the
regio are then filled in with it. What an item is (its key, kind, options' codes) and which
part of the dossier its answer belongs to stay as they are: those are rules, not wording. A
published version never changes, so every filled form keeps the words it was filled in with.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from jji_traject.geschiedenis import opslaan
from netwerk.models import Regio
from toegang import policy

from .models import Sjabloon, SjabloonItem, SjabloonKeuze, SjabloonSectie


def in_gebruik(regio) -> Sjabloon:
    """The version new beslismodellen of the regio are filled in with."""
    gepubliceerd = Sjabloon.objects.filter(gepubliceerd_op__isnull=False)
    return (
        gepubliceerd.filter(regio=regio).order_by("-versie").first()
        or gepubliceerd.filter(regio__isnull=True).order_by("-versie").first()
    )


def concept_van(regio) -> Sjabloon | None:
    return Sjabloon.objects.filter(regio=regio, gepubliceerd_op__isnull=True).first()


def _beheerbaar(actor, sjabloon: Sjabloon) -> Sjabloon:
    sjabloon = Sjabloon.objects.select_for_update().get(pk=sjabloon.pk)
    if sjabloon.regio_id is None or not policy.mag_regio_beheren(actor, sjabloon.regio):
        raise PermissionDenied
    if sjabloon.is_gepubliceerd:
        raise ValidationError(
            _("Deze versie is gepubliceerd en verandert niet meer. Maak een nieuwe versie om de tekst aan te passen.")
        )
    return sjabloon


def _verplicht(gegevens: dict, *velden) -> dict:
    schoon = {veld: (gegevens.get(veld) or "").strip() for veld in gegevens}
    fouten = {veld: _("Vul dit in.") for veld in velden if not schoon.get(veld)}
    if fouten:
        raise ValidationError(fouten)
    return schoon


@transaction.atomic
def sjabloon_kopieren(*, actor, regio) -> Sjabloon:
    """A new, unpublished version for the regio: a copy of the version in use."""
    if regio is None or not policy.mag_regio_beheren(actor, regio):
        raise PermissionDenied
    # One concept per regio: the regio's row is the lock (there may be no version to lock yet).
    Regio.objects.select_for_update().get(pk=regio.pk)
    if concept_van(regio) is not None:
        raise ValidationError(_("Er is al een nieuwe versie in bewerking. Pas die aan en publiceer haar."))
    bron = in_gebruik(regio)
    nieuw = Sjabloon(
        regio=regio,
        versie=(Sjabloon.objects.filter(regio=regio).aggregate(v=Max("versie"))["v"] or 0) + 1,
        naam=bron.naam,
        adviestitel=bron.adviestitel,
        adviesuitleg=bron.adviesuitleg,
        bron=bron,
    )
    opslaan(nieuw, actor=actor)
    for sectie in bron.secties.prefetch_related("items__keuzes"):
        kopie = SjabloonSectie(
            sjabloon=nieuw, code=sectie.code, titel=sectie.titel, uitleg=sectie.uitleg, volgorde=sectie.volgorde
        )
        opslaan(kopie, actor=actor)
        for item in sectie.items.all():
            item_kopie = SjabloonItem(
                sectie=kopie,
                sleutel=item.sleutel,
                volgorde=item.volgorde,
                titel=item.titel,
                uitleg=item.uitleg,
                aandachtspunten=item.aandachtspunten,
                vraag=item.vraag,
                soort=item.soort,
                categorie=item.categorie,
            )
            opslaan(item_kopie, actor=actor)
            for keuze in item.keuzes.all():
                opslaan(
                    SjabloonKeuze(item=item_kopie, code=keuze.code, label=keuze.label, volgorde=keuze.volgorde),
                    actor=actor,
                )
    return nieuw


@transaction.atomic
def sjabloon_tekst_wijzigen(*, actor, sjabloon: Sjabloon, gegevens: dict) -> Sjabloon:
    sjabloon = _beheerbaar(actor, sjabloon)
    schoon = _verplicht(gegevens, "naam", "adviestitel")
    for veld in ("naam", "adviestitel", "adviesuitleg"):
        if veld in schoon:
            setattr(sjabloon, veld, schoon[veld])
    opslaan(sjabloon, actor=actor)
    return sjabloon


@transaction.atomic
def sectie_wijzigen(*, actor, sectie: SjabloonSectie, gegevens: dict) -> SjabloonSectie:
    _beheerbaar(actor, sectie.sjabloon)
    schoon = _verplicht(gegevens, "titel")
    sectie.titel, sectie.uitleg = schoon["titel"], schoon.get("uitleg", sectie.uitleg)
    opslaan(sectie, actor=actor)
    return sectie


@transaction.atomic
def item_wijzigen(*, actor, item: SjabloonItem, gegevens: dict, keuzelabels: dict[str, str] | None = None):
    """New words for one item (and the labels of its options, by code)."""
    _beheerbaar(actor, item.sectie.sjabloon)
    schoon = _verplicht(gegevens, "titel")
    for veld in ("titel", "uitleg", "aandachtspunten", "vraag"):
        if veld in schoon:
            setattr(item, veld, schoon[veld])
    keuzes = list(item.keuzes.all())
    labels = {code: (label or "").strip() for code, label in (keuzelabels or {}).items()}
    fouten = {f"keuze_{k.code}": _("Vul de tekst van deze keuze in.") for k in keuzes if labels.get(k.code) == ""}
    if fouten:
        raise ValidationError(fouten)
    opslaan(item, actor=actor)
    for keuze in keuzes:
        if labels.get(keuze.code) and labels[keuze.code] != keuze.label:
            keuze.label = labels[keuze.code]
            opslaan(keuze, actor=actor)
    return item


@transaction.atomic
def sjabloon_publiceren(*, actor, sjabloon: Sjabloon) -> Sjabloon:
    """From now on the regio's new beslismodellen are filled in with this version."""
    sjabloon = _beheerbaar(actor, sjabloon)
    sjabloon.gepubliceerd_op = timezone.now()
    opslaan(sjabloon, actor=actor)
    return sjabloon
