"""Requests to correct or erase a part of the dossier (AVG art. 16, 17, 19), for the
JJI-school's zorgcoördinator: record, decide once with a reason, and print the letter that
tells the young person the outcome."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from jji_traject.afdruk import afdruk

from . import services_rechten
from .forms import BesluitForm, RechtenverzoekForm
from .models import Rechtenverzoek, VerzoekSoort
from .views_inzage import _bewaard, _traject


@login_required
def overzicht(request, pk):
    traject = _traject(request, pk)
    form = RechtenverzoekForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        antwoord = _bewaard(
            request,
            form,
            lambda: services_rechten.verzoek_vastleggen(
                actor=request.user, traject=traject, gegevens=form.cleaned_data
            ),
            _("Het verzoek is vastgelegd. Besluit erover, met een reden."),
            lambda v: reverse("inzage:recht", args=[traject.pk, v.pk]),
        )
        if antwoord is not None:
            return antwoord
    return render(
        request,
        "bewaren/rechten.html",
        {
            "traject": traject,
            "verzoeken": Rechtenverzoek.objects.filter(traject=traject),
            "form": form,
            "formulieren": [form],
            "titel": _("Verbeteren of wissen"),
        },
    )


@login_required
def verzoek(request, pk, recht_pk):
    traject = _traject(request, pk)
    verzoek = get_object_or_404(Rechtenverzoek, traject=traject, pk=recht_pk)
    form = BesluitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        antwoord = _bewaard(
            request,
            form,
            lambda: services_rechten.besluiten(actor=request.user, verzoek=verzoek, **form.cleaned_data),
            _("Het besluit is vastgelegd. Geef de jongere de brief met de uitkomst."),
            lambda v: reverse("inzage:recht", args=[traject.pk, v.pk]),
        )
        if antwoord is not None:
            return antwoord
    return render(
        request,
        "bewaren/rechten_verzoek.html",
        {
            "traject": traject,
            "v": verzoek,
            "form": form,
            "formulieren": [form],
            "wissen": verzoek.soort == VerzoekSoort.WISSEN,
            "titel": _("Verbeteren of wissen"),
        },
    )


@login_required
def brief(request, pk, recht_pk):
    """The letter for the young person with the outcome, printable and as PDF."""
    traject = _traject(request, pk)
    verzoek = get_object_or_404(Rechtenverzoek, traject=traject, pk=recht_pk, besluit__gt="")
    return afdruk(
        request,
        "bewaren/rechten_brief.html",
        {"traject": traject, "v": verzoek, "terug": reverse("inzage:recht", args=[traject.pk, verzoek.pk])},
        f"besluit-op-je-verzoek-{verzoek.pk}.pdf",
    )
