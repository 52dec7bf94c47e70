"""One helper for the many one-form pages (traject, dossier, consent): a valid POST calls a
service inside a transaction; a refusal lands on the form and nothing is saved."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render

from .forms import fout_op_formulier


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
    return render(
        request,
        sjabloon,
        {"formulieren": [form], "traject": traject, "titel": titel, "knop": knop, "uitleg": uitleg},
    )


def postactie(request, actie, *, gelukt, terug, terug_bij_fout=None):
    """One POST action of a page: run ``actie()`` (a service call). A refusal
    (``ValidationError``) becomes one error message and nothing is saved (the services are
    atomic); an action one may not take does not exist for them (``PermissionDenied`` → 404).
    On success ``gelukt`` (a text, a function of the result, or ``None`` for no message)
    becomes a success message. Then back to ``terug`` — a URL or a function of the result —
    or, after a refusal, to ``terug_bij_fout`` when given."""
    try:
        resultaat = actie()
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
        return redirect(terug_bij_fout or terug)
    except PermissionDenied:
        raise Http404 from None
    tekst = gelukt(resultaat) if callable(gelukt) else gelukt
    if tekst:
        messages.success(request, tekst)
    return redirect(terug(resultaat) if callable(terug) else terug)
