"""The routekaart and its tasks: a regio's copy of the national template, the lines turned
into tasks of a traject (``taak_van_regel``), deadlines counted from events, the route that
follows the stay, and updates of tasks."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jji_traject.geschiedenis import bulk_aanmaken, opslaan
from netwerk.models import Medewerker, Organisatie
from toegang import policy

from .. import selectors
from ..constants import (
    AFGEROND,
    CHECKPOINT_DAGEN,
    STAPPEN_VAN_FASE,
    BetrokkenheidSoort,
    Checkpoint,
    Fase,
    Gebeurtenis,
    OverlegSoort,
    Stap,
    TaakStatus,
    Titel,
    Verblijfsduur,
    Voorwaarde,
)
from ..models import (
    Betrokkenheid,
    Routekaart,
    RoutekaartActiviteit,
    RoutekaartStap,
    Taak,
    Traject,
    Verantwoordelijkheid,
)
from ..models.routekaart import STAPPEN_NASLAG
from ..selectors import routekaart_van
from .gedeeld import JUSTITIE_PARTIJEN, vergrendeld


def uitstroomroute_bijwerken(*, actor, traject: Traject) -> int:
    """Fase 3 follows the routekaart of the regio of return: the open routekaart tasks of
    steps 8-10 are replaced by that regio's lines (done tasks stay). Returns the new count."""
    uitstroom = STAPPEN_VAN_FASE[Fase.UITSTROOM]
    kaart = selectors.routekaart_voor_stap(traject, uitstroom[0])
    huidige = traject.taken.filter(stap__in=uitstroom, verantwoordelijkheid__isnull=False)
    if kaart is None or not huidige.exclude(verantwoordelijkheid__stap__routekaart=kaart).exists():
        return 0
    for taak in huidige.filter(status=TaakStatus.OPEN):
        taak.delete()  # history keeps it
    bestaand = set(huidige.values_list("verantwoordelijkheid__taak", "stap"))
    nieuw = [
        taak_van_regel(traject, regel, kaart)
        for regel in Verantwoordelijkheid.objects.filter(
            stap__routekaart=kaart, stap__nummer__in=uitstroom
        ).select_related("stap")
        if (regel.taak, regel.stap.nummer) not in bestaand
    ]
    bulk_aanmaken(nieuw, Taak, actor=actor)
    taken_organisaties_bijwerken(traject)
    return len(nieuw)


# Neutral on purpose: a school sees these reasons, and must not read the titel from them.
ROUTE_REDEN = gettext_lazy("Niet van toepassing in deze route.")


SCHORSING_REDEN = gettext_lazy("Niet van toepassing: de jongere is eerder vrijgekomen.")

OUDERS_REDEN = gettext_lazy(
    "Niet van toepassing: de jongere is 18 en heeft geen toestemming gegeven om de ouders te betrekken."
)


def _stp_niet_van_toepassing(traject: Traject) -> bool:
    """An STP exists only for a vrijheidsstraf or PIJ-maatregel, and not for a short stay
    (2-12 weeks) in youth detention."""
    if traject.titel == Titel.VOORLOPIGE_HECHTENIS:
        return True
    return traject.verblijfsduur == Verblijfsduur.KORT and traject.titel != Titel.PIJ


def taken_aanmaken(*, actor, traject: Traject) -> list[Taak]:
    """Instantiate the routekaart's responsibility lines as tasks of this traject (history kept)."""
    routekaart = routekaart_van(traject)
    if routekaart is None:
        return []
    regels = Verantwoordelijkheid.objects.filter(stap__routekaart=routekaart).select_related("stap")
    activiteiten = RoutekaartActiviteit.objects.filter(stap__routekaart=routekaart).exclude(taak="")
    taken = []
    for bron in [*activiteiten.select_related("stap"), *regels]:
        taak = taak_van_regel(traject, bron, routekaart)
        if taak.voorwaarde == Voorwaarde.STP and _stp_niet_van_toepassing(traject):
            taak.status, taak.reden, taak.route_nvt = TaakStatus.NVT, str(ROUTE_REDEN), True
        taken.append(taak)
    nazorg = _regie_van_stap(routekaart, Stap.AL_EVEN_BUITEN)
    for nummer in range(1, routekaart.contact_aantal + 1):
        taak = Taak(
            traject=traject,
            stap=Stap.AL_EVEN_BUITEN,
            tekst=_("Contactmoment %(nummer)s na uitstroom") % {"nummer": nummer},
            partij=nazorg,
            termijn_gebeurtenis=Gebeurtenis.VRIJLATING,
            termijn_dagen=nummer * routekaart.contact_interval_dagen,
            overleg_soort=OverlegSoort.CONTACTMOMENT,
        )
        taak.deadline = _termijn(traject, taak)
        taken.append(taak)
    taken += _checkpointtaken(traject, bestaand=set())
    aangemaakt = bulk_aanmaken(taken, Taak, actor=actor)
    taken_organisaties_bijwerken(traject)
    return aangemaakt


