"""The schoolloopbaan na uitstroom on the pages: the receiving mbo (or leerplicht/RMC without a
school) records the enrolment, the first school day and the checkpoints; step 10's "afsluiten
nazorg". Reading is the dossier page's (``policy.categorie_lezen``); these are the writes.
Anyone else gets a 404 (a form one may not use does not exist for them)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.utils.translation import gettext as _

from jji_traject.paginas import formulierpagina
from toegang import policy

from . import selectors_schoolloopbaan as selectors
from . import services_schoolloopbaan as services
from .forms import InschrijvingForm, NazorgafsluitingForm, SchoolcheckpointForm

UITLEG = _(
    "De schoolloopbaan na uitstroom legt de ontvangende school vast (of leerplicht/RMC als er geen school is). "
    "Een datum vóór de vrijlating of vóór de inschrijving wordt niet opgeslagen."
)


def _schrijfbaar(request, pk):
    traject = policy.traject_ophalen(request.user, pk)
    if not policy.mag_schoolloopbaan_schrijven(request.user, traject):
        raise Http404
    return traject


@login_required
def inschrijving_vastleggen(request, pk):
    traject = _schrijfbaar(request, pk)
    # Most enrolments are at the writer's own school: its name filled in, to change if not.
    eigen = policy.medewerker_van(request.user).organisatie.naam
    form = InschrijvingForm(request.POST or None, initial={"instelling": eigen})
    return formulierpagina(
        request,
        traject,
        form,
        lambda f: services.inschrijving_vastleggen(actor=request.user, traject=traject, gegevens=f.cleaned_data),
        titel=_("Inschrijving vastleggen"),
        knop=_("Opslaan"),
        melding=_("De inschrijving is vastgelegd."),
        uitleg=UITLEG,
        terug="dossier:dossier",
    )


@login_required
def inschrijving_wijzigen(request, pk, inschrijving_pk):
    traject = _schrijfbaar(request, pk)
    inschrijving = selectors.inschrijving_van(traject, inschrijving_pk)
    # The form edits its own copy: the service compares against the stored values.
    form = InschrijvingForm(request.POST or None, instance=selectors.inschrijving_van(traject, inschrijving_pk))
    return formulierpagina(
        request,
        traject,
        form,
        lambda f: services.inschrijving_wijzigen(
            actor=request.user, inschrijving=inschrijving, gegevens=f.cleaned_data
        ),
        titel=_("Inschrijving bijwerken"),
        knop=_("Opslaan"),
        melding=_("De inschrijving is bijgewerkt."),
        uitleg=UITLEG,
        terug="dossier:dossier",
    )


@login_required
def checkpoint_vastleggen(request, pk):
    traject = _schrijfbaar(request, pk)
    form = SchoolcheckpointForm(request.POST or None, initial={"moment": request.GET.get("moment")})
    return formulierpagina(
        request,
        traject,
        form,
        lambda f: services.checkpoint_vastleggen(actor=request.user, traject=traject, gegevens=f.cleaned_data),
        titel=_("Checkpoint vastleggen"),
        knop=_("Opslaan"),
        melding=_("Het checkpoint is vastgelegd."),
        uitleg=UITLEG,
        terug="dossier:dossier",
    )


@login_required
def nazorg_afsluiten(request, pk):
    traject = policy.traject_ophalen(request.user, pk)
    if not policy.mag_nazorg_afsluiten(request.user, traject):
        raise Http404
    form = NazorgafsluitingForm(request.POST or None)
    return formulierpagina(
        request,
        traject,
        form,
        lambda f: services.nazorg_afsluiten(actor=request.user, traject=traject, gegevens=f.cleaned_data),
        titel=_("Nazorg afsluiten"),
        knop=_("Nazorg afsluiten"),
        melding=_("De nazorg is afgesloten. Er worden geen checkpoints meer gevraagd."),
        uitleg=_(
            "Sluit de nazorg formeel af als de situatie stabiel is: de evaluatiedatum, het besluit en wie adviseerde."
        ),
        terug="dossier:dossier",
    )
