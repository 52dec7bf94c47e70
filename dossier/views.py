"""The doorstroomdossier pages. Every part is read through ``policy.categorie_lezen`` (which
writes the raadpleging); a part that is not shared shows a badge, which is not a request.
An explicit request for a part one may not read (its own URL) answers 404 and is recorded
as a refused attempt."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jji_traject import paginering
from jji_traject.afdruk import afdruk, pdf_antwoord
from jji_traject.paginas import formulierpagina, postactie
from jji_traject.wachten import wachtpagina
from toegang import delen, policy
from toegang.models import RaadplegingActie
from trajecten.constants import Categorie
from trajecten.services import toestemming_vastleggen
from trajecten.services.ouders import is_vraagbaar as ouders_is_vraagbaar

from . import selectors, services
from .forms import (
    CategorieToestemmingForm,
    HerkomstForm,
    ResultaatForm,
    VeiligheidssignaalForm,
)
from .models import LeesoverzichtStatus


def _traject(request, pk, categorie=""):
    return policy.dossier_traject_ophalen(request.user, pk, categorie=categorie, verzoek=request)


def _schrijfbaar(request, pk):
    traject = _traject(request, pk)
    if not policy.mag_dossier_schrijven(request.user, traject):
        raise Http404
    return traject


def _beheerbaar(request, pk):
    traject = policy.traject_ophalen(request.user, pk)
    if not policy.mag_grondslag_vastleggen(request.user, traject):
        raise Http404
    return traject


@login_required
def dossier(request, pk):
    """The three parts: what the reader may read (each reading on record), badges for the rest."""
    traject = _traject(request, pk)
    delen = selectors.dossier_voor(request.user, traject, verzoek=request)
    return render(
        request,
        "dossier/dossier.html",
        {
            "traject": traject,
            "delen": delen,
            "herkomst": selectors.herkomst_voor(request.user, traject, verzoek=request),
            "mag_schrijven": policy.mag_dossier_schrijven(request.user, traject),
            "mag_schoolloopbaan": policy.mag_schoolloopbaan_schrijven(request.user, traject),
            "mag_grondslag": policy.mag_grondslag_vastleggen(request.user, traject),
            "voorbeeld_keuzes": selectors.voorbeeld_keuzes(request.user, traject),
            "titel": _("Doorstroomdossier"),
        },
    )


@login_required
def categorie(request, pk, categorie):
    """One part on its own URL: an explicit request, refused (404, on record) when not shared."""
    traject = _traject(request, pk, categorie)
    # An unknown part is refused (and on record) by categorie_lezen like any other.
    gegevens = policy.categorie_lezen(
        actor=request.user, traject=traject, categorie=categorie, actie=RaadplegingActie.BEKIJKEN, verzoek=request
    )
    deel = selectors.Deel(categorie=categorie, leesbaar=True, gegevens=gegevens)
    return render(
        request,
        "dossier/categorie.html",
        {"traject": traject, "deel": deel, "titel": Categorie(categorie).label},
    )


@login_required
def geschiedenis(request, pk, categorie):
    """The history of one part: old values only for who may read the part now, and each
    view is a raadpleging (a refused one for anyone else)."""
    traject = _traject(request, pk, categorie)
    versies = policy.categorie_lezen(
        actor=request.user, traject=traject, categorie=categorie, actie=RaadplegingActie.GESCHIEDENIS, verzoek=request
    )
    return render(
        request,
        "dossier/geschiedenis.html",
        {
            "traject": traject,
            "versies": versies,
            "onderwerp": Categorie(categorie).label,
            "terug": reverse("dossier:dossier", args=[traject.pk]) + f"#{categorie}",
            "titel": _("Geschiedenis"),
        },
    )


@login_required
def toestemmingen_geschiedenis(request, pk):
    """The history of the traject's grondslagen, for the regie (no dossier content)."""
    traject = _beheerbaar(request, pk)
    return render(
        request,
        "dossier/geschiedenis.html",
        {
            "traject": traject,
            "versies": selectors.toestemming_geschiedenis(traject),
            "onderwerp": _("toestemmingen en grondslagen"),
            "terug": reverse("dossier:toestemmingen", args=[traject.pk]),
            "titel": _("Geschiedenis"),
        },
    )


