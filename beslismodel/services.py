"""Writing the beslismodel: the JJI-school drafts and submits it, the receiving mbo decides,
its verbindingsofficier confirms oranje and rood. A submitted version never changes (a change
is a new version); every decision is kept; agreed measures become routekaart tasks once the
decision stands."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from dossier.formulering import toetsen, voor_iedereen_toetsen
from jji_traject.geschiedenis import opslaan
from toegang import policy
from trajecten import services as trajecten_services
from trajecten.constants import DOSSIER_CATEGORIEEN, BetrokkenheidSoort, Categorie
from trajecten.models import Betrokkenheid, Taak, Traject

from .constants import (
    STAP_VAN_MAATREGEL,
    STATUSWOORD,
    TE_BEVESTIGEN,
    Bevestiging,
    ItemSoort,
    MaatregelSoort,
    Stand,
    Status,
    veldnaam,
)
from .models import Antwoord, Beslismodel, Besluit, Maatregel, Sjabloon, SjabloonItem
from .suggestie import Keuzeantwoord, Suggestie, status_suggereren

# The involvements a beslismodel is submitted to: the receiving mbo, or the mbo van herkomst
# when the youth returns there.
ONTVANGENDE_SOORTEN = (BetrokkenheidSoort.MBO_ONTVANGEND, BetrokkenheidSoort.MBO_HERKOMST)
TEKST_MAX = 5000


def sjabloon_voor(traject: Traject) -> Sjabloon:
    """The template a new beslismodel is filled in with: the version in use in the traject's
    regio (its newest published version, else the national one)."""
    from .sjabloonbeheer import in_gebruik

    return in_gebruik(traject.jji.regio)


def items_van(sjabloon: Sjabloon) -> list[SjabloonItem]:
    return list(
        SjabloonItem.objects.filter(sectie__sjabloon=sjabloon).select_related("sectie").prefetch_related("keuzes")
    )


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


# --- The JJI-school ---------------------------------------------------------------------------


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
    for categorie in DOSSIER_CATEGORIEEN:
        teksten = {
            veldnaam(item.sleutel, "toelichting"): antwoorden[item.pk].toelichting
            for item in items
            if item.categorie == categorie and item.pk in antwoorden
        }
        if not teksten:
            continue
        try:
            toetsen(categorie, teksten, toelichting)
        except ValidationError as fout:
            for veld, meldingen in fout.message_dict.items():
                fouten.setdefault(veld, []).extend(m for m in meldingen if m not in fouten.get(veld, []))
    if fouten:
        raise ValidationError(fouten)


def stempel_van(beslismodel: Beslismodel) -> str:
    """When the draft was last saved, as the form carries it (to notice a save in between)."""
    return beslismodel.bijgewerkt_op.isoformat()


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


def ontvangers(traject: Traject):
    """The mbo's a beslismodel can be submitted to: involved as receiving mbo (or as mbo van
    herkomst, for a return there). Whether they are active is checked on submission."""
    from netwerk.models import Organisatie

    betrokken = Betrokkenheid.objects.filter(traject=traject, soort__in=ONTVANGENDE_SOORTEN)
    return Organisatie.objects.filter(pk__in=betrokken.values("organisatie_id"), actief=True).order_by("naam")


def keuzes_van(antwoorden) -> list[Keuzeantwoord]:
    """The placement choices among these answers, as the suggestion reads them."""
    return [
        Keuzeantwoord(vraag=a.item.titel, code=a.keuze.code, label=a.keuze.label)
        for a in antwoorden
        if a.item.soort == ItemSoort.KEUZE and a.keuze_id
    ]


def suggestie_van(beslismodel: Beslismodel) -> Suggestie:
    """The suggested status of one version (the placement choices are the version's own content)."""
    antwoorden = beslismodel.antwoorden.filter(item__soort=ItemSoort.KEUZE).select_related("item", "keuze")
    return status_suggereren(keuzes_van(antwoorden))


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
                "vraag": item.titel
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
    _melden(beslismodel, "ingediend")
    return beslismodel


# --- The receiving mbo ------------------------------------------------------------------------


def mensen_van_ontvanger(actor, beslismodel: Beslismodel):
    """The people of the receiving school who can take on an agreed measure."""
    return policy.actieve_medewerkers(actor, beslismodel.traject).filter(organisatie_id=beslismodel.ontvanger_id)


def _maatregelen_controleren(actor, beslismodel, maatregelen: list[dict]) -> dict[str, str]:
    """Measures become tasks that everyone in the traject sees: people of the receiving
    school, dates from today, and no offence or treatment details."""
    fouten: dict[str, str] = {}
    mensen = set(mensen_van_ontvanger(actor, beslismodel).values_list("pk", flat=True))
    vandaag = timezone.localdate()
    for i, maatregel in enumerate(maatregelen):
        veld = maatregel.setdefault("veld", f"maatregel-{i}")
        if maatregel.get("medewerker") is not None and maatregel["medewerker"].pk not in mensen:
            fouten[veld] = _("Kies iemand van %(org)s.") % {"org": beslismodel.ontvanger.naam}
        elif maatregel.get("datum") and maatregel["datum"] < vandaag:
            fouten[veld] = _("Deze datum ligt in het verleden.")
        elif maatregel.get("datum") and maatregel["datum"] > vandaag + dt.timedelta(days=731):
            fouten[veld] = _("Kies een datum binnen twee jaar.")
        elif len(maatregel["omschrijving"]) > 300:
            fouten[veld] = _("Houd een afspraak kort (hooguit 300 tekens): het wordt een taak.")
    try:
        voor_iedereen_toetsen({m["veld"]: m["omschrijving"] for m in maatregelen})  # a task everyone sees
    except ValidationError as fout:
        for veld, meldingen in fout.message_dict.items():
            fouten.setdefault(veld, meldingen[0])
    return fouten


@transaction.atomic
def beslismodel_besluiten(
    *,
    actor,
    beslismodel: Beslismodel,
    status: str,
    advies: str,
    motivatie: str,
    afwijkingsreden: str = "",
    aanspreekpunt=None,
    evaluatie_op: dt.date | None = None,
    maatregelen: list[dict] | None = None,
) -> Besluit:
    """The receiving mbo decides a submitted version: the advice on measures and support
    and a status with its motivation; a status that differs from the suggestion needs a
    reason. Groen stands at once; oranje and rood wait for the verbindingsofficier.

    ``maatregelen``: begeleidingsplan items, each ``{"omschrijving", "medewerker", "datum"}``;
    with the first contact person and the evaluation date they become tasks."""
    beslismodel = _vergrendeld(beslismodel)
    if not policy.beslismodellen_zichtbaar_voor(actor, beslismodel.traject).filter(pk=beslismodel.pk).exists():
        raise PermissionDenied
    if beslismodel.stand != Stand.INGEDIEND:
        raise ValidationError(
            _("Over versie %(versie)s is al besloten, of er is een nieuwere versie. Een besluit verandert niet meer.")
            % {"versie": beslismodel.versie}
        )
    if beslismodel.traject.is_afgesloten:
        raise ValidationError(_("Dit traject is afgesloten; er kan niets meer worden besloten."))
    if not policy.mag_beslismodel_besluiten(actor, beslismodel):
        raise PermissionDenied
    suggestie = suggestie_van(beslismodel)
    if not suggestie.is_volledig:  # submission requires the choices; a guard, not a path
        raise ValidationError(
            _("De keuzes voor het plaatsingsadvies ontbreken. Vraag de JJI-school om een nieuwe versie.")
        )
    advies, motivatie, afwijkingsreden = (
        (advies or "").strip(),
        (motivatie or "").strip(),
        (afwijkingsreden or "").strip(),
    )
    fouten: dict[str, str] = {}
    if status not in Status.values:
        fouten["status"] = _("Kies groen, oranje of rood.")
    if not advies:
        fouten["advies"] = _("Schrijf het advies: wat is nodig op de plek waar de jongere gaat leren, en wie doet het?")
    if not motivatie:
        fouten["motivatie"] = _("Motiveer de status: waarom past deze bij wat de jongere nodig heeft?")
    if status in Status.values and status != suggestie.status and not afwijkingsreden:
        fouten["afwijkingsreden"] = _(
            "De status wijkt af van de suggestie (%(suggestie)s). Leg uit waarom je anders besluit."
        ) % {"suggestie": Status(suggestie.status).label}
    if aanspreekpunt is not None and not mensen_van_ontvanger(actor, beslismodel).filter(pk=aanspreekpunt.pk).exists():
        fouten["aanspreekpunt"] = _("Kies iemand van %(org)s.") % {"org": beslismodel.ontvanger.naam}
    if evaluatie_op and not (timezone.localdate() <= evaluatie_op <= timezone.localdate() + dt.timedelta(days=731)):
        fouten["evaluatie_op"] = _("Kies een evaluatiedatum vanaf vandaag, binnen twee jaar.")
    if status in TE_BEVESTIGEN and not policy.bevestigers(beslismodel).exclude(user=actor).exists():
        fouten["status"] = _(
            "Een oranje of rode status wordt bevestigd door de verbindingsofficier van %(org)s (zonder "
            "verbindingsofficier: een zorgcoördinator), nooit door wie besloot. Er is nu niemand anders die kan "
            "bevestigen: laat het besluit nemen door een intaker of zorgcoördinator, of vraag de functioneel "
            "beheerder een verbindingsofficier aan te wijzen."
        ) % {"org": beslismodel.ontvanger.naam}
    maatregelen = [m for m in (maatregelen or []) if (m.get("omschrijving") or "").strip()]
    for m in maatregelen:
        m["omschrijving"] = m["omschrijving"].strip()
    fouten.update(_maatregelen_controleren(actor, beslismodel, maatregelen))
    # The advice and the measures go onto the young person's printout: no status word there.
    for veld, tekst in [("advies", advies)] + [(m["veld"], m["omschrijving"]) for m in maatregelen]:
        treffer = STATUSWOORD.search(tekst)
        if treffer and veld not in fouten:
            fouten[veld] = _(
                "'%(woord)s': het advies en de afspraken komen op het overzicht voor de jongere. Noem de status daar "
                "niet; die staat bij het besluit."
            ) % {"woord": treffer.group(0)}
    if fouten:
        raise ValidationError(fouten)
    groen = status == Status.GROEN
    besluit = Besluit(
        beslismodel=beslismodel,
        advies=advies,
        status=status,
        suggestie=suggestie.status,
        regelversie=suggestie.versie,
        motivatie=motivatie,
        afwijkingsreden=afwijkingsreden if status != suggestie.status else "",
        besloten_door=actor,
        bevestiging=Bevestiging.NIET_NODIG if groen else Bevestiging.GEVRAAGD,
    )
    opslaan(besluit, actor=actor)
    vast = []
    if aanspreekpunt is not None:
        vast.append(
            {
                "soort": MaatregelSoort.AANSPREEKPUNT,
                "omschrijving": _("Eerste aanspreekpunt voor de jongere: kennismaken, bereikbaar bij zorgen of vragen"),
                "medewerker": aanspreekpunt,
                "datum": None,
            }
        )
    if evaluatie_op:
        vast.append(
            {
                "soort": MaatregelSoort.EVALUATIE,
                "omschrijving": _("Begeleidingsplan evalueren met de student, school en betrokken hulpverleners"),
                "medewerker": aanspreekpunt,
                "datum": evaluatie_op,
            }
        )
    for volgorde, m in enumerate([*vast, *({**m, "soort": MaatregelSoort.BEGELEIDING} for m in maatregelen)], 1):
        opslaan(
            Maatregel(
                besluit=besluit,
                soort=m["soort"],
                omschrijving=m["omschrijving"],
                medewerker=m.get("medewerker"),
                datum=m.get("datum"),
                volgorde=volgorde,
            ),
            actor=actor,
        )
    beslismodel.stand = Stand.VASTGESTELD if groen else Stand.BESLOTEN
    opslaan(beslismodel, actor=actor, velden=["stand"])
    if groen:
        _taken_aanmaken(besluit, actor)
        _melden(beslismodel, "vastgesteld", besluit=besluit)
    else:
        _melden(beslismodel, "te_bevestigen", besluit=besluit)
    return besluit


def _wachtend(actor, beslismodel: Beslismodel, *, terugleggen: bool = False) -> tuple[Beslismodel, Besluit]:
    """The version and its decision waiting for confirmation, row-locked, or a clear refusal:
    not waiting, or — to confirm — decided by the same person (four eyes). Sending back is
    also open to whoever took the decision."""
    beslismodel = _vergrendeld(beslismodel)
    besluit = beslismodel.besluiten.select_for_update().filter(bevestiging=Bevestiging.GEVRAAGD).first()
    mag = (
        policy.mag_besluit_terugleggen(actor, besluit)
        if terugleggen and besluit is not None
        else policy.mag_beslismodel_bevestigen(actor, beslismodel)
    )
    if not mag:
        raise PermissionDenied
    if beslismodel.stand != Stand.BESLOTEN or besluit is None:
        raise ValidationError(_("Dit besluit wacht niet (meer) op bevestiging."))
    if not terugleggen and besluit.besloten_door_id == actor.pk:
        raise ValidationError(
            _(
                "Je hebt dit besluit zelf genomen. Een oranje of rode status wordt bevestigd door iemand anders "
                "(vier ogen). Je kunt het besluit wel terugleggen, zodat iemand anders besluit."
            )
        )
    return beslismodel, besluit


@transaction.atomic
def besluit_bevestigen(*, actor, beslismodel: Beslismodel) -> Besluit:
    """A confirmer of the receiving school confirms oranje or rood: the decision stands and
    its measures become tasks."""
    beslismodel, besluit = _wachtend(actor, beslismodel)
    besluit.bevestiging, besluit.bevestigd_door, besluit.bevestigd_op = Bevestiging.BEVESTIGD, actor, timezone.now()
    opslaan(besluit, actor=actor, velden=["bevestiging", "bevestigd_door", "bevestigd_op"])
    beslismodel.stand = Stand.VASTGESTELD
    opslaan(beslismodel, actor=actor, velden=["stand"])
    _taken_aanmaken(besluit, actor)
    _melden(beslismodel, "vastgesteld", besluit=besluit)
    return besluit


@transaction.atomic
def besluit_terugleggen(*, actor, beslismodel: Beslismodel, reactie: str) -> Besluit:
    """The decision is not confirmed (or its maker takes it back): it is kept with the reason,
    and the version waits for a new decision."""
    beslismodel, besluit = _wachtend(actor, beslismodel, terugleggen=True)
    reactie = (reactie or "").strip()
    if not reactie:
        raise ValidationError({"reactie": _("Leg uit waarom je het besluit teruglegt, zodat een nieuw besluit kan.")})
    besluit.bevestiging, besluit.bevestigd_door, besluit.bevestigd_op = Bevestiging.TERUGGELEGD, actor, timezone.now()
    besluit.reactie = reactie
    opslaan(besluit, actor=actor, velden=["bevestiging", "bevestigd_door", "bevestigd_op", "reactie"])
    beslismodel.stand = Stand.INGEDIEND
    opslaan(beslismodel, actor=actor, velden=["stand"])
    if besluit.besloten_door_id != actor.pk:
        _melden(beslismodel, "teruggelegd", besluit=besluit)
    return besluit


def _taken_aanmaken(besluit: Besluit, actor) -> list[Taak]:
    """Each agreed measure becomes a task of the receiving school on the routekaart (the
    first contact person and the begeleidingsplan in the first school days). Open tasks of an
    earlier decision on this traject are replaced: they lapse, with the reason."""
    beslismodel = besluit.beslismodel
    eerdere = Taak.objects.filter(
        pk__in=Maatregel.objects.filter(besluit__beslismodel__traject=beslismodel.traject, taak__isnull=False)
        .exclude(besluit=besluit)
        .values("taak_id")
    )
    trajecten_services.afspraak_taken_laten_vervallen(
        actor=actor,
        taken=eerdere,
        reden=_("Vervangen door de afspraken bij versie %(versie)s van het beslismodel.")
        % {"versie": beslismodel.versie},
    )
    taken = []
    for maatregel in besluit.maatregelen.select_related("medewerker"):
        taak = trajecten_services.afspraak_als_taak_toevoegen(
            actor=actor,
            traject=beslismodel.traject,
            stap=STAP_VAN_MAATREGEL[maatregel.soort],
            tekst=maatregel.omschrijving,
            organisatie=beslismodel.ontvanger,
            medewerker=maatregel.medewerker,
            deadline=maatregel.datum,
        )
        maatregel.taak = taak
        opslaan(maatregel, actor=actor, velden=["taak"])
        taken.append(taak)
    return taken


def _melden(beslismodel: Beslismodel, wat: str, *, besluit: Besluit | None = None) -> None:
    """Notify who must act next (in the app, and a mail without youth data after commit)."""
    from signalering import services as signalering

    signalering.beslismodel_melden(beslismodel, wat, besluit=besluit)
