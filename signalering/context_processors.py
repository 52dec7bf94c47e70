from . import services


def meldingen(request):
    """The number of unread notifications for the header."""
    return {"ongelezen_meldingen": services.ongelezen(getattr(request, "user", None))}