@login_required
def bekijk_als(request, pk):
    """Preview for the JJI-school: exactly what an organisation (with a rol) would see."""
    traject = _schrijfbaar(request, pk)
    keuzes = selectors.voorbeeld_keuzes(request.user, traject)
    gekozen = next((k for k in keuzes if k.sleutel == request.GET.get("als", "")), None)
    if gekozen is None:
        messages.error(request, _("Kies een organisatie en rol die bij dit traject betrokken zijn."))
        return redirect("dossier:dossier", pk=traject.pk)
    delen = selectors.dossier_voor(request.user, traject, verzoek=request, lezer=gekozen.lezer)
    return render(
        request,
        "dossier/dossier.html",
        {
            "traject": traject,
            "delen": delen,
            "voorbeeld": gekozen,
            "voorbeeld_keuzes": keuzes,
            "titel": _("Bekijk als %(wie)s") % {"wie": gekozen.label},
        },
    )


@login_required
def bewerken(request, pk, categorie):
    traject = _schrijfbaar(request, pk)
    # A part written as one form (the registry says which); the signals are added one by one.
    deel = delen.deel(categorie) if delen.is_deel(categorie) else None
    if deel is None or deel.formulier is None:
        raise Http404
    form_klasse, opslaan = deel.formulier, deel.opslaan
    huidig = policy.categorie_lezen(
        actor=request.user, traject=traject, categorie=categorie, actie=RaadplegingActie.BEKIJKEN, verzoek=request
    )
    form = form_klasse(request.POST or None, instance=huidig, traject=traject)
    naam = deel.label.capitalize()
    return formulierpagina(
        request,
        traject,
        form,
        lambda f: opslaan(actor=request.user, traject=traject, gegevens=f.cleaned_data),
        titel=naam,
        knop=_("Opslaan"),
        melding=_("%(deel)s is opgeslagen.") % {"deel": naam},
        terug="dossier:dossier",
        uitleg=_(
            "Schrijf toekomstgericht: wat heeft deze jongere nodig om verder te leren? Alleen wat de volgende "
            "school nodig heeft; wie het mag lezen, bepaalt de toestemming per deel."
        ),
    )


@login_required
def resultaat_toevoegen(request, pk):
    traject = _schrijfbaar(request, pk)
    return formulierpagina(
        request,
        traject,
        ResultaatForm(request.POST or None),
        lambda f: services.resultaat_toevoegen(actor=request.user, traject=traject, gegevens=f.cleaned_data),
        titel=_("Certificaat of examenresultaat vastleggen"),
        knop=_("Vastleggen"),
        melding=_("Het resultaat is vastgelegd."),
        terug="dossier:dossier",
        uitleg=_("Met de mbo-instelling die het heeft gevalideerd: zo weet de volgende school wat telt."),
    )


@login_required
@require_POST
def resultaat_verwijderen(request, pk, resultaat_pk):
    traject = _schrijfbaar(request, pk)
    info = policy.categorie_lezen(
        actor=request.user,
        traject=traject,
        categorie=Categorie.ONDERWIJSINFORMATIE,
        actie=RaadplegingActie.BEKIJKEN,
        verzoek=request,
    )
    resultaat = next((r for r in (info.resultaten_lijst if info else []) if r.pk == resultaat_pk), None)
    if resultaat is None:
        raise Http404
    services.resultaat_verwijderen(actor=request.user, resultaat=resultaat)
    messages.success(request, _("Het resultaat is verwijderd."))
    return redirect("dossier:dossier", pk=traject.pk)


@login_required
def herkomst_bewerken(request, pk):
    """The mbo van herkomst writes its own onderwijsinformatie for the JJI-school."""
    traject = _traject(request, pk)
    if not policy.mag_herkomst_schrijven(request.user, traject):
        raise Http404
    huidig = policy.herkomst_lezen(actor=request.user, traject=traject, verzoek=request)
    return formulierpagina(
        request,
        traject,
        HerkomstForm(request.POST or None, instance=huidig[0] if huidig else None),
        lambda f: services.herkomst_opslaan(actor=request.user, traject=traject, gegevens=f.cleaned_data),
        titel=_("Onderwijsinformatie voor de JJI-school"),
        knop=_("Opslaan"),
        melding=_("De onderwijsinformatie voor de JJI-school is opgeslagen."),
        uitleg=_(
            "Wat de JJI-school nodig heeft om het onderwijs voort te zetten: behaalde resultaten en lopende "
            "modules. De JJI-school leest dit alleen met toestemming van de jongere of een andere grondslag."
        ),
    )


