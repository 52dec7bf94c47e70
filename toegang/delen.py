"""The parts of the doorstroomdossier, in one registry.

One entry per part says everything the rest of the app needs to know about it: its model,
how the part and its history are fetched, the form and the save service that write it, the
API's input and output serializers, which grondslagen open it for another organisation,
what may be done with a reading (the actions of the raadplegingen log), whether it may
ever leave the screen (a PDF, a print), and the guardian permission that carries it.

The registry sits beside the policy and is filled by the app that owns the parts, from its
``AppConfig.ready()`` (``dossier.apps``), so the policy never imports a higher app: it
asks the registry. To add a part: a ``Categorie`` value and a ``lees_<categorie>``
permission on ``Traject``, a model, and one ``registreren(Dossierdeel(...))`` call; a test fails
until every surface of the reader matrix covers it.

``kennisgeving`` is not a part: it is the grondslag for telling an organisation about the
placement at all (``trajecten.constants.KENNISGEVING``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from toegang.models import RaadplegingActie
from trajecten.constants import BetrokkenheidSoort

# What a reading of a part may be: every action of the raadplegingen log.
ALLE_ACTIES = frozenset(RaadplegingActie.values)
# The actions by which a part leaves the screen (a document, a print).
ACTIES_BUITEN_HET_SCHERM = frozenset({RaadplegingActie.PDF, RaadplegingActie.AFDRUKKEN})


@dataclass(frozen=True)
class Dossierdeel:
    """One part of the doorstroomdossier.

    ``ophalen(traject)`` returns the part as the pages, API and PDF show it (``None`` or an
    empty list when nothing was written); ``geschiedenis(traject, alleen_actueel=…)`` its
    history. Both are called only by ``policy.categorie_lezen`` (the reading and its
    raadpleging go together). ``formulier`` and ``opslaan`` write it on the page (``None``
    for a part written by separate actions, such as the signals one by one);
    ``api_invoer``/``api_uitvoer`` are the API's serializers (``api_invoer`` ``None``: not
    written through the API). ``beperkt``: within a receiving organisation only its
    verbindingsofficier and veiligheidscoördinator read it, and never a system account.
    ``lijst``: the part is a list of rows (the signals), not one record.

    ``schrijvers``: the involvements whose organisation writes the part, in order of
    preference — the first that is active in the traject writes it and reads it without a
    grondslag (no raadpleging); everyone else reads it on a grondslag. The JJI-school writes
    the three parts of the handreiking; the receiving mbo (else leerplicht/RMC) the
    schoolloopbaan na uitstroom. ``nooit``: involvements that never read the part, whatever
    grondslag is recorded (the school van herkomst never reads the schoolloopbaan)."""

    categorie: str
    label: str
    model: type
    ophalen: Callable
    geschiedenis: Callable
    grondslagen: frozenset[str]
    acties: frozenset[str] = ALLE_ACTIES
    beperkt: bool = False
    lijst: bool = False
    formulier: type | None = None
    opslaan: Callable | None = None
    api_invoer: type | None = None
    api_uitvoer: type | None = None
    schrijvers: tuple[str, ...] = (BetrokkenheidSoort.JJI_SCHOOL,)
    nooit: frozenset[str] = frozenset()

    @property
    def verlaat_scherm(self) -> bool:
        """Whether the part may ever leave the screen: in a document or a print."""
        return bool(self.acties & ACTIES_BUITEN_HET_SCHERM)

    @property
    def permissie(self) -> str:
        """The guardian permission (codename on ``trajecten.Traject``) that carries it."""
        return f"lees_{self.categorie}"

    def mag(self, actie: str) -> bool:
        return actie in self.acties


_DELEN: dict[str, Dossierdeel] = {}


def registreren(deel: Dossierdeel) -> None:
    """Register a part (from the owning app's ``ready()``). Registering the same part twice
    replaces it, so a reloaded app config does not fail."""
    onbekend = deel.acties - ALLE_ACTIES
    if onbekend:
        raise ValueError(f"{deel.categorie}: unknown actions {sorted(onbekend)}")
    if not deel.schrijvers:
        raise ValueError(f"{deel.categorie}: a part needs the organisation that writes it")
    if set(deel.schrijvers) & deel.nooit:
        raise ValueError(f"{deel.categorie}: a writer that never reads its own part")
    if not deel.grondslagen:
        raise ValueError(f"{deel.categorie}: a part that no grondslag opens cannot be shared")
    deel = replace(deel, categorie=str(deel.categorie))  # a plain string, also in schemas and logs
    _DELEN[deel.categorie] = deel


def api_koppelen(categorie: str, *, invoer: type | None, uitvoer: type) -> None:
    """The API gives a part its serializers (from ``api.apps``: the API sits above the part)."""
    _DELEN[categorie] = replace(deel(categorie), api_invoer=invoer, api_uitvoer=uitvoer)


def deel(categorie: str) -> Dossierdeel:
    """The part named ``categorie``; ``KeyError`` for anything else."""
    return _DELEN[categorie]


def alle() -> tuple[Dossierdeel, ...]:
    """Every part, in the order of the handreiking (the order they were registered)."""
    return tuple(_DELEN.values())


def categorieen() -> tuple[str, ...]:
    return tuple(_DELEN)


def is_deel(categorie: str) -> bool:
    return categorie in _DELEN


def mee_naar_buiten() -> tuple[str, ...]:
    """The parts that may leave the screen (what an overdrachtsdocument can carry)."""
    return tuple(d.categorie for d in _DELEN.values() if d.verlaat_scherm)
