"""The overdrachtsdocument: who makes it, for whom (a person who sees the traject), who fetches
it (its maker), and whether what it carries may still go to its recipient."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from netwerk.models import Medewerker
from overdracht.models import Overdracht
from trajecten.models import Traject

from .dossier import is_schrijvende_school, leesbare_categorieen, mag_dossier_schrijven, schrijvende_school
from .lezers import GEEN_PERSOON_IN_TRAJECT
from .trajecten import is_zichtbaar, kijkers


def mag_overdracht_maken(user, traject: Traject) -> bool:
    """The JJI-school (its zorgcoördinator, or a docent) makes the overdrachtsdocument."""
    return mag_dossier_schrijven(user, traject)


def overdracht_ontvangers(user, traject: Traject) -> QuerySet[Medewerker]:
    """Whom a document can be made for: a person (not a system account) of an organisation
    active in the traject (not the writing school itself) who sees the traject — the document carries its basic
    data, so nobody gets it who may not see that."""
    if not mag_overdracht_maken(user, traject):
        return Medewerker.objects.none()
    school = schrijvende_school(traject)
    return (
        kijkers(traject)
        .exclude(organisatie=school)
        .exclude(rol__in=GEEN_PERSOON_IN_TRAJECT)
        .order_by("organisatie__naam", "pk")
    )


def overdrachten_zichtbaar_voor(user, traject: Traject) -> QuerySet:
    """The documents made for a traject: for the writing JJI-school (its register of what left)."""

    if not is_schrijvende_school(user, traject):
        return Overdracht.objects.none()
    return Overdracht.objects.filter(traject=traject)


def mag_overdracht_ophalen(user, overdracht) -> bool:
    """A document (its status and file) is for the person who asked for it, while they still
    work at the writing JJI-school and see the traject."""
    return overdracht.aangevraagd_door_id == getattr(user, "pk", None) and is_schrijvende_school(
        user, overdracht.traject
    )


def overdracht_geldt_nog(overdracht) -> bool:
    """Whether what a document carries may still go to its recipient: they see the traject
    and may read every part it carries (a revoked consent ends the download as well)."""
    ontvanger = overdracht.ontvanger
    if not is_zichtbaar(ontvanger, overdracht.traject):
        return False
    return set(overdracht.categorieen) <= set(leesbare_categorieen(ontvanger, overdracht.traject))


def overdracht_ophalen(user, pk):
    """One overdrachtsdocument by id, for its maker only (``Http404`` otherwise)."""

    overdracht = (
        Overdracht.objects.filter(pk=pk)
        .defer("bestand")
        .select_related("traject__jongere", "ontvanger", "ontvanger_organisatie")
        .first()
        if str(pk).isdigit()
        else None
    )
    if overdracht is None or not mag_overdracht_ophalen(user, overdracht):
        raise Http404
    return overdracht
