"""Deriving django-guardian's object permissions from involvement, consent, assignment, rol and
designation: per active organisation its designation and zorgcoördinator groups, per assigned
person a user row, per part of the dossier (the registry) the organisations with a grondslag.
Role groups never get these permissions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import CharField, QuerySet, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from netwerk.constants import Rol
from netwerk.models import Medewerker, Organisatie
from toegang.models import TrajectGroupObjectPermission, TrajectUserObjectPermission, Zicht
from trajecten import regels
from trajecten.constants import ACTIEF_VANAF_START, Grondslag
from trajecten.models import Betrokkenheid, Toestemming, Toewijzing, Traject

from .. import delen
from .lezers import ALLE_TRAJECTEN_ROLLEN, GROEP_VERBINDINGSOFFICIER, VIEW, vergeten


def groepsnaam(organisatie_id: int, naam: str) -> str:
    return f"org:{organisatie_id}:{naam}"


def groepsnaam_begin(organisatie_id) -> str | Concat:
    """How every group of an organisation begins (:func:`groepsnaam` without its name): for an
    id, the text; for an expression (``OuterRef("organisatie_id")``), the same in SQL."""
    if isinstance(organisatie_id, int):
        return groepsnaam(organisatie_id, "")
    return Concat(Value("org:"), Cast(organisatie_id, CharField()), Value(":"))


def rolgroepnaam(rol: str) -> str:
    """The global role group; it holds model permissions for actions, never view_traject."""
    return f"rol:{rol}"


def _groepen(namen: Iterable[str]) -> dict[str, int]:
    namen = set(namen)
    bestaand = dict(Group.objects.filter(name__in=namen).values_list("name", "pk"))
    ontbrekend = namen - bestaand.keys()
    if ontbrekend:
        Group.objects.bulk_create([Group(name=n) for n in ontbrekend], ignore_conflicts=True)
        bestaand = dict(Group.objects.filter(name__in=namen).values_list("name", "pk"))
    return bestaand


def _zichtbaarheidsgroepen(organisatie_id: int) -> list[str]:
    return [groepsnaam(organisatie_id, GROEP_VERBINDINGSOFFICIER)] + [
        groepsnaam(organisatie_id, f"rol:{rol}") for rol in sorted(ALLE_TRAJECTEN_ROLLEN)
    ]


@transaction.atomic
def medewerker_groepen_bijwerken(medewerker: Medewerker) -> None:
    """Put a person in exactly their global role group and their organisation+rol group."""
    user = medewerker.user
    gewenst = {rolgroepnaam(medewerker.rol), groepsnaam(medewerker.organisatie_id, f"rol:{medewerker.rol}")}
    if medewerker.organisatie.verbindingsofficier_id == medewerker.pk:
        gewenst.add(groepsnaam(medewerker.organisatie_id, GROEP_VERBINDINGSOFFICIER))
    ids = _groepen(gewenst)
    beheerd = user.groups.filter(name__regex=r"^(rol|org):")
    user.groups.remove(*beheerd.exclude(pk__in=ids.values()))
    user.groups.add(*ids.values())


@transaction.atomic
def verbindingsofficier_groep_bijwerken(organisatie: Organisatie) -> None:
    """The designation group of an organisation holds exactly its verbindingsofficier."""
    naam = groepsnaam(organisatie.pk, GROEP_VERBINDINGSOFFICIER)
    groep = Group.objects.get(pk=_groepen([naam])[naam])
    groep.user_set.clear()
    if organisatie.verbindingsofficier_id:
        groep.user_set.add(organisatie.verbindingsofficier.user)


def _gewenst(traject_ids) -> tuple[set, set, set]:
    """What the rules derive for these trajecten: the active (traject, organisatie) pairs, and
    who holds the view permission — (traject, group, tot) per active organisation's designation
    and zorgcoördinator groups, (traject, user, tot) per assigned active person of an active
    organisation, ``tot`` the last day the organisation stays active by dates alone
    (:func:`_actief_tot`)."""
    vandaag = timezone.localdate()
    tot = _actief_tot(traject_ids, vandaag)
    actief = set(tot)
    groepnamen = {(t, org, naam) for t, org in actief for naam in _zichtbaarheidsgroepen(org)}
    groep_ids = _groepen({naam for _, _, naam in groepnamen})
    gewenst_groep = {(t, groep_ids[naam], tot[(t, org)]) for t, org, naam in groepnamen}
    gewenst_persoon = {
        (t, user_id, tot[(t, org)])
        for t, user_id, org in Toewijzing.objects.filter(
            traject__in=traject_ids, medewerker__user__is_active=True
        ).values_list("traject_id", "medewerker__user_id", "medewerker__organisatie_id")
        if (t, org) in actief
    }
    return actief, gewenst_groep, gewenst_persoon


def _actief_tot(traject_ids, vandaag: dt.date) -> dict[tuple[int, int], dt.date]:
    """Per active (traject, organisatie) the last day it stays active if nothing is recorded:
    ``Zicht.ONBEPAALD`` for the JJI and JJI-school, else the latest end among its valid
    kennisgevingen (each valid today, so together they cover today up to the latest end):
    ``geldig_tot``, and a parent's consent the day before the 18th birthday."""
    tot: dict[tuple[int, int], dt.date] = {}
    for t, org, soort in (
        Betrokkenheid.objects.actief(vandaag)
        .filter(traject__in=traject_ids)
        .values_list("traject_id", "organisatie_id", "soort")
    ):
        if soort in ACTIEF_VANAF_START:
            tot[(t, org)] = Zicht.ONBEPAALD
        else:
            tot.setdefault((t, org), dt.date.min)
    kennisgevingen = (
        Toestemming.objects.kennisgevingen()
        .geldig(vandaag)
        .filter(traject__in=traject_ids)
        .values_list("traject_id", "ontvanger_id", "geldig_tot", "grondslag", "traject__jongere__geboortedatum")
    )
    for t, org, geldig_tot, grondslag, geboren in kennisgevingen:
        if (t, org) not in tot:
            continue  # an organisation no longer active (or not involved)
        einde = geldig_tot or Zicht.ONBEPAALD
        if grondslag == Grondslag.TOESTEMMING_OUDER:
            einde = min(einde, regels.verjaardag(geboren, regels.MEERDERJARIG) - dt.timedelta(days=1))
        tot[(t, org)] = max(tot[(t, org)], einde)
    return tot


