"""The traject itself: the list, the page, starting, changing, the fase and closing.

Every object comes through ``policy.traject_ophalen`` (404 for missing and forbidden alike)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from jji_traject import paginering
from jji_traject.paginas import formulierpagina, fout_op_formulier
from toegang import policy

from .. import selectors, services
from ..constants import Stap
from ..filters import TrajectFilter
from ..forms import (
    AfsluitenForm,
    FaseForm,
    JongereForm,
    TrajectStartForm,
    TrajectWijzigForm,
    VertrekForm,
)
from ..models import Traject

PER_PAGINA = 25


@login_required
def lijst(request):
    filterset = TrajectFilter(request.GET or None, queryset=selectors.mijn_trajecten(request.user))
    pagina = paginering.pagina(filterset.qs, request.GET.get("pagina"), PER_PAGINA)
    # Per part of the dossier a column, as far as the policy lets this reader know about it.
    delen = policy.delen_in_lijst(request.user)
    selectors.rijen_aanvullen(pagina.object_list, request.user)
    zoekparameters = request.GET.copy()
    zoekparameters.pop("pagina", None)
    return render(
        request,
        "trajecten/lijst.html",
        {
            "filter": filterset,
            "pagina": pagina,
            "zoekparameters": zoekparameters.urlencode(),
            "delen": delen,
            # The partners after release follow the release date, not the date of arrival.
            "na_vrijlating": policy.is_nazorgpartner(policy.medewerker_van(request.user)),
            "gefilterd": bool(request.GET.get("q") or request.GET.get("fase")),
            "te_beoordelen": _te_beoordelen(request.user),
            # The home page says what waits: overdue tasks, and versions waiting for an intaker.
            "taken_te_laat": selectors.te_laat(selectors.mijn_taken(request.user)).count(),
            "wacht_op_intaker": _wacht_op_intaker(request.user),
        },
    )


def _wacht_op_intaker(user) -> list:
    """Versions submitted to the reader's school that no assigned intaker sees yet, for who is
    asked to assign one (the first ten; at an mbo only: elsewhere no query)."""
    from beslismodel.selectors import wacht_op_intaker
    from netwerk.constants import OrganisatieSoort

    medewerker = policy.medewerker_van(user)
    if medewerker is None or medewerker.organisatie.soort != OrganisatieSoort.MBO:
        return []
    return list(wacht_op_intaker(user)[:10])


def _te_beoordelen(user) -> int:
    """How many beslismodellen wait for this person at an mbo (0 elsewhere: no query)."""
    from netwerk.constants import OrganisatieSoort

    medewerker = policy.medewerker_van(user)
    if medewerker is None or medewerker.organisatie.soort != OrganisatieSoort.MBO:
        return 0
    return policy.beslismodellen_te_beoordelen(user).count()


@login_required
def detail(request, pk):
    traject = policy.traject_ophalen(request.user, pk, met=selectors.met_uit_beeld)
    return detailpagina(request, traject, selectors.tijdlijn(request.user, traject), open_stap=_open_stap(request))


def _open_stap(request) -> int | None:
    """The step asked for with ``?stap=`` (the link in a closed step, without htmx): its
    tasks are shown with the current step's. Anything else asks for no step."""
    waarde = request.GET.get("stap", "")
    if not (waarde.isascii() and waarde.isdigit() and len(waarde) <= 2):
        return None
    return int(waarde) if int(waarde) in Stap.values else None


def detailpagina(request, traject: Traject, tijdlijn, **extra):
    """The traject's page. ``tijdlijn`` is the routekaart as ``selectors.tijdlijn`` gives it
    (a task whose update was refused carries the person's choice); ``extra`` is more context,
    such as that refusal's message at its row."""
    from beslismodel.selectors import stand_op_traject

    stappen, bijwerkbaar = tijdlijn
    overzicht = selectors.traject_overzicht(request.user, traject)
    vertrek_form = None
    if overzicht.vertrek and overzicht.mag_vertrek:
        vertrek_form = VertrekForm(items={waarde: item for waarde, _label, item in overzicht.vertrek if item})
    return render(
        request,
        "trajecten/detail.html",
        {
            "o": overzicht,
            "vertrek_form": vertrek_form,
            "stappen": stappen,
            "bijwerkbaar": bijwerkbaar,
            # Only for the JJI-school and the receiving mbo (need to know): None for anyone else.
            "beslismodel": stand_op_traject(request.user, traject),
            "mag_overdracht": policy.mag_overdracht_maken(request.user, traject),
        }
        | extra,
    )


def beheerbaar(request, pk) -> Traject:
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
    traject = beheerbaar(request, pk)
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
    traject = beheerbaar(request, pk)
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
    traject = beheerbaar(request, pk)
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