@login_required
def signaal_toevoegen(request, pk):
    traject = _schrijfbaar(request, pk)
    return formulierpagina(
        request,
        traject,
        VeiligheidssignaalForm(request.POST or None),
        lambda f: services.veiligheidssignaal_toevoegen(actor=request.user, traject=traject, gegevens=f.cleaned_data),
        titel=_("Signaal voor veiligheid toevoegen"),
        knop=_("Vastleggen"),
        melding=_("Het signaal is vastgelegd."),
        terug="dossier:dossier",
        uitleg=_(
            "Alleen wat strikt nodig is voor een veilige plaatsing, toekomstgericht, met de reden en een "
            "einddatum. Geen delict- of behandelgegevens. Alleen de verbindingsofficier en de "
            "veiligheidscoördinator van een school met toestemming lezen dit; het komt nooit in een PDF of e-mail."
        ),
    )


@login_required
@require_POST
def signaal_beeindigen(request, pk, signaal_pk):
    traject = _schrijfbaar(request, pk)
    signalen = policy.categorie_lezen(
        actor=request.user,
        traject=traject,
        categorie=Categorie.VEILIGHEIDSSIGNALEN,
        actie=RaadplegingActie.BEKIJKEN,
        verzoek=request,
    )
    signaal = next((s for s in signalen if s.pk == signaal_pk), None)
    if signaal is None:
        raise Http404
    services.veiligheidssignaal_beeindigen(actor=request.user, signaal=signaal)
    messages.success(request, _("Het signaal is beëindigd en wordt niet meer getoond."))
    return redirect("dossier:dossier", pk=traject.pk)


@login_required
def toestemmingen(request, pk):
    """The consent register of a traject: every grondslag, its status, revocation in one click."""
    traject = _beheerbaar(request, pk)
    return render(
        request,
        "dossier/toestemmingen.html",
        {
            "traject": traject,
            "register": selectors.toestemmingenregister(traject),
            "titel": _("Toestemmingen"),
            "ouders_betrekken": traject.ouders_betrekken.geldig().first(),
            "mag_inzage": policy.mag_inzage_verzorgen(request.user, traject),
            "ouders_vanaf_18": not traject.ouders_betrekken_toegestaan(),
            "ouders_vraagbaar": ouders_is_vraagbaar(traject),
        },
    )


@login_required
def toestemming_nieuw(request, pk):
    traject = _beheerbaar(request, pk)
    form = CategorieToestemmingForm(
        request.POST or None,
        traject=traject,
        ontvangers=selectors.mogelijke_ontvangers(request.user, traject),
        actor=request.user,
    )
    velden = [veld for veld in form.fields if veld not in ("ontvanger", "categorie")]
    return formulierpagina(
        request,
        traject,
        form,
        lambda f: toestemming_vastleggen(
            actor=request.user,
            traject=traject,
            ontvanger=f.cleaned_data["ontvanger"],
            categorie=f.cleaned_data["categorie"],
            gegevens={veld: f.cleaned_data[veld] for veld in velden},
        ),
        titel=_("Toestemming per deel van het dossier vastleggen"),
        knop=_("Toestemming vastleggen"),
        melding=lambda f: (
            _("De toestemming is vastgelegd: %(org)s kan %(deel)s nu lezen.")
            % {"org": f.cleaned_data["ontvanger"].naam, "deel": Categorie(f.cleaned_data["categorie"]).label}
        ),
        uitleg=_(
            "Vraag toestemming in eenvoudige taal, per deel en per organisatie, door iemand die niet over verlof "
            "beslist. Leg uit dat weigeren geen gevolgen heeft. Vanaf 16 jaar beslist de jongere zelf; onder de "
            "16 de gezaghebbende ouder of voogd, en de jongere wordt ook gevraagd."
        ),
        terug="dossier:toestemmingen",
    )


def _log_traject(request, pk):
    traject = _traject(request, pk)
    if not policy.mag_raadplegingen_zien(request.user, traject):
        raise Http404
    return traject


