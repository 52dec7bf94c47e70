"""Every write to a traject: start, edit, fase, involvement, grondslag, assignment.

Each service is atomic, takes a keyword ``actor``, checks the access policy, validates
with ``full_clean`` and re-derives the object permissions when who-may-see could change.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jji_traject.geschiedenis import bulk_aanmaken, opslaan
from netwerk.constants import OrganisatieSoort
from netwerk.models import Medewerker, Organisatie
from toegang import delen, haken, policy

from . import regels, selectors
from .constants import (
    ACTIEF_VANAF_START,
    AFGEROND,
    FASE_VOLGORDE,
    KENNISGEVING,
    STAPPEN_VAN_FASE,
    BetrokkenheidSoort,
    Categorie,
    Fase,
    Gebeurtenis,
    Grondslag,
    OverlegSoort,
    Stap,
    TaakStatus,
    Titel,
    Verblijfsduur,
    VertrekOnderwerp,
    VertrekStatus,
    Voorwaarde,
)
from .models import (
    Betrokkenheid,
    Jongere,
    Overleg,
    Routekaart,
    RoutekaartActiviteit,
    RoutekaartStap,
    Taak,
    Toestemming,
    Toewijzing,
    Traject,
    Verantwoordelijkheid,
    VertrekItem,
)
from .selectors import routekaart_van

# Parties that may act on a justice line (a school never sees such a task).
JUSTITIE_PARTIJEN = frozenset({"jji", "reclassering", "rvdk"})
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


def vergrendeld(traject: Traject, *, open_vereist: bool = True) -> Traject:
    """A fresh, row-locked copy of the traject: access is checked against the database as it
    is now (not answers remembered on the view's instance), and concurrent changes queue."""
    vers = Traject.objects.select_for_update(of=("self",)).select_related("jongere", "jji").get(pk=traject.pk)
    if open_vereist and vers.is_afgesloten:
        raise ValidationError(_("Dit traject is afgesloten; er kan niets meer worden gewijzigd."))
    return vers


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
        Taak(
            traject=traject,
            verantwoordelijkheid=regel,
            stap=regel.stap.nummer,
            tekst=regel.taak,
            partij=regel.uitvoerder,
            voorwaarde=regel.voorwaarde,
            justitieel=regel.justitieel,
            alleen_registratie=regel.alleen_registratie,
            termijn_gebeurtenis=regel.termijn_gebeurtenis,
            termijn_dagen=regel.termijn_dagen,
            overleg_soort=regel.overleg_soort,
        )
        for regel in Verantwoordelijkheid.objects.filter(
            stap__routekaart=kaart, stap__nummer__in=uitstroom
        ).select_related("stap")
        if (regel.taak, regel.stap.nummer) not in bestaand
    ]
    for taak in nieuw:
        taak.deadline = _termijn(traject, taak)
    bulk_aanmaken(nieuw, Taak, actor=actor)
    taken_organisaties_bijwerken(traject)
    return len(nieuw)


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
    return betrokkenheid


@transaction.atomic
def kennisgeving_vastleggen(*, actor, traject: Traject, ontvanger: Organisatie, gegevens: dict) -> Toestemming:
    """Record the grondslag for telling an involved organisation about the placement; it
    becomes active in the traject while the grondslag is valid."""
    traject = vergrendeld(traject)
    if not policy.mag_grondslag_vastleggen(actor, traject):
        raise PermissionDenied
    betrokken = traject.betrokkenheden.filter(organisatie=ontvanger)
    if not betrokken.exists():
        raise ValidationError({"ontvanger": _("Voeg de organisatie eerst toe aan het traject.")})
    if not betrokken.exclude(soort__in=ACTIEF_VANAF_START).exists():
        raise ValidationError({"ontvanger": _("De JJI en de JJI-school zijn al vanaf de start betrokken.")})
    if traject.toestemmingen.kennisgevingen().geldig().filter(ontvanger=ontvanger).exists():
        raise ValidationError(
            _("Er is al een geldige grondslag voor deze organisatie. Trek die eerst in als hij niet meer klopt.")
        )
    gegevens = dict(gegevens)
    if gegevens.get("grondslag") == Grondslag.LEERPLICHT:
        gegevens["geldig_tot"] = _leerplicht_grens(traject, ontvanger, gegevens.get("geldig_tot"))
    toestemming = Toestemming(
        traject=traject,
        ontvanger=ontvanger,
        categorie=KENNISGEVING,
        vastgelegd_door=actor,
        **gegevens,
    )
    toestemming.full_clean()
    toestemming.save()
    policy.rechten_afleiden(traject)
    taken_organisaties_bijwerken(traject)
    return toestemming


