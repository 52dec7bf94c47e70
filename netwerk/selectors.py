"""Reads of the netwerkkaart. It holds no youth data: every logged-in person reads it."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from toegang import policy

from .constants import ContactRol
from .models import Contactpersoon, Organisatie, Regio


def netwerkkaart(
    regio, *, rol: str = "", soort: str = "", zoek: str = "", organisatie_id: int | None = None
) -> QuerySet[Organisatie]:
    """The active organisations of a regio with their verbindingsofficier (or contact point
    elsewhere) and contacts, filtered by contact role, organisation soort, one organisation
    and a name search."""
    contacten = Contactpersoon.objects.select_related("medewerker__user").order_by("rol", "naam")
    if rol:
        contacten = contacten.filter(rol=rol)
    organisaties = Organisatie.objects.filter(regio=regio, actief=True)
    if organisatie_id is not None:
        organisaties = organisaties.filter(pk=organisatie_id)
    if soort:
        organisaties = organisaties.filter(soort=soort)
    if rol:
        organisaties = organisaties.filter(contactpersonen__rol=rol).distinct()
    for woord in zoek.split():
        organisaties = organisaties.filter(
            Q(naam__icontains=woord) | Q(plaats__icontains=woord) | Q(contactpersonen__naam__icontains=woord)
        ).distinct()
    return (
        organisaties.select_related("regio", "verbindingsofficier__user", "aanspreekpunt__verbindingsofficier__user")
        .prefetch_related(
            Prefetch("contactpersonen", queryset=contacten),
            Prefetch("aanspreekpunt_voor", queryset=Organisatie.objects.filter(actief=True).order_by("naam")),
        )
        .order_by("naam")
    )


def kaart_per_rol(regio) -> list[tuple[str, list[Contactpersoon]]]:
    """The boxes of bijlage 5: every role with the regio's contacts in it (also when empty,
    so the printed map shows what is still missing)."""
    per_rol: dict[str, list[Contactpersoon]] = {waarde: [] for waarde in ContactRol.values}
    contacten = (
        Contactpersoon.objects.filter(organisatie__regio=regio, organisatie__actief=True)
        .select_related("organisatie", "medewerker__user")
        .order_by("organisatie__naam", "naam")
    )
    for contact in contacten:
        per_rol[contact.rol].append(contact)
    labels = dict(ContactRol.choices)
    return [(labels[waarde], lijst) for waarde, lijst in per_rol.items()]


def getal(tekst: str | None) -> int | None:
    """An id from a query string, or None for anything else (also "²" or a huge number)."""
    tekst = tekst or ""
    return int(tekst) if tekst.isascii() and tekst.isdecimal() and len(tekst) < 10 else None


def netwerkkaart_regio(user, regio_id: int | None = None) -> Regio | None:
    """The regio whose netwerkkaart a reader gets: the one asked for (any regio: the map of
    the regio of return is needed too), else their own (a superuser: the first). None when
    the reader has no map at all (no active person of an active organisation) or the regio
    asked for does not exist."""
    if policy.medewerker_van(user) is None and not getattr(user, "is_superuser", False):
        return None
    if regio_id is not None:
        return Regio.objects.filter(pk=regio_id).first()
    return policy.regio_van(user) or Regio.objects.order_by("naam").first()
