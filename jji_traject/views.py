"""Project-level pages: the start page that sends each role to its work, and a health check."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views import defaults
from django.views.decorators.cache import never_cache

from netwerk.constants import Rol
from toegang import policy

from .forms import InlogForm


@login_required
def start(request):
    """Home is work: the beheerder lands on the beheer pages, an intaker with beslismodellen
    waiting on "Te beoordelen", everyone else on their trajecten."""
    medewerker = policy.medewerker_van(request.user)
    if medewerker is not None and medewerker.rol == Rol.BEHEERDER:
        return redirect("admin:index")
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
        return context


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