@transaction.atomic
def rechten_afleiden(trajecten: QuerySet[Traject] | Traject) -> None:
    """Re-derive the view permissions of these trajecten from involvement, consent and assignment.

    Per active organisation: its designation group and zorgcoördinator group; per assigned
    person of an active organisation: the person. Rows that no longer follow are removed.
    The visibility rows of the lists (``toegang.Zicht``) are the same, in the same transaction.
    """
    if isinstance(trajecten, Traject):
        vergeten(trajecten)
        trajecten = Traject.objects.filter(pk=trajecten.pk)
    traject_ids = trajecten.values("pk")
    view = Permission.objects.get(content_type__app_label=VIEW[0], codename=VIEW[1])
    actief, gewenst_groep, gewenst_persoon = _gewenst(traject_ids)
    _synchroniseer(TrajectGroupObjectPermission, "group_id", traject_ids, view, _paren(gewenst_groep))
    _synchroniseer(TrajectUserObjectPermission, "user_id", traject_ids, view, _paren(gewenst_persoon))
    _zicht_synchroniseren(traject_ids, gewenst_groep, gewenst_persoon)
    _categorierechten_afleiden(traject_ids, actief)


def organisatie_rechten_afleiden(organisatie_id: int, *, portie: int = 1000) -> int:
    """After an organisation was deactivated or made active again: the rows of every traject
    it is involved in are derived again, a portion of trajecten per transaction, so that its
    lists follow at once instead of after the nightly check (the policy already refuses the
    people of an inactive organisation live). Returns the number of trajecten."""
    ids = list(
        Traject.objects.filter(betrokkenheden__organisatie_id=organisatie_id)
        .order_by("pk")
        .values_list("pk", flat=True)
        .distinct()
    )
    for begin in range(0, len(ids), portie):
        rechten_afleiden(Traject.objects.filter(pk__in=ids[begin : begin + portie]))
    return len(ids)


def _zicht(traject_ids, veld: str):
    """The visibility rows of these trajecten held by a group (``groep_id``) or a person (``persoon_id``)."""
    return Zicht.objects.filter(traject__in=traject_ids, **{f"{veld}__isnull": False})


def _paren(rijen: set[tuple[int, int, dt.date]]) -> set[tuple[int, int]]:
    """(traject, holder) of visibility rows: guardian's rows carry no end date."""
    return {(t, h) for t, h, _ in rijen}


def _zicht_synchroniseren(traject_ids, gewenst_groep: set, gewenst_persoon: set) -> None:
    for veld, gewenst in (("groep_id", gewenst_groep), ("persoon_id", gewenst_persoon)):
        _gelijktrekken(
            _zicht(traject_ids, veld),
            ("traject_id", veld, "tot"),
            gewenst,
            lambda t, h, tot, v=veld: Zicht(traject_id=t, tot=tot, **{v: h}),
        )


def zicht_controleren(*, herstellen: bool = False, portie: int = 5000) -> tuple[int, int]:
    """Derive who sees every traject again and compare with the visibility rows, their end
    date included: returns the number of trajecten whose rows drifted and the number of rows
    that differ (missing, extra or with another end date; a changed one counts twice). With
    ``herstellen`` those trajecten are derived again (guardian's rows with them)."""
    afwijkend, verschillen = set(), 0
    alle = list(Traject.objects.order_by("pk").values_list("pk", flat=True))
    for begin in range(0, len(alle), portie):
        ids = alle[begin : begin + portie]
        _, gewenst_groep, gewenst_persoon = _gewenst(ids)
        for veld, gewenst in (("groep_id", gewenst_groep), ("persoon_id", gewenst_persoon)):
            verschil = gewenst ^ set(_zicht(ids, veld).values_list("traject_id", veld, "tot"))
            verschillen += len(verschil)
            afwijkend |= {t for t, _, _ in verschil}
    if herstellen and afwijkend:
        rechten_afleiden(Traject.objects.filter(pk__in=afwijkend))
    return len(afwijkend), verschillen


