"""The functioneel beheerder's page of the retention schedule: the regio's periods (and who
confirmed them), what the next month will erase — counts, never content — and the runs."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from toegang import policy

from . import selectors, services
from .forms import BewaarschemaForm
from .models import Bewaarrun

VOORUIT_DAGEN = 30


@login_required
def overzicht(request):
    regio = policy.beheerde_regio_ophalen(request.user)  # 404 for anyone but its beheerder
    schema = selectors.schema_van(regio)
    form = BewaarschemaForm(request.POST or None, instance=schema)
    if request.method == "POST" and form.is_valid():
        try:
            services.schema_vastleggen(actor=request.user, regio=regio, gegevens=form.cleaned_data)
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, _("Het bewaarschema van je regio is opgeslagen."))
            return redirect("bewaren:overzicht")
    vandaag = timezone.localdate()
    tot = vandaag + dt.timedelta(days=VOORUIT_DAGEN)
    vooruitblik = selectors.te_doen(tot, regio=regio).aantallen()
    return render(
        request,
        "bewaren/overzicht.html",
        {
            "regio": regio,
            "schema": schema,
            "eigen_schema": schema.pk is not None,
            "form": form,
            "formulieren": [form],
            "tot": tot,
            "vooruitblik": [(services.SOORTEN[k], n) for k, n in vooruitblik.items()],
            "verslag": services.verslag(vooruitblik, droog=True),
            "runs": [
                (run, [(services.SOORTEN[k][1], n) for k, n in run.aantallen.items() if k in services.SOORTEN])
                for run in Bewaarrun.objects.all()[:10]
            ],
            "titel": _("Bewaartermijnen"),
        },
    )
