from netwerk.constants import AanvraagStatus
from toegang import policy


def medewerker(request):
    """The logged-in person's profile for the page header (name, organisation, rol), and the
    account requests link for those who decide on them (with the number open)."""
    user = getattr(request, "user", None)
    gebruiker = policy.medewerker_van(user)
    accountaanvragen = policy.mag_accountaanvragen_zien(user)
    return {
        "huidige_medewerker": gebruiker,
        "mag_traject_starten": policy.mag_traject_starten(user) if gebruiker else False,
        "mag_accountaanvragen_zien": accountaanvragen,
        "open_accountaanvragen": (
            policy.accountaanvragen_zichtbaar_voor(user).filter(status=AanvraagStatus.AANGEVRAAGD).count()
            if accountaanvragen
            else 0
        ),
    }