def _checkpointtaken(traject: Traject, *, bestaand: set[int]) -> list[Taak]:
    """The checkpoints of the school career after release (1, 3, 6 and 12 months) as tasks
    of step 10 for the receiving mbo, their deadlines counted from the release (not saved)."""
    taken = []
    for maanden, dagen in CHECKPOINT_DAGEN.items():
        if maanden in bestaand:
            continue
        taak = Taak(
            traject=traject,
            stap=Stap.LANGER_BUITEN,
            tekst=_("Checkpoint schoolloopbaan: %(label)s") % {"label": Checkpoint(maanden).label},
            partij=BetrokkenheidSoort.MBO_ONTVANGEND,
            termijn_gebeurtenis=Gebeurtenis.VRIJLATING,
            termijn_dagen=dagen,
            checkpoint=maanden,
        )
        taak.deadline = _termijn(traject, taak)
        taken.append(taak)
    return taken


def checkpointtaken_aanvullen(*, actor, traject: Traject) -> int:
    """Give a traject the checkpoint tasks it lacks (a traject started before they existed).
    Idempotent: a checkpoint has at most one task (also a database constraint)."""
    bestaand = set(traject.taken.exclude(checkpoint__isnull=True).values_list("checkpoint", flat=True))
    nieuw = _checkpointtaken(traject, bestaand=bestaand)
    bulk_aanmaken(nieuw, Taak, actor=actor)
    if nieuw:
        taken_organisaties_bijwerken(traject)
    return len(nieuw)


def taak_van_regel(traject: Traject, bron, routekaart: Routekaart) -> Taak:
    """One task of this traject (not saved) from one line of a routekaart: a responsibility
    line (``Verantwoordelijkheid``: who acts, under which condition) or an activity of a step
    (``RoutekaartActiviteit``: acted on by whoever has regie in that step), with its deadline
    counted from the traject's events."""
    is_regel = isinstance(bron, Verantwoordelijkheid)
    taak = Taak(
        traject=traject,
        verantwoordelijkheid=bron if is_regel else None,
        stap=bron.stap.nummer,
        tekst=bron.taak,
        partij=bron.uitvoerder if is_regel else _regie_van_stap(routekaart, bron.stap.nummer),
        voorwaarde=bron.voorwaarde if is_regel else "",
        justitieel=bron.justitieel if is_regel else False,
        alleen_registratie=bron.alleen_registratie,
        termijn_gebeurtenis=bron.termijn_gebeurtenis,
        termijn_dagen=bron.termijn_dagen,
        overleg_soort=bron.overleg_soort,
    )
    taak.deadline = _termijn(traject, taak)
    if taak.voorwaarde == Voorwaarde.OUDERS and not traject.ouders_betrekken_toegestaan():
        taak.status, taak.reden, taak.route_nvt = TaakStatus.NVT, str(OUDERS_REDEN), True
    return taak


def _regie_van_stap(routekaart: Routekaart, stap: int) -> str:
    """The party the regio gave regie in a step (most lines), else the empty party."""
    partijen = Counter(
        Verantwoordelijkheid.objects.filter(stap__routekaart=routekaart, stap__nummer=stap)
        .exclude(regie="")
        .values_list("regie", flat=True)
    )
    return partijen.most_common(1)[0][0] if partijen else ""


