"""The privacy statement for the young person (issue 20, item 6): what is kept and by whom, for
how long, their rights and whom to ask — in B1 Dutch and in English, as a page anyone may open
(the young person has no account) and as a printable page or PDF through the one PDF module.
The periods are the reader's regio's schedule when a person of a regio opens it, else the
defaults."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation

from jji_traject.afdruk import afdruk
from toegang import policy

from . import selectors
from .models import Bewaarschema

TALEN = {"nl": "Privacyverklaring", "en": "Privacy statement"}


def _context(request, taal: str) -> dict:
    regio = policy.regio_van(request.user) if request.user.is_authenticated else None
    schema = selectors.schema_van(regio) if regio is not None else Bewaarschema.standaard(None)
    return {
        "taal": taal,
        "andere_taal": "en" if taal == "nl" else "nl",
        "schema": schema,
        "regio": regio,
        "tekst": f"bewaren/_privacy_{taal}.html",
        "titel": TALEN[taal],
        "terug": reverse("privacyverklaring", args=[taal]),
    }


def privacyverklaring(request, taal: str = "nl"):
    if taal not in TALEN:
        raise Http404
    with translation.override(taal):
        return render(request, "bewaren/privacyverklaring.html", {**_context(request, taal), "basis": "base.html"})


def privacyverklaring_afdruk(request, taal: str = "nl"):
    if taal not in TALEN:
        raise Http404
    with translation.override(taal):
        context = {**_context(request, taal), "basis": "afdruk.html"}
        bestand = "privacyverklaring.pdf" if taal == "nl" else "privacy-statement.pdf"
        return afdruk(request, "bewaren/privacyverklaring.html", context, bestand)
