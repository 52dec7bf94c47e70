"""Helpers for the pages of every app: the many one-form pages (a valid POST calls a service
inside a transaction; a refusal lands on the form and nothing is saved), POST actions
(``postactie``), and a service's refusal shown on a form or as one sentence."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse


def fouten_tekst(form: forms.Form) -> str:
    """All of a form's errors in one sentence (for a message on the page it came from)."""
    return " ".join(str(m) for fouten in form.errors.values() for m in fouten)


def fout_op_formulier(form: forms.Form, fout: ValidationError) -> None:
    """Show a ValidationError from a service on the form: on its field where the form has
    that field, otherwise at the top."""
    if hasattr(fout, "error_dict"):
        for veld, fouten in fout.error_dict.items():
            form.add_error(veld if veld in form.fields else None, fouten)
    else:
        form.add_error(None, fout)


def gepost(request):
    """The posted data, also when it is empty (an empty POST is a bad request, not a fresh form)."""
    return request.POST if request.method == "POST" else None


def formulierpagina(
    request,
    traject,
    form,
    actie,
    *,
    titel,
    knop,
    melding,
    uitleg="",
    terug="trajecten:detail",
    sjabloon="trajecten/formulier.html",
):
    """``actie(form)`` on a valid POST, then back to ``terug`` (of the traject, when there is
    one) with ``melding`` (a text, or a function of the form); otherwise the form (again)
    with its messages."""
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                actie(form)
        except ValidationError as fout:
            fout_op_formulier(form, fout)
        except PermissionDenied:
            raise Http404 from None  # a form one may not use does not exist for them
        else:
            messages.success(request, melding(form) if callable(melding) else melding)
            return redirect(terug, pk=traject.pk) if traject is not None else redirect(terug)
    terug_url = reverse(terug, kwargs={"pk": traject.pk}) if traject is not None else reverse(terug)
    return render(
        request,
        sjabloon,
        {
            "formulieren": [form],
            "traject": traject,
            "titel": titel,
            "knop": knop,
            "uitleg": uitleg,
            "terug_url": terug_url,
        },
    )


def postactie(request, actie, *, gelukt, terug, terug_bij_fout=None, verboden_is_404=True):
    """One POST action of a page: run ``actie()`` (a service call). A refusal
    (``ValidationError``) becomes one error message and nothing is saved (the services are
    atomic). An action one may not take (``PermissionDenied``) does not exist for them: 404 —
    or, with ``verboden_is_404=False``, Django's 403 where the page already showed who may.
    On success ``gelukt`` (a text, a function of the result, or ``None`` for no message)
    becomes a success message. Then back to ``terug`` — a URL, or a function of the result
    (then ``terug_bij_fout`` is required) — or, after a refusal, to ``terug_bij_fout``."""
    if callable(terug) and terug_bij_fout is None:
        raise TypeError("postactie: a 'terug' that depends on the result needs a 'terug_bij_fout'")
    try:
        resultaat = actie()
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
        return redirect(terug_bij_fout or terug)
    except PermissionDenied:
        if not verboden_is_404:
            raise
        raise Http404 from None
    tekst = gelukt(resultaat) if callable(gelukt) else gelukt
    if tekst:
        messages.success(request, tekst)
    return redirect(terug(resultaat) if callable(terug) else terug)


class AlsGevraagd:
    """A value of the page header (a count) worked out the first time a template asks for it,
    and once: a template calls it when it resolves the name. A fragment that htmx swaps in
    (one step's tasks, one row) shows no header, so it costs no query there."""

    def __init__(self, bereken):
        self._bereken = bereken
        self._waarde = None
        self._klaar = False

    def __call__(self):
        if not self._klaar:
            self._waarde, self._klaar = self._bereken(), True
        return self._waarde
