"""The organisations around a traject: involving one, its grondslag, revoking it, and
assigning people."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jji_traject.paginas import formulierpagina
from toegang import policy

from .. import services
from ..constants import KENNISGEVING
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


# Where the confirmation came from, and so where it returns to (a fixed list: no open redirect).
INTREKKEN_TERUG = {
    "toestemmingen": "dossier:toestemmingen",
    "raadplegingen": "dossier:raadplegingen",
}


@login_required
def toestemming_intrekken(request, pk, toestemming_pk):
    """Revoking asks first. GET: what it revokes (the part, the recipient, and for a
    kennisgeving everything that goes with it). POST: revokes exactly that — the page's
    fingerprint goes along, and a confirmation of a record that has been revoked or changed
    since is refused, with nothing changed (back to the page as it is now)."""
    traject = beheerbaar(request, pk)
    toestemming = get_object_or_404(
        traject.toestemmingen.select_related("ontvanger", "vastgelegd_door", "ingetrokken_door"), pk=toestemming_pk
    )
    bron = (request.POST if request.method == "POST" else request.GET).get("terug", "")
    bron = bron if bron in INTREKKEN_TERUG else ""
    terug = reverse(INTREKKEN_TERUG.get(bron, "trajecten:detail"), args=[traject.pk])
    hier = reverse("trajecten:toestemming_intrekken", args=[traject.pk, toestemming.pk])
    hier = f"{hier}?{urlencode({'terug': bron})}" if bron else hier
    if request.method == "POST":
        kenmerk = request.POST.get("kenmerk", "")
        if not kenmerk:  # not from the confirmation page: show it, revoke nothing
            return redirect(hier)
        try:
            services.toestemming_intrekken(actor=request.user, toestemming=toestemming, kenmerk=kenmerk)
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
            return redirect(hier)
        except PermissionDenied:
            raise Http404 from None
        toestemming.refresh_from_db()
        messages.success(request, _ingetrokken_melding(toestemming, services.samen_ingetrokken(toestemming)))
        return redirect(terug)
    return render(
        request,
        "trajecten/intrekken.html",
        {
            "traject": traject,
            "intrekking": services.intrekking_bekijken(toestemming),
            "terug": terug,
            "bron": bron,
            "titel": _("Grondslag intrekken"),
        },
    )


def _ingetrokken_melding(toestemming, mee) -> str:
    """What was revoked, in one sentence or two."""
    org = toestemming.ontvanger.naam
    if toestemming.categorie != KENNISGEVING:
        return _(
            "Ingetrokken: %(deel)s voor %(org)s (%(grondslag)s). %(org)s kan dit deel vanaf nu niet meer lezen."
        ) % {"deel": toestemming.get_categorie_display(), "org": org, "grondslag": toestemming.get_grondslag_display()}
    tekst = _("Ingetrokken: de kennisgeving van de plaatsing voor %(org)s (%(grondslag)s).") % {
        "org": org,
        "grondslag": toestemming.get_grondslag_display(),
    }
    if not toestemming.traject.betrokkenheden.actief().filter(organisatie=toestemming.ontvanger_id).exists():
        tekst += " " + _("Het traject is nu gesloten voor %(org)s.") % {"org": org}
    if mee:
        tekst += " " + _("Daarmee zijn ook ingetrokken: %(delen)s.") % {
            "delen": ", ".join(str(t.get_categorie_display()) for t in mee)
        }
    return tekst


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
