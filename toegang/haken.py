"""Hooks: where a lower app must start work in a higher one, the higher app registers a
function here from its ``AppConfig.ready()``, and the lower app calls the hook by name.

Explicit and few (no Django signals): each hook is named below with what it is for and
who calls it. A hook runs inside the caller's transaction, so its work commits or rolls
back with the change that caused it.
"""

from __future__ import annotations

from collections.abc import Callable

# name → what it means (the caller's keyword arguments)
HAKEN = {
    # trajecten.services.toestemming_intrekken, after the revocation is saved:
    # actor, toestemmingen (every grondslag record that was revoked, the cascade included).
    "grondslag_ingetrokken": "a grondslag was revoked",
    # netwerk.services (account requests and changes), below signalering: soort (a
    # MeldingSoort), ontvangers ([(user, key), …], chosen by the caller) and the notification's
    # fields (organisatie, accountaanvraag). signalering stores and mails them.
    "melden": "notify people (signalering.services.melden)",
    # trajecten.services.toewijzing_toevoegen, after the person is assigned and the object
    # permissions are derived again: actor, toewijzing. The beslismodel app tells a newly
    # assigned intaker of a version that waits for them.
    "toegewezen": "a person was assigned to a traject",
}

_geregistreerd: dict[str, list[Callable]] = {naam: [] for naam in HAKEN}


def registreren(naam: str, functie: Callable) -> None:
    """Register ``functie`` for the hook ``naam`` (once: a reloaded app config does not
    register it twice)."""
    if naam not in HAKEN:
        raise KeyError(naam)
    if functie not in _geregistreerd[naam]:
        _geregistreerd[naam].append(functie)


def aanroepen(naam: str, **kwargs) -> None:
    """Call every function registered for ``naam``, in the order they were registered."""
    for functie in _geregistreerd[naam]:
        functie(**kwargs)


def geregistreerd(naam: str) -> tuple[Callable, ...]:
    return tuple(_geregistreerd[naam])
