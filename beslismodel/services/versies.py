"""The JJI-school drafts a beslismodel with the young person and submits it: a draft is its
alone, a submitted version never changes (a change is a new version)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from dossier.formulering import toelichting_gevraagd, toetsen
from jji_traject.geschiedenis import opslaan
from jji_traject.standaardtekst import standaardtekst
from jji_traject.vrije_tekst import zichtbare_tekst
from toegang import delen, policy
from trajecten.constants import Categorie
from trajecten.models import Betrokkenheid, Traject

from ..constants import (
    ItemSoort,
    Stand,
    veldnaam,
)
from ..models import Antwoord, Beslismodel, SjabloonItem
from ..selectors import items_van, ontvangers, sjabloon_voor, stempel_van
from .meldingen import beslismodel_melden

TOELICHTING = "formulering_toelichting"  # the field of the reason to keep flagged wording

TEKST_MAX = 5000


def _vergrendeld(beslismodel: Beslismodel) -> Beslismodel:
    """A fresh, row-locked copy: a version is checked as it stands now, and concurrent
    decisions on the same version queue."""
    return (
        Beslismodel.objects.select_for_update(of=("self",))
        .select_related("traject__jji", "sjabloon", "ontvanger")
        .get(pk=beslismodel.pk)
    )


def _alleen_concept(beslismodel: Beslismodel) -> None:
    if not beslismodel.is_concept:
        raise ValidationError(
            _(
                "Versie %(versie)s is al ingediend en verandert niet meer. Maak een nieuwe versie om iets aan te "
                "passen; de ontvangende school ziet dan wat er veranderde."
            )
            % {"versie": beslismodel.versie}
        )


@transaction.atomic
def beslismodel_beginnen(*, actor, traject: Traject) -> Beslismodel:
    """A draft: the first version, or a new version with the answers of the latest one
    (its template too: a filled form keeps the words it was filled in with)."""
    traject = Traject.objects.select_for_update(of=("self",)).select_related("jji").get(pk=traject.pk)
    if not policy.mag_beslismodel_opstellen(actor, traject):
        raise PermissionDenied
    versies = Beslismodel.objects.filter(traject=traject)
    concept = versies.filter(stand=Stand.CONCEPT).first()
    if concept is not None:
        raise ValidationError(
            _("Er is al een concept (versie %(versie)s). Werk dat verder uit.") % {"versie": concept.versie}
        )
    vorige = versies.order_by("-versie").first()
    sjabloon = vorige.sjabloon if vorige else sjabloon_voor(traject)
    nieuw = Beslismodel(
        traject=traject,
        versie=(versies.aggregate(hoogste=Max("versie"))["hoogste"] or 0) + 1,
        sjabloon=sjabloon,
        aangemaakt_door=actor,
        bijgewerkt_door=actor,
        formulering_toelichting=vorige.formulering_toelichting if vorige else "",
    )
    opslaan(nieuw, actor=actor)
    if vorige is not None:
        # What safety needs is looked at again for every version: it is not carried over (a
        # signal is never kept longer than it is needed).
        for oud in vorige.antwoorden.exclude(item__categorie=Categorie.VEILIGHEIDSSIGNALEN):
            opslaan(
                Antwoord(
                    beslismodel=nieuw,
                    item_id=oud.item_id,
                    extra_aandacht=oud.extra_aandacht,
                    toelichting=oud.toelichting,
                    keuze_id=oud.keuze_id,
                ),
                actor=actor,
            )
    return nieuw


def _formulering_toetsen(items: list[SjabloonItem], antwoorden: dict[int, Antwoord], toelichting: str) -> None:
    """The toekomstgericht check of the dossier, per part the answers belong to: offence and
    treatment details refused where safety is concerned, other flagged wording only with a
    reason."""
    fouten: dict[str, list] = {}
    labels = {veldnaam(item.sleutel, "toelichting"): standaardtekst(item.titel) for item in items}
    gemarkeerd: list[str] = []  # the fields whose wording needs a reason, over all parts
    for categorie in delen.categorieen():
        teksten = {
            veldnaam(item.sleutel, "toelichting"): antwoorden[item.pk].toelichting
            for item in items
            if item.categorie == categorie and item.pk in antwoorden
        }
        if not teksten:
            continue
        try:
            toetsen(categorie, teksten, toelichting, labels)
        except ValidationError as fout:
            for veld, meldingen in fout.message_dict.items():
                if veld == TOELICHTING:
                    gemarkeerd.extend(v for v in fout.message_dict if v != TOELICHTING)
                else:
                    fouten.setdefault(veld, []).extend(m for m in meldingen if m not in fouten.get(veld, []))
    if gemarkeerd:
        fouten[TOELICHTING] = [toelichting_gevraagd(gemarkeerd, labels)]
    if fouten:
        raise ValidationError(fouten)


@transaction.atomic
def antwoorden_opslaan(
    *,
    actor,
    beslismodel: Beslismodel,
    gegevens: dict,
    formulering_toelichting: str | None = None,
    stempel: str | None = None,
) -> Beslismodel:
    """Save the draft's answers (``gegevens`` by form field, see ``veldnaam``): extra aandacht
    and what is needed per item, the choice of each choice item. Only a draft changes. With
    ``stempel`` (see :func:`stempel_van`) a save made in between by someone else is refused
    instead of overwritten."""
    beslismodel = _vergrendeld(beslismodel)
    if not policy.mag_beslismodel_opstellen(actor, beslismodel.traject):
        raise PermissionDenied
    _alleen_concept(beslismodel)
    if stempel is not None and stempel != stempel_van(beslismodel):
        raise ValidationError(
            _(
                "%(wie)s heeft dit concept intussen opgeslagen. Je wijzigingen zijn niet opgeslagen: laad de pagina "
                "opnieuw en vul ze nog eens in."
            )
            % {"wie": beslismodel.bijgewerkt_door.get_full_name() or beslismodel.bijgewerkt_door.username}
        )
    items = items_van(beslismodel.sjabloon)
    bestaand = {a.item_id: a for a in beslismodel.antwoorden.all()}
    gewijzigd: list[Antwoord] = []
    fouten: dict[str, str] = {}
    for item in items:
        antwoord = bestaand.get(item.pk) or Antwoord(beslismodel=beslismodel, item=item)
        oud = (antwoord.extra_aandacht, antwoord.toelichting, antwoord.keuze_id)
        if item.soort == ItemSoort.KEUZE:
            code = gegevens.get(veldnaam(item.sleutel, "keuze"), "")
            keuze = next((k for k in item.keuzes.all() if k.code == code), None)
            if code and keuze is None:
                fouten[veldnaam(item.sleutel, "keuze")] = _("Kies een van de mogelijkheden.")
            antwoord.keuze = keuze
        else:
            antwoord.extra_aandacht = bool(gegevens.get(veldnaam(item.sleutel, "aandacht"), False))
            antwoord.toelichting = (gegevens.get(veldnaam(item.sleutel, "toelichting")) or "").strip()
            if len(antwoord.toelichting) > TEKST_MAX:
                fouten[veldnaam(item.sleutel, "toelichting")] = _(
                    "Houd het kort: hooguit %(max)s tekens. De ontvangende school leest wat nodig is."
                ) % {"max": TEKST_MAX}
            else:
                try:  # on the answer's own field, not at the top of the page
                    zichtbare_tekst(antwoord.toelichting)
                except ValidationError as fout:
                    fouten[veldnaam(item.sleutel, "toelichting")] = fout.messages[0]
        bestaand[item.pk] = antwoord
        if antwoord.pk is None or oud != (antwoord.extra_aandacht, antwoord.toelichting, antwoord.keuze_id):
            gewijzigd.append(antwoord)
    if fouten:
        raise ValidationError(fouten)
    if formulering_toelichting is not None and formulering_toelichting != beslismodel.formulering_toelichting:
        beslismodel.formulering_toelichting = formulering_toelichting
        gewijzigd.append(beslismodel)
    _formulering_toetsen(items, bestaand, beslismodel.formulering_toelichting)
    if not gewijzigd:
        return beslismodel  # nothing changed: no new date, author or history row
    for obj in gewijzigd:
        if obj is not beslismodel:
            opslaan(obj, actor=actor)
    beslismodel.bijgewerkt_door, beslismodel.bijgewerkt_op = actor, timezone.now()
    opslaan(beslismodel, actor=actor)
    return beslismodel


@transaction.atomic
def beslismodel_indienen(*, actor, beslismodel: Beslismodel, ontvanger, met_jongere_besproken: bool) -> Beslismodel:
    """Submit the draft to a receiving mbo that is active in the traject. An earlier version
    still waiting there is replaced (it stays in the history)."""
    beslismodel = _vergrendeld(beslismodel)
    traject = beslismodel.traject
    if not policy.mag_beslismodel_opstellen(actor, traject):
        raise PermissionDenied
    _alleen_concept(beslismodel)
    fouten: dict[str, str] = {}
    if ontvanger is None or not ontvangers(traject).filter(pk=ontvanger.pk).exists():
        fouten["ontvanger"] = _("Kies de mbo-instelling waar de jongere gaat leren.")
    elif not Betrokkenheid.objects.actief().filter(traject=traject, organisatie=ontvanger).exists():
        fouten["ontvanger"] = _(
            "%(org)s is nog niet actief betrokken: leg eerst een grondslag vast om de school over de plaatsing "
            "te informeren (toestemming van de jongere, of leerplicht)."
        ) % {"org": ontvanger.naam}
    if not met_jongere_besproken:
        fouten["met_jongere_besproken"] = _(
            "Bereid het beslismodel samen met de jongere voor, en bespreek wat de school te weten krijgt en waarom."
        )
    items = items_van(beslismodel.sjabloon)
    antwoorden = {a.item_id: a for a in beslismodel.antwoorden.select_related("item", "keuze")}
    for item in items:
        if item.soort == ItemSoort.KEUZE and not getattr(antwoorden.get(item.pk), "keuze_id", None):
            fouten[veldnaam(item.sleutel, "keuze")] = _("Maak deze keuze voordat je indient: %(vraag)s") % {
                "vraag": standaardtekst(item.titel)
            }
    if fouten:
        raise ValidationError(fouten)
    # The word list may have grown since the draft was saved.
    _formulering_toetsen(items, antwoorden, beslismodel.formulering_toelichting)
    # Locked: a decision being taken on an earlier version finishes first, and then stands.
    wachtend = Beslismodel.objects.select_for_update().filter(
        traject=traject, stand__in=[Stand.INGEDIEND, Stand.BESLOTEN]
    )
    for oud in wachtend:
        oud.stand = Stand.VERVANGEN
        opslaan(oud, actor=actor, velden=["stand"])
    beslismodel.stand = Stand.INGEDIEND
    beslismodel.ontvanger = ontvanger
    beslismodel.met_jongere_besproken = True
    beslismodel.ingediend_door, beslismodel.ingediend_op = actor, timezone.now()
    opslaan(
        beslismodel,
        actor=actor,
        velden=["stand", "ontvanger", "met_jongere_besproken", "ingediend_door", "ingediend_op"],
    )
    beslismodel_melden(beslismodel, "ingediend")
    return beslismodel
