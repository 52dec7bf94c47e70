"""Models of the netwerk app: regio's, organisations and their people, the netwerkkaart and
the network around one youth."""

from .organisaties import TELEFOON, Contactpersoon, Medewerker, NetwerkContact, Organisatie, Regio

__all__ = ["TELEFOON", "Contactpersoon", "Medewerker", "NetwerkContact", "Organisatie", "Regio"]
