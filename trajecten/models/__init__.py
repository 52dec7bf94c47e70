"""Models of the trajecten app: the traject of one youth, and its routekaart and tasks."""

from .routekaart import Routekaart, RoutekaartActiviteit, RoutekaartStap, Taak, Verantwoordelijkheid
from .traject import Betrokkenheid, Jongere, Toestemming, Toewijzing, Traject

__all__ = [
    "Betrokkenheid",
    "Jongere",
    "Routekaart",
    "RoutekaartActiviteit",
    "RoutekaartStap",
    "Taak",
    "Toestemming",
    "Toewijzing",
    "Traject",
    "Verantwoordelijkheid",
]
