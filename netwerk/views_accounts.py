"""Four eyes on accounts, in the app's own look: the account requests (list, and a page per
request to approve, refuse or take it back), the account log, and the activation page where
a new person chooses their own password. None of them shows youth data."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from toegang import policy

from . import activatie
from .constants import AanvraagStatus, Rol
from .models import Accountaanvraag
from .services import accounts, tweefactor

User = get_user_model()

# The activation token leaves the URL for the session at once (as Django's password reset
# does), so it cannot leak through a Referer header or the browser history.
SESSIE_SLEUTEL = "_activatie_token"
PLAATSHOUDER = "wachtwoord-kiezen"


@login_required
def accountaanvragen(request):
    """The account requests the reader sees (open ones first; "alle" for the decided ones too)."""
    if not policy.mag_accountaanvragen_zien(request.user):
        raise Http404
    alle = request.GET.get("status") == "alle"
    aanvragen = policy.accountaanvragen_zichtbaar_voor(request.user)
    if not alle:
        aanvragen = aanvragen.filter(status=AanvraagStatus.AANGEVRAAGD)
    pagina = Paginator(aanvragen, 25).get_page(request.GET.get("pagina"))
    te_beoordelen = {a.pk for a in pagina.object_list if policy.mag_accountaanvraag_beoordelen(request.user, a)}
    medewerker = policy.medewerker_van(request.user)
    return render(
        request,
        "netwerk/accountaanvragen.html",
        {
            "pagina": pagina,
            "alle": alle,
            "zoekparameters": "status=alle" if alle else "",
            "te_beoordelen": te_beoordelen,
            "mag_aanvragen": request.user.is_superuser or (medewerker is not None and medewerker.rol == Rol.BEHEERDER),
            "mag_log_lezen": policy.mag_accountlog_lezen(request.user),
            "titel": _("Accountaanvragen"),
        },
    )


@login_required
def accountaanvraag(request, pk):
    """One request: what it asks, who may decide, and (for them) approve or refuse with a
    reason; the beheerder of the regio may take it back. A decision by someone who may not is
    refused and logged — with a 404 when they cannot even see the request."""
    zichtbaar = policy.accountaanvragen_zichtbaar_voor(request.user)
    if request.method == "POST":
        return _besluiten(request, pk, zichtbaar)
    aanvraag = get_object_or_404(zichtbaar, pk=pk)
    beheerder = policy.mag_regio_beheren(request.user, aanvraag.organisatie.regio)
    persoon = aanvraag.medewerker
    return render(
        request,
        "netwerk/accountaanvraag.html",
        {
            "aanvraag": aanvraag,
            "beoordelaars": list(policy.beoordelaars(aanvraag)) if aanvraag.is_open else [],
            "mag_beoordelen": policy.mag_accountaanvraag_beoordelen(request.user, aanvraag),
            "mag_intrekken": aanvraag.is_open and beheerder,
            "mag_link_versturen": (
                beheerder
                and aanvraag.status == AanvraagStatus.GOEDGEKEURD
                and persoon is not None
                and persoon.rol != Rol.SYSTEEM
                and persoon.user.is_active
                and not persoon.user.has_usable_password()
            ),
            "wacht_op_activatie": persoon is not None
            and aanvraag.status == AanvraagStatus.GOEDGEKEURD
            and persoon.rol != Rol.SYSTEEM
            and not persoon.user.has_usable_password(),
            "gebeurtenissen": aanvraag.gebeurtenissen.select_related("actor").order_by("tijdstip", "pk"),
            "opent_jongerengegevens": policy.rol_opent_jongerengegevens(aanvraag.rol),
            "titel": _("Accountaanvraag"),
        },
    )


def _besluiten(request, pk, zichtbaar):
    aanvraag = get_object_or_404(Accountaanvraag.objects.select_related("organisatie__regio", "medewerker"), pk=pk)
    mag_zien = zichtbaar.filter(pk=pk).exists()
    actie = request.POST.get("actie", "")
    try:
        if actie == "goedkeuren":
            accounts.accountaanvraag_goedkeuren(actor=request.user, aanvraag=aanvraag, verzoek=request)
            messages.success(request, _("Goedgekeurd. De wijziging geldt nu."))
        elif actie == "afwijzen":
            accounts.accountaanvraag_afwijzen(
                actor=request.user, aanvraag=aanvraag, reden=request.POST.get("reden", "")[:2000], verzoek=request
            )
            messages.success(request, _("Afgewezen. Er verandert niets aan het account."))
        elif actie == "intrekken":
            accounts.accountaanvraag_intrekken(actor=request.user, aanvraag=aanvraag, verzoek=request)
            messages.success(request, _("De aanvraag is ingetrokken."))
        elif actie == "link_versturen" and aanvraag.medewerker_id:
            accounts.activatielink_versturen(actor=request.user, medewerker=aanvraag.medewerker, verzoek=request)
            messages.success(request, _("Er is een nieuwe activatielink verstuurd; eerdere links werken niet meer."))
        else:
            raise Http404
    except accounts.BeoordelingGeweigerd as fout:
        if not mag_zien:
            raise Http404 from None  # a request one may not see does not exist for them
        messages.error(request, str(fout))
    except ValidationError as fout:
        if not mag_zien:
            raise Http404 from None
        messages.error(request, " ".join(fout.messages))
    except PermissionDenied:
        raise Http404 from None
    if not zichtbaar.filter(pk=pk).exists():
        return redirect("netwerk:accountaanvragen")
    return redirect("netwerk:accountaanvraag", pk=pk)


@login_required
def accountlog(request):
    """The account log of the reader's regio (beheerder) or organisation (verbindingsofficier),
    newest first; 404 for everyone else."""
    if not policy.mag_accountlog_lezen(request.user):
        raise Http404
    pagina = Paginator(policy.accountlog_zichtbaar_voor(request.user), 50).get_page(request.GET.get("pagina"))
    return render(request, "netwerk/accountlog.html", {"pagina": pagina, "titel": _("Accountlog")})


def _gebruiker(uidb64: str):
    try:
        return User.objects.filter(pk=int(force_str(urlsafe_base64_decode(uidb64)))).first()
    except (TypeError, ValueError, OverflowError):
        return None


@never_cache
@sensitive_post_parameters()
@sensitive_variables("token")
def activeren(request, uidb64, token):
    """The activation link: once checked, the token moves to the session and the page asks
    for the person's own password (Django's validators). A used, replaced, made-up or expired
    link is refused with what to do next, and logged. The page shows no youth data; after it
    the person is signed in and goes on to ``tweefactor.na_activatie`` (the second factor's
    place)."""
    user = _gebruiker(uidb64)
    if token != PLAATSHOUDER:
        weigering = activatie.tokens.weigering(user, token)
        if weigering is None:
            request.session[SESSIE_SLEUTEL] = token
            return redirect(request.path.replace(token, PLAATSHOUDER))
    else:
        token = request.session.get(SESSIE_SLEUTEL, "")
        weigering = activatie.tokens.weigering(user, token)
    if weigering is not None:
        accounts.activatie_weigeren(user=user, weigering=weigering, verzoek=request)
        return render(
            request,
            "netwerk/activeren.html",
            {"weigering": weigering, "verlopen": weigering == activatie.VERLOPEN, "titel": _("Account activeren")},
            status=400,
        )
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            accounts.account_activeren(
                user=user, token=token, wachtwoord=form.cleaned_data["new_password1"], verzoek=request
            )
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            del request.session[SESSIE_SLEUTEL]
            user.refresh_from_db()
            login(request, user, backend="jji_traject.machtigingen.ModelBackendEenQuery")
            messages.success(request, _("Je wachtwoord is ingesteld. Welkom!"))
            return redirect(tweefactor.na_activatie(request, user))
    return render(
        request,
        "netwerk/activeren.html",
        {"form": form, "formulieren": [form], "gebruiker": user, "titel": _("Account activeren")},
    )
