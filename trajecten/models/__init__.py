"""Models of the trajecten app: the traject of one youth, and its routekaart and tasks."""

from .overleg import Overleg, VertrekItem
from .routekaart import Routekaart, RoutekaartActiviteit, RoutekaartStap, Taak, Verantwoordelijkheid
from .traject import Betrokkenheid, Jongere, Toestemming, Toewijzing, Traject

__all__ = [
    "Betrokkenheid",
    "Jongere",
    "Overleg",
    "Routekaart",
    "RoutekaartActiviteit",
    "RoutekaartStap",
    "Taak",
    "Toestemming",
    "Toewijzing",
    "Traject",
    "Verantwoordelijkheid",
    "VertrekItem",
]
