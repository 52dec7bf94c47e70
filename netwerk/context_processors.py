from django.db.models import Count, Q

from jji_traject.paginas import AlsGevraagd
from netwerk.constants import AanvraagStatus, OrganisatieSoort
from netwerk.services import tweefactor
from toegang import policy


def medewerker(request):
    """The logged-in person's profile for the page header (name, organisation, rol), and the
    account requests link for those who decide on them (with the number open). Before the
    second factor is done there is no menu: only the step, and signing out."""
    user = getattr(request, "user", None)
    if user is not None and tweefactor.vereist(user) and not tweefactor.voltooid(request):
        return {"tweede_factor_open": True}
    gebruiker = policy.medewerker_van(user)
    accountaanvragen = policy.mag_accountaanvragen_zien(user)

    def verzoeken():
        if gebruiker is None or gebruiker.organisatie.soort != OrganisatieSoort.MBO:
            return {"alle": 0, "open": 0}
        # Requests for onderwijsinformatie to a school van herkomst (one query, for mbo people).
        return policy.herkomstverzoeken_voor(user).aggregate(
            alle=Count("pk"), open=Count("pk", filter=Q(beantwoord_op__isnull=True))
        )

    def open_aanvragen():
        if not accountaanvragen:
            return 0
        return policy.accountaanvragen_zichtbaar_voor(user).filter(status=AanvraagStatus.AANGEVRAAGD).count()

    # The counts are worked out when a template shows them (not for a fragment htmx swaps in).
    return {
        "herkomstverzoeken": AlsGevraagd(verzoeken),
        "huidige_medewerker": gebruiker,
        "heeft_overzicht": policy.heeft_overzicht(user) if gebruiker else False,
        "heeft_monitor": policy.heeft_monitor(user) if gebruiker else False,
        "mag_traject_starten": policy.mag_traject_starten(user) if gebruiker else False,
        "mag_accountaanvragen_zien": accountaanvragen,
        "open_accountaanvragen": AlsGevraagd(open_aanvragen),
    }
