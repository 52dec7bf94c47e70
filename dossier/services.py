"""Writing the doorstroomdossier: only the JJI-school (its teachers and zorgcoördinatoren)
writes; every part keeps its author, date and history. Also the PDF of the youth's list
("Wie heeft jouw gegevens bekeken?"), made in the background."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from jji_traject import uitbox
from jji_traject.afdruk import pdf_maken
from jji_traject.geschiedenis import opslaan
from netwerk.models import IctFase
from toegang import policy
from trajecten.constants import Categorie, Leefgebied
from trajecten.models import Toekomstperspectief, Traject
from trajecten.services import vergrendeld

from . import selectors
from .formulering import toetsen, voor_iedereen_toetsen
from .models import (
    Begeleidingsbehoefte,
    HerkomstOnderwijsinformatie,
    Herkomstverzoek,
    Leesoverzicht,
    LeesoverzichtStatus,
    Onderwijsinformatie,
    Resultaat,
    Veiligheidssignaal,
)

ONDERWIJS_VELDEN = [
    "ingeschreven_bij",
    "opleiding",
    "crebo",
    "niveau",
    "examinerende_instelling",
    "diplomas_en_resultaten",
    "lopende_modules",
    "leerdoelen",
    "motivatie",
    "talenten",
    "ict_fase",
    "ict_beperkingen",
]
BEGELEIDING_VELDEN = ["structuur", "sociaal_emotioneel", "praktisch", "wat_helpt"]
SIGNAAL_VELDEN = ["signaal", "reden", "einddatum"]
RESULTAAT_VELDEN = ["soort", "omschrijving", "datum", "gevalideerd_door"]
HERKOMST_VELDEN = ["opleiding", "resultaten", "lopende_modules", "toelichting"]
TOELICHTING = "formulering_toelichting"


def _formulering_toetsen(categorie: str, deel) -> None:
    """The toekomstgericht check on the free-text fields of a part about to be saved."""
    teksten = {
        veld.name: getattr(deel, veld.name)
        for veld in deel._meta.concrete_fields
        if isinstance(veld, models.CharField | models.TextField) and not veld.choices and veld.name != TOELICHTING
    }
    labels = {naam: deel._meta.get_field(naam).verbose_name.capitalize() for naam in teksten}
    toetsen(categorie, teksten, deel.formulering_toelichting, labels)


def _opslaan(deel, actor) -> None:
    """Save one object; its history row names the author (also outside a web request)."""
    deel._history_user = actor
    deel.save()


def _mag_schrijven(actor, traject) -> None:
    if not policy.mag_dossier_schrijven(actor, traject):
        raise PermissionDenied


def _deel_opslaan(model, velden, categorie, *, actor, traject, gegevens: dict):
    _mag_schrijven(actor, traject)
    deel = model.objects.select_for_update().filter(traject=traject).first() or model(traject=traject)
    gewijzigd = deel.pk is None
    for veld in [*velden, TOELICHTING]:
        if veld in gegevens and getattr(deel, veld) != gegevens[veld]:
            setattr(deel, veld, gegevens[veld])
            gewijzigd = True
    if not gewijzigd:
        return deel  # nothing changed: no new author, date or history row
    deel.bijgewerkt_door, deel.bijgewerkt_op = actor, timezone.now()
    deel.full_clean()
    _formulering_toetsen(categorie, deel)
    _opslaan(deel, actor)
    return deel


def _ict_fase(traject, waarde) -> IctFase | None:
    """The ICT-fase given by itself (the page's form) or by its name (the API), among the
    phases of the regio of the JJI; one that is switched off only when the part has it already."""
    if waarde is None or waarde == "":
        return None
    if not isinstance(waarde, IctFase):
        fasen = IctFase.objects.filter(regio_id=traject.jji.regio_id)
        gevonden = fasen.filter(naam__iexact=str(waarde).strip()).first()
        if gevonden is None:
            namen = ", ".join(fasen.filter(actief=True).values_list("naam", flat=True)) or "—"
            raise ValidationError(
                {
                    "ict_fase": _("Onbekende ICT-fase '%(naam)s'. Kies uit: %(namen)s.")
                    % {"naam": waarde, "namen": namen}
                }
            )
        waarde = gevonden
    huidig = Onderwijsinformatie.objects.filter(traject=traject).values_list("ict_fase_id", flat=True).first()
    if not waarde.actief and waarde.pk != huidig:
        raise ValidationError(
            {"ict_fase": _("De ICT-fase %(naam)s wordt in deze regio niet meer gebruikt.") % {"naam": waarde.naam}}
        )
    return waarde


@transaction.atomic
def onderwijsinformatie_opslaan(*, actor, traject, gegevens: dict) -> Onderwijsinformatie:
    if "ict_fase" in gegevens:
        _mag_schrijven(actor, traject)  # before a message names the regio's phases
        gegevens = {**gegevens, "ict_fase": _ict_fase(traject, gegevens["ict_fase"])}
    return _deel_opslaan(
        Onderwijsinformatie,
        ONDERWIJS_VELDEN,
        Categorie.ONDERWIJSINFORMATIE,
        actor=actor,
        traject=traject,
        gegevens=gegevens,
    )


@transaction.atomic
def begeleidingsbehoefte_opslaan(*, actor, traject, gegevens: dict) -> Begeleidingsbehoefte:
    return _deel_opslaan(
        Begeleidingsbehoefte,
        BEGELEIDING_VELDEN,
        Categorie.BEGELEIDINGSBEHOEFTE,
        actor=actor,
        traject=traject,
        gegevens=gegevens,
    )


@transaction.atomic
def veiligheidssignaal_toevoegen(*, actor, traject, gegevens: dict) -> Veiligheidssignaal:
    _mag_schrijven(actor, traject)
    velden = {v: gegevens.get(v) for v in SIGNAAL_VELDEN} | {TOELICHTING: gegevens.get(TOELICHTING) or ""}
    signaal = Veiligheidssignaal(traject=traject, bijgewerkt_door=actor, **velden)
    signaal.full_clean()
    _formulering_toetsen(Categorie.VEILIGHEIDSSIGNALEN, signaal)
    _opslaan(signaal, actor)
    return signaal


@transaction.atomic
def resultaat_toevoegen(*, actor, traject, gegevens: dict) -> Resultaat:
    _mag_schrijven(actor, traject)
    velden = {v: gegevens.get(v) for v in RESULTAAT_VELDEN} | {TOELICHTING: gegevens.get(TOELICHTING) or ""}
    resultaat = Resultaat(traject=traject, bijgewerkt_door=actor, **velden)
    resultaat.full_clean()
    _formulering_toetsen(Categorie.ONDERWIJSINFORMATIE, resultaat)
    _opslaan(resultaat, actor)
    return resultaat


@transaction.atomic
def resultaat_verwijderen(*, actor, resultaat: Resultaat) -> None:
    """Remove a result entered by mistake (its history stays)."""
    _mag_schrijven(actor, resultaat.traject)
    resultaat._history_user = actor
    resultaat.delete()


@transaction.atomic
def veiligheidssignaal_beeindigen(*, actor, signaal: Veiligheidssignaal) -> Veiligheidssignaal:
    """End a signal now: it is no longer shown (history keeps it)."""
    _mag_schrijven(actor, signaal.traject)
    signaal.einddatum = min(signaal.einddatum, timezone.localdate() - dt.timedelta(days=1))
    signaal.bijgewerkt_door, signaal.bijgewerkt_op = actor, timezone.now()
    _opslaan(signaal, actor)
    return signaal


@transaction.atomic
def herkomst_opslaan(*, actor, traject, gegevens: dict) -> HerkomstOnderwijsinformatie:
    """The mbo van herkomst writes its own onderwijsinformatie for the JJI-school."""
    organisatie = policy.herkomstschool_van(actor, traject)
    if organisatie is None:
        raise PermissionDenied
    return _herkomst_schrijven(actor, traject, organisatie, gegevens)


@transaction.atomic
def herkomst_opvragen(*, actor, traject, organisatie, vraag: str = "") -> Herkomstverzoek:
    """The JJI-school asks a school van herkomst for its onderwijsinformatie, on its grondslag
    to receive it (``toegang.policy.herkomst``); one open request per school."""
    traject = vergrendeld(traject)
    if not policy.mag_herkomst_opvragen(actor, traject):
        raise PermissionDenied
    if getattr(organisatie, "pk", None) not in {school.pk for school in policy.herkomstscholen(traject)}:
        raise ValidationError({"organisatie": _("Kies een school van herkomst die bij dit traject hoort.")})
    if traject.herkomstverzoeken.filter(organisatie=organisatie, beantwoord_op__isnull=True).exists():
        raise ValidationError(_("Er staat al een verzoek open bij %(school)s.") % {"school": organisatie.naam})
    verzoek = Herkomstverzoek(
        traject=traject,
        organisatie=organisatie,
        grondslag=policy.herkomst_grondslag(traject),
        vraag=vraag,
        gevraagd_door=actor,
    )
    verzoek.full_clean()
    _opslaan(verzoek, actor)
    return verzoek


@transaction.atomic
def herkomstverzoek_beantwoorden(*, actor, verzoek: Herkomstverzoek, gegevens: dict) -> HerkomstOnderwijsinformatie:
    """The school van herkomst answers a request with its onderwijsinformatie (again, to
    correct it, while the request is open to it)."""
    verzoek = Herkomstverzoek.objects.select_for_update().get(pk=policy.herkomstverzoek_ophalen(actor, verzoek.pk).pk)
    deel = _herkomst_schrijven(actor, verzoek.traject, verzoek.organisatie, gegevens)
    verzoek.beantwoord_door, verzoek.beantwoord_op = actor, timezone.now()
    _opslaan(verzoek, actor)
    return deel


def _herkomst_schrijven(actor, traject, organisatie, gegevens: dict) -> HerkomstOnderwijsinformatie:
    deel = HerkomstOnderwijsinformatie.objects.select_for_update().filter(
        traject=traject, organisatie=organisatie
    ).first() or HerkomstOnderwijsinformatie(traject=traject, organisatie=organisatie)
    gewijzigd = deel.pk is None
    for veld in [*HERKOMST_VELDEN, TOELICHTING]:
        if veld in gegevens and getattr(deel, veld) != gegevens[veld]:
            setattr(deel, veld, gegevens[veld])
            gewijzigd = True
    if gewijzigd:
        deel.bijgewerkt_door, deel.bijgewerkt_op = actor, timezone.now()
        deel.full_clean()
        _formulering_toetsen(Categorie.ONDERWIJSINFORMATIE, deel)
        _opslaan(deel, actor)
    return deel


def massaal_aanmaken(delen: list, *, actor) -> list:
    """The history-aware bulk path for dossier parts (generated data at scale): every object
    gets its history row, written by ``actor``. Not for edits: those go one by one."""
    from jji_traject.geschiedenis import bulk_aanmaken

    return bulk_aanmaken(delen, type(delen[0]), actor=actor) if delen else []


# The toekomstperspectief is on the traject (everyone who sees it reads it); it is written under
# the dossier's word list, so its service lives here.
@transaction.atomic
def toekomstperspectief_opslaan(*, actor, traject: Traject, teksten: dict[str, str]) -> list[Toekomstperspectief]:
    """The young person's perspective per leefgebied, written by the regie (JJI, JJI-school)
    with them. Empty removes a leefgebied's text; the toekomstgericht check of the dossier
    applies (everyone who sees the traject reads this)."""
    traject = vergrendeld(traject)
    if not policy.mag_traject_beheren(actor, traject):
        raise PermissionDenied
    onbekend = set(teksten) - set(Leefgebied.values)
    if onbekend:
        raise ValidationError(_("Onbekend leefgebied."))
    schoon = {gebied: (tekst or "").strip() for gebied, tekst in teksten.items()}
    voor_iedereen_toetsen({gebied: tekst for gebied, tekst in schoon.items() if tekst})
    bestaand = {t.leefgebied: t for t in traject.toekomstperspectieven.select_for_update()}
    for gebied, tekst in schoon.items():
        huidig = bestaand.get(gebied)
        if not tekst:
            if huidig is not None:
                huidig._history_user = actor
                huidig.delete()
            continue
        if huidig is not None and huidig.tekst == tekst:
            continue
        huidig = huidig or Toekomstperspectief(traject=traject, leefgebied=gebied)
        huidig.tekst, huidig.bijgewerkt_door, huidig.bijgewerkt_op = tekst, actor, timezone.now()
        try:
            opslaan(huidig, actor=actor)
        except ValidationError as fout:  # on the leefgebied's own field (the transaction undoes the others)
            raise ValidationError({gebied: fout.messages}) from fout
    return list(traject.toekomstperspectieven.all())


logger = logging.getLogger(__name__)


@transaction.atomic
def leesoverzicht_aanvragen(*, actor, traject: Traject) -> Leesoverzicht:
    """Ask for the PDF of the youth's list: for who may read the traject's log (the JJI-school).
    It is made in the background (the outbox starts the job once this commits); a request of
    the same person that still waits is not made twice."""
    if not policy.mag_raadplegingen_zien(actor, traject):
        raise PermissionDenied
    wachtend = (
        Leesoverzicht.objects.filter(traject=traject, aangevraagd_door=actor, status=LeesoverzichtStatus.WACHT)
        .defer("bestand")
        .first()
    )
    if wachtend is not None:
        return wachtend
    leesoverzicht = Leesoverzicht(traject=traject, aangevraagd_door=actor)
    leesoverzicht.full_clean()
    leesoverzicht.save()
    from .tasks import leesoverzicht_maken  # the task module imports this one

    uitbox.plannen(leesoverzicht_maken, leesoverzicht.pk)
    return leesoverzicht


def leesoverzicht_maken(leesoverzicht_id: int) -> str:
    """The background work: the youth's list as its requester may read it now, at most
    ``PDF_MAX_REGELS`` lines (the most recent; the PDF says how many older ones it leaves out),
    rendered and stored. Runs again harmlessly (a made PDF is not made twice); in a savepoint, so
    a failed render can be marked in the job's own transaction."""
    with transaction.atomic():
        leesoverzicht = (
            Leesoverzicht.objects.select_for_update(of=("self",))
            .defer("bestand")
            .select_related("traject__jongere", "aangevraagd_door")
            .filter(pk=leesoverzicht_id)
            .first()
        )
        if leesoverzicht is None or leesoverzicht.status != LeesoverzichtStatus.WACHT:
            return leesoverzicht.status if leesoverzicht else "onbekend"
        user, traject = leesoverzicht.aangevraagd_door, leesoverzicht.traject
        if not user.is_active or not policy.mag_raadplegingen_zien(user, traject):
            _leesoverzicht_mislukt(leesoverzicht, _("Je hebt geen toegang meer tot dit traject."))
            return leesoverzicht.status
        maximum = selectors.PDF_MAX_REGELS
        regels = selectors.raadplegingen_voor_jongere(user, traject, aantal=maximum)
        totaal = len(regels) if len(regels) < maximum else selectors.raadplegingen_gegroepeerd(user, traject).count()
        with override(settings.LANGUAGE_CODE):  # the list is Dutch, whoever's language runs the worker
            html = render_to_string(
                "dossier/jongere_raadplegingen.html",
                {
                    "traject": traject,
                    "regels": regels,
                    "weggelaten": max(totaal - len(regels), 0),
                    "nu": timezone.now(),
                    "pdf": True,
                    "titel": _("Wie heeft jouw gegevens bekeken?"),
                },
            )
        leesoverzicht.bestand = pdf_maken(html)
        leesoverzicht.regels, leesoverzicht.weggelaten = len(regels), max(totaal - len(regels), 0)
        leesoverzicht.status, leesoverzicht.gemaakt_op = LeesoverzichtStatus.KLAAR, timezone.now()
        leesoverzicht.save(update_fields=["bestand", "regels", "weggelaten", "status", "gemaakt_op"])
        return leesoverzicht.status


def _leesoverzicht_mislukt(leesoverzicht: Leesoverzicht, reden: str) -> None:
    leesoverzicht.status, leesoverzicht.fout = LeesoverzichtStatus.MISLUKT, reden[:200]
    leesoverzicht.save(update_fields=["status", "fout"])


def leesoverzicht_mislukt(leesoverzicht_id: int, fout: Exception) -> None:
    """A render that failed for good: marked, without content (the page says to try again)."""
    logger.error("Leesoverzicht %s kon niet worden gemaakt: %s", leesoverzicht_id, type(fout).__name__)
    with transaction.atomic():
        leesoverzicht = Leesoverzicht.objects.select_for_update().defer("bestand").filter(pk=leesoverzicht_id).first()
        if leesoverzicht is not None and leesoverzicht.status == LeesoverzichtStatus.WACHT:
            _leesoverzicht_mislukt(leesoverzicht, _("De PDF kon niet worden gemaakt."))


def leesoverzichten_opruimen(op: dt.datetime | None = None) -> int:
    """Daily: the files of the youth's list are removed after ``OVERDRACHT_BEWAARDAGEN`` days,
    like the overdrachtsdocument's (the record stays, without its file); one still waiting
    after a day is given up. The model keeps no history, so one UPDATE each."""
    nu = op or timezone.now()
    Leesoverzicht.objects.filter(status=LeesoverzichtStatus.WACHT, aangevraagd_op__lt=nu - dt.timedelta(days=1)).update(
        status=LeesoverzichtStatus.MISLUKT, fout=_("De PDF is niet op tijd gemaakt. Maak hem opnieuw.")
    )
    return Leesoverzicht.objects.filter(
        status=LeesoverzichtStatus.KLAAR, gemaakt_op__lt=nu - dt.timedelta(days=settings.OVERDRACHT_BEWAARDAGEN)
    ).update(bestand=None, status=LeesoverzichtStatus.VERWIJDERD, verwijderd_op=nu)
