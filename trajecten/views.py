"""Traject pages. Thin: parse input, ask the access policy, call a service, render.

Every object comes through ``policy.traject_ophalen`` (404 for missing and forbidden alike);
every URL here is registered in ``toegang.registry``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dossier import services as dossier_services
from netwerk import services as netwerk_services
from toegang import policy

from . import paginering, selectors, services
from .constants import VertrekStatus
from .filters import TrajectFilter
from .forms import (
    AfsluitenForm,
    BetrokkenheidForm,
    ContactmomentenForm,
    FaseForm,
    JongereForm,
    KennisgevingForm,
    NetwerkContactForm,
    OverlegForm,
    TaakForm,
    TaakStatusForm,
    ToekomstperspectiefForm,
    ToewijzingForm,
    TrajectStartForm,
    TrajectWijzigForm,
    VerantwoordelijkheidForm,
    VertrekItemForm,
    fout_op_formulier,
    fouten_tekst,
)
from .formulierpagina import formulierpagina, gepost
from .models import Traject, Verantwoordelijkheid

PER_PAGINA = 25


@login_required
def lijst(request):
    filterset = TrajectFilter(request.GET or None, queryset=selectors.mijn_trajecten(request.user))
    pagina = paginering.pagina(filterset.qs, request.GET.get("pagina"), PER_PAGINA)
    zoekparameters = request.GET.copy()
    zoekparameters.pop("pagina", None)
    return render(
        request,
        "trajecten/lijst.html",
        {
            "filter": filterset,
            "pagina": pagina,
            "zoekparameters": zoekparameters.urlencode(),
            "mag_starten": policy.mag_traject_starten(request.user),
            "gefilterd": bool(request.GET.get("q") or request.GET.get("fase")),
            "te_beoordelen": _te_beoordelen(request.user),
        },
    )


def _te_beoordelen(user) -> int:
    """How many beslismodellen wait for this person at an mbo (0 elsewhere: no query)."""
    from netwerk.constants import OrganisatieSoort

    medewerker = policy.medewerker_van(user)
    if medewerker is None or medewerker.organisatie.soort != OrganisatieSoort.MBO:
        return 0
    return policy.beslismodellen_te_beoordelen(user).count()


@login_required
def detail(request, pk):
    from beslismodel.selectors import stand_op_traject

    traject = policy.traject_ophalen(request.user, pk)
    stappen, bijwerkbaar = selectors.tijdlijn(request.user, traject)
    return render(
        request,
        "trajecten/detail.html",
        {
            "o": selectors.traject_overzicht(request.user, traject),
            "stappen": stappen,
            "bijwerkbaar": bijwerkbaar,
            "vertrek_statussen": VertrekStatus.choices,
            # Only for the JJI-school and the receiving mbo (need to know): None for anyone else.
            "beslismodel": stand_op_traject(request.user, traject),
            "mag_overdracht": policy.mag_overdracht_maken(request.user, traject),
        },
    )


def _beheerbaar(request, pk) -> Traject:
    """A traject the reader may see (else 404) and manage (else 404 too: a form for a traject
    one may only read is not offered)."""
    traject = policy.traject_ophalen(request.user, pk)
    if not policy.mag_traject_beheren(request.user, traject):
        raise Http404
    return traject


@login_required
def starten(request):
    if not policy.mag_traject_starten(request.user):
        raise Http404
    jongere_form = JongereForm(request.POST or None)
    traject_form = TrajectStartForm(request.POST or None, user=request.user)
    if request.method == "POST" and jongere_form.is_valid() and traject_form.is_valid():
        try:
            traject = services.traject_starten(
                actor=request.user, jongere=jongere_form.cleaned_data, traject=traject_form.cleaned_data
            )
        except ValidationError as fout:
            fout_op_formulier(traject_form, fout)
        else:
            messages.success(request, _("Het traject van %(naam)s is gestart.") % {"naam": traject.jongere.naam})
            return redirect("trajecten:detail", pk=traject.pk)
    return render(
        request,
        "trajecten/formulier.html",
        {
            "formulieren": [jongere_form, traject_form],
            "titel": _("Nieuw traject"),
            "knop": _("Traject starten"),
        },
    )


@login_required
def wijzigen(request, pk):
    traject = _beheerbaar(request, pk)
    jongere_form = JongereForm(request.POST or None, instance=traject.jongere)
    traject_form = TrajectWijzigForm(request.POST or None, instance=traject, user=request.user)
    if request.method == "POST" and jongere_form.is_valid() and traject_form.is_valid():
        try:
            services.traject_wijzigen(
                actor=request.user,
                traject=traject,
                jongere=jongere_form.cleaned_data,
                gegevens=traject_form.cleaned_data,
            )
        except ValidationError as fout:
            fout_op_formulier(traject_form, fout)
        else:
            messages.success(request, _("De gegevens zijn opgeslagen."))
            return redirect("trajecten:detail", pk=traject.pk)
    return render(
        request,
        "trajecten/formulier.html",
        {
            "formulieren": [jongere_form, traject_form],
            "traject": traject,
            "titel": _("Gegevens wijzigen"),
            "knop": _("Opslaan"),
        },
    )


@login_required
def fase_wijzigen(request, pk):
    traject = _beheerbaar(request, pk)
    if traject.is_afgesloten or not FaseForm(traject=traject).fields["fase"].choices:
        messages.info(request, _("Dit traject kan niet naar een volgende fase."))
        return redirect("trajecten:detail", pk=traject.pk)
    open_taken = selectors.open_taken_in_fase(request.user, traject)
    form = FaseForm(request.POST or None, traject=traject, open_taken=open_taken)
    return formulierpagina(
        request,
        traject,
        form,
        lambda f: services.traject_fase_wijzigen(
            actor=request.user,
            traject=traject,
            fase=f.cleaned_data["fase"],
            vrijgelaten_op=f.cleaned_data.get("vrijgelaten_op"),
            schorsing=f.cleaned_data.get("schorsing", False),
        ),
        titel=_("Fase wijzigen"),
        knop=_("Fase wijzigen"),
        melding=_("De fase is gewijzigd."),
        uitleg=_("Huidige fase: %(fase)s.") % {"fase": traject.get_fase_display()},
    )


@login_required
def afsluiten(request, pk):
    traject = _beheerbaar(request, pk)
    form = AfsluitenForm(request.POST or None)
    return formulierpagina(
        request,
        traject,
        form,
        lambda f: services.traject_afsluiten(
            actor=request.user,
            traject=traject,
            datum=f.cleaned_data["afgesloten_op"],
            besluit=f.cleaned_data["besluit"],
            advies=f.cleaned_data["advies"],
        ),
        titel=_("Traject afsluiten"),
        knop=_("Traject afsluiten"),
        melding=_("Het traject is afgesloten."),
        uitleg=_("Sluit een traject af als de nazorg formeel is afgerond bij een stabiele situatie."),
    )


@login_required
def organisatie_toevoegen(request, pk):
    traject = _beheerbaar(request, pk)
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
    traject = _beheerbaar(request, pk)
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
            gegevens={veld: f.cleaned_data[veld] for veld in KennisgevingForm.Meta.fields},
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
    traject = _beheerbaar(request, pk)
    toestemming = get_object_or_404(traject.toestemmingen, pk=toestemming_pk)
    try:
        services.toestemming_intrekken(actor=request.user, toestemming=toestemming)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    else:
        messages.success(request, _("De grondslag is ingetrokken. Vanaf nu opent hij niets meer."))
    if request.POST.get("terug") == "toestemmingen":
        return redirect("dossier:toestemmingen", pk=traject.pk)
    return redirect("trajecten:detail", pk=traject.pk)


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


@login_required
@require_POST
def taak_bijwerken(request, pk, taak_pk):
    """Update a task's status; with htmx only the task is sent back, else the routekaart page."""
    traject = policy.traject_ophalen(request.user, pk)
    taak = get_object_or_404(policy.bijwerkbare_taken(request.user, traject), pk=taak_pk)
    form = TaakStatusForm(request.POST, taak=taak, user=request.user)
    fout = None
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
    else:
        fout = fouten_tekst(form)
    if request.headers.get("HX-Request"):
        # The whole routekaart comes back: a done task can move the timeline to the next step.
        stappen, bijwerkbaar = selectors.tijdlijn(request.user, traject)
        return render(
            request,
            "trajecten/_tijdlijn.html",
            {
                "traject": traject,
                "stappen": stappen,
                "bijwerkbaar": bijwerkbaar,
                "mag_beheren": policy.mag_traject_beheren(request.user, traject),
                "fout": fout,
                "fout_taak": taak.pk,
                "bijgewerkt": None if fout else taak.pk,
                "open_stap": taak.stap,
            },
        )
    if fout:
        messages.error(request, fout)
    else:
        messages.success(request, _("De taak is bijgewerkt."))
    return redirect(f"{reverse('trajecten:detail', args=[traject.pk])}#taak-{taak.pk}")


