"""The netwerkkaart pages: the partners and contacts of a regio, "wie is de
verbindingsofficier van …?", keeping an organisation's own entries, import and export, and
the printable map of bijlage 5. No youth data: every logged-in person reads the map."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jji_traject.paginas import postactie
from toegang import policy

from . import kaart_csv, selectors, services
from .constants import ContactRol, OrganisatieSoort
from .forms import ContactpersoonForm, ImportForm
from .functieprofiel import FUNCTIEPROFIEL
from .models import Contactpersoon, Organisatie, Regio


def _regio(request):
    """The regio asked for, else the reader's own (see :func:`selectors.netwerkkaart_regio`)."""
    gevraagd = selectors.getal(request.GET.get("regio"))
    regio = gevraagd is not None and selectors.netwerkkaart_regio(request.user, gevraagd)
    regio = regio or selectors.netwerkkaart_regio(request.user)
    if regio is None:
        raise Http404
    return regio


def _keuze(request, naam, keuzes) -> str:
    waarde = request.GET.get(naam, "")
    return waarde if waarde in keuzes.values else ""


@login_required
def netwerkkaart(request):
    regio = _regio(request)
    rol, soort = _keuze(request, "rol", ContactRol), _keuze(request, "soort", OrganisatieSoort)
    zoek = request.GET.get("zoek", "")[:100]
    organisatie_id = selectors.getal(request.GET.get("organisatie", ""))
    organisaties = list(selectors.netwerkkaart(regio, rol=rol, soort=soort, zoek=zoek, organisatie_id=organisatie_id))
    for org in organisaties:
        org.mag_bijhouden = policy.mag_contacten_bijhouden(request.user, org)
    return render(
        request,
        "netwerk/netwerkkaart.html",
        {
            "regio": regio,
            "regios": Regio.objects.order_by("naam"),
            "eigen_regio": policy.regio_van(request.user),
            "organisaties": organisaties,
            "rollen": ContactRol.choices,
            "soorten": OrganisatieSoort.choices,
            "rol": rol,
            "soort": soort,
            "zoek": zoek,
            "gezocht": bool(zoek or rol or soort or organisatie_id),
            "mag_beheren": policy.mag_regio_beheren(request.user, regio),
            "titel": _("Netwerkkaart"),
        },
    )


@login_required
def afdrukken(request):
    """The regio's map in the layout of bijlage 5: one box per role."""
    regio = _regio(request)
    return render(
        request,
        "netwerk/afdrukken.html",
        {
            "regio": regio,
            "vakken": selectors.kaart_per_rol(regio),
            "organisaties": selectors.netwerkkaart(regio),
            "vandaag": timezone.localdate(),
            "titel": _("Netwerkkaart afdrukken"),
        },
    )


@login_required
def verbindingsofficier(request, pk):
    """The verbindingsofficier of one organisation (or the contact point elsewhere), with the
    tasks of the functieprofiel (bijlage 1)."""
    if policy.medewerker_van(request.user) is None and not request.user.is_superuser:
        raise Http404
    organisatie = get_object_or_404(
        Organisatie.objects.select_related("verbindingsofficier__user", "aanspreekpunt__verbindingsofficier__user"),
        pk=pk,
        actief=True,
    )
    return render(
        request,
        "netwerk/verbindingsofficier.html",
        {
            "organisatie": organisatie,
            "aanspreekpunt_voor": organisatie.aanspreekpunt_voor.filter(actief=True).order_by("naam"),
            "functieprofiel": FUNCTIEPROFIEL,
            "titel": _("Verbindingsofficier"),
        },
    )


def _bij_te_houden(request, pk) -> Organisatie:
    organisatie = get_object_or_404(Organisatie.objects.select_related("regio"), pk=pk)
    if not policy.mag_contacten_bijhouden(request.user, organisatie):
        raise PermissionDenied
    return organisatie


@login_required
def contacten(request, pk):
    """An organisation keeps its own entries: list, confirm all, remove."""
    organisatie = _bij_te_houden(request, pk)
    if request.method == "POST":
        aantal = services.contacten_bevestigen(actor=request.user, organisatie=organisatie)
        messages.success(
            request,
            _("De contactpersonen van %(org)s zijn bevestigd (%(aantal)s bijgewerkt).")
            % {"org": organisatie.naam, "aantal": aantal},
        )
        return redirect("netwerk:contacten", pk=organisatie.pk)
    return render(
        request,
        "netwerk/contacten.html",
        {
            "organisatie": organisatie,
            "contacten": organisatie.contactpersonen.select_related("medewerker__user").order_by("rol", "naam"),
            "titel": _("Contactpersonen bijhouden"),
        },
    )


