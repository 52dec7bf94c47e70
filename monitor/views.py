"""The regional monitor's page and its CSV (issue 19): aggregates only, suppressed below 5
(``monitor.onderdrukking``); no raadpleging, as nothing about any one young person is shown.
For anyone without the monitor (``policy.heeft_monitor``) the pages do not exist (404), and a
regio that is not the reader's is a 404 too."""

from __future__ import annotations

import csv
import io

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jji_traject.afdruk import afdruk
from toegang import policy

from . import selectors
from .forms import PeriodeForm
from .grafieken import grafieken
from .onderdrukking import DREMPEL, VERBORGEN
from .uitsplitsingen import uitsplitsingen


def _keuze(request):
    """The regios (one, or all for the national view), the form and — when it is valid — the figures."""
    user = request.user
    if not policy.heeft_monitor(user):
        raise Http404
    pk = request.GET.get("regio") or None
    if pk is not None:
        if not (pk.isascii() and pk.isdigit() and len(pk) <= 12):
            raise Http404
        regios = [policy.monitor_regio_ophalen(user, int(pk))]
    elif policy.is_landelijk(user):  # the national view: every regio together
        regios = list(policy.monitor_regios(user).order_by("naam"))
    else:
        regios = [policy.monitor_regio_ophalen(user)]
    form = PeriodeForm(request.GET)
    if not form.is_valid():
        return regios, form, None
    return regios, form, selectors.monitor(regios, form.cleaned_data["perioden"], vandaag=timezone.localdate())


def _naam(regios, landelijk: bool) -> str:
    if landelijk and len(regios) != 1:
        return _("alle regio's (landelijk)")
    return regios[0].naam if regios else ""


def _context(request, regios, form, cijfers) -> dict:
    return {
        "form": form,
        "formulieren": [form],
        "cijfers": cijfers,
        "grafieken": grafieken(cijfers) if cijfers else [],
        "uitsplitsingen": (
            uitsplitsingen(regios, cijfers, met_titel=policy.titel_in_monitor(request.user)) if cijfers else []
        ),
        "regionaam": _naam(regios, policy.is_landelijk(request.user)),
        "drempel": DREMPEL,
        "verborgen": VERBORGEN,
        "zoekparameters": request.GET.urlencode(),
    }


@login_required
def monitor(request):
    regios, form, cijfers = _keuze(request)
    return render(request, "monitor/monitor.html", _context(request, regios, form, cijfers))


@login_required
def monitor_afdruk(request):
    """The monitor as a printable page, or as PDF (``?formaat=pdf``) through the one PDF module:
    the same figures, charts and breakdowns."""
    regios, form, cijfers = _keuze(request)
    if cijfers is None:
        raise Http404
    context = _context(request, regios, form, cijfers)
    zonder_formaat = request.GET.copy()
    zonder_formaat.pop("formaat", None)
    context.update(
        titel=_("Monitor schoolloopbanen"), terug=f"{reverse('monitor:monitor')}?{zonder_formaat.urlencode()}"
    )
    codes = "_".join(p.code for p in (cijfers.perioden[0], cijfers.perioden[-1]))
    return afdruk(request, "monitor/afdruk.html", context, f"monitor-{codes}.pdf")


@login_required
def monitor_csv(request):
    """The page's tables as CSV (semicolons, UTF-8 with a BOM for Excel): the same cells — the
    figures per period, then each breakdown after an empty line."""
    regios, form, cijfers = _keuze(request)
    if cijfers is None:
        raise Http404
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=";")
    schrijver.writerows(cijfers.tabel)
    for uitsplitsing in uitsplitsingen(regios, cijfers, met_titel=policy.titel_in_monitor(request.user)):
        schrijver.writerow([])
        schrijver.writerows(uitsplitsing.tabel(cijfers.kopperiode, cijfers.koptekst))
    antwoord = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    codes = "_".join(p.code for p in (cijfers.perioden[0], cijfers.perioden[-1]))
    antwoord["Content-Disposition"] = f'attachment; filename="monitor-{codes}.csv"'
    return antwoord
