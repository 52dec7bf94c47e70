"""The functionaris gegevensbescherming's search of the raadplegingen log
(``toegang.policy.logonderzoek``): a form that records the search, the recorded searches of the
organisation, and the rows one search found. Nobody else reaches these pages (404)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from jji_traject import paginering
from jji_traject.paginas import fout_op_formulier, gepost
from toegang import policy

from .forms import LogonderzoekForm

REGELS_PER_PAGINA = 100


def _alleen_fg(request) -> None:
    if not policy.mag_log_onderzoeken(request.user):
        raise Http404


@login_required
def logonderzoek(request):
    """Search form and the organisation's earlier searches, newest first."""
    _alleen_fg(request)
    form = LogonderzoekForm(gepost(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            onderzoek = policy.log_onderzoeken(request.user, **form.cleaned_data)
        except ValidationError as fout:
            fout_op_formulier(form, fout)
        except PermissionDenied:
            raise Http404 from None
        else:
            return redirect("privacy:logonderzoek_resultaat", onderzoek_pk=onderzoek.pk)
    eerder = paginering.pagina(policy.onderzoeken_zichtbaar_voor(request.user), request.GET.get("pagina"), 25)
    return render(
        request,
        "dossier/logonderzoek.html",
        {"formulieren": [form], "pagina": eerder, "titel": _("Logonderzoek")},
    )


@login_required
def logonderzoek_resultaat(request, onderzoek_pk):
    """The rows of one recorded search (no part is opened: no raadpleging)."""
    _alleen_fg(request)
    onderzoek = policy.onderzoek_ophalen(request.user, onderzoek_pk)
    pagina = paginering.pagina(policy.onderzoek_resultaten(onderzoek), request.GET.get("pagina"), REGELS_PER_PAGINA)
    return render(
        request,
        "dossier/logonderzoek_resultaat.html",
        {"onderzoek": onderzoek, "pagina": pagina, "titel": _("Resultaat van een logonderzoek")},
    )
