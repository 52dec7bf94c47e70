from toegang import policy


def medewerker(request):
    """The logged-in person's profile for the page header (name, organisation, rol)."""
    user = getattr(request, "user", None)
    gebruiker = policy.medewerker_van(user)
    return {
        "huidige_medewerker": gebruiker,
        "mag_traject_starten": policy.mag_traject_starten(user) if gebruiker else False,
    }
