"""Asking the school van herkomst for its onderwijsinformatie (``dossier.Herkomstverzoek``).

The handreiking: the JJI may ask the mbo van herkomst for onderwijsinformatie "mits de jongere
daarvoor toestemming geeft of nog leerplichtig is". Telling that school about the placement
needs the youth's consent (bijlage 4), so the request goes without it:

- The JJI-school asks (who may record grondslagen), of a school van herkomst involved in the
  traject, once it holds a current grondslag to receive that school's onderwijsinformatie
  (:func:`~toegang.policy.dossier.herkomst_grondslag`: leerplicht or consent).
- At the school van herkomst its verbindingsofficier, zorgcoördinatoren and intakers see the
  request while that grondslag holds: the student's name and date of birth, which school asks
  (by its name on the netwerkkaart), on which grondslag, and the question. Not the traject, its
  fase, titel, tasks, network or dossier: the request opens no traject (it is no kennisgeving).
- They answer with their onderwijsinformatie on the request's page; the JJI-school reads it as
  it reads the school van herkomst's part (with its raadpleging).
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from dossier.models import HerkomstOnderwijsinformatie, Herkomstverzoek
from netwerk.constants import OrganisatieSoort, Rol
from netwerk.models import Organisatie
from trajecten.constants import BetrokkenheidSoort
from trajecten.models import Toestemming, Traject

from .dossier import herkomst_grondslag, is_schrijvende_school
from .lezers import medewerker_van
from .trajecten import betrokkenheden_van, mag_grondslag_vastleggen, organisaties_op_naam

# Who at the school van herkomst answers a request (besides its verbindingsofficier).
VERZOEK_ROLLEN = frozenset({Rol.ZORGCOORDINATOR, Rol.INTAKER})


def herkomstscholen(traject: Traject) -> list[Organisatie]:
    """The schools van herkomst involved in the traject (the involvement active or not; the
    school itself active), by name: from the involvements read once per request."""
    return organisaties_op_naam(
        b for b in betrokkenheden_van(traject) if b.soort == BetrokkenheidSoort.MBO_HERKOMST and b.organisatie.actief
    )


def mag_herkomst_opvragen(user, traject: Traject) -> bool:
    """The JJI-school's regie, with a current grondslag to receive the onderwijsinformatie."""
    return (
        not traject.is_afgesloten
        and is_schrijvende_school(user, traject)
        and mag_grondslag_vastleggen(user, traject)
        and herkomst_grondslag(traject) is not None
    )


def _beantwoordt_verzoeken(user):
    medewerker = medewerker_van(user)
    if medewerker is None or medewerker.organisatie.soort != OrganisatieSoort.MBO:
        return None
    if medewerker.rol in VERZOEK_ROLLEN or medewerker.organisatie.verbindingsofficier_id == medewerker.pk:
        return medewerker
    return None


def beantwoordt_herkomstverzoeken(user) -> int | None:
    """The organisation whose requests the reader answers (the header's count,
    ``signalering.services.kop``); None: they answer none."""
    medewerker = _beantwoordt_verzoeken(user)
    return None if medewerker is None else medewerker.organisatie_id


def herkomstverzoeken_aan(organisatie_id) -> QuerySet[Herkomstverzoek]:
    """The requests to a school while their grondslag holds (checked live: a revoked or
    expired grondslag closes the request at once); ``organisatie_id`` may be a stand-in."""
    geldig = Toestemming.objects.geldig().filter(pk=OuterRef("grondslag_id"))
    return Herkomstverzoek.objects.filter(organisatie_id=organisatie_id, traject__afgesloten_op__isnull=True).filter(
        Exists(geldig)
    )


def herkomstverzoeken_voor(user) -> QuerySet[Herkomstverzoek]:
    """The requests to the reader's school that they answer (:func:`herkomstverzoeken_aan`)."""
    organisatie_id = beantwoordt_herkomstverzoeken(user)
    if organisatie_id is None:
        return Herkomstverzoek.objects.none()
    return herkomstverzoeken_aan(organisatie_id).select_related(
        "traject__jongere", "grondslag", "grondslag__ontvanger", "gevraagd_door"
    )


def herkomstverzoek_ophalen(user, pk) -> Herkomstverzoek:
    """One request the reader answers; ``Http404`` otherwise."""
    try:
        return herkomstverzoeken_voor(user).get(pk=pk)
    except (Herkomstverzoek.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def herkomst_eigen_antwoord(user, verzoek: Herkomstverzoek) -> HerkomstOnderwijsinformatie | None:
    """What the reader's school wrote for this traject (its own data: no raadpleging)."""
    herkomstverzoek_ophalen(user, verzoek.pk)
    return HerkomstOnderwijsinformatie.objects.filter(
        traject_id=verzoek.traject_id, organisatie_id=verzoek.organisatie_id
    ).first()