def _categorierechten_afleiden(traject_ids, actief: set[tuple[int, int]]) -> None:
    """Per part of the dossier: the organisation that writes it (the registry's ``schrijvers``:
    the JJI-school, or for the schoolloopbaan the receiving mbo, else leerplicht/RMC), and each
    active organisation with a valid grondslag for that part — never one involved in a soort
    the part bars (``nooit``: the school van herkomst for the schoolloopbaan). The parts go to the
    organisation's designation and zorgcoördinator groups and its assigned people; signalen
    voor veiligheid only to its verbindingsofficier and veiligheidscoördinator group. Role
    groups never get these permissions."""

    betrokken = list(
        Betrokkenheid.objects.filter(traject__in=traject_ids, organisatie__actief=True)
        .order_by("pk")
        .values_list("traject_id", "soort", "organisatie_id")
    )
    gedeeld = {
        (t, categorie, org)
        for t, categorie, org in Toestemming.objects.geldig()
        .filter(traject__in=traject_ids, categorie__in=delen.categorieen())
        .values_list("traject_id", "categorie", "ontvanger_id")
        if (t, org) in actief
    }
    toewijzingen = list(
        Toewijzing.objects.filter(traject__in=traject_ids, medewerker__user__is_active=True).values_list(
            "traject_id", "medewerker__user_id", "medewerker__organisatie_id"
        )
    )
    for deel in delen.alle():
        categorie = deel.categorie
        schrijvers = _schrijvers(deel, betrokken, actief)
        uitgesloten = {(t, org) for t, soort, org in betrokken if soort in deel.nooit} - schrijvers
        lezers = set(schrijvers)
        lezers |= {(t, org) for t, cat, org in gedeeld if cat == categorie and (t, org) not in uitgesloten}
        if deel.beperkt:
            # Only the verbindingsofficier and the veiligheidscoördinator of a receiving
            # organisation; in the writing JJI-school everyone who sees the traject.
            groepnamen = {
                (t, naam)
                for t, org in lezers - schrijvers
                for naam in (
                    groepsnaam(org, GROEP_VERBINDINGSOFFICIER),
                    groepsnaam(org, f"rol:{Rol.VEILIGHEIDSCOORDINATOR}"),
                )
            } | {
                (t, naam)
                for t, org in lezers & schrijvers
                for naam in _zichtbaarheidsgroepen(org)
                if naam != groepsnaam(org, f"rol:{Rol.SYSTEEM}")  # a system account never reads them
            }
            personen = {(t, user_id) for t, user_id, org in toewijzingen if (t, org) in schrijvers}
        else:
            groepnamen = {(t, naam) for t, org in lezers for naam in _zichtbaarheidsgroepen(org)}
            personen = {(t, user_id) for t, user_id, org in toewijzingen if (t, org) in lezers}
        groep_ids = _groepen({naam for _, naam in groepnamen})
        permissie = _categoriepermissie(deel.permissie)
        _synchroniseer(
            TrajectGroupObjectPermission, "group_id", traject_ids, permissie, {(t, groep_ids[n]) for t, n in groepnamen}
        )
        _synchroniseer(TrajectUserObjectPermission, "user_id", traject_ids, permissie, personen)


def _schrijvers(deel, betrokken, actief: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """(traject, organisatie) that writes the part: per traject the first of the part's
    ``schrijvers`` in which an organisation is active (the twin of ``policy.schrijver_van``)."""
    per_traject: dict[int, dict[str, int]] = {}
    for t, soort, org in betrokken:
        if soort in deel.schrijvers and (t, org) in actief:
            per_traject.setdefault(t, {}).setdefault(soort, org)
    return {(t, next(soorten[s] for s in deel.schrijvers if s in soorten)) for t, soorten in per_traject.items()}


def _categoriepermissie(codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label="trajecten", codename=codename)


def _synchroniseer(model, veld: str, traject_ids, permissie, gewenst: set[tuple[int, int]]) -> None:
    _gelijktrekken(
        model.objects.filter(content_object__in=traject_ids, permission=permissie),
        ("content_object_id", veld),
        gewenst,
        lambda t, h: model(content_object_id=t, permission=permissie, **{veld: h}),
    )


def _gelijktrekken(bestaand: QuerySet, velden: tuple[str, ...], gewenst: set[tuple], maak) -> None:
    """Make the rows of ``bestaand`` (keyed by the tuple ``velden``) exactly ``gewenst``: delete
    the rows no longer wanted, add the missing ones (``maak(*sleutel)``). A row whose key
    changed in one field (a visibility row's end date) is deleted and added."""
    huidig = {tuple(rij[1:]): rij[0] for rij in bestaand.values_list("pk", *velden)}
    weg = [pk for sleutel, pk in huidig.items() if sleutel not in gewenst]
    if weg:
        bestaand.model.objects.filter(pk__in=weg).delete()
    bestaand.model.objects.bulk_create([maak(*s) for s in gewenst - huidig.keys()], ignore_conflicts=True)
