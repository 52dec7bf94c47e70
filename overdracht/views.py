"""The overdrachtsdocument pages, for the JJI-school: choose the recipient person, preview
exactly what they will get, export (made in the background), follow it, download it. Every
URL here is registered in ``toegang.registry``."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jji_traject.afdruk import pdf_antwoord
from jji_traject.paginas import fouten_tekst, postactie
from jji_traject.wachten import wachtpagina
from toegang import policy

from . import selectors, services
from .forms import OntvangerForm
from .models import OverdrachtStatus


def _traject(request, pk):
    traject = policy.traject_ophalen(request.user, pk)
    if not policy.mag_overdracht_maken(request.user, traject):
        raise Http404
    return traject


def _formulier(request, traject, data=None):
    return OntvangerForm(data, kandidaten=policy.overdracht_ontvangers(request.user, traject))


@login_required
def overzicht(request, pk):
    """The documents made for this traject, and a new one."""
    traject = _traject(request, pk)
    documenten = (
        policy.overdrachten_zichtbaar_voor(request.user, traject)
        .select_related("ontvanger", "ontvanger_organisatie", "aangevraagd_door")
        .defer("bestand")
    )
    return render(
        request,
        "overdracht/overzicht.html",
        {
            "traject": traject,
            "documenten": documenten,
            "form": _formulier(request, traject),
            "bewaardagen": settings.OVERDRACHT_BEWAARDAGEN,
            "titel": _("Overdrachtsdocument"),
        },
    )


@login_required
def voorbeeld(request, pk):
    """Exactly what the chosen person will get, with today's consents (nothing leaves yet)."""
    traject = _traject(request, pk)
    form = _formulier(request, traject, request.GET)
    if not form.is_valid():
        messages.error(request, fouten_tekst(form))
        return redirect("overdracht:overzicht", pk=traject.pk)
    ontvanger = form.medewerker()
    return render(
        request,
        "overdracht/voorbeeld.html",
        {
            "traject": traject,
            "ontvanger": ontvanger,
            "i": selectors.inhoud(actor=request.user, ontvanger=ontvanger, traject=traject),
            "nu": timezone.now(),
            "titel": _("Voorbeeld van het overdrachtsdocument"),
        },
    )


@login_required
@require_POST
def exporteren(request, pk):
    traject = _traject(request, pk)
    form = _formulier(request, traject, request.POST)
    if not form.is_valid():
        messages.error(request, fouten_tekst(form))
        return redirect("overdracht:overzicht", pk=traject.pk)
    return postactie(
        request,
        lambda: services.overdracht_aanvragen(
            actor=request.user, traject=traject, ontvanger=form.medewerker(), verzoek=request
        ),
        gelukt=None,
        terug=lambda overdracht: reverse("overdracht:status", args=[traject.pk, overdracht.pk]),
        terug_bij_fout=reverse("overdracht:overzicht", args=[traject.pk]),
    )


def _eigen(request, pk, overdracht_pk):
    """A document of this traject asked for by the reader (anyone else: 404)."""
    overdracht = policy.overdracht_ophalen(request.user, overdracht_pk)
    if overdracht.traject_id != pk:
        raise Http404
    return overdracht.traject, overdracht


@login_required
def status(request, pk, overdracht_pk):
    """How the document is coming along; its status asks again until it is ready."""
    traject, overdracht = _eigen(request, pk, overdracht_pk)
    if services.opnieuw_inplannen_als_nodig(overdracht):  # a job lost on its way is sent again
        overdracht.refresh_from_db()  # (it may have run already)
    return wachtpagina(
        request,
        "overdracht/status.html",
        "overdracht/_status.html",
        {
            "traject": traject,
            "o": overdracht,
            "bewaardagen": settings.OVERDRACHT_BEWAARDAGEN,
            "titel": _("Overdrachtsdocument %(nummer)s") % {"nummer": overdracht.nummer},
        },
        wacht=overdracht.status == OverdrachtStatus.WACHT,
        sinds=overdracht.aangevraagd_op,
    )


@login_required
def bestand(request, pk, overdracht_pk):
    """The PDF, for who asked for it only, until the bewaartermijn ends."""
    traject, overdracht = _eigen(request, pk, overdracht_pk)
    if overdracht.status != OverdrachtStatus.KLAAR:
        raise Http404
    if not policy.overdracht_geldt_nog(overdracht):
        messages.error(
            request,
            _(
                "Dit document kan niet meer worden gedownload: de ontvanger mag niet meer alles lezen wat erin staat. "
                "Maak zo nodig een nieuw document."
            ),
        )
        return redirect("overdracht:status", pk=traject.pk, overdracht_pk=overdracht.pk)
    return pdf_antwoord(selectors.bestand(overdracht), selectors.bestandsnaam(overdracht))
