"""The pages of the second factor: the step after the password, enrolling a factor (after
activation, with a factor link, or another device later), the backup codes shown once, and the
person's own factors. The rules are in ``netwerk.services.tweefactor``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_POST
from django_otp import devices_for_user

from jji_traject import inloggen
from jji_traject.forms import is_systeemaccount

from .forms import CodeForm
from .services import tweefactor

IN_WORDING = "jji_totp_in_wording"
NIEUWE_CODES = "jji_nieuwe_reservecodes"


def _volgende(request) -> str:
    doel = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME) or ""
    if doel and url_has_allowed_host_and_scheme(
        doel, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return doel
    return reverse("start")


def _geen_systeem(request):
    if is_systeemaccount(request.user):
        raise Http404


@never_cache
@login_required
@sensitive_post_parameters("code")
def controle(request):
    """The step after the password: a code from the app or a backup code (or a passkey, on
    the same page). Throttled like the password: a wrong code counts, and during a lockout no
    code is checked."""
    _geen_systeem(request)
    if not tweefactor.vereist(request.user) or tweefactor.voltooid(request):
        return redirect(_volgende(request))
    if not tweefactor.heeft_factor(request.user):
        return redirect("tweede_factor_instellen")
    naam = request.user.get_username()
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        blokkade = inloggen.blokkade_voor(request, naam)
        if blokkade is not None:
            form.is_valid()
            form.add_error(None, inloggen.melding(blokkade))
            status = 429
        elif form.is_valid():
            if tweefactor.controleren(request, form.cleaned_data["code"]) is not None:
                return redirect(_volgende(request))
            blokkade = inloggen.blokkade_voor(request, naam)
            if blokkade is not None:
                form.add_error(None, inloggen.melding(blokkade))
                status = 429
            else:
                form.add_error(
                    "code",
                    _(
                        "Deze code klopt niet. Neem de code die nu in je app staat (hij verandert elke 30 seconden), "
                        "of een reservecode die je nog niet gebruikte."
                    ),
                )
    return render(
        request,
        "registration/tweede_factor.html",
        {
            "titel": _("Tweede factor"),
            "form": form,
            "formulieren": [form],
            "next": _volgende(request),
            "reservecodes_over": tweefactor.reservecodes_over(request.user),
        },
        status=status,
    )


@never_cache
@login_required
@sensitive_post_parameters("code")
@sensitive_variables("codes")
def instellen(request):
    """Enrol an authenticator app: a QR code drawn on the server, then a code from the app to
    confirm it; the first factor comes with backup codes, shown once. Only where this session
    may enrol (see ``tweefactor.mag_inschrijven``); otherwise the person asks for a link to
    their own address."""
    _geen_systeem(request)
    user = request.user
    if not tweefactor.mag_inschrijven(request):
        return _factorlink_pagina(request)
    device = tweefactor.totp_in_wording(user, request.session.get(IN_WORDING))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and device is not None and form.is_valid():
        blokkade = inloggen.blokkade_voor(request, user.get_username())
        if blokkade is not None:
            form.add_error(None, inloggen.melding(blokkade))
        else:
            codes = tweefactor.totp_bevestigen(request, device, form.cleaned_data["code"])
            if codes is not None:
                request.session.pop(IN_WORDING, None)
                messages.success(request, _("Je authenticator-app is ingesteld."))
                if codes:
                    request.session[NIEUWE_CODES] = codes
                    return redirect(f"{reverse('tweede_factor_reservecodes')}?next={_volgende(request)}")
                return redirect(_volgende(request) if tweefactor.aan() else reverse("tweede_factor_beheren"))
            form.add_error(
                "code",
                _(
                    "Deze code klopt niet. Scan de QR-code opnieuw of typ de sleutel over, en neem de code die nu "
                    "in de app staat."
                ),
            )
    elif request.method == "POST" and device is None:
        form.is_valid()
        form.add_error(None, _("Deze QR-code is niet meer geldig. Scan de nieuwe QR-code hieronder."))
    if device is None:
        device = tweefactor.totp_beginnen(user)
        request.session[IN_WORDING] = device.pk
    return render(
        request,
        "registration/tweede_factor_instellen.html",
        {
            "titel": _("Tweede factor instellen"),
            "form": form,
            "formulieren": [form],
            "qr": tweefactor.qr_svg(device),
            "sleutel": tweefactor.geheim_tekst(device),
            "next": _volgende(request),
            "eerste": not tweefactor.heeft_factor(user),
        },
    )


def _factorlink_pagina(request):
    """A person signed in with a password alone and without a factor: a link to their own
    address lets them enrol one (the password alone may not)."""
    if request.method == "POST":
        tweefactor.factorlink_aanvragen(request)
        messages.success(
            request,
            _("We hebben een link gestuurd naar je e-mailadres. Open hem in deze browser; hij is een uur geldig."),
        )
        return redirect("tweede_factor_instellen")
    return render(request, "registration/tweede_factor_link.html", {"titel": _("Tweede factor instellen")})


@never_cache
def factorlink(request, uidb64, token):
    """The factor link from the mail: in the session of the person it was sent to, they may
    now enrol a factor. Signed out: first sign in (the link comes back after)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    _geen_systeem(request)
    if tweefactor.factorlink_gebruiken(request, uidb64, token):
        return redirect("tweede_factor_instellen")
    return render(
        request,
        "registration/tweede_factor_link.html",
        {"titel": _("Tweede factor instellen"), "ongeldig": True},
        status=400,
    )


