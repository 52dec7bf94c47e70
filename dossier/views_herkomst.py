"""Asking the school van herkomst for its onderwijsinformatie (``toegang.policy.herkomst``): the
JJI-school asks from the dossier page; the school van herkomst sees its requests (the student,
the asking school, the grondslag, the question; no traject) and answers each on its page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jji_traject import paginering
from jji_traject.paginas import formulierpagina, postactie
from netwerk.models import Organisatie
from toegang import policy

from . import services
from .forms import HerkomstForm


@login_required
@require_POST
def herkomst_opvragen(request, pk):
    """The JJI-school asks one school van herkomst (one open request per school)."""
    traject = policy.traject_ophalen(request.user, pk)
    keuze = request.POST.get("organisatie", "")
    organisatie = Organisatie.objects.filter(pk=keuze).first() if keuze.isdigit() else None
    terug = reverse("dossier:dossier", args=[traject.pk]) + "#herkomst"
    return postactie(
        request,
        lambda: services.herkomst_opvragen(
            actor=request.user, traject=traject, organisatie=organisatie, vraag=request.POST.get("vraag", "")
        ),
        gelukt=lambda verzoek: (
            _("Het verzoek om onderwijsinformatie is verstuurd aan %(school)s.") % {"school": verzoek.organisatie.naam}
        ),
        terug=terug,
    )


@login_required
def herkomstverzoeken(request):
    """The requests to the reader's school, newest first."""
    pagina = paginering.pagina(policy.herkomstverzoeken_voor(request.user), request.GET.get("pagina"), 50)
    return render(
        request,
        "dossier/herkomstverzoeken.html",
        {"pagina": pagina, "titel": _("Verzoeken om onderwijsinformatie")},
    )


@login_required
def herkomstverzoek(request, verzoek_pk):
    """One request: what is asked, and the answer (the school's own onderwijsinformatie)."""
    verzoek = policy.herkomstverzoek_ophalen(request.user, verzoek_pk)
    huidig = policy.herkomst_eigen_antwoord(request.user, verzoek)
    jongere = verzoek.traject.jongere
    return formulierpagina(
        request,
        None,
        HerkomstForm(request.POST or None, instance=huidig),
        lambda f: services.herkomstverzoek_beantwoorden(actor=request.user, verzoek=verzoek, gegevens=f.cleaned_data),
        titel=_("Onderwijsinformatie voor %(school)s") % {"school": verzoek.grondslag.ontvanger.naam},
        knop=_("Versturen"),
        melding=_("Uw onderwijsinformatie over %(naam)s is verstuurd.") % {"naam": jongere.naam},
        uitleg=_(
            "%(school)s vraagt om de onderwijsinformatie van uw student %(naam)s (geboren %(datum)s), op grond van "
            "%(grond)s, om het onderwijs voort te zetten. Alleen die school leest wat u hier invult.%(vraag)s"
        )
        % {
            "school": verzoek.grondslag.ontvanger.naam,
            "naam": jongere.naam,
            "datum": jongere.geboortedatum.strftime("%d-%m-%Y"),
            "grond": verzoek.grondslag.get_grondslag_display(),
            "vraag": (" " + _("De vraag: %(vraag)s") % {"vraag": verzoek.vraag}) if verzoek.vraag else "",
        },
        terug="dossier:herkomstverzoeken",
        sjabloon="dossier/herkomstverzoek.html",
    )
