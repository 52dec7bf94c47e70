"""The doorstroomdossier pages. Every part is read through ``policy.categorie_lezen`` (which
writes the raadpleging); a part that is not shared shows a badge, which is not a request.
An explicit request for a part one may not read (its own URL) answers 404 and is recorded
as a refused attempt."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from toegang import policy
from toegang.models import RaadplegingActie
from trajecten.constants import DOSSIER_CATEGORIEEN, Categorie
from trajecten.forms import fout_op_formulier
from trajecten.services import toestemming_vastleggen

from . import selectors, services
from .forms import (
    BegeleidingsbehoefteForm,
    CategorieToestemmingForm,
    HerkomstForm,
    OnderwijsinformatieForm,
    ResultaatForm,
    VeiligheidssignaalForm,
)

FORMULIEREN = {
    Categorie.ONDERWIJSINFORMATIE: (OnderwijsinformatieForm, services.onderwijsinformatie_opslaan),
    Categorie.BEGELEIDINGSBEHOEFTE: (BegeleidingsbehoefteForm, services.begeleidingsbehoefte_opslaan),
}


def _traject(request, pk, categorie=""):
    return policy.dossier_traject_ophalen(request.user, pk, categorie=categorie, verzoek=request)


def _schrijfbaar(request, pk):
    traject = _traject(request, pk)
    if not policy.mag_dossier_schrijven(request.user, traject):
        raise Http404
    return traject


def _beheerbaar(request, pk):
    traject = policy.traject_ophalen(request.user, pk)
    if not policy.mag_grondslag_vastleggen(request.user, traject):
        raise Http404
    return traject


@login_required
def dossier(request, pk):
    """The three parts: what the reader may read (each reading on record), badges for the rest."""
    traject = _traject(request, pk)
    delen = selectors.dossier_voor(request.user, traject, verzoek=request)
    return render(
        request,
        "dossier/dossier.html",
        {
            "traject": traject,
            "delen": delen,
            "herkomst": selectors.herkomst_voor(request.user, traject, verzoek=request),
            "mag_schrijven": policy.mag_dossier_schrijven(request.user, traject),
            "mag_grondslag": policy.mag_grondslag_vastleggen(request.user, traject),
            "voorbeeld_keuzes": selectors.voorbeeld_keuzes(request.user, traject),
            "titel": _("Doorstroomdossier"),
        },
    )


@login_required
def categorie(request, pk, categorie):
    """One part on its own URL: an explicit request, refused (404, on record) when not shared."""
    traject = _traject(request, pk, categorie)
    if categorie not in DOSSIER_CATEGORIEEN:
        policy.raadpleging_weigeren(
            actor=request.user, traject=traject, categorie=categorie, actie=RaadplegingActie.BEKIJKEN, verzoek=request
        )
        raise Http404
    gegevens = policy.categorie_lezen(
        actor=request.user, traject=traject, categorie=categorie, actie=RaadplegingActie.BEKIJKEN, verzoek=request
    )
    deel = selectors.Deel(categorie=categorie, leesbaar=True, gegevens=gegevens)
    return render(
        request,
        "dossier/categorie.html",
        {"traject": traject, "deel": deel, "titel": Categorie(categorie).label},
    )


@login_required
def bekijk_als(request, pk):
    """Preview for the JJI-school: exactly what an organisation (with a rol) would see."""
    traject = _schrijfbaar(request, pk)
    keuzes = selectors.voorbeeld_keuzes(request.user, traject)
    gekozen = next((k for k in keuzes if k.sleutel == request.GET.get("als", "")), None)
    if gekozen is None:
        messages.error(request, _("Kies een organisatie en rol die bij dit traject betrokken zijn."))
        return redirect("dossier:dossier", pk=traject.pk)
    delen = selectors.dossier_voor(request.user, traject, verzoek=request, lezer=gekozen.lezer)
    return render(
        request,
        "dossier/dossier.html",
        {
            "traject": traject,
            "delen": delen,
            "voorbeeld": gekozen,
            "voorbeeld_keuzes": keuzes,
            "titel": _("Bekijk als %(wie)s") % {"wie": gekozen.label},
        },
    )


@login_required
def bewerken(request, pk, categorie):
    traject = _schrijfbaar(request, pk)
    if categorie not in FORMULIEREN:
        raise Http404
    form_klasse, opslaan = FORMULIEREN[categorie]
    huidig = policy.categorie_lezen(
        actor=request.user, traject=traject, categorie=categorie, actie=RaadplegingActie.BEKIJKEN, verzoek=request
    )
    form = form_klasse(request.POST or None, instance=huidig)
    if request.method == "POST" and form.is_valid():
        try:
            opslaan(actor=request.user, traject=traject, gegevens=form.cleaned_data)
        except ValidationError as fout:
            fout_op_formulier(form, fout)
        else:
            messages.success(request, _("%(deel)s is opgeslagen.") % {"deel": Categorie(categorie).label.capitalize()})
            return redirect("dossier:dossier", pk=traject.pk)
    return render(
        request,
        "trajecten/formulier.html",
        {
            "formulieren": [form],
            "traject": traject,
            "titel": Categorie(categorie).label.capitalize(),
            "knop": _("Opslaan"),
            "uitleg": _(
                "Schrijf toekomstgericht: wat heeft deze jongere nodig om verder te leren? Alleen wat de volgende "
                "school nodig heeft; wie het mag lezen, bepaalt de toestemming per deel."
            ),
        },
    )


@login_required
def resultaat_toevoegen(request, pk):
    traject = _schrijfbaar(request, pk)
    form = ResultaatForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.resultaat_toevoegen(actor=request.user, traject=traject, gegevens=form.cleaned_data)
        except ValidationError as fout:
            fout_op_formulier(form, fout)
        else:
            messages.success(request, _("Het resultaat is vastgelegd."))
            return redirect("dossier:dossier", pk=traject.pk)
    return render(
        request,
        "trajecten/formulier.html",
        {
            "formulieren": [form],
            "traject": traject,
            "titel": _("Certificaat of examenresultaat vastleggen"),
            "knop": _("Vastleggen"),
            "uitleg": _("Met de mbo-instelling die het heeft gevalideerd: zo weet de volgende school wat telt."),
        },
    )


@login_required
@require_POST
def resultaat_verwijderen(request, pk, resultaat_pk):
    traject = _schrijfbaar(request, pk)
    info = policy.categorie_lezen(
        actor=request.user,
        traject=traject,
        categorie=Categorie.ONDERWIJSINFORMATIE,
        actie=RaadplegingActie.BEKIJKEN,
        verzoek=request,
    )
    resultaat = next((r for r in (info.resultaten_lijst if info else []) if r.pk == resultaat_pk), None)
    if resultaat is None:
        raise Http404
    services.resultaat_verwijderen(actor=request.user, resultaat=resultaat)
    messages.success(request, _("Het resultaat is verwijderd."))
    return redirect("dossier:dossier", pk=traject.pk)


@login_required
def herkomst_bewerken(request, pk):
    """The mbo van herkomst writes its own onderwijsinformatie for the JJI-school."""
    traject = _traject(request, pk)
    if not policy.mag_herkomst_schrijven(request.user, traject):
        raise Http404
    huidig = policy.herkomst_lezen(actor=request.user, traject=traject, verzoek=request)
    form = HerkomstForm(request.POST or None, instance=huidig[0] if huidig else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.herkomst_opslaan(actor=request.user, traject=traject, gegevens=form.cleaned_data)
        except ValidationError as fout:
            fout_op_formulier(form, fout)
        else:
            messages.success(request, _("De onderwijsinformatie voor de JJI-school is opgeslagen."))
            return redirect("dossier:dossier", pk=traject.pk)
    return render(
        request,
        "trajecten/formulier.html",
        {
            "formulieren": [form],
            "traject": traject,
            "titel": _("Onderwijsinformatie voor de JJI-school"),
            "knop": _("Opslaan"),
            "uitleg": _(
                "Wat de JJI-school nodig heeft om het onderwijs voort te zetten: behaalde resultaten en lopende "
                "modules. De JJI-school leest dit alleen met toestemming van de jongere of een andere grondslag."
            ),
        },
    )


@login_required
def signaal_toevoegen(request, pk):
    traject = _schrijfbaar(request, pk)
    form = VeiligheidssignaalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.veiligheidssignaal_toevoegen(actor=request.user, traject=traject, gegevens=form.cleaned_data)
        except ValidationError as fout:
            fout_op_formulier(form, fout)
        else:
            messages.success(request, _("Het signaal is vastgelegd."))
            return redirect("dossier:dossier", pk=traject.pk)
    return render(
        request,
        "trajecten/formulier.html",
        {
            "formulieren": [form],
            "traject": traject,
            "titel": _("Signaal voor veiligheid toevoegen"),
            "knop": _("Vastleggen"),
            "uitleg": _(
                "Alleen wat strikt nodig is voor een veilige plaatsing, toekomstgericht, met de reden en een "
                "einddatum. Geen delict- of behandelgegevens. Alleen de verbindingsofficier en de "
                "veiligheidscoördinator van een school met toestemming lezen dit; het komt nooit in een PDF of e-mail."
            ),
        },
    )


@login_required
@require_POST
def signaal_beeindigen(request, pk, signaal_pk):
    traject = _schrijfbaar(request, pk)
    signalen = policy.categorie_lezen(
        actor=request.user,
        traject=traject,
        categorie=Categorie.VEILIGHEIDSSIGNALEN,
        actie=RaadplegingActie.BEKIJKEN,
        verzoek=request,
    )
    signaal = next((s for s in signalen if s.pk == signaal_pk), None)
    if signaal is None:
        raise Http404
    services.veiligheidssignaal_beeindigen(actor=request.user, signaal=signaal)
    messages.success(request, _("Het signaal is beëindigd en wordt niet meer getoond."))
    return redirect("dossier:dossier", pk=traject.pk)


@login_required
def toestemmingen(request, pk):
    """The consent register of a traject: every grondslag, its status, revocation in one click."""
    traject = _beheerbaar(request, pk)
    return render(
        request,
        "dossier/toestemmingen.html",
        {"traject": traject, "register": selectors.toestemmingenregister(traject), "titel": _("Toestemmingen")},
    )


@login_required
def toestemming_nieuw(request, pk):
    traject = _beheerbaar(request, pk)
    form = CategorieToestemmingForm(
        request.POST or None,
        traject=traject,
        ontvangers=selectors.mogelijke_ontvangers(request.user, traject),
        actor=request.user,
    )
    if request.method == "POST" and form.is_valid():
        velden = [veld for veld in form.Meta.fields if veld not in ("ontvanger", "categorie")]
        gegevens = {veld: form.cleaned_data[veld] for veld in velden}
        try:
            with transaction.atomic():
                toestemming_vastleggen(
                    actor=request.user,
                    traject=traject,
                    ontvanger=form.cleaned_data["ontvanger"],
                    categorie=form.cleaned_data["categorie"],
                    gegevens=gegevens,
                )
        except ValidationError as fout:
            fout_op_formulier(form, fout)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(
                request,
                _("De toestemming is vastgelegd: %(org)s kan %(deel)s nu lezen.")
                % {"org": form.cleaned_data["ontvanger"].naam, "deel": Categorie(form.cleaned_data["categorie"]).label},
            )
            return redirect("dossier:toestemmingen", pk=traject.pk)
    return render(
        request,
        "trajecten/formulier.html",
        {
            "formulieren": [form],
            "traject": traject,
            "titel": _("Toestemming per deel van het dossier vastleggen"),
            "knop": _("Toestemming vastleggen"),
            "uitleg": _(
                "Vraag toestemming in eenvoudige taal, per deel en per organisatie, door iemand die niet over verlof "
                "beslist. Leg uit dat weigeren geen gevolgen heeft. Vanaf 16 jaar beslist de jongere zelf; onder de "
                "16 de gezaghebbende ouder of voogd, en de jongere wordt ook gevraagd."
            ),
        },
    )


@login_required
def raadplegingen(request, pk):
    """Who read which part, when and on which grondslag — for the JJI-school."""
    traject = policy.traject_ophalen(request.user, pk)
    if not policy.mag_raadplegingen_zien(request.user, traject):
        raise Http404
    log = policy.raadplegingen_zichtbaar_voor(request.user, traject)
    pagina = Paginator(log.select_related("actor", "organisatie", "ontvanger", "grondslag"), 50).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "dossier/raadplegingen.html",
        {"traject": traject, "pagina": pagina, "titel": _("Raadplegingen")},
    )