@login_required
def taak_toevoegen(request, pk):
    traject = _beheerbaar(request, pk)
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
    """A person's open tasks across their trajecten, soonest first, overdue marked."""
    pagina = Paginator(selectors.mijn_taken(request.user), 50).get_page(request.GET.get("pagina"))
    return render(request, "trajecten/mijn_taken.html", {"pagina": pagina, "vandaag": timezone.localdate()})


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
        try:
            services.routekaart_overnemen(actor=request.user, regio=regio, jaar=timezone.localdate().year)
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
        else:
            messages.success(request, _("De routekaart is overgenomen. Vul nu in wie wat doet."))
        return redirect("trajecten:routekaart")
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
    if form.is_valid():
        try:
            services.verantwoordelijkheid_invullen(actor=request.user, regel=regel, **form.cleaned_data)
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
        else:
            messages.success(request, _("De regel is bijgewerkt."))
    else:
        messages.error(request, _("Kies een geldige partij en een termijn tussen -730 en 730 dagen."))
    return redirect(f"{reverse('trajecten:routekaart')}#regel-{regel.pk}")


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
        ),
    )


@login_required
@require_POST
def vertrekitem_bijwerken(request, pk, onderwerp):
    traject = policy.traject_ophalen(request.user, pk)
    if not policy.mag_overleg_vastleggen(request.user, traject):
        raise Http404
    form = VertrekItemForm(request.POST)
    if form.is_valid():
        try:
            services.vertrekitem_bijwerken(
                actor=request.user, traject=traject, onderwerp=onderwerp, **form.cleaned_data
            )
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
        else:
            messages.success(request, _("Klaar voor vertrek is bijgewerkt."))
    else:
        messages.error(request, _("Kies een geldige status; de toelichting is hooguit 200 tekens."))
    return redirect(f"{reverse('trajecten:detail', args=[traject.pk])}#vertrek")


@login_required
def netwerk_toevoegen(request, pk):
    traject = _beheerbaar(request, pk)
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
    traject = _beheerbaar(request, pk)
    contact = get_object_or_404(policy.netwerk_zichtbaar_voor(request.user, traject), pk=contact_pk)
    netwerk_services.netwerkcontact_verwijderen(actor=request.user, contact=contact)
    messages.success(request, _("Verwijderd uit het netwerk."))
    return redirect(f"{reverse('trajecten:detail', args=[traject.pk])}#netwerk")


@login_required
def toekomstperspectief(request, pk):
    """The toekomstperspectief per leefgebied, written by the regie with the young person."""
    traject = _beheerbaar(request, pk)
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