def _termijn(traject: Traject, taak: Taak) -> dt.date | None:
    """The default deadline of a task from an event of the stay; never before the start."""
    if not taak.termijn_gebeurtenis or taak.termijn_dagen is None:
        return taak.deadline
    datum = traject.gebeurtenis_datum(taak.termijn_gebeurtenis)
    if datum is None:
        return None
    try:
        return max(datum + dt.timedelta(days=taak.termijn_dagen), traject.startdatum)
    except OverflowError:
        return None


def deadlines_bijwerken(traject: Traject) -> int:
    """Recompute the deadlines of open tasks that count from an event (after an event date
    changed: expected end date, STP start, voorgeleiding, release). Returns how many changed."""
    gewijzigd = 0
    for taak in traject.taken.exclude(termijn_gebeurtenis="").exclude(status__in=AFGEROND):
        nieuw = _termijn(traject, taak)
        if nieuw != taak.deadline:
            taak.deadline = nieuw
            taak.save(update_fields=["deadline"])
            gewijzigd += 1
    return gewijzigd


def taken_organisaties_bijwerken(traject: Traject) -> None:
    """Give each task of a party the organisation that is active in that role in the traject.

    A return to the mbo van herkomst is a route of its own: that school is then also the
    receiving one, so the receiving mbo's open tasks go to it (and back when it is undone)."""
    actief = {b.soort: b.organisatie_id for b in Betrokkenheid.objects.actief().filter(traject=traject).order_by("pk")}
    herkomst = actief.get(BetrokkenheidSoort.MBO_HERKOMST)
    if traject.terug_naar_herkomst and herkomst:
        actief[BetrokkenheidSoort.MBO_ONTVANGEND] = herkomst
    # Open tasks follow who is active now (a new receiving school takes over); done ones
    # keep who did them. A task whose party is not active waits without an organisation.
    for taak in traject.taken.exclude(partij="").exclude(status__in=AFGEROND).select_related("medewerker"):
        organisatie_id = actief.get(taak.partij)
        if taak.checkpoint and organisatie_id is None:
            # No receiving school: leerplicht/RMC records the school career (issue 18).
            organisatie_id = actief.get(BetrokkenheidSoort.LEERPLICHT_RMC)
        if organisatie_id != taak.organisatie_id:
            taak.organisatie_id = organisatie_id
            if taak.medewerker_id and taak.medewerker.organisatie_id != organisatie_id:
                taak.medewerker = None
            taak.save(update_fields=["organisatie", "medewerker"])


def route_bijwerken(traject: Traject) -> None:
    """The route follows the stay: STP tasks are not applicable after voorlopige hechtenis,
    and open again when the titel changes to one with an STP."""
    stp_taken = traject.taken.filter(voorwaarde=Voorwaarde.STP)
    if _stp_niet_van_toepassing(traject):
        for taak in stp_taken.filter(status__in=[TaakStatus.OPEN, TaakStatus.BEZIG]):
            taak.status, taak.reden, taak.route_nvt = TaakStatus.NVT, str(ROUTE_REDEN), True
            taak.save(update_fields=["status", "reden", "route_nvt"])
    else:
        for taak in stp_taken.filter(status=TaakStatus.NVT, route_nvt=True):
            taak.status, taak.reden, taak.route_nvt = TaakStatus.OPEN, "", False
            taak.save(update_fields=["status", "reden", "route_nvt"])


