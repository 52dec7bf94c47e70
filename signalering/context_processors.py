from jji_traject.paginas import AlsGevraagd

from . import services


def meldingen(request):
    """The header's counts (``services.kop``, one query), worked out when a template first
    shows one: unread notifications, open account requests (for who decides on them) and the
    requests to the reader's school van herkomst (a fragment htmx swaps in shows none)."""
    user = getattr(request, "user", None)
    kop = AlsGevraagd(lambda: services.kop(user))
    return {
        "ongelezen_meldingen": AlsGevraagd(lambda: kop().ongelezen),
        "open_accountaanvragen": AlsGevraagd(lambda: kop().open_accountaanvragen),
        "herkomstverzoeken": AlsGevraagd(
            lambda: {"alle": kop().herkomstverzoeken, "open": kop().open_herkomstverzoeken}
        ),
    }
