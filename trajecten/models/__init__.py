"""Models of the trajecten app: the traject of one youth, and its routekaart and tasks."""

from .overleg import Overleg, VertrekItem
from .perspectief import Toekomstperspectief
from .routekaart import Routekaart, RoutekaartActiviteit, RoutekaartStap, Taak, Verantwoordelijkheid
from .toestemming import OudersBetrekken, Toestemming, leerplicht_einde, leerplicht_geldt
from .traject import Betrokkenheid, Jongere, Toewijzing, Traject

__all__ = [
    "OudersBetrekken",
    "leerplicht_einde",
    "leerplicht_geldt",
    "Betrokkenheid",
    "Jongere",
    "Overleg",
    "Routekaart",
    "RoutekaartActiviteit",
    "RoutekaartStap",
    "Taak",
    "Toekomstperspectief",
    "Toestemming",
    "Toewijzing",
    "Traject",
    "Verantwoordelijkheid",
    "VertrekItem",
]