@login_required
def jongere_raadplegingen(request, pk):
    """ "Wie heeft jouw gegevens bekeken?": the log in plain Dutch for the youth, grouped per
    person, part and day, printable page by page, handed over by the JJI-school's
    zorgcoördinator. Its PDF is made in the background (``leesoverzicht_maken``)."""
    traject = _log_traject(request, pk)
    pagina = paginering.pagina(
        selectors.raadplegingen_gegroepeerd(request.user, traject),
        request.GET.get("pagina"),
        selectors.REGELS_PER_PAGINA,
    )
    return render(
        request,
        "dossier/jongere_raadplegingen.html",
        {
            "traject": traject,
            "pagina": pagina,
            "regels": [selectors.regel_voor_jongere(rij) for rij in pagina.object_list],
            "terug": reverse("dossier:raadplegingen", args=[traject.pk]),
            "titel": _("Wie heeft jouw gegevens bekeken?"),
            "nu": timezone.now(),
            "pdf": False,
        },
    )


@login_required
@require_POST
def leesoverzicht_maken(request, pk):
    """Ask for the PDF of the youth's list; then its status page."""
    traject = _log_traject(request, pk)
    return postactie(
        request,
        lambda: services.leesoverzicht_aanvragen(actor=request.user, traject=traject),
        gelukt=None,
        terug=lambda leesoverzicht: reverse("dossier:leesoverzicht", args=[traject.pk, leesoverzicht.pk]),
        terug_bij_fout=reverse("dossier:jongere_raadplegingen", args=[traject.pk]),
    )


@login_required
def leesoverzicht(request, pk, leesoverzicht_pk):
    """How the PDF is coming along (its status asks again while it waits), then its download."""
    traject = _traject(request, pk)
    leesoverzicht = policy.leesoverzicht_ophalen(request.user, traject, leesoverzicht_pk)
    return wachtpagina(
        request,
        "dossier/leesoverzicht.html",
        "dossier/_leesoverzicht_status.html",
        {
            "traject": traject,
            "l": leesoverzicht,
            "bewaardagen": settings.OVERDRACHT_BEWAARDAGEN,
            "titel": _("Wie heeft jouw gegevens bekeken? (PDF)"),
        },
        wacht=leesoverzicht.status == LeesoverzichtStatus.WACHT,
        sinds=leesoverzicht.aangevraagd_op,
    )


@login_required
def leesoverzicht_bestand(request, pk, leesoverzicht_pk):
    """The PDF, for who asked for it only, while they may read the log, until the bewaartermijn ends."""
    traject = _traject(request, pk)
    leesoverzicht = policy.leesoverzicht_ophalen(request.user, traject, leesoverzicht_pk)
    if leesoverzicht.status != LeesoverzichtStatus.KLAAR:
        return redirect("dossier:leesoverzicht", pk=traject.pk, leesoverzicht_pk=leesoverzicht.pk)
    return pdf_antwoord(
        selectors.leesoverzicht_bestand(leesoverzicht), f"wie-heeft-je-gegevens-bekeken-{traject.pk}.pdf"
    )


@login_required
def toestemming_bewijs(request, pk, toestemming_pk):
    """A receipt of one consent (given or revoked), for the youth: printable and as PDF."""
    traject = _beheerbaar(request, pk)
    toestemming = get_object_or_404(selectors.toestemmingenregister(traject), pk=toestemming_pk)
    return afdruk(
        request,
        "dossier/toestemming_bewijs.html",
        {
            "traject": traject,
            "t": toestemming,
            "deel": selectors.DELEN_VOOR_JONGERE.get(toestemming.categorie)
            or _("weten dat je in de JJI verblijft en je basisgegevens"),
            "terug": reverse("dossier:toestemmingen", args=[traject.pk]),
            "titel": _("Bewijs van toestemming"),
            "privacyverklaring": request.build_absolute_uri(reverse("privacyverklaring")),
        },
        f"bewijs-van-toestemming-{toestemming.pk}.pdf",
    )


@login_required
def raadplegingen(request, pk):
    """Who read which part, when and on which grondslag — for the JJI-school."""
    traject = policy.traject_ophalen(request.user, pk)
    if not policy.mag_raadplegingen_zien(request.user, traject):
        raise Http404
    log = policy.raadplegingen_zichtbaar_voor(request.user, traject)
    pagina = Paginator(
        log.select_related("actor", "organisatie", "ontvanger", "ontvanger_persoon", "grondslag__ontvanger"), 50
    ).get_page(request.GET.get("pagina"))
    return render(
        request,
        "dossier/raadplegingen.html",
        {
            "traject": traject,
            "pagina": pagina,
            "terugvragen": selectors.terugvragen(request.user, traject),
            # Each row's grondslag links to its revocation, for who may revoke it.
            "mag_intrekken": policy.mag_grondslag_vastleggen(request.user, traject),
            "titel": _("Raadplegingen"),
        },
    )