@never_cache
@login_required
@sensitive_variables("codes")
def reservecodes(request):
    """Backup codes: the ones just made, shown once (then gone from the session); a POST makes
    ten new ones (the old stop working), only in a session that completed the second factor."""
    _geen_systeem(request)
    if request.method == "POST":
        if not tweefactor.voltooid(request):
            raise Http404
        request.session[NIEUWE_CODES] = tweefactor.reservecodes_vernieuwen(request)
        return redirect("tweede_factor_reservecodes")
    codes = request.session.pop(NIEUWE_CODES, None)
    return render(
        request,
        "registration/reservecodes.html",
        {
            "titel": _("Reservecodes"),
            "codes": [tweefactor.code_tekst(code) for code in codes or []],
            "over": tweefactor.reservecodes_over(request.user),
            "next": _volgende(request),
        },
    )


@never_cache
@login_required
def beheren(request):
    """The person's own factors: which there are, how many backup codes are left, add another,
    remove one (never the last: a lost device goes through four eyes)."""
    _geen_systeem(request)
    user = request.user
    apparaten = [d for d in tweefactor.factoren(user) if d.name != tweefactor.RESERVE_NAAM]
    return render(
        request,
        "registration/tweede_factor_beheren.html",
        {
            "titel": _("Tweede factor"),
            "apparaten": apparaten,
            "reservecodes_over": tweefactor.reservecodes_over(user),
            "mag_verwijderen": not tweefactor.aan() or len(apparaten) > 1,
            "voltooid": tweefactor.voltooid(request),
        },
    )


@never_cache
@login_required
@require_POST
def verwijderen(request, persistent_id):
    _geen_systeem(request)
    device = next((d for d in devices_for_user(request.user, confirmed=True) if d.persistent_id == persistent_id), None)
    if device is None:
        raise Http404
    if tweefactor.factor_verwijderen(request, device):
        messages.success(request, _("%(naam)s is verwijderd als tweede factor.") % {"naam": device.name})
    else:
        messages.error(
            request,
            _(
                "Dit is je enige tweede factor: stel eerst een andere in. Toestel kwijt? Vraag de functioneel "
                "beheerder om je tweede factor opnieuw in te stellen."
            ),
        )
    return redirect("tweede_factor_beheren")
