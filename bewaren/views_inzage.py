"""The young person's copy (AVG art. 15), for the JJI-school's zorgcoördinator: record a
request, follow the PDF being made, download it, and record that it was given."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jji_traject.afdruk import pdf_antwoord
from jji_traject.paginas import postactie
from jji_traject.wachten import wachtpagina
from toegang import policy

from . import services_inzage
from .forms import InzageverzoekForm, LeveringForm
from .models import InzageStatus, Inzageverzoek


def _traject(request, pk):
    traject = policy.traject_ophalen(request.user, pk)
    if not policy.mag_inzage_verzorgen(request.user, traject):
        raise Http404
    return traject


def _verzoek(traject, inzage_pk) -> Inzageverzoek:
    return get_object_or_404(Inzageverzoek.objects.defer("bestand"), traject=traject, pk=inzage_pk)


def _bewaard(request, form, actie, gelukt: str, terug):
    """Run a service for a valid form: its refusal becomes the form's errors (nothing saved)."""
    try:
        resultaat = actie()
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as fout:
        if hasattr(fout, "error_dict"):
            for veld, fouten in fout.error_dict.items():
                form.add_error(veld if veld in form.fields else None, fouten)
        else:
            form.add_error(None, fout)
        return None
    messages.success(request, gelukt)
    return redirect(terug(resultaat))


@login_required
def overzicht(request, pk):
    traject = _traject(request, pk)
    form = InzageverzoekForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        antwoord = _bewaard(
            request,
            form,
            lambda: services_inzage.verzoek_vastleggen(actor=request.user, traject=traject, gegevens=form.cleaned_data),
            _("Het verzoek is vastgelegd. De kopie wordt gemaakt; de taak staat bij je taken."),
            lambda v: reverse("inzage:verzoek", args=[traject.pk, v.pk]),
        )
        if antwoord is not None:
            return antwoord
    verzoeken = Inzageverzoek.objects.filter(traject=traject).defer("bestand")
    return render(
        request,
        "bewaren/inzage.html",
        {
            "traject": traject,
            "verzoeken": verzoeken,
            "open": any(v.is_open for v in verzoeken),
            "form": form,
            "formulieren": [form],
            "titel": _("Kopie voor de jongere"),
        },
    )


@login_required
def verzoek(request, pk, inzage_pk):
    traject = _traject(request, pk)
    verzoek = _verzoek(traject, inzage_pk)
    form = LeveringForm(request.POST or None, instance=verzoek)
    if request.method == "POST" and form.is_valid():
        antwoord = _bewaard(
            request,
            form,
            lambda: services_inzage.geleverd_vastleggen(
                actor=request.user, verzoek=verzoek, gegevens=form.cleaned_data
            ),
            _("Vastgelegd: de jongere heeft de kopie gekregen. Het bestand is verwijderd."),
            lambda v: reverse("inzage:overzicht", args=[traject.pk]),
        )
        if antwoord is not None:
            return antwoord
    return wachtpagina(
        request,
        "bewaren/inzage_verzoek.html",
        "bewaren/_inzage_status.html",
        {"traject": traject, "v": verzoek, "form": form, "formulieren": [form], "titel": _("Kopie voor de jongere")},
        wacht=verzoek.status == InzageStatus.WACHT,
        sinds=verzoek.vastgelegd_op,
    )


@login_required
def bestand(request, pk, inzage_pk):
    traject = _traject(request, pk)
    verzoek = get_object_or_404(Inzageverzoek, traject=traject, pk=inzage_pk)
    if verzoek.status != InzageStatus.KLAAR or not verzoek.bestand:
        return redirect("inzage:verzoek", pk=traject.pk, inzage_pk=verzoek.pk)
    return pdf_antwoord(bytes(verzoek.bestand), f"kopie-van-je-gegevens-{verzoek.pk}.pdf")


@login_required
@require_POST
def opnieuw(request, pk, inzage_pk):
    traject = _traject(request, pk)
    verzoek = _verzoek(traject, inzage_pk)
    terug = reverse("inzage:verzoek", args=[traject.pk, verzoek.pk])
    return postactie(
        request,
        lambda: services_inzage.opnieuw_maken(actor=request.user, verzoek=verzoek),
        gelukt=_("De kopie wordt opnieuw gemaakt."),
        terug=terug,
    )
