"""Tasks on a traject and across a person's trajecten, and the regio's routekaart that
makes them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jji_traject.paginas import formulierpagina, fouten_tekst, postactie
from toegang import policy

from .. import selectors, services
from ..constants import Stap
from ..forms import (
    ContactmomentenForm,
    TaakForm,
    TaakStatusForm,
    VerantwoordelijkheidForm,
)
from ..models import Verantwoordelijkheid
from .traject import beheerbaar, detailpagina

# The controls of a task's row, in their order on the page.
TAAK_VELDEN = ("status", "medewerker", "reden", "notitie")


@login_required
@require_POST
def taak_bijwerken(request, pk, taak_pk):
    """Update a task's status. With htmx the routekaart comes back with the focus on the
    updated row; without htmx a saved task goes back to the traject's page. A refusal shows
    the routekaart with the person's own choice still in the row, the message at the row and
    the focus on the field it is about (with htmx in place, without it on the whole page)."""
    traject = policy.traject_ophalen(request.user, pk)
    taak = get_object_or_404(policy.bijwerkbare_taken(request.user, traject), pk=taak_pk)
    form = TaakStatusForm(request.POST, taak=taak, user=request.user)
    fout, fout_veld = None, None
    if form.is_valid():
        try:
            taak = services.taak_bijwerken(
                actor=request.user,
                taak=taak,
                status=form.cleaned_data["status"],
                reden=form.cleaned_data["reden"],
                notitie=form.cleaned_data.get("notitie"),
                medewerker=form.cleaned_data["medewerker"] if "medewerker" in form.fields else False,
            )
        except ValidationError as e:
            fout = " ".join(e.messages)
            fout_veld = next(iter(getattr(e, "error_dict", {})), None)
    else:
        fout = fouten_tekst(form)
        fout_veld = next(iter(form.errors), None)
    htmx = bool(request.headers.get("HX-Request"))
    if not fout and not htmx:
        messages.success(request, _("De taak is bijgewerkt."))
        return redirect(taak.get_absolute_url())
    stappen, bijwerkbaar = selectors.tijdlijn(request.user, traject)
    for rij in (t for stap in stappen for t in stap.taken if t.pk == taak.pk):
        # The row to return to: its first control, or after a refusal the field it is about,
        # showing what the person chose (not the task as saved).
        getoond = {"status", "reden"} | ({"medewerker"} if rij.organisatie_id else set())
        getoond |= set() if rij.alleen_registratie else {"notitie"}
        rij.focus = fout_veld if fout_veld in getoond else "status"
        if fout:
            rij.keuze = {veld: request.POST.get(form.add_prefix(veld), "") for veld in TAAK_VELDEN}
    context = {
        "fout": fout,
        "fout_taak": taak.pk,
        "bijgewerkt": None if fout else taak.pk,
        "open_stap": taak.stap,
    }
    if not htmx:
        return detailpagina(request, traject, (stappen, bijwerkbaar), **context)
    # The whole routekaart comes back: a done task can move the timeline to the next step.
    return render(
        request,
        "trajecten/_tijdlijn.html",
        {
            "traject": traject,
            "stappen": stappen,
            "bijwerkbaar": bijwerkbaar,
            "mag_beheren": policy.mag_traject_beheren(request.user, traject),
            **context,
        },
    )


@login_required
def stap_taken(request, pk, stap):
    """The tasks of one step of the routekaart. The traject's page shows the tasks of the open
    step (the current one, or the one asked for); htmx loads another step's tasks here when
    it is opened. Without htmx the link goes to the page with that step open."""
    traject = policy.traject_ophalen(request.user, pk)
    if stap not in Stap.values:
        raise Http404
    if not request.headers.get("HX-Request"):
        return redirect(f"{reverse('trajecten:detail', args=[traject.pk])}?stap={stap}#stap-{stap}")
    taken, bijwerkbaar = selectors.stap_taken(request.user, traject, stap)
    return render(
        request, "trajecten/_stap_taken.html", {"traject": traject, "taken": taken, "bijwerkbaar": bijwerkbaar}
    )


@login_required
def taak_toevoegen(request, pk):
    traject = beheerbaar(request, pk)
    form = TaakForm(request.POST or None, user=request.user, traject=traject)
    return formulierpagina(
        request,
        traject,
        form,
        lambda f: services.taak_toevoegen(actor=request.user, traject=traject, **f.cleaned_data),
        titel=_("Taak toevoegen"),
        knop=_("Toevoegen"),
        melding=_("De taak is toegevoegd."),
    )


@login_required
def mijn_taken(request):
    """A person's open tasks across their trajecten, soonest first, overdue marked; with
    ``?te_laat=1`` only the overdue ones (the home page's signal links here)."""
    alleen_te_laat = request.GET.get("te_laat") == "1"
    taken = selectors.mijn_taken(request.user)
    if alleen_te_laat:
        taken = selectors.te_laat(taken)
    pagina = Paginator(taken, 50).get_page(request.GET.get("pagina"))
    return render(
        request,
        "trajecten/mijn_taken.html",
        {
            "pagina": pagina,
            "vandaag": timezone.localdate(),
            "alleen_te_laat": alleen_te_laat,
            "zoekparameters": "te_laat=1" if alleen_te_laat else "",
        },
    )


@login_required
def routekaart(request):
    """The regio's routekaart for the functioneel beheerder: which blanks are still open."""
    regio = policy.beheerde_regio_ophalen(request.user)
    kaart = selectors.routekaart_van_regio(regio)
    contact_form = ContactmomentenForm(
        request.POST if request.POST.get("actie") == "contactmomenten" else None,
        initial={"contact_interval_dagen": kaart.contact_interval_dagen, "contact_aantal": kaart.contact_aantal}
        if kaart
        else None,
    )
    if request.method == "POST" and request.POST.get("actie") == "contactmomenten" and kaart:
        if contact_form.is_valid():
            services.contactmomenten_instellen(
                actor=request.user,
                routekaart=kaart,
                interval_dagen=contact_form.cleaned_data["contact_interval_dagen"],
                aantal=contact_form.cleaned_data["contact_aantal"],
            )
            messages.success(request, _("De contactmomenten na uitstroom zijn ingesteld voor nieuwe trajecten."))
            return redirect("trajecten:routekaart")
        messages.error(request, _("Vul een interval van 1 tot 60 dagen en een aantal van 0 tot 26 in."))
    elif request.method == "POST":
        return postactie(
            request,
            lambda: services.routekaart_overnemen(actor=request.user, regio=regio, jaar=timezone.localdate().year),
            gelukt=_("De routekaart is overgenomen. Vul nu in wie wat doet."),
            verboden_is_404=False,  # as before: the page checked the same rule
            terug=reverse("trajecten:routekaart"),
        )
    formulieren = {}
    if kaart:
        for stap in kaart.stappen.all():
            for regel in stap.verantwoordelijkheden.all():
                if not regel.vast:
                    formulieren[regel.pk] = VerantwoordelijkheidForm(regel=regel)
    return render(
        request,
        "trajecten/routekaart.html",
        {
            "regio": regio,
            "kaart": kaart,
            "open_plekken": selectors.open_plekken(kaart) if kaart else [],
            "contact_form": contact_form,
            "formulieren": formulieren,
            "jaar": timezone.localdate().year,
        },
    )


@login_required
@require_POST
def regel_invullen(request, regel_pk):
    regio = policy.beheerde_regio_ophalen(request.user)
    regel = get_object_or_404(
        Verantwoordelijkheid.objects.select_related("stap__routekaart"), pk=regel_pk, stap__routekaart__regio=regio
    )
    form = VerantwoordelijkheidForm(request.POST, regel=regel)
    terug = f"{reverse('trajecten:routekaart')}#regel-{regel.pk}"
    if not form.is_valid():
        messages.error(request, _("Kies een geldige partij en een termijn tussen -730 en 730 dagen."))
        return redirect(terug)
    return postactie(
        request,
        lambda: services.verantwoordelijkheid_invullen(actor=request.user, regel=regel, **form.cleaned_data),
        gelukt=_("De regel is bijgewerkt."),
        verboden_is_404=False,  # as before: the page checked the same rule
        terug=terug,
    )
