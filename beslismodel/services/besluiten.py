"""The receiving mbo decides a submitted version; its verbindingsofficier (or, without one, a
zorgcoördinator) confirms oranje and rood or sends the decision back (four eyes). Once a
decision stands, its measures become routekaart tasks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dossier.formulering import voor_iedereen_toetsen
from jji_traject.geschiedenis import opslaan
from toegang import policy
from trajecten import services as trajecten_services
from trajecten.models import Taak

from ..constants import (
    STAP_VAN_MAATREGEL,
    STATUSWOORD,
    TE_BEVESTIGEN,
    Bevestiging,
    MaatregelSoort,
    Stand,
    Status,
)
from ..models import Beslismodel, Besluit, Maatregel
from ..selectors import mensen_van_ontvanger, suggestie_van
from ..suggestie import Suggestie
from .meldingen import beslismodel_melden
from .versies import _vergrendeld


def _maatregelen_controleren(actor, beslismodel, maatregelen: list[dict]) -> dict[str, str]:
    """Measures become tasks that everyone in the traject sees: people of the receiving
    school, dates from today, and no offence or treatment details."""
    fouten: dict[str, str] = {}
    mensen = set(mensen_van_ontvanger(actor, beslismodel).values_list("pk", flat=True))
    vandaag = timezone.localdate()
    for i, maatregel in enumerate(maatregelen):
        veld = maatregel.setdefault("veld", f"maatregel-{i}")
        # Where each refusal lands: the row's own field when the caller names it ("velden").
        velden = {naam: maatregel.get("velden", {}).get(naam, veld) for naam in ("medewerker", "datum")}
        if not maatregel["omschrijving"]:
            fouten[veld] = _("Beschrijf de afspraak, of maak de hele regel leeg.")
        elif maatregel.get("medewerker") is not None and maatregel["medewerker"].pk not in mensen:
            fouten[velden["medewerker"]] = _("Kies iemand van %(org)s.") % {"org": beslismodel.ontvanger.naam}
        elif maatregel.get("datum") and maatregel["datum"] < vandaag:
            fouten[velden["datum"]] = _("Deze datum ligt in het verleden.")
        elif maatregel.get("datum") and maatregel["datum"] > vandaag + dt.timedelta(days=731):
            fouten[velden["datum"]] = _("Kies een datum binnen twee jaar.")
        elif len(maatregel["omschrijving"]) > 300:
            fouten[veld] = _("Houd een afspraak kort (hooguit 300 tekens): het wordt een taak.")
    try:
        voor_iedereen_toetsen({m["veld"]: m["omschrijving"] for m in maatregelen})  # a task everyone sees
    except ValidationError as fout:
        for veld, meldingen in fout.message_dict.items():
            fouten.setdefault(veld, meldingen[0])
    return fouten


@dataclass(frozen=True)
class Voorstel:
    """A decision as the receiving mbo proposes it (stripped of surrounding blanks), with the
    suggestion of the version it decides."""

    suggestie: Suggestie
    status: str
    advies: str
    motivatie: str
    afwijkingsreden: str
    aanspreekpunt: object
    evaluatie_op: dt.date | None
    maatregelen: list[dict]


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
    _mag_besluiten(actor, beslismodel)
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
    # An empty row is no measure; a row with a person or a date but no description is refused
    # (``_maatregelen_controleren``), never dropped without a word.
    maatregelen = [
        m for m in (maatregelen or []) if (m.get("omschrijving") or "").strip() or m.get("medewerker") or m.get("datum")
    ]
    for m in maatregelen:
        m["omschrijving"] = (m.get("omschrijving") or "").strip()
    voorstel = Voorstel(
        suggestie=suggestie,
        status=status,
        advies=advies,
        motivatie=motivatie,
        afwijkingsreden=afwijkingsreden,
        aanspreekpunt=aanspreekpunt,
        evaluatie_op=evaluatie_op,
        maatregelen=maatregelen,
    )
    _besluit_controleren(actor, beslismodel, voorstel)
    return _besluit_vastleggen(actor, beslismodel, voorstel)


def _mag_besluiten(actor, beslismodel: Beslismodel) -> None:
    """Whether this person may decide this version now: ``PermissionDenied``, or a
    ``ValidationError`` that says why not (decided already, a newer version, closed)."""
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


def _besluit_controleren(
    actor,
    beslismodel: Beslismodel,
    voorstel: Voorstel,
) -> None:
    """Every field of a decision checked at once (one ``ValidationError`` with all of them):
    a status with its motivation and, when it differs from the suggestion, a reason; a
    contact person and measures of the receiving school; an evaluation date within two
    years; somebody else to confirm oranje or rood; no status word in what the young person
    reads."""
    fouten: dict[str, str] = {}
    if voorstel.status not in Status.values:
        fouten["status"] = _("Kies groen, oranje of rood.")
    if not voorstel.advies:
        fouten["advies"] = _("Schrijf het advies: wat is nodig op de plek waar de jongere gaat leren, en wie doet het?")
    if not voorstel.motivatie:
        fouten["motivatie"] = _("Motiveer de status: waarom past deze bij wat de jongere nodig heeft?")
    if (
        voorstel.status in Status.values
        and voorstel.status != voorstel.suggestie.status
        and not voorstel.afwijkingsreden
    ):
        fouten["afwijkingsreden"] = _(
            "De status wijkt af van de suggestie (%(suggestie)s). Leg uit waarom je anders besluit."
        ) % {"suggestie": Status(voorstel.suggestie.status).label}
    if (
        voorstel.aanspreekpunt is not None
        and not mensen_van_ontvanger(actor, beslismodel).filter(pk=voorstel.aanspreekpunt.pk).exists()
    ):
        fouten["aanspreekpunt"] = _("Kies iemand van %(org)s.") % {"org": beslismodel.ontvanger.naam}
    if voorstel.evaluatie_op and not (
        timezone.localdate() <= voorstel.evaluatie_op <= timezone.localdate() + dt.timedelta(days=731)
    ):
        fouten["evaluatie_op"] = _("Kies een evaluatiedatum vanaf vandaag, binnen twee jaar.")
    if voorstel.status in TE_BEVESTIGEN and not policy.bevestigers(beslismodel).exclude(user=actor).exists():
        fouten["status"] = _(
            "Een oranje of rode status wordt bevestigd door de verbindingsofficier van %(org)s (zonder "
            "verbindingsofficier: een zorgcoördinator), nooit door wie besloot. Er is nu niemand anders die kan "
            "bevestigen: laat het besluit nemen door een intaker of zorgcoördinator, of vraag de functioneel "
            "beheerder een verbindingsofficier aan te wijzen."
        ) % {"org": beslismodel.ontvanger.naam}
    fouten.update(_maatregelen_controleren(actor, beslismodel, voorstel.maatregelen))
    # The advice and the measures go onto the young person's printout: no status word there.
    for veld, tekst in [("advies", voorstel.advies)] + [(m["veld"], m["omschrijving"]) for m in voorstel.maatregelen]:
        treffer = STATUSWOORD.search(tekst)
        if treffer and veld not in fouten:
            fouten[veld] = _(
                "'%(woord)s': het advies en de afspraken komen op het overzicht voor de jongere. Noem de status daar "
                "niet; die staat bij het besluit."
            ) % {"woord": treffer.group(0)}
    if fouten:
        raise ValidationError(fouten)


def _besluit_vastleggen(
    actor,
    beslismodel: Beslismodel,
    voorstel: Voorstel,
) -> Besluit:
    """Save a checked decision with its measures. Groen stands at once (its measures become
    tasks); oranje and rood wait for confirmation. Who acts next is told."""
    groen = voorstel.status == Status.GROEN
    besluit = Besluit(
        beslismodel=beslismodel,
        advies=voorstel.advies,
        status=voorstel.status,
        suggestie=voorstel.suggestie.status,
        regelversie=voorstel.suggestie.versie,
        motivatie=voorstel.motivatie,
        afwijkingsreden=voorstel.afwijkingsreden if voorstel.status != voorstel.suggestie.status else "",
        besloten_door=actor,
        bevestiging=Bevestiging.NIET_NODIG if groen else Bevestiging.GEVRAAGD,
    )
    opslaan(besluit, actor=actor)
    vast = []
    if voorstel.aanspreekpunt is not None:
        vast.append(
            {
                "soort": MaatregelSoort.AANSPREEKPUNT,
                "omschrijving": _("Eerste aanspreekpunt voor de jongere: kennismaken, bereikbaar bij zorgen of vragen"),
                "medewerker": voorstel.aanspreekpunt,
                "datum": None,
            }
        )
    if voorstel.evaluatie_op:
        vast.append(
            {
                "soort": MaatregelSoort.EVALUATIE,
                "omschrijving": _("Begeleidingsplan evalueren met de student, school en betrokken hulpverleners"),
                "medewerker": voorstel.aanspreekpunt,
                "datum": voorstel.evaluatie_op,
            }
        )
    for volgorde, m in enumerate(
        [*vast, *({**m, "soort": MaatregelSoort.BEGELEIDING} for m in voorstel.maatregelen)], 1
    ):
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
        beslismodel_melden(beslismodel, "vastgesteld", besluit=besluit)
    else:
        beslismodel_melden(beslismodel, "te_bevestigen", besluit=besluit)
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
    beslismodel_melden(beslismodel, "vastgesteld", besluit=besluit)
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
        beslismodel_melden(beslismodel, "teruggelegd", besluit=besluit)
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