@transaction.atomic
def taak_bijwerken(
    *,
    actor,
    taak: Taak,
    status: str,
    reden: str = "",
    notitie: str | None = None,
    medewerker: Medewerker | None | bool = False,
) -> Taak:
    """Change a task's status, note and the person who does it (``False``: leave as is).
    Doing a task that informs the school van herkomst needs a current grondslag for it;
    "niet van toepassing" needs a reason; the person works at the acting organisation."""
    taak = Taak.objects.select_for_update().select_related("traject").get(pk=taak.pk)
    if not policy.mag_taak_bijwerken(actor, taak):
        raise PermissionDenied
    if taak.traject.is_afgesloten:
        raise ValidationError(_("Dit traject is afgesloten; er kan niets meer worden gewijzigd."))
    if status not in TaakStatus.values:
        raise ValidationError({"status": _("Onbekende status.")})
    school = {
        Voorwaarde.KENNISGEVING_HERKOMST: BetrokkenheidSoort.MBO_HERKOMST,
        Voorwaarde.KENNISGEVING_ONTVANGEND: BetrokkenheidSoort.MBO_ONTVANGEND,
    }.get(taak.voorwaarde)
    if status == TaakStatus.GEDAAN and school:
        betrokken = taak.traject.betrokkenheden.filter(soort=school)
        if not Betrokkenheid.objects.actief().filter(pk__in=betrokken.values("pk")).exists():
            raise ValidationError(
                {
                    "status": _(
                        "Leg eerst een grondslag vast voor deze school (toestemming van de jongere of leerplicht). "
                        "Zonder grondslag mag de school niet geïnformeerd worden."
                    )
                }
            )
    if medewerker is not False:
        if medewerker is not None and (
            medewerker.organisatie_id != taak.organisatie_id
            or not policy.actieve_medewerkers(actor, taak.traject).filter(pk=medewerker.pk).exists()
        ):
            raise ValidationError({"medewerker": _("Kies iemand van de organisatie die deze taak uitvoert.")})
        taak.medewerker = medewerker
    taak.status = status
    taak.reden = reden.strip() if status == TaakStatus.NVT else ""
    if notitie is not None:
        taak.notitie = notitie.strip()
    if status == TaakStatus.GEDAAN:
        taak.gedaan_op, taak.gedaan_door = taak.gedaan_op or timezone.localdate(), actor
    else:
        taak.gedaan_op, taak.gedaan_door = None, None
    taak.full_clean()
    taak.save()
    return taak


@transaction.atomic
def taak_toevoegen(
    *, actor, traject: Traject, stap: int, tekst: str, organisatie: Organisatie | None, deadline: dt.date | None
) -> Taak:
    """An ad-hoc task without a routekaart line, for an active organisation of the traject.
    A task for the JJI or a justice partner is theirs: schools never see it."""
    traject = vergrendeld(traject)
    if not policy.mag_traject_beheren(actor, traject):
        raise PermissionDenied
    if organisatie is not None and not policy.actieve_organisaties(actor, traject).filter(pk=organisatie.pk).exists():
        raise ValidationError({"organisatie": _("Kies een organisatie die actief betrokken is bij dit traject.")})
    justitieel = policy.is_justitiepartner(organisatie or policy.medewerker_van(actor).organisatie)
    taak = Taak(
        traject=traject, stap=stap, tekst=tekst, organisatie=organisatie, deadline=deadline, justitieel=justitieel
    )
    taak.full_clean()
    taak.save()
    return taak


@transaction.atomic
def afspraak_als_taak_toevoegen(
    *, actor, traject: Traject, stap: int, tekst: str, organisatie: Organisatie, medewerker, deadline
) -> Taak:
    """A task from an agreement made elsewhere in the traject (the beslismodel's measures), for
    an organisation active in it and, optionally, one of its people. The caller has checked
    that the actor may make the agreement."""
    if not policy.actieve_organisaties(actor, traject).filter(pk=organisatie.pk).exists():
        raise ValidationError({"organisatie": _("Kies een organisatie die actief betrokken is bij dit traject.")})
    if medewerker is not None and medewerker.organisatie_id != organisatie.pk:
        raise ValidationError({"medewerker": _("Kies iemand van de organisatie die deze taak uitvoert.")})
    taak = Taak(
        traject=traject,
        stap=stap,
        tekst=tekst,
        organisatie=organisatie,
        medewerker=medewerker,
        deadline=deadline,
        justitieel=policy.is_justitiepartner(organisatie),
    )
    opslaan(taak, actor=actor)
    return taak


@transaction.atomic
def afspraak_taken_laten_vervallen(*, actor, taken, reden: str) -> int:
    """Open tasks of an agreement that was replaced: not applicable any more, with the reason
    (done tasks stay as they are)."""
    aantal = 0
    for taak in taken:
        if taak.status in (TaakStatus.OPEN, TaakStatus.BEZIG):
            taak.status, taak.reden = TaakStatus.NVT, reden[:300]
            opslaan(taak, actor=actor, velden=["status", "reden"])
            aantal += 1
    return aantal