@transaction.atomic
def toestemming_vastleggen(
    *, actor, traject: Traject, ontvanger: Organisatie, categorie: str, gegevens: dict
) -> Toestemming:
    """Record the grondslag for showing one part of the doorstroomdossier to one involved,
    active organisation (not the JJI-school: it writes the dossier)."""
    traject = vergrendeld(traject)
    if not policy.mag_grondslag_vastleggen(actor, traject):
        raise PermissionDenied
    if not delen.is_deel(categorie):
        raise ValidationError(
            {"categorie": _("Kies onderwijsinformatie, begeleidingsbehoefte of signalen voor veiligheid.")}
        )
    betrokken = Betrokkenheid.objects.actief().filter(traject=traject, organisatie=ontvanger)
    if not betrokken.exists():
        raise ValidationError(
            {
                "ontvanger": _(
                    "Deze organisatie is niet (actief) betrokken. Leg eerst de grondslag voor de kennisgeving vast."
                )
            }
        )
    # The JJI-school itself needs a grondslag only in the other direction: to read the mbo van
    # herkomst's onderwijsinformatie.
    if betrokken.filter(soort=BetrokkenheidSoort.JJI_SCHOOL).exists() and (
        categorie != Categorie.ONDERWIJSINFORMATIE or not policy.heeft_actieve_herkomst(traject)
    ):
        raise ValidationError(
            {
                "ontvanger": _(
                    "De JJI-school schrijft het dossier zelf. Alleen de onderwijsinformatie van een actief "
                    "betrokken school van herkomst vraagt een grondslag voor de JJI-school."
                )
            }
        )
    grondslag = gegevens.get("grondslag")
    if grondslag not in delen.deel(categorie).grondslagen:
        raise ValidationError(
            {
                "grondslag": _(
                    "Deze grondslag geldt niet voor %(categorie)s. Leerplicht dekt alleen onderwijsinformatie; "
                    "begeleidingsbehoefte vraagt uitdrukkelijke toestemming."
                )
                % {"categorie": Categorie(categorie).label}
            }
        )
    if traject.toestemmingen.geldig().filter(ontvanger=ontvanger, categorie=categorie).exists():
        raise ValidationError(
            _(
                "Er is al een geldige grondslag voor %(categorie)s voor deze organisatie. "
                "Trek die eerst in als hij niet meer klopt."
            )
            % {"categorie": Categorie(categorie).label}
        )
    gegevens = dict(gegevens)
    if grondslag == Grondslag.LEERPLICHT:
        gegevens["geldig_tot"] = _leerplicht_grens(traject, ontvanger, gegevens.get("geldig_tot"))
    toestemming = Toestemming(
        traject=traject, ontvanger=ontvanger, categorie=categorie, vastgelegd_door=actor, **gegevens
    )
    toestemming.full_clean()
    toestemming.save()
    policy.rechten_afleiden(traject)
    return toestemming


