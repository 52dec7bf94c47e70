"""Models of the netwerk app: regio's, organisations and their people, the netwerkkaart and
the network around one youth; the regio's ICT-fasen; the account requests and the account log (four eyes)."""

from .accounts import Accountaanvraag, Accountgebeurtenis
from .ict import IctFase
from .organisaties import TELEFOON, Blokkadeopheffing, Contactpersoon, Medewerker, NetwerkContact, Organisatie, Regio

__all__ = [
    "TELEFOON",
    "Accountaanvraag",
    "Accountgebeurtenis",
    "Blokkadeopheffing",
    "Contactpersoon",
    "IctFase",
    "Medewerker",
    "NetwerkContact",
    "Organisatie",
    "Regio",
]