@login_required
def contact_formulier(request, pk, contact_pk=None):
    organisatie = _bij_te_houden(request, pk)
    contact = get_object_or_404(Contactpersoon, pk=contact_pk, organisatie=organisatie) if contact_pk else None
    form = ContactpersoonForm(request.POST or None, instance=contact, organisatie=organisatie)
    if request.method == "POST" and form.is_valid():
        try:
            services.contactpersoon_opslaan(actor=request.user, contactpersoon=form.instance)
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, _("%(naam)s staat op de netwerkkaart.") % {"naam": form.instance.naam})
            return redirect("netwerk:contacten", pk=organisatie.pk)
    return render(
        request,
        "netwerk/contact_formulier.html",
        {
            "organisatie": organisatie,
            "formulieren": [form],
            "titel": _("Contactpersoon wijzigen") if contact else _("Contactpersoon toevoegen"),
        },
    )


@login_required
@require_POST
def contact_verwijderen(request, pk, contact_pk):
    organisatie = _bij_te_houden(request, pk)
    contact = get_object_or_404(Contactpersoon, pk=contact_pk, organisatie=organisatie)
    return postactie(
        request,
        lambda: services.contactpersoon_verwijderen(actor=request.user, contactpersoon=contact),
        gelukt=_("%(naam)s is van de netwerkkaart gehaald.") % {"naam": contact.naam},
        verboden_is_404=False,  # as before: the page checked the same rule
        terug=reverse("netwerk:contacten", args=[organisatie.pk]),
    )


def _eigen_beheerde_regio(request):
    regio = policy.regio_van(request.user)
    if regio is None or not policy.mag_regio_beheren(request.user, regio):
        raise PermissionDenied
    return regio


@login_required
def exporteren(request):
    regio = _eigen_beheerde_regio(request)
    antwoord = HttpResponse(
        "\ufeff" + kaart_csv.exporteren(regio), content_type="text/csv; charset=utf-8"
    )  # the BOM makes Excel read UTF-8
    naam = f"netwerkkaart-{regio.pk}-{timezone.localdate():%Y-%m-%d}.csv"
    antwoord["Content-Disposition"] = f'attachment; filename="{naam}"'
    return antwoord


@login_required
def importeren(request):
    """Upload a CSV, see what would change (nothing is written), then import it in one go."""
    regio = _eigen_beheerde_regio(request)
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    resultaat = inhoud = None
    if form.is_bound and form.is_valid():
        proef = "uitvoeren" not in request.POST
        resultaat = kaart_csv.importeren(
            actor=request.user,
            regio=regio,
            data=form.cleaned_data["gegevens"],
            proef=proef,
            verwijder_ontbrekende=form.cleaned_data["verwijder_ontbrekende"],
        )
        if resultaat.uitgevoerd:
            messages.success(request, _("De netwerkkaart is bijgewerkt."))
        elif proef and not resultaat.fouten:
            inhoud = kaart_csv.tekst_van(form.cleaned_data["gegevens"])
    return render(
        request,
        "netwerk/importeren.html",
        {
            "regio": regio,
            "form": form,
            "formulieren": [form],
            "resultaat": resultaat,
            "inhoud": inhoud,
            "verwijder_ontbrekende": form.cleaned_data.get("verwijder_ontbrekende") if form.is_bound else False,
            "export_url": reverse("netwerk:exporteren"),
            "titel": _("Netwerkkaart importeren"),
        },
    )


def _blokkadebeheer(request) -> None:
    """The lockouts page is for the beheerder of a regio and for a superuser; for anyone else
    it does not exist."""
    if not policy.mag_regio_beheren(request.user, policy.regio_van(request.user)):
        raise Http404


@login_required
def blokkades(request):
    """Sign-in lockouts: of the people of the beheerder's regio (a superuser: all, also of
    unknown usernames and of addresses alone), with a button to lift one."""
    _blokkadebeheer(request)
    lijst = selectors.inlogblokkades(request.user)
    return render(
        request,
        "netwerk/blokkades.html",
        {
            "blokkades": lijst,
            "geldend": [b for b in lijst if b.tot is not None],
            "voorbij": [b for b in lijst if b.tot is None],
            "drempel": settings.AXES_FAILURE_LIMIT,
            "eerste": settings.INLOG_AFKOELING_MINUTEN[0],
            "langste": settings.INLOG_AFKOELING_MINUTEN[-1],
            "drempel_adres": settings.INLOG_DREMPEL_ADRES,
            "titel": _("Inlogblokkades"),
        },
    )


@login_required
@require_POST
def blokkade_opheffen(request):
    _blokkadebeheer(request)
    gebruikersnaam = request.POST.get("gebruikersnaam", "")[:255]
    ip_adres = request.POST.get("ip_adres", "") or None
    return postactie(
        request,
        lambda: services.blokkade_opheffen(actor=request.user, gebruikersnaam=gebruikersnaam, ip_adres=ip_adres),
        gelukt=lambda o: _("De blokkade van %(wie)s is opgeheven.") % {"wie": o.gebruikersnaam or o.ip_adres},
        terug=reverse("netwerk:blokkades"),
    )
