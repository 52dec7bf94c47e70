"""Preparing the departure and after: meetings, the ready-to-leave checklist, the network
around the youth and their toekomstperspectief."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dossier import services as dossier_services
from jji_traject.paginas import formulierpagina, fout_op_formulier, gepost
from netwerk import services as netwerk_services
from toegang import policy

from .. import selectors, services
from ..constants import OverlegSoort
from ..forms import (
    NetwerkContactForm,
    OverlegForm,
    ToekomstperspectiefForm,
    VertrekForm,
)
from .traject import beheerbaar


@login_required
def overleg_vastleggen(request, pk):
    traject = policy.traject_ophalen(request.user, pk)
    if not policy.mag_overleg_vastleggen(request.user, traject):
        raise Http404
    form = OverlegForm(request.POST or None, user=request.user, traject=traject)
    return formulierpagina(
        request,
        traject,
        form,
        lambda f: services.overleg_vastleggen(actor=request.user, traject=traject, **f.cleaned_data),
        titel=_("Overleg of contactmoment vastleggen"),
        knop=_("Vastleggen"),
        melding=_("Het overleg is vastgelegd."),
        uitleg=_(
            "Een nazorgtafel, het wekelijkse trajectknooppunt, de warme overdracht (met de jongere erbij) of een "
            "contactmoment na uitstroom. Een openstaande taak voor dit overleg wordt daarmee afgerond."
        )
        if OverlegSoort.TRAJECTKNOOPPUNT in policy.overlegsoorten(request.user, traject)
        else _(
            "Een nazorgtafel, de warme overdracht (met de jongere erbij) of een contactmoment na uitstroom. "
            "Een openstaande taak voor dit overleg wordt daarmee afgerond."
        ),
    )


@login_required
def vertrek_bijwerken(request, pk):
    """The ready-to-leave checklist as one form (also on the traject's page). After the
    release the mbo no longer edits it: for them this page does not exist."""
    traject = policy.traject_ophalen(request.user, pk)
    if not policy.mag_vertrek_bijwerken(request.user, traject):
        raise Http404
    items = {item.onderwerp: item for item in traject.vertrekitems.all()}
    form = VertrekForm(gepost(request), items=items)
    if request.method == "POST" and form.is_valid():
        try:
            gewijzigd = services.vertrek_bijwerken(actor=request.user, traject=traject, items=form.items())
        except ValidationError as fout:
            fout_op_formulier(form, fout)
        except PermissionDenied:
            raise Http404 from None
        else:
            if gewijzigd:
                messages.success(request, _("Klaar voor vertrek is bijgewerkt."))
            else:
                messages.info(request, _("Er was niets veranderd aan Klaar voor vertrek."))
            return redirect(f"{reverse('trajecten:detail', args=[traject.pk])}#vertrek")
    return render(
        request,
        "trajecten/vertrek.html",
        {"traject": traject, "vertrek_form": form, "formulieren": [form], "titel": _("Klaar voor vertrek")},
    )


@login_required
def netwerk_toevoegen(request, pk):
    traject = beheerbaar(request, pk)
    form = NetwerkContactForm(request.POST or None, user=request.user, traject=traject)
    return formulierpagina(
        request,
        traject,
        form,
        lambda f: netwerk_services.netwerkcontact_toevoegen(
            actor=request.user, traject=traject, gegevens=f.cleaned_data
        ),
        titel=_("Iemand toevoegen aan het netwerk"),
        knop=_("Toevoegen"),
        melding=_("Het netwerk rond de jongere is bijgewerkt."),
        uitleg=_(
            "Professionals van de netwerkkaart en het persoonlijke netwerk: ouders, voogd, familie, mentor, sportclub. "
            "Persoonsgegevens: alleen zichtbaar voor wie het traject mag zien. De politie hoort hier niet bij."
        ),
    )


@login_required
@require_POST
def netwerk_verwijderen(request, pk, contact_pk):
    traject = beheerbaar(request, pk)
    contact = get_object_or_404(policy.netwerk_zichtbaar_voor(request.user, traject), pk=contact_pk)
    netwerk_services.netwerkcontact_verwijderen(actor=request.user, contact=contact)
    messages.success(request, _("Verwijderd uit het netwerk."))
    return redirect(f"{reverse('trajecten:detail', args=[traject.pk])}#netwerk")


@login_required
def toekomstperspectief(request, pk):
    """The toekomstperspectief per leefgebied, written by the regie with the young person."""
    traject = beheerbaar(request, pk)
    huidig = {t.leefgebied: t.tekst for t in selectors.toekomstperspectief(traject, met_zorg=True)}
    return formulierpagina(
        request,
        traject,
        ToekomstperspectiefForm(gepost(request), huidig=huidig),
        lambda f: dossier_services.toekomstperspectief_opslaan(
            actor=request.user, traject=traject, teksten=f.cleaned_data
        ),
        titel=_("Toekomstperspectief"),
        knop=_("Opslaan"),
        melding=_("Het toekomstperspectief is opgeslagen."),
        uitleg=_(
            "Samen met de jongere: een realistisch perspectief op wonen, onderwijs of werk, vrije tijd en zorg. Bij "
            "vertrek hoeft niemand te wachten op een plek om te wonen of te leren. Iedereen die het traject ziet, "
            "leest dit en het gaat mee in het overdrachtsdocument; zorg en begeleiding alleen met toestemming voor "
            "begeleidingsbehoefte."
        ),
    )
