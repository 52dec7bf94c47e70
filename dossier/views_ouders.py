"""The young person's consent, from 18, to involve their parents ("ouders betrekken", issue 20):
recorded and withdrawn by whoever records the traject's grondslagen, on the consent register."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jji_traject.paginas import postactie
from trajecten import services as traject_services

from .forms import OudersBetrekkenForm
from .views import _beheerbaar


@login_required
def ouders_betrekken(request, pk):
    traject = _beheerbaar(request, pk)
    form = OudersBetrekkenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            traject_services.ouders_betrekken_vastleggen(
                actor=request.user, traject=traject, gegevens=form.cleaned_data
            )
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, _("De toestemming om de ouders te betrekken is vastgelegd."))
            return redirect("dossier:toestemmingen", pk=traject.pk)
    return render(
        request,
        "dossier/ouders_betrekken.html",
        {"traject": traject, "form": form, "formulieren": [form], "titel": _("Ouders betrekken")},
    )


@login_required
@require_POST
def ouders_betrekken_intrekken(request, pk):
    traject = _beheerbaar(request, pk)
    record = traject.ouders_betrekken.geldig().first()
    terug = redirect("dossier:toestemmingen", pk=traject.pk).url
    if record is None:
        messages.error(request, _("Er is geen toestemming om de ouders te betrekken om in te trekken."))
        return redirect(terug)
    return postactie(
        request,
        lambda: traject_services.ouders_betrekken_intrekken(actor=request.user, record=record),
        gelukt=_("De toestemming om de ouders te betrekken is ingetrokken. Vanaf nu worden de ouders niet betrokken."),
        terug=terug,
    )