@transaction.atomic
def routekaart_overnemen(*, actor, regio, jaar: int) -> Routekaart:
    """A regio adopts the national template for a year: a copy it can fill in."""
    if not policy.mag_regio_beheren(actor, regio):
        raise PermissionDenied
    if Routekaart.objects.filter(regio=regio, jaar=jaar).exists():
        raise ValidationError(_("Deze regio heeft voor dit jaar al een routekaart."))
    sjabloon = Routekaart.objects.filter(regio__isnull=True).order_by("-jaar").first()
    if sjabloon is None:
        raise ValidationError(_("Er is geen landelijk sjabloon van de routekaart."))
    kaart = Routekaart(
        regio=regio, jaar=jaar, naam=_("Doorstroomroutekaart %(regio)s %(jaar)s") % {"regio": regio, "jaar": jaar}
    )
    kaart.full_clean()
    kaart.save()
    for stap in sjabloon.stappen.prefetch_related("activiteiten", "verantwoordelijkheden"):
        kopie = RoutekaartStap.objects.create(routekaart=kaart, nummer=stap.nummer, stem_jongere=stap.stem_jongere)
        for activiteit in stap.activiteiten.all():
            activiteit.pk, activiteit.id, activiteit.stap = None, None, kopie
            activiteit._state.adding = True
            activiteit.save()
        for regel in stap.verantwoordelijkheden.all():
            regel.pk, regel.id, regel.stap = None, None, kopie
            regel._state.adding = True
            regel.save()
    STAPPEN_NASLAG.vernieuwen()  # the regio's trajecten may follow this map now
    return kaart


@transaction.atomic
def verantwoordelijkheid_invullen(
    *,
    actor,
    regel: Verantwoordelijkheid,
    uitvoerder: str,
    functie: str = "",
    regie: str = "",
    geinformeerd: str = "",
    termijn_dagen: int | None | bool = False,
) -> Verantwoordelijkheid:
    """Fill in who acts on a line of a regio's routekaart. Lines fixed by the handreiking
    and the national template itself cannot be changed."""
    regel = Verantwoordelijkheid.objects.select_related("stap__routekaart__regio").get(pk=regel.pk)
    routekaart = regel.stap.routekaart
    if routekaart.is_sjabloon or not policy.mag_regio_beheren(actor, routekaart.regio):
        raise PermissionDenied
    if regel.vast:
        raise ValidationError(_("Deze regel ligt vast in de handreiking en kan niet worden gewijzigd."))
    if regel.justitieel and uitvoerder and uitvoerder not in JUSTITIE_PARTIJEN:
        raise ValidationError(
            _("Dit is een taak van de JJI of een justitiepartner; een school kan die niet uitvoeren.")
        )
    regel.uitvoerder, regel.functie, regel.regie, regel.geinformeerd = uitvoerder, functie, regie, geinformeerd
    velden = ["uitvoerder", "functie", "regie", "geinformeerd"]
    if termijn_dagen is not False and regel.termijn_gebeurtenis:
        # A default deadline the regio changes: new trajecten count with it.
        regel.termijn_dagen = termijn_dagen
        velden.append("termijn_dagen")
    regel.full_clean()
    regel.save(update_fields=velden)
    STAPPEN_NASLAG.vernieuwen()  # the step's regie
    # Open tasks from this line in running trajecten follow the new party.
    geraakt = set()
    for taak in (
        Taak.objects.filter(verantwoordelijkheid=regel).exclude(status__in=AFGEROND).exclude(partij=regel.uitvoerder)
    ):
        taak.partij = regel.uitvoerder
        taak.save(update_fields=["partij"])
        geraakt.add(taak.traject_id)
    for traject in Traject.objects.filter(pk__in=geraakt):
        taken_organisaties_bijwerken(traject)
    return regel


@transaction.atomic
def contactmomenten_instellen(*, actor, routekaart: Routekaart, interval_dagen: int, aantal: int) -> Routekaart:
    """The regio's defaults for contact moments after release (for new trajecten)."""
    if routekaart.is_sjabloon or not policy.mag_regio_beheren(actor, routekaart.regio):
        raise PermissionDenied
    routekaart.contact_interval_dagen, routekaart.contact_aantal = interval_dagen, aantal
    routekaart.full_clean()
    routekaart.save(update_fields=["contact_interval_dagen", "contact_aantal"])
    return routekaart