@transaction.atomic
def toestemming_intrekken(*, actor, toestemming: Toestemming) -> Toestemming:
    """Revoke at once: from this moment it opens nothing."""
    toestemming = Toestemming.objects.select_for_update().get(pk=toestemming.pk)
    if not policy.mag_grondslag_vastleggen(actor, toestemming.traject):
        raise PermissionDenied
    if toestemming.ingetrokken_op is not None:
        raise ValidationError(_("Deze toestemming is al ingetrokken."))
    vergrendeld(toestemming.traject, open_vereist=False)
    nu = timezone.now()
    toestemming.ingetrokken_op, toestemming.ingetrokken_door = nu, actor
    toestemming.save(update_fields=["ingetrokken_op", "ingetrokken_door"])
    traject = toestemming.traject
    ingetrokken = [toestemming]
    if (
        toestemming.categorie == KENNISGEVING
        and not traject.toestemmingen.kennisgevingen().geldig().filter(ontvanger=toestemming.ontvanger).exists()
    ):
        # Without a grondslag to know about the placement, nothing of the dossier is shared either.
        for deel in traject.toestemmingen.geldig().filter(
            ontvanger=toestemming.ontvanger, categorie__in=delen.categorieen()
        ):
            deel.ingetrokken_op, deel.ingetrokken_door = nu, actor
            deel.save(update_fields=["ingetrokken_op", "ingetrokken_door"])
            ingetrokken.append(deel)
    toewijzingen_zonder_grondslag_beeindigen(toestemming.traject)
    policy.rechten_afleiden(toestemming.traject)
    taken_organisaties_bijwerken(toestemming.traject)
    # Documents that carried a revoked part: their recipients are asked to delete their copies
    # (the overdracht app, which sits above this one, registered the hook).
    haken.aanroepen("grondslag_ingetrokken", actor=actor, toestemmingen=ingetrokken)
    return toestemming


def toewijzingen_zonder_grondslag_beeindigen(traject: Traject) -> int:
    """An organisation that is no longer active loses its people's assignments, so a later
    grondslag does not silently reopen the traject to them (history keeps them)."""
    actief = Betrokkenheid.objects.actief().filter(traject=traject).values("organisatie_id")
    aantal = 0
    for toewijzing in traject.toewijzingen.exclude(medewerker__organisatie_id__in=actief):
        toewijzing.delete()
        aantal += 1
    return aantal


def _leerplicht_grens(traject: Traject, ontvanger: Organisatie, geldig_tot: dt.date | None) -> dt.date:
    """Leerplicht is a grondslag only for a school or leerplicht/RMC, and only while the youth
    is leerplichtig or kwalificatieplichtig: it lapses by itself at the end of that duty."""
    if ontvanger.soort not in (
        OrganisatieSoort.MBO,
        OrganisatieSoort.JJI_SCHOOL,  # school to school: onderwijsinformatie of the school van herkomst
        OrganisatieSoort.LEERPLICHT_RMC,
        OrganisatieSoort.GEMEENTE,
    ):
        raise ValidationError(
            {"grondslag": _("Leerplicht is alleen een grondslag voor een school of de leerplichtambtenaar (RMC).")}
        )
    jongere = traject.jongere
    if not (jongere.leerplichtig() or jongere.kwalificatieplichtig()):
        raise ValidationError({"grondslag": _("Deze jongere is niet (meer) leerplichtig of kwalificatieplichtig.")})
    if jongere.startkwalificatie:
        einde = jongere.leerplicht_einde
    else:
        einde = regels.verjaardag(jongere.geboortedatum, 18) - dt.timedelta(days=1)
    return min(geldig_tot, einde) if geldig_tot else einde


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


# --- Routekaart and tasks ----------------------------------------------------------------

# Neutral on purpose: a school sees these reasons, and must not read the titel from them.
ROUTE_REDEN = gettext_lazy("Niet van toepassing in deze route.")
SCHORSING_REDEN = gettext_lazy("Niet van toepassing: de jongere is eerder vrijgekomen.")


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
        if taak.voorwaarde == Voorwaarde.STP and _stp_niet_van_toepassing(traject):
            taak.status, taak.reden, taak.route_nvt = TaakStatus.NVT, str(ROUTE_REDEN), True
        taak.deadline = _termijn(traject, taak)
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
    aangemaakt = bulk_aanmaken(taken, Taak, actor=actor)
    taken_organisaties_bijwerken(traject)
    return aangemaakt


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


