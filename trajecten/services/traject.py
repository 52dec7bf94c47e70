"""Starting, editing, moving through the fases and closing a traject; who is involved and
assigned. Each service is atomic, takes a keyword ``actor``, checks the access policy,
validates with ``full_clean`` and re-derives the object permissions when who-may-see could
change."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netwerk.constants import OrganisatieSoort
from netwerk.models import Medewerker, Organisatie
from toegang import haken, policy

from ..constants import (
    ACTIEF_VANAF_START,
    AFGEROND,
    FASE_VOLGORDE,
    STAPPEN_VAN_FASE,
    BetrokkenheidSoort,
    Fase,
    Stap,
    TaakStatus,
)
from ..models import (
    Betrokkenheid,
    Jongere,
    Toewijzing,
    Traject,
)
from .gedeeld import vergrendeld
from .grondslag import toewijzingen_zonder_grondslag_beeindigen
from .routekaart import (
    SCHORSING_REDEN,
    deadlines_bijwerken,
    route_bijwerken,
    taken_aanmaken,
    taken_organisaties_bijwerken,
    uitstroomroute_bijwerken,
)

JONGERE_VELDEN = ("voornaam", "tussenvoegsel", "achternaam", "geboortedatum", "startkwalificatie")


GEBEURTENIS_VELDEN = ("startdatum", "verwachte_einddatum", "voorgeleiding_op", "stp_start", "vrijgelaten_op")


TRAJECT_VELDEN = (
    "titel",
    "verblijfsduur",
    "uitstroombestemming",
    "terugkeerregio",
    "terug_naar_herkomst",
    "nazorg_evaluatie_op",
    *GEBEURTENIS_VELDEN,
)


def _jji_en_school(medewerker: Medewerker) -> tuple[Organisatie, Organisatie]:
    """The JJI and JJI-school a new traject belongs to, from the organisation of its starter."""
    organisatie = medewerker.organisatie
    if organisatie.soort == OrganisatieSoort.JJI_SCHOOL:
        return organisatie.jji, organisatie
    school = organisatie.scholen.filter(actief=True).order_by("naam").first()
    if school is None:
        raise ValidationError(
            _("Deze JJI heeft nog geen JJI-school. Vraag de functioneel beheerder die toe te voegen.")
        )
    return organisatie, school


def _titel_toegestaan(actor, gegevens: dict) -> None:
    """Only the JJI (and justice partners) record the titel of the stay; a school never
    sees it, so it cannot set it either."""
    if gegevens.get("titel") and not policy.mag_titel_kennen(actor):
        raise ValidationError({"titel": _("Alleen de JJI legt de titel van het verblijf vast.")})


@transaction.atomic
def traject_starten(*, actor, jongere: dict, traject: dict) -> Traject:
    """Start a traject for a new youth at the starter's JJI: JJI and JJI-school are involved
    from the start and the starter is assigned."""
    if not policy.mag_traject_starten(actor):
        raise PermissionDenied
    _titel_toegestaan(actor, traject)
    jji, school = _jji_en_school(actor.medewerker)
    nieuwe_jongere = Jongere(**{veld: jongere[veld] for veld in JONGERE_VELDEN if veld in jongere})
    nieuwe_jongere.full_clean()
    nieuwe_jongere.save()
    nieuw = Traject(jongere=nieuwe_jongere, jji=jji, **{v: traject[v] for v in TRAJECT_VELDEN if v in traject})
    nieuw.full_clean()
    nieuw.save()
    for organisatie, soort in ((jji, BetrokkenheidSoort.JJI), (school, BetrokkenheidSoort.JJI_SCHOOL)):
        betrokkenheid = Betrokkenheid(traject=nieuw, organisatie=organisatie, soort=soort, toegevoegd_door=actor)
        betrokkenheid.full_clean()
        betrokkenheid.save()
    toewijzing = Toewijzing(traject=nieuw, medewerker=actor.medewerker, toegewezen_door=actor)
    toewijzing.full_clean()
    toewijzing.save()
    policy.rechten_afleiden(nieuw)
    taken_aanmaken(actor=actor, traject=nieuw)
    if not policy.is_zichtbaar(actor, nieuw):  # post-save re-check, as NetBox does
        raise PermissionDenied
    return nieuw


@transaction.atomic
def traject_wijzigen(*, actor, traject: Traject, jongere: dict, gegevens: dict) -> Traject:
    """Edit the youth's and the traject's basic data (not the fase: see traject_fase_wijzigen).
    Compares with the database, not with the form's instance (a ModelForm already changed it)."""
    traject = vergrendeld(traject)
    if not policy.mag_traject_beheren(actor, traject):
        raise PermissionDenied
    if "titel" in gegevens and gegevens["titel"] != traject.titel:
        _titel_toegestaan(actor, gegevens)
    kind = traject.jongere
    jongere_velden = [v for v in JONGERE_VELDEN if v in jongere and getattr(kind, v) != jongere[v]]
    for veld in jongere_velden:
        setattr(kind, veld, jongere[veld])
    if jongere_velden:
        kind.full_clean()
        kind.save(update_fields=jongere_velden)
        for ander in kind.trajecten.all():
            ander.jongere = kind
            ander.save(update_fields=["sorteernaam"])  # lists sort by the new name
        if "geboortedatum" in jongere_velden:
            # A parent's consent lapses on the 18th birthday: the visibility rows' end dates
            # move, and an organisation it no longer holds loses its people's assignments.
            for ander in Traject.objects.filter(jongere=kind):
                toewijzingen_zonder_grondslag_beeindigen(ander)
            policy.rechten_afleiden(Traject.objects.filter(jongere=kind))
            policy.vergeten(traject)
    traject_velden = [v for v in TRAJECT_VELDEN if v in gegevens and getattr(traject, v) != gegevens[v]]
    for veld in traject_velden:
        setattr(traject, veld, gegevens[veld])
    if traject_velden:
        traject.full_clean()
        traject.save(update_fields=traject_velden)
    if {"titel", "verblijfsduur"} & set(traject_velden):
        route_bijwerken(traject)
    if "terugkeerregio" in traject_velden:
        uitstroomroute_bijwerken(actor=actor, traject=traject)
    if "terug_naar_herkomst" in traject_velden:
        taken_organisaties_bijwerken(traject)
    if {"titel", "verblijfsduur", *GEBEURTENIS_VELDEN} & set(traject_velden):
        deadlines_bijwerken(traject)
    return traject


