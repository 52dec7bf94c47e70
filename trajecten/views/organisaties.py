"""The organisations around a traject: involving one, its grondslag, revoking it, and
assigning people."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jji_traject.paginas import formulierpagina, postactie
from toegang import policy

from .. import services
from ..forms import (
    BetrokkenheidForm,
    KennisgevingForm,
    ToewijzingForm,
)
from .traject import beheerbaar


@login_required
def organisatie_toevoegen(request, pk):
    traject = beheerbaar(request, pk)
    form = BetrokkenheidForm(request.POST or None, user=request.user, traject=traject)
    return formulierpagina(
        request,
        traject,
        form,
        lambda f: services.betrokkenheid_toevoegen(
            actor=request.user,
            traject=traject,
            organisatie=f.cleaned_data["organisatie"],
            soort=f.cleaned_data["soort"],
        ),
        titel=_("Organisatie toevoegen"),
        knop=_("Toevoegen"),
        melding=_("De organisatie is toegevoegd. Ze ziet het traject pas als je een grondslag vastlegt."),
        uitleg=_(
            "Een organisatie buiten de JJI en de JJI-school hoort pas van de plaatsing als er een grondslag is: "
            "toestemming van de jongere, van de ouder of voogd, leerplicht of een andere wettelijke grondslag."
        ),
    )


@login_required
def grondslag_vastleggen(request, pk, betrokkenheid_pk):
    traject = beheerbaar(request, pk)
    betrokkenheid = get_object_or_404(traject.betrokkenheden.select_related("organisatie"), pk=betrokkenheid_pk)
    ontvanger = betrokkenheid.organisatie
    form = KennisgevingForm(request.POST or None, traject=traject, ontvanger=ontvanger, actor=request.user)
    return formulierpagina(
        request,
        traject,
        form,
        lambda f: services.kennisgeving_vastleggen(
            actor=request.user,
            traject=traject,
            ontvanger=ontvanger,
            gegevens={veld: f.cleaned_data[veld] for veld in f.fields},
        ),
        titel=_("Grondslag vastleggen voor %(org)s") % {"org": ontvanger.naam},
        knop=_("Grondslag vastleggen"),
        melding=_("De grondslag is vastgelegd. %(org)s is nu actief betrokken.") % {"org": ontvanger.naam},
        uitleg=_(
            "Hiermee mag %(org)s weten dat deze jongere in de JJI verblijft, en de basisgegevens van het traject "
            "zien. Vraag toestemming in eenvoudige taal, door iemand die niet over verlof beslist, en leg uit dat "
            "weigeren geen gevolgen heeft."
        )
        % {"org": ontvanger.naam},
    )


@login_required
@require_POST
def toestemming_intrekken(request, pk, toestemming_pk):
    traject = beheerbaar(request, pk)
    toestemming = get_object_or_404(traject.toestemmingen, pk=toestemming_pk)
    terug = "dossier:toestemmingen" if request.POST.get("terug") == "toestemmingen" else "trajecten:detail"
    return postactie(
        request,
        lambda: services.toestemming_intrekken(actor=request.user, toestemming=toestemming),
        gelukt=_("De grondslag is ingetrokken. Vanaf nu opent hij niets meer."),
        verboden_is_404=False,  # as before: the page checked the same rule
        terug=reverse(terug, args=[traject.pk]),
    )


@login_required
def medewerker_toewijzen(request, pk):
    traject = policy.traject_ophalen(request.user, pk)
    if not policy.mag_toewijzen(request.user, traject):
        raise Http404
    form = ToewijzingForm(request.POST or None, user=request.user, traject=traject)
    return formulierpagina(
        request,
        traject,
        form,
        lambda f: services.toewijzing_toevoegen(
            actor=request.user, traject=traject, medewerker=f.cleaned_data["medewerker"]
        ),
        titel=_("Medewerker toewijzen"),
        knop=_("Toewijzen"),
        melding=_("De medewerker is toegewezen en ziet het traject nu."),
    )


@login_required
@require_POST
def toewijzing_beeindigen(request, pk, toewijzing_pk):
    traject = policy.traject_ophalen(request.user, pk)
    toewijzing = get_object_or_404(traject.toewijzingen.select_related("medewerker"), pk=toewijzing_pk)
    try:
        services.toewijzing_beeindigen(actor=request.user, toewijzing=toewijzing)
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, _("De toewijzing is beëindigd."))
    return redirect("trajecten:detail", pk=traject.pk)
