"""The beslismodel pages. Thin: the traject through ``policy.traject_ophalen`` (404 for missing
and forbidden alike), versions through ``policy.beslismodellen_zichtbaar_voor``, answers
through the selectors (which read them through the dossier's door), writes through services.
Every URL here is registered in ``toegang.registry``."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jji_traject import paginering
from jji_traject.afdruk import afdruk
from jji_traject.paginas import fout_op_formulier, gepost, postactie
from toegang import policy

from . import selectors, services
from .constants import STATUS_ICOON, STATUS_UITLEG, Sectie, Stand, Status
from .forms import AntwoordenForm, BesluitForm, IndienenForm, MaatregelFormSet, TerugleggenForm

PER_PAGINA = 25


def _versie(request, pk, versie):
    # A version holds dossier data: a request for another traject's is on record (URL tampering).
    traject = policy.dossier_traject_ophalen(request.user, pk, verzoek=request)
    beslismodel = get_object_or_404(
        policy.beslismodellen_zichtbaar_voor(request.user, traject).select_related(
            "ontvanger", "sjabloon", "ingediend_door", "aangemaakt_door", "bijgewerkt_door"
        ),
        versie=versie,
    )
    return traject, beslismodel


def _concept(request, pk, versie):
    """A draft the reader may fill in; a submitted version sends them to its page."""
    traject, beslismodel = _versie(request, pk, versie)
    if not policy.mag_beslismodel_opstellen(request.user, traject):
        raise Http404
    return traject, beslismodel


def _status_context():
    return {"status_icoon": STATUS_ICOON, "status_uitleg": STATUS_UITLEG, "statussen": Status}


@login_required
def overzicht(request, pk):
    """Every version the reader may see, and what to do next."""
    traject = policy.traject_ophalen(request.user, pk)
    stand = selectors.stand_op_traject(request.user, traject)
    if stand is None:
        raise Http404  # no business with the beslismodel of this traject
    versies = (
        policy.beslismodellen_zichtbaar_voor(request.user, traject)
        .select_related("ontvanger", "ingediend_door")
        .prefetch_related("besluiten")
        .order_by("-versie")
    )
    return render(
        request,
        "beslismodel/overzicht.html",
        {"traject": traject, "stand": stand, "versies": versies, "titel": _("Beslismodel"), **_status_context()},
    )


@login_required
@require_POST
def beginnen(request, pk):
    traject = policy.traject_ophalen(request.user, pk)
    if not policy.mag_beslismodel_opstellen(request.user, traject):
        raise Http404
    return postactie(
        request,
        lambda: services.beslismodel_beginnen(actor=request.user, traject=traject),
        gelukt=lambda concept: (
            _(
                "Versie %(versie)s is begonnen. Vul het beslismodel samen met de jongere in; alleen de JJI-school "
                "ziet het."
            )
            % {"versie": concept.versie}
        ),
        terug=lambda concept: reverse("beslismodel:invullen", args=[traject.pk, concept.versie]),
        terug_bij_fout=reverse("beslismodel:overzicht", args=[traject.pk]),
    )


@login_required
def invullen(request, pk, versie):
    """The draft, section by section: per item "extra aandacht nodig" and what is needed."""
    traject, beslismodel = _concept(request, pk, versie)
    if not beslismodel.is_concept:
        messages.info(request, _("Deze versie is ingediend en verandert niet meer."))
        return redirect("beslismodel:versie", pk=traject.pk, versie=beslismodel.versie)
    items, antwoorden = selectors.concept_weergave(request.user, traject, beslismodel)
    form = AntwoordenForm(
        gepost(request),
        items=items,
        antwoorden=antwoorden,
        formulering_toelichting=beslismodel.formulering_toelichting,
        stempel=selectors.stempel_van(beslismodel),
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.antwoorden_opslaan(
                    actor=request.user,
                    beslismodel=beslismodel,
                    gegevens=form.cleaned_data,
                    formulering_toelichting=form.cleaned_data["formulering_toelichting"],
                    stempel=form.cleaned_data["stempel"],
                )
        except ValidationError as fout:
            fout_op_formulier(form, fout)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, _("Het beslismodel is opgeslagen."))
            volgende = "beslismodel:indienen" if "naar_indienen" in request.POST else "beslismodel:invullen"
            return redirect(volgende, pk=traject.pk, versie=beslismodel.versie)
    secties = []
    for item in items:
        if not secties or secties[-1][0] != item.sectie:
            secties.append((item.sectie, []))
        secties[-1][1].append((item, form.velden_van(item)))
    return render(
        request,
        "beslismodel/invullen.html",
        {
            "traject": traject,
            "beslismodel": beslismodel,
            "form": form,
            "formulieren": [form],
            "secties": secties,
            "titel": _("Beslismodel invullen"),
        },
    )


@login_required
def indienen(request, pk, versie):
    """Submit the draft to the receiving mbo, after seeing which parts each school would read."""
    traject, beslismodel = _concept(request, pk, versie)
    if not beslismodel.is_concept:
        return redirect("beslismodel:versie", pk=traject.pk, versie=beslismodel.versie)
    vorige = policy.beslismodellen_zichtbaar_voor(request.user, traject).exclude(stand=Stand.CONCEPT)
    vorige = vorige.order_by("-versie").first()
    form = IndienenForm(
        gepost(request),
        ontvangers=selectors.ontvangers(traject),
        initial={"ontvanger": vorige.ontvanger_id if vorige else None},
    )
    ontbrekend: list = []
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.beslismodel_indienen(
                    actor=request.user,
                    beslismodel=beslismodel,
                    ontvanger=form.cleaned_data["ontvanger"],
                    met_jongere_besproken=form.cleaned_data["met_jongere_besproken"],
                )
        except ValidationError as fout:
            ontbrekend = _ontbrekende_keuzes(fout, traject, beslismodel)
            if hasattr(fout, "error_dict"):
                fout = ValidationError({k: v for k, v in fout.error_dict.items() if k not in dict(ontbrekend)})
            if not hasattr(fout, "error_dict") or fout.error_dict:
                fout_op_formulier(form, fout)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, _ingediend_melding(traject, beslismodel, form.cleaned_data["ontvanger"]))
            return redirect("beslismodel:versie", pk=traject.pk, versie=beslismodel.versie)
    return render(
        request,
        "beslismodel/indienen.html",
        {
            "ontbrekend": [melding for _veld, melding in ontbrekend],
            "traject": traject,
            "beslismodel": beslismodel,
            "form": form,
            "formulieren": [form],
            "zicht": selectors.wat_ontvangers_zien(traject),
            "titel": _("Beslismodel indienen"),
        },
    )


def _ontbrekende_keuzes(fout: ValidationError, traject, beslismodel) -> list[tuple[str, tuple[str, str]]]:
    """The choices the draft still lacks (refused on the draft's own fields): per field its
    message and a link to its section of the draft, where it is filled in."""
    if not hasattr(fout, "error_dict"):
        return []
    invullen = reverse("beslismodel:invullen", args=[traject.pk, beslismodel.versie])
    return [
        (veld, (" ".join(ValidationError(fouten).messages), f"{invullen}#item-{veld.removesuffix('__keuze')}"))
        for veld, fouten in fout.error_dict.items()
        if veld.endswith("__keuze")
    ]


def _ingediend_melding(traject, beslismodel, organisatie) -> str:
    """Submitted to ``organisatie``: who there sees it now, and — when no intaker of the
    school is assigned — who is asked to assign one."""
    tekst = _("Versie %(versie)s is ingediend bij %(org)s. Je ziet het besluit op het traject zodra het er is.") % {
        "versie": beslismodel.versie,
        "org": organisatie.naam,
    }
    mensen = selectors.wie_ziet_indiening(traject, organisatie)
    if mensen:
        tekst += " " + _("Bij %(org)s zien het nu: %(wie)s.") % {
            "org": organisatie.naam,
            "wie": ", ".join(m.naam for m in mensen),
        }
    if not selectors.intaker_toegewezen(traject, organisatie):
        toewijzers = selectors.intaker_toewijzers(traject, organisatie)
        if toewijzers:
            tekst += " " + _("Er is nog geen intaker toegewezen. Gevraagd om er een toe te wijzen: %(wie)s.") % {
                "wie": ", ".join(m.naam for m in toewijzers)
            }
    return tekst


@login_required
def versie(request, pk, versie):
    """One submitted version as the reader may see it: the answers of the parts shared with
    them, the suggestion and why, the decisions, and what changed since the version before."""
    traject, beslismodel = _versie(request, pk, versie)
    if beslismodel.is_concept:
        return redirect("beslismodel:invullen", pk=traject.pk, versie=beslismodel.versie)
    weergave = selectors.versie_weergave(request.user, traject, beslismodel, verzoek=request)
    huidig = weergave.huidig_besluit
    wacht = beslismodel.stand == Stand.BESLOTEN and huidig is not None
    mag_bevestigen = wacht and policy.mag_beslismodel_bevestigen(request.user, beslismodel)
    mag_terugleggen = wacht and policy.mag_besluit_terugleggen(request.user, huidig)
    return render(
        request,
        "beslismodel/versie.html",
        {
            "traject": traject,
            "w": weergave,
            "huidig": huidig,
            "mag_besluiten": policy.mag_beslismodel_besluiten(request.user, beslismodel),
            "mag_bevestigen": mag_bevestigen,
            "mag_terugleggen": mag_terugleggen,
            "zelf_besloten": bool(huidig and huidig.besloten_door_id == request.user.pk),
            "terugleggen": TerugleggenForm(),
            "voor_jongere": policy.is_schrijvende_school(request.user, traject)
            and beslismodel.stand == Stand.VASTGESTELD,
            "titel": _("Beslismodel, versie %(versie)s") % {"versie": beslismodel.versie},
            **_status_context(),
        },
    )


def _fouten_verdelen(fout: ValidationError, form, formset) -> None:
    """A refusal of the decision service on the field it concerns: a measure's on its row."""
    if not hasattr(fout, "error_dict"):
        form.add_error(None, fout)
        return
    rijen = {f"{f.prefix}-{naam}": (f, naam) for f in formset.forms for naam in f.fields}
    for veld, fouten in fout.error_dict.items():
        if veld in rijen:
            rij, naam = rijen[veld]
            rij.add_error(naam, fouten)
        else:
            form.add_error(veld if veld in form.fields else None, fouten)


@login_required
def besluiten(request, pk, versie):
    """The receiving mbo decides: the advice on measures and support, the status with its
    motivation, the first contact person, the evaluation date and the begeleidingsplan."""
    traject, beslismodel = _versie(request, pk, versie)
    if not policy.mag_beslismodel_besluiten(request.user, beslismodel):
        if beslismodel.stand != Stand.INGEDIEND and not beslismodel.is_concept:
            messages.info(request, _("Over deze versie is al besloten; een besluit verandert niet meer."))
            return redirect("beslismodel:versie", pk=traject.pk, versie=beslismodel.versie)
        raise Http404
    mensen = selectors.mensen_van_ontvanger(request.user, beslismodel)
    form = BesluitForm(gepost(request), mensen=mensen)
    formset = MaatregelFormSet(gepost(request), prefix="maatregel", form_kwargs={"mensen": mensen})
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        maatregelen = [
            {
                **f.cleaned_data,
                "veld": f"{f.prefix}-omschrijving",
                "velden": {naam: f"{f.prefix}-{naam}" for naam in ("medewerker", "datum")},
            }
            for f in formset.forms
            if any(f.cleaned_data.get(naam) for naam in ("omschrijving", "medewerker", "datum"))
        ]
        try:
            with transaction.atomic():
                besluit = services.beslismodel_besluiten(
                    actor=request.user,
                    beslismodel=beslismodel,
                    status=form.cleaned_data["status"],
                    advies=form.cleaned_data["advies"],
                    motivatie=form.cleaned_data["motivatie"],
                    afwijkingsreden=form.cleaned_data["afwijkingsreden"],
                    aanspreekpunt=form.cleaned_data["aanspreekpunt"],
                    evaluatie_op=form.cleaned_data["evaluatie_op"],
                    maatregelen=maatregelen,
                )
        except ValidationError as fout:
            _fouten_verdelen(fout, form, formset)
        except PermissionDenied:
            raise Http404 from None
        else:
            if besluit.staat:
                melding = _("Het besluit is vastgelegd. De afspraken staan als taken op de routekaart.")
            else:
                melding = _(
                    "Het besluit is vastgelegd. De verbindingsofficier bevestigt de status %(status)s; daarna "
                    "komen de afspraken op de routekaart."
                ) % {"status": besluit.get_status_display()}
            messages.success(request, melding)
            return redirect("beslismodel:versie", pk=traject.pk, versie=beslismodel.versie)
    return render(
        request,
        "beslismodel/besluiten.html",
        {
            "traject": traject,
            "w": selectors.versie_weergave(request.user, traject, beslismodel, verzoek=request),
            "form": form,
            "formset": formset,
            "formulieren": [form, *formset.forms],
            "titel": _("Besluit over het beslismodel"),
            **_status_context(),
        },
    )


@login_required
@require_POST
def bevestigen(request, pk, versie):
    """A confirmer confirms oranje or rood, or sends the decision back with a reason (as may
    whoever took it)."""
    traject, beslismodel = _versie(request, pk, versie)
    wachtend = selectors.wachtend_besluit(beslismodel)
    if not (
        policy.mag_beslismodel_bevestigen(request.user, beslismodel)
        or (wachtend is not None and policy.mag_besluit_terugleggen(request.user, wachtend))
    ):
        raise Http404
    actie = request.POST.get("actie")
    try:
        if actie == "bevestigen":
            services.besluit_bevestigen(actor=request.user, beslismodel=beslismodel)
            messages.success(request, _("De status is bevestigd. De afspraken staan als taken op de routekaart."))
        elif actie == "terugleggen":
            form = TerugleggenForm(request.POST)
            if not form.is_valid():
                raise ValidationError([m for fouten in form.errors.values() for m in fouten])
            services.besluit_terugleggen(
                actor=request.user, beslismodel=beslismodel, reactie=form.cleaned_data["reactie"]
            )
            messages.success(request, _("Het besluit is teruggelegd; er kan een nieuw besluit worden genomen."))
        else:
            messages.error(request, _("Kies: bevestigen of terugleggen."))
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    except PermissionDenied:
        raise Http404 from None
    return redirect("beslismodel:versie", pk=traject.pk, versie=beslismodel.versie)


@login_required
def voor_jongere(request, pk, versie):
    """What was agreed, for the young person to take along: the advice, the afspraken and who
    does what. Without the status: the colour stays off anything the young person sees."""
    traject, beslismodel = _versie(request, pk, versie)
    if not policy.is_schrijvende_school(request.user, traject) or beslismodel.stand != Stand.VASTGESTELD:
        raise Http404
    weergave = selectors.versie_weergave(request.user, traject, beslismodel, verzoek=request)
    afspraken = [i for s in weergave.secties if s.sectie.code == Sectie.KADERS for i in s.items]
    return afdruk(
        request,
        "beslismodel/voor_jongere.html",
        {
            "traject": traject,
            "beslismodel": beslismodel,
            "besluit": weergave.huidig_besluit,
            "afspraken": afspraken,
            "terug": reverse("beslismodel:versie", args=[traject.pk, beslismodel.versie]),
            "titel": _("Wat we afspraken voor je start op school"),
        },
        f"afspraken-{traject.pk}-{beslismodel.versie}.pdf",
    )


FILTERS = {"besluiten": Stand.INGEDIEND, "bevestigen": Stand.BESLOTEN}


@login_required
def te_beoordelen(request):
    """Submitted beslismodellen waiting at the reader's school, oldest first."""
    rijen = selectors.te_beoordelen(request.user)
    wat = request.GET.get("wat", "")
    if wat in FILTERS:
        rijen = rijen.filter(stand=FILTERS[wat])
    try:
        dagen = max(0, min(int(request.GET.get("wacht", "") or 0), 365))
    except ValueError:
        dagen = 0
    if dagen:
        rijen = rijen.filter(ingediend_op__lte=timezone.now() - dt.timedelta(days=dagen))
    pagina = paginering.pagina(rijen, request.GET.get("pagina"), PER_PAGINA)
    zoek = request.GET.copy()
    zoek.pop("pagina", None)
    return render(
        request,
        "beslismodel/te_beoordelen.html",
        {
            "pagina": pagina,
            "wat": wat if wat in FILTERS else "",
            "wacht": dagen,
            "zoekparameters": zoek.urlencode(),
            "gefilterd": bool(wat in FILTERS or dagen),
            "ziet_alles": selectors.ziet_alle_trajecten_van_school(request.user),
            "verbindingsofficier": selectors.verbindingsofficier_van(request.user),
            "titel": _("Te beoordelen"),
        },
    )