@transaction.atomic
def traject_fase_wijzigen(
    *, actor, traject: Traject, fase: str, vrijgelaten_op: dt.date | None = None, schorsing: bool = False
) -> Traject:
    """Move a traject forward: instroom → verblijf → uitstroom, or straight to uitstroom on a
    sudden release (schorsing). A fase never goes back."""
    traject = vergrendeld(traject)
    if not policy.mag_traject_beheren(actor, traject):
        raise PermissionDenied
    if fase not in Fase.values:
        raise ValidationError({"fase": _("Onbekende fase.")})
    if traject.is_afgesloten:
        raise ValidationError(_("Dit traject is afgesloten."))
    if FASE_VOLGORDE.index(fase) <= FASE_VOLGORDE.index(traject.fase):
        raise ValidationError({"fase": _("Een traject gaat alleen vooruit: kies een latere fase.")})
    plotseling = fase == Fase.UITSTROOM and (schorsing or traject.fase == Fase.INSTROOM)
    traject.fase = fase
    velden = ["fase"]
    if fase == Fase.UITSTROOM:
        traject.vrijgelaten_op = vrijgelaten_op or traject.vrijgelaten_op or timezone.localdate()
        velden.append("vrijgelaten_op")
    traject.full_clean()
    traject.save(update_fields=velden)
    deadlines_bijwerken(traject)
    if plotseling:
        # A sudden release (schorsing): the stay's steps are skipped and the tasks of "net
        # buiten" are due at once.
        open_taken = traject.taken.filter(status__in=[TaakStatus.OPEN, TaakStatus.BEZIG])
        for taak in open_taken.filter(stap__in=STAPPEN_VAN_FASE[Fase.VERBLIJF]):
            taak.status, taak.reden, taak.route_nvt = TaakStatus.NVT, str(SCHORSING_REDEN), True
            taak.save(update_fields=["status", "reden", "route_nvt"])
        for taak in open_taken.filter(stap=Stap.NET_BUITEN):
            taak.deadline = timezone.localdate()
            taak.save(update_fields=["deadline"])
    return traject


