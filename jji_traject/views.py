"""Project-level pages: the start page that sends each role to its work, the entrance (login,
one's own password, a reset by e-mail link) and a health check."""

from django.conf import settings
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db import connection
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views import defaults
from django.views.decorators.cache import never_cache

from netwerk import services as netwerk_services
from netwerk import sso
from netwerk.constants import MONITORROLLEN, Rol
from toegang import policy

from .forms import InlogForm, WachtwoordVergetenForm, WachtwoordWijzigenForm, is_systeemaccount
from .middleware import sessie_begonnen


@login_required
def start(request):
    """Home is work: the beheerder lands on the beheer home (in the app's own look, linking to
    every beheer page), the FG on "Logonderzoek", the regiocoördinator on the monitor, a
    school's verbindingsofficier on his overview, an intaker with beslismodellen waiting on "Te
    beoordelen", everyone else on their trajecten (which says what waits: overdue tasks, an
    intaker to assign)."""
    medewerker = policy.medewerker_van(request.user)
    if medewerker is not None and medewerker.rol == Rol.BEHEERDER:
        return redirect("netwerk:beheer")
    if medewerker is not None and medewerker.rol == Rol.FG:
        return redirect("privacy:logonderzoek")
    # The regiocoördinator and the national rol read figures only: the monitor.
    if medewerker is not None and medewerker.rol in MONITORROLLEN:
        return redirect("monitor:monitor")
    # The verbindingsofficier of a school: his overview of what comes and what waits.
    if policy.heeft_overzicht(request.user):
        return redirect("overzicht:verbindingsofficier")
    # The intaker's work is the beslismodellen waiting for a decision.
    intaker = medewerker is not None and medewerker.rol == Rol.INTAKER
    if intaker and policy.beslismodellen_te_beoordelen(request.user).exists():
        return redirect("beslismodel:te_beoordelen")
    return redirect("trajecten:lijst")


class InlogView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = InlogForm
    redirect_authenticated_user = True
    extra_context = {"titel": _("Inloggen")}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["formulieren"] = [context["form"]]
        context["sso"] = sso.knop()  # None while single sign-on is off: no button
        return context

    def form_valid(self, form):
        antwoord = super().form_valid(form)
        sessie_begonnen(self.request)  # the absolute limit of the session counts from here
        return antwoord


def geblokkeerd(request, original_response=None, credentials=None):
    """django-axes' answer when it refused a try or a failure locked (``AXES_LOCKOUT_CALLABLE``):
    the page that refused already says why and until when (its form carries
    ``inloggen.melding``), so it only becomes a 429. Where no page answered, the login page."""
    if original_response is None:
        return redirect("login")
    if original_response.status_code == 200:
        original_response.status_code = 429
    return original_response


def beheer_inloggen(request):
    """The admin's own login form would be a second entrance: it sends to the one login page
    (throttled, and where the second factor will be asked). A signed-in person who may not use
    the admin gets a 404 (sending them to the login page would send them round in a circle)."""
    if request.user.is_authenticated:
        raise Http404
    return redirect_to_login(request.GET.get("next") or reverse("admin:index"))


class EigenWachtwoord:
    """Only one's own password, and never a system account's (it has none: it signs in with
    an API token): for it these pages do not exist."""

    def dispatch(self, request, *args, **kwargs):
        if is_systeemaccount(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class WachtwoordWijzigenView(EigenWachtwoord, auth_views.PasswordChangeView):
    """Change one's own password. This session stays; every other session of the person ends
    (Django keeps a hash of the password in each session, and it no longer matches)."""

    template_name = "registration/wachtwoord_wijzigen.html"
    form_class = WachtwoordWijzigenForm
    success_url = reverse_lazy("password_change_done")
    extra_context = {"titel": _("Wachtwoord wijzigen")}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["formulieren"] = [context["form"]]
        return context

    def form_valid(self, form):
        netwerk_services.eigen_wachtwoord_instellen(
            user=form.user, wachtwoord=form.cleaned_data["new_password1"], via="wijzigen"
        )
        update_session_auth_hash(self.request, form.user)
        return HttpResponseRedirect(self.get_success_url())


class WachtwoordGewijzigdView(EigenWachtwoord, auth_views.PasswordChangeDoneView):
    template_name = "registration/wachtwoord_gewijzigd.html"
    extra_context = {"titel": _("Wachtwoord gewijzigd")}


class WachtwoordVergetenView(auth_views.PasswordResetView):
    """Ask for a reset link. The answer is the same whether or not the address is known, and
    so is its timing: the lookup and the mail happen in the background."""

    template_name = "registration/wachtwoord_vergeten.html"
    form_class = WachtwoordVergetenForm
    success_url = reverse_lazy("password_reset_done")
    extra_context = {"titel": _("Wachtwoord vergeten")}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["formulieren"] = [context["form"]]
        return context

    def form_valid(self, form):
        netwerk_services.wachtwoord_herstel_aanvragen(email=form.cleaned_data["email"])
        return HttpResponseRedirect(self.get_success_url())


class WachtwoordVergetenVerstuurdView(auth_views.PasswordResetDoneView):
    template_name = "registration/wachtwoord_vergeten_verstuurd.html"
    extra_context = {"titel": _("Kijk in je e-mail")}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "geldig_minuten": settings.PASSWORD_RESET_TIMEOUT // 60}


class WachtwoordNieuwView(auth_views.PasswordResetConfirmView):
    """The page of a reset link: a new password, once (the link carries a hash of the old
    password and stops working when it changes), and not for a system account."""

    template_name = "registration/wachtwoord_nieuw.html"
    success_url = reverse_lazy("password_reset_complete")
    extra_context = {"titel": _("Nieuw wachtwoord kiezen")}

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        return None if user is not None and is_systeemaccount(user) else user

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["formulieren"] = [context["form"]] if context.get("form") else []
        return context

    def form_valid(self, form):
        netwerk_services.eigen_wachtwoord_instellen(
            user=form.user, wachtwoord=form.cleaned_data["new_password1"], via="herstellen"
        )
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        return HttpResponseRedirect(self.get_success_url())


class WachtwoordIngesteldView(auth_views.PasswordResetCompleteView):
    template_name = "registration/wachtwoord_ingesteld.html"
    extra_context = {"titel": _("Wachtwoord ingesteld")}


@never_cache
def gezondheid(request):
    """For the container health check: the database answers. Reveals nothing else."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def niet_gevonden(request, exception=None):
    """404: JSON for the API (a path that matches no operation), the page elsewhere."""
    if request.path.startswith("/api/"):
        from api.fouten import json_404

        return json_404(request, exception)
    return defaults.page_not_found(request, exception)


def serverfout(request):
    if request.path.startswith("/api/"):
        from api.fouten import json_500

        return json_500(request)
    return defaults.server_error(request)
