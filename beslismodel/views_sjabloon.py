"""The beheer pages of the beslismodel's template: the functioneel beheerder adapts the
wording for their regio in a new version and publishes it. No youth data."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jji_traject.paginas import formulierpagina, gepost, postactie
from jji_traject.standaardtekst import standaardtekst
from toegang import policy

from . import selectors, sjabloonbeheer
from .forms import ItemForm, SectieForm, SjabloonTekstForm
from .models import Sjabloon, SjabloonItem, SjabloonSectie


def _concept(request):
    regio = policy.beheerde_regio_ophalen(request.user)
    concept = sjabloonbeheer.concept_van(regio)
    if concept is None:
        raise Http404
    return concept


@login_required
def sjabloon(request):
    """The version in use in the regio and, once made, the new version being edited."""
    regio = policy.beheerde_regio_ophalen(request.user)
    in_gebruik = sjabloonbeheer.in_gebruik(regio)
    concept = sjabloonbeheer.concept_van(regio)
    getoond = concept or in_gebruik
    return render(
        request,
        "beslismodel/sjabloon.html",
        {
            "regio": regio,
            "in_gebruik": in_gebruik,
            "concept": concept,
            "sjabloon": getoond,
            "items": selectors.items_van(getoond),
            "versies": Sjabloon.objects.filter(regio=regio).order_by("-versie"),
            "titel": _("Beslismodel"),
        },
    )


@login_required
@require_POST
def sjabloon_kopieren(request):
    regio = policy.beheerde_regio_ophalen(request.user)
    return postactie(
        request,
        lambda: sjabloonbeheer.sjabloon_kopieren(actor=request.user, regio=regio),
        gelukt=lambda nieuw: (
            _("Versie %(versie)s is gemaakt. Pas de tekst aan en publiceer haar; tot dan geldt de huidige versie.")
            % {"versie": nieuw.versie}
        ),
        terug=reverse("beslismodel:sjabloon"),
    )


@login_required
@require_POST
def sjabloon_publiceren(request):
    concept = _concept(request)
    return postactie(
        request,
        lambda: sjabloonbeheer.sjabloon_publiceren(actor=request.user, sjabloon=concept),
        gelukt=_("Versie %(versie)s is gepubliceerd: nieuwe beslismodellen in je regio gebruiken deze tekst.")
        % {"versie": concept.versie},
        terug=reverse("beslismodel:sjabloon"),
    )


def _formulier(request, form, actie, titel):
    """One form of the template's words, saved through ``actie`` (the one form-page helper)."""
    return formulierpagina(
        request,
        None,
        form,
        actie,
        titel=titel,
        knop=_("Opslaan"),
        melding=_("De tekst is opgeslagen."),
        terug="beslismodel:sjabloon",
        sjabloon="beslismodel/sjabloon_formulier.html",
    )


@login_required
def sjabloon_tekst(request):
    concept = _concept(request)
    form = SjabloonTekstForm(
        gepost(request),
        initial={"naam": concept.naam, "adviestitel": concept.adviestitel, "adviesuitleg": concept.adviesuitleg},
    )
    return _formulier(
        request,
        form,
        lambda f: sjabloonbeheer.sjabloon_tekst_wijzigen(actor=request.user, sjabloon=concept, gegevens=f.cleaned_data),
        _("Naam en kop van het advies"),
    )


@login_required
def sectie_wijzigen(request, sectie_pk):
    sectie = get_object_or_404(SjabloonSectie, pk=sectie_pk, sjabloon=_concept(request))
    form = SectieForm(gepost(request), initial={"titel": sectie.titel, "uitleg": sectie.uitleg})
    return _formulier(
        request,
        form,
        lambda f: sjabloonbeheer.sectie_wijzigen(actor=request.user, sectie=sectie, gegevens=f.cleaned_data),
        _("Sectie: %(titel)s") % {"titel": standaardtekst(sectie.titel)},
    )


@login_required
def item_wijzigen(request, item_pk):
    item = get_object_or_404(
        SjabloonItem.objects.select_related("sectie__sjabloon").prefetch_related("keuzes"),
        pk=item_pk,
        sectie__sjabloon=_concept(request),
    )
    form = ItemForm(
        gepost(request),
        item=item,
        initial={
            "titel": item.titel,
            "uitleg": item.uitleg,
            "aandachtspunten": item.aandachtspunten,
            "vraag": item.vraag,
        },
    )
    return _formulier(
        request,
        form,
        lambda f: sjabloonbeheer.item_wijzigen(
            actor=request.user,
            item=item,
            gegevens={k: v for k, v in f.cleaned_data.items() if not k.startswith("keuze_")},
            keuzelabels=f.keuzelabels(),
        ),
        _("Onderdeel: %(titel)s") % {"titel": standaardtekst(item.titel)},
    )