@transaction.atomic
def traject_afsluiten(*, actor, traject: Traject, datum: dt.date, besluit: str = "", advies: str = "") -> Traject:
    """Close nazorg and the traject: a judgement ("stabiel") with who advised on afbouw or
    voortzetting, not a deadline. The closing task of step 10 is done with it."""
    traject = vergrendeld(traject, open_vereist=False)
    if not policy.mag_traject_beheren(actor, traject):
        raise PermissionDenied
    if traject.is_afgesloten:
        raise ValidationError(_("Dit traject is al afgesloten."))
    if traject.fase != Fase.UITSTROOM:
        raise ValidationError(_("Sluit een traject pas af in de fase uitstroom."))
    if datum > timezone.localdate():
        raise ValidationError({"afgesloten_op": _("De datum ligt in de toekomst.")})
    if not besluit.strip() or not advies.strip():
        raise ValidationError(_("Leg vast waarom de situatie stabiel is en wie adviseerde over afbouw van de nazorg."))
    traject.afgesloten_op, traject.afsluiting_besluit, traject.afsluiting_advies = (
        datum,
        besluit.strip(),
        advies.strip(),
    )
    traject.full_clean()
    traject.save(update_fields=["afgesloten_op", "afsluiting_besluit", "afsluiting_advies"])
    afsluittaken = traject.taken.filter(stap=Stap.LANGER_BUITEN, tekst="Nazorgtraject formeel afsluiten")
    for taak in afsluittaken.exclude(status__in=AFGEROND):
        taak.status, taak.gedaan_op, taak.gedaan_door = TaakStatus.GEDAAN, datum, actor
        taak.save(update_fields=["status", "gedaan_op", "gedaan_door"])
    return traject


@transaction.atomic
def betrokkenheid_toevoegen(*, actor, traject: Traject, organisatie: Organisatie, soort: str) -> Betrokkenheid:
    """Involve an organisation. Outside JJI and JJI-school it sees nothing until a grondslag
    to tell it about the placement is recorded."""
    traject = vergrendeld(traject)
    if not policy.mag_traject_beheren(actor, traject):
        raise PermissionDenied
    if not policy.toevoegbare_organisaties(actor, traject).filter(pk=organisatie.pk).exists():
        raise ValidationError({"organisatie": _("Deze organisatie kan niet bij een traject betrokken worden.")})
    if soort in ACTIEF_VANAF_START:
        raise ValidationError({"soort": _("De JJI en de JJI-school zijn vanaf de start betrokken.")})
    betrokkenheid = Betrokkenheid(traject=traject, organisatie=organisatie, soort=soort, toegevoegd_door=actor)
    betrokkenheid.full_clean()
    betrokkenheid.save()
    policy.vergeten(traject)  # the involvements read above no longer hold
    return betrokkenheid


@transaction.atomic
def toewijzing_toevoegen(*, actor, traject: Traject, medewerker: Medewerker) -> Toewijzing:
    """Assign a person of an active organisation to the traject (see policy.toewijsbare_medewerkers)."""
    traject = vergrendeld(traject)
    if not policy.toewijsbare_medewerkers(actor, traject).filter(pk=medewerker.pk).exists():
        raise ValidationError(
            {
                "medewerker": _(
                    "Deze medewerker kun je niet toewijzen: kies een actieve medewerker van een actieve organisatie."
                )
            }
        )
    toewijzing = Toewijzing(traject=traject, medewerker=medewerker, toegewezen_door=actor)
    toewijzing.full_clean()
    toewijzing.save()
    policy.rechten_afleiden(traject)
    # What already waits for the person is told to them (the beslismodel app, above this one).
    haken.aanroepen("toegewezen", actor=actor, toewijzing=toewijzing)
    return toewijzing


@transaction.atomic
def toewijzing_beeindigen(*, actor, toewijzing: Toewijzing) -> None:
    """End an assignment (history keeps that it existed)."""
    traject = toewijzing.traject
    mag = policy.toewijsbare_medewerkers(actor, traject, ook_toegewezen=True).filter(pk=toewijzing.medewerker_id)
    if not mag.exists():
        raise PermissionDenied
    toewijzing.delete()
    policy.rechten_afleiden(traject)
