"""The netwerkkaart pages: the regio's partners and contacts, and "wie is de
verbindingsofficier van …?". No youth data: every logged-in person of the regio reads it."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from toegang import policy

from . import selectors
from .constants import ContactRol, OrganisatieSoort
from .functieprofiel import FUNCTIEPROFIEL
from .models import Organisatie


@login_required
def netwerkkaart(request):
    regio = policy.regio_van(request.user)
    if regio is None:
        raise Http404
    rol = request.GET.get("rol", "") if request.GET.get("rol") in ContactRol.values else ""
    soort = request.GET.get("soort", "") if request.GET.get("soort") in OrganisatieSoort.values else ""
    zoek = request.GET.get("zoek", "")[:100]
    organisaties = list(selectors.netwerkkaart(request.user, rol=rol, soort=soort, zoek=zoek))
    return render(
        request,
        "netwerk/netwerkkaart.html",
        {
            "regio": regio,
            "organisaties": organisaties,
            "rollen": ContactRol.choices,
            "soorten": OrganisatieSoort.choices,
            "rol": rol,
            "soort": soort,
            "zoek": zoek,
            "gezocht": bool(zoek or rol or soort),
            "titel": _("Netwerkkaart"),
        },
    )


@login_required
def verbindingsofficier(request, pk):
    """The verbindingsofficier of one organisation of the reader's regio, with the tasks of the
    functieprofiel (bijlage 1)."""
    regio = policy.regio_van(request.user)
    if regio is None:
        raise Http404
    organisatie = get_object_or_404(Organisatie.objects.select_related("verbindingsofficier__user"), pk=pk, regio=regio)
    return render(
        request,
        "netwerk/verbindingsofficier.html",
        {"organisatie": organisatie, "functieprofiel": FUNCTIEPROFIEL, "titel": _("Verbindingsofficier")},
    )
