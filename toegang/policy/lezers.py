"""Who reads: a person's active profile (``medewerker_van``), or a :class:`Lezer` (an
organisation with a rol, for "bekijk als" and document recipients); the groups of
organisations and roles the rules are written in; the per-request memory of answers."""

from __future__ import annotations

from dataclasses import dataclass

from netwerk.constants import NIET_IN_TRAJECTEN, OrganisatieSoort, Rol
from netwerk.models import Medewerker, Organisatie
from trajecten.models import Traject

# Organisations that may know the legal titel of a stay: the JJI and justice partners.
JUSTITIE_SOORTEN = frozenset(
    {
        OrganisatieSoort.JJI,
        OrganisatieSoort.JEUGDRECLASSERING,
        OrganisatieSoort.RECLASSERING,
        OrganisatieSoort.RVDK,
    }
)


# The partners after release (bijlage 4, steps 8–10): the gemeente, (jeugd)reclassering and
# leerplicht/RMC. In a traject they see their own organisation's tasks, the meetings they
# recorded or joined, the network around the young person, and the toekomstperspectief only
# where they hold the regie over nazorg; a dossier part only on a grondslag, like everyone.
NAZORG_SOORTEN = frozenset(
    {
        OrganisatieSoort.GEMEENTE,
        OrganisatieSoort.JEUGDRECLASSERING,
        OrganisatieSoort.RECLASSERING,
        OrganisatieSoort.LEERPLICHT_RMC,
    }
)


# Organisations that run the traject: they start it, edit it, add partners and record grondslagen.
REGIE_SOORTEN = frozenset({OrganisatieSoort.JJI, OrganisatieSoort.JJI_SCHOOL})


# Within an active organisation these see every traject; others only their assigned ones:
# the coordinating roles of a school, a gemeente (nazorgcoördinator) and leerplicht/RMC. A
# system account (a partner system of the organisation, through the API) sees what the
# zorgcoördinator sees; it never reads signalen voor veiligheid (it is neither the
# verbindingsofficier nor a veiligheidscoördinator).
ALLE_TRAJECTEN_ROLLEN = frozenset({Rol.ZORGCOORDINATOR, Rol.NAZORGCOORDINATOR, Rol.COORDINATOR_LEERPLICHT, Rol.SYSTEEM})


# Who is never chosen as a person in a traject (assigned, a task's or measure's "wie", a
# meeting's participant, the recipient of a document): the beheerder sees no youth data, and
# a system account is not a person.
GEEN_PERSOON_IN_TRAJECT = NIET_IN_TRAJECTEN | {Rol.SYSTEEM}


VIEW = ("trajecten", "view_traject")


GROEP_VERBINDINGSOFFICIER = "verbindingsofficier"


def medewerker_van(user) -> Medewerker | None:
    """The active profile of a user, or None (anonymous, inactive, or no profile)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if not hasattr(user, "_jji_medewerker"):
        geladen = _geladen_profiel(user)
        if geladen is not False:
            # Loaded with the user (jji_traject.machtigingen): no query of its own.
            user._jji_medewerker = geladen if geladen is not None and geladen.organisatie.actief else None
        else:
            # A person of a deactivated organisation has no access at all.
            user._jji_medewerker = (
                Medewerker.objects.select_related("organisatie")
                .filter(user_id=user.pk, organisatie__actief=True)
                .first()
            )
    return user._jji_medewerker


def _geladen_profiel(user):
    """The profile loaded with the user and its organisation (None: the user has none), or
    False when it was not loaded that way. ``request.user`` is a lazy proxy: its ``__class__``
    is the user's class, its ``type()`` the proxy's."""
    descriptor = getattr(user.__class__, "medewerker", None)
    if descriptor is None or not descriptor.is_cached(user):
        return False
    medewerker = descriptor.related.get_cached_value(user)
    if medewerker is not None and not Medewerker.organisatie.is_cached(medewerker):
        return False
    return medewerker


def regio_van(user):
    """The regio of the reader's organisation, or None."""
    medewerker = medewerker_van(user)
    return medewerker.organisatie.regio if medewerker else None


def _onthoud(traject: Traject, sleutel: tuple, bereken):
    """Answer a question about (reader, traject) once per request: the answers live on the
    traject instance, and ``rechten_afleiden`` forgets them when access changes."""
    cache = traject.__dict__.setdefault("_toegang_cache", {})
    if sleutel not in cache:
        cache[sleutel] = bereken()
    return cache[sleutel]


def vergeten(traject: Traject) -> None:
    """Forget what the policy worked out of this traject instance (its involvements and every
    reader's answers): for an instance whose traject changes through another copy (a service's
    locked one), and by ``rechten_afleiden`` when access changes."""
    traject.__dict__.pop("_toegang_cache", None)


def is_justitiepartner(organisatie: Organisatie | None) -> bool:
    """Tasks acted on by the JJI or a justice partner are theirs: never shown to schools."""
    return organisatie is not None and organisatie.soort in JUSTITIE_SOORTEN


@dataclass(frozen=True)
class Lezer:
    """Who reads a part of the dossier: a person (``user``), or an organisation with a rol
    for a preview ("bekijk als") or the recipient of a document."""

    organisatie: Organisatie
    rol: str
    is_verbindingsofficier: bool = False
    user: object | None = None


def lezer_van(user) -> Lezer | None:
    medewerker = medewerker_van(user)
    if medewerker is None:
        return None
    return Lezer(
        organisatie=medewerker.organisatie,
        rol=medewerker.rol,
        is_verbindingsofficier=medewerker.organisatie.verbindingsofficier_id == medewerker.pk,
        user=user,
    )


def is_nazorgpartner(medewerker: Medewerker | None) -> bool:
    return medewerker is not None and medewerker.organisatie.soort in NAZORG_SOORTEN


def _is_verbindingsofficier(medewerker: Medewerker) -> bool:
    return medewerker.organisatie.verbindingsofficier_id == medewerker.pk
