"""The functioneel beheerder's home: the beheer pages in the app's own look, each with what
waits there. No youth data: counts of account requests, lockouts, routekaart blanks and
netwerkkaart entries to confirm."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from toegang import policy
from trajecten import selectors as traject_selectors

from . import selectors


@login_required
def start(request):
    """Where the beheerder lands after signing in (and the admin's "Website bekijken"). For the
    beheerder of a regio and a superuser; for anyone else it does not exist."""
    regio = policy.regio_van(request.user)
    if not policy.mag_regio_beheren(request.user, regio):
        raise Http404
    kaart = traject_selectors.routekaart_van_regio(regio) if regio else None
    blokkades = selectors.inlogblokkades(request.user)
    return render(
        request,
        "netwerk/beheer.html",
        {
            "regio": regio,
            "blokkades": sum(1 for b in blokkades if b.tot is not None),
            "routekaart": kaart,
            "open_plekken": len(traject_selectors.open_plekken(kaart)) if kaart else 0,
            "te_bevestigen": selectors.verouderde_contactpersonen(regio) if regio else 0,
            "titel": _("Beheer"),
        },
    )
