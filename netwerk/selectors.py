"""Reads of the netwerkkaart. Everyone in a regio reads its map: it holds no youth data."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from toegang import policy

from .models import Contactpersoon, Organisatie


def netwerkkaart(user, *, rol: str = "", soort: str = "", zoek: str = "") -> QuerySet[Organisatie]:
    """The active organisations of the reader's regio with their verbindingsofficier and
    contacts, filtered by contact role, organisation soort and a name search."""
    regio = policy.regio_van(user)
    if regio is None:
        return Organisatie.objects.none()
    contacten = Contactpersoon.objects.select_related("medewerker__user").order_by("rol", "naam")
    if rol:
        contacten = contacten.filter(rol=rol)
    organisaties = Organisatie.objects.filter(regio=regio, actief=True)
    if soort:
        organisaties = organisaties.filter(soort=soort)
    if rol:
        organisaties = organisaties.filter(contactpersonen__rol=rol).distinct()
    for woord in zoek.split():
        organisaties = organisaties.filter(
            Q(naam__icontains=woord) | Q(plaats__icontains=woord) | Q(contactpersonen__naam__icontains=woord)
        ).distinct()
    return (
        organisaties.select_related("verbindingsofficier__user")
        .prefetch_related(Prefetch("contactpersonen", queryset=contacten))
        .order_by("naam")
    )
