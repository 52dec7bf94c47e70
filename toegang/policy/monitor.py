"""Who reads the regional monitor (issue 19): figures only, never a young person.

- the regiocoördinator of a regio's samenwerkingsverband: that regio;
- the functioneel beheerder of an organisation in the regio: that regio;
- the verbindingsofficiers of the regio's organisations: that regio;
- the national rol ``landelijk``: every regio, and the national view across them.

The breakdown by titel and verblijfsduur is for the regiocoördinator and the national view
only: schools never see the titel, not even in aggregate. The monitor writes no raadpleging:
it discloses nothing about any one young person (``monitor.onderdrukking``)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from netwerk.constants import OrganisatieSoort, Rol
from netwerk.models import Regio

from .lezers import medewerker_van


def is_landelijk(user) -> bool:
    medewerker = medewerker_van(user)
    return medewerker is not None and medewerker.rol == Rol.LANDELIJK


def _leest_monitor(medewerker) -> bool:
    """Whether this person reads a monitor at all (no query: the menu asks on every page)."""
    if medewerker is None or not medewerker.organisatie.actief:
        return False
    if medewerker.rol == Rol.LANDELIJK:
        return medewerker.organisatie.soort == OrganisatieSoort.LANDELIJK
    return medewerker.organisatie.regio_id is not None and (
        medewerker.rol in (Rol.REGIOCOORDINATOR, Rol.BEHEERDER) or medewerker.is_verbindingsofficier
    )


def monitor_regios(user) -> QuerySet[Regio]:
    """The regios whose monitor the reader may open (none: the monitor does not exist for them)."""
    medewerker = medewerker_van(user)
    if not _leest_monitor(medewerker):
        return Regio.objects.none()
    if medewerker.rol == Rol.LANDELIJK:
        return Regio.objects.all()
    return Regio.objects.filter(pk=medewerker.organisatie.regio_id)


def heeft_monitor(user) -> bool:
    return _leest_monitor(medewerker_van(user))


def monitor_regio_ophalen(user, pk=None) -> Regio:
    """The regio asked for (``pk``), or the reader's own; ``Http404`` for a regio that does not
    exist or is not theirs to read, and for a reader without the monitor. The national rol
    reads the national view only: a regio's figures beside the total of all would let the
    other regios be subtracted."""
    if is_landelijk(user):
        raise Http404
    regios = monitor_regios(user)
    if pk is None:
        medewerker = medewerker_van(user)
        eigen = medewerker.organisatie.regio_id if medewerker else None
        regio = regios.filter(pk=eigen).first() or regios.order_by("naam").first()
    else:
        regio = regios.filter(pk=pk).first()
    if regio is None:
        raise Http404
    return regio


def titel_in_monitor(user) -> bool:
    """The breakdown by titel and verblijfsduur: the regiocoördinator and the national view."""
    medewerker = medewerker_van(user)
    return medewerker is not None and medewerker.rol in (Rol.REGIOCOORDINATOR, Rol.LANDELIJK)