# --- Meetings and the ready-to-leave checklist --------------------------------------------


@transaction.atomic
def overleg_vastleggen(
    *,
    actor,
    traject: Traject,
    soort: str,
    datum: dt.date,
    deelnemers=(),
    andere_deelnemers: str = "",
    jongere_aanwezig: bool = False,
    uitkomst: str = "",
    uitstroombestemming: str = "",
    vervolgtaken: list[str] | None = None,
) -> Overleg:
    """Record a meeting or contact moment. It completes the first open task it fulfils (a
    nazorgtafel, a contactmoment); a decided uitstroombestemming is set on the traject; each
    follow-up line becomes a task for the recording organisation."""
    traject = vergrendeld(traject)
    if not policy.mag_overleg_vastleggen(actor, traject):
        raise PermissionDenied
    toegestaan = set(policy.actieve_medewerkers(actor, traject).values_list("pk", flat=True))
    if any(m.pk not in toegestaan for m in deelnemers):
        raise ValidationError({"deelnemers": _("Kies deelnemers van organisaties die actief betrokken zijn.")})
    overleg = Overleg(
        traject=traject,
        soort=soort,
        datum=datum,
        andere_deelnemers=andere_deelnemers,
        jongere_aanwezig=jongere_aanwezig,
        uitkomst=uitkomst,
        uitstroombestemming=uitstroombestemming,
        vastgelegd_door=actor,
    )
    if uitstroombestemming and not policy.mag_traject_beheren(actor, traject):
        raise ValidationError({"uitstroombestemming": _("De uitstroombestemming legt de JJI of de JJI-school vast.")})
    overleg.full_clean()
    overleg.save()
    overleg.deelnemers.set(deelnemers)
    # A meeting completes a task it fulfils only once it took place, and only a task the
    # actor may update; a contact moment counts after the release.
    vervuld = policy.bijwerkbare_taken(actor, traject).filter(overleg_soort=soort).exclude(status__in=AFGEROND)
    geldig = datum <= timezone.localdate() and (
        soort != OverlegSoort.CONTACTMOMENT or bool(traject.vrijgelaten_op and datum >= traject.vrijgelaten_op)
    )
    taak = vervuld.order_by(F("deadline").asc(nulls_last=True), "pk").first() if geldig else None
    if taak is not None:
        taak.status, taak.gedaan_op, taak.gedaan_door = TaakStatus.GEDAAN, datum, actor
        taak.save(update_fields=["status", "gedaan_op", "gedaan_door"])
    if uitstroombestemming and uitstroombestemming != traject.uitstroombestemming:
        traject.uitstroombestemming = uitstroombestemming
        traject.save(update_fields=["uitstroombestemming"])
    eigen = policy.medewerker_van(actor)
    stap = selectors.huidige_stap(traject)
    for tekst in filter(None, (regel.strip() for regel in vervolgtaken or [])):
        vervolg = Taak(
            traject=traject,
            stap=stap,
            tekst=tekst[:300],
            organisatie=eigen.organisatie,
            justitieel=policy.is_justitiepartner(eigen.organisatie),
        )
        vervolg.full_clean()
        vervolg.save()
    return overleg


@transaction.atomic
def vertrekitem_bijwerken(
    *, actor, traject: Traject, onderwerp: str, status: str, toelichting: str = ""
) -> VertrekItem:
    """Update one line of the ready-to-leave checklist (created on first use)."""
    traject = vergrendeld(traject)
    if not policy.mag_overleg_vastleggen(actor, traject):
        raise PermissionDenied
    if onderwerp not in VertrekOnderwerp.values or status not in VertrekStatus.values:
        raise ValidationError(_("Onbekend onderwerp of onbekende status."))
    item, _nieuw = VertrekItem.objects.get_or_create(traject=traject, onderwerp=onderwerp)
    item.status, item.toelichting = status, toelichting.strip()
    item.bijgewerkt_door, item.bijgewerkt_op = actor, timezone.now()
    item.full_clean()
    item.save()
    return item
