from jji_traject.paginas import AlsGevraagd

from . import services


def meldingen(request):
    """The number of unread notifications for the header (counted when a template shows it)."""
    user = getattr(request, "user", None)
    return {"ongelezen_meldingen": AlsGevraagd(lambda: services.ongelezen(user))}
