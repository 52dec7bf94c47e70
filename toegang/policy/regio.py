"""The functioneel beheerder's regio (its routekaart, its beslismodel template, its people and
organisations) and who keeps an organisation's netwerkkaart entries."""

from __future__ import annotations

from django.http import Http404

from netwerk.constants import Rol
from netwerk.models import Organisatie

from .lezers import medewerker_van, regio_van


def beheerde_regio_ophalen(user):
    """The regio the reader manages as its functioneel beheerder (its routekaart, its
    beslismodel template); ``Http404`` for anyone else: not their page."""
    regio = regio_van(user)
    if regio is None or not mag_regio_beheren(user, regio):
        raise Http404
    return regio


def mag_regio_beheren(user, regio) -> bool:
    """The functioneel beheerder of an organisation in the regio manages its organisations,
    people and routekaart (a superuser: every regio). ``None`` is the system itself
    (migrations, management commands)."""
    if user is None:
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    medewerker = medewerker_van(user)
    return (
        medewerker is not None
        and medewerker.rol == Rol.BEHEERDER
        and regio is not None
        and medewerker.organisatie.regio_id == regio.pk
    )


def mag_contacten_bijhouden(user, organisatie: Organisatie) -> bool:
    """Each organisation keeps its own netwerkkaart entries: its verbindingsofficier does, and
    the functioneel beheerder of the regio (who also keeps the entries of partners without
    people in the app, such as a sportvereniging)."""
    if mag_regio_beheren(user, organisatie.regio):
        return user is None or user.is_superuser or organisatie.actief
    medewerker = medewerker_van(user)
    return (
        medewerker is not None
        and user.is_active
        and organisatie.actief
        and organisatie.verbindingsofficier_id == medewerker.pk
    )
