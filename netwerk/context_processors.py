from netwerk.services import tweefactor
from toegang import policy


def medewerker(request):
    """The logged-in person's profile for the page header (name, organisation, rol), and the
    account requests link for those who decide on them (its count and the header's others:
    ``signalering.context_processors.meldingen``). Before the second factor is done there is
    no menu: only the step, and signing out."""
    user = getattr(request, "user", None)
    if user is not None and tweefactor.vereist(user) and not tweefactor.voltooid(request):
        return {"tweede_factor_open": True}
    gebruiker = policy.medewerker_van(user)
    return {
        "huidige_medewerker": gebruiker,
        "heeft_overzicht": policy.heeft_overzicht(user) if gebruiker else False,
        "heeft_monitor": policy.heeft_monitor(user) if gebruiker else False,
        "mag_traject_starten": policy.mag_traject_starten(user) if gebruiker else False,
        "mag_accountaanvragen_zien": policy.mag_accountaanvragen_zien(user),
    }
