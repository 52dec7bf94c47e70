from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from beslismodel import selectors as beslismodel_selectors
from dossier import selectors_schoolloopbaan as schoolloopbaan_selectors
from overdracht.selectors import teruggevraagde_documenten
from toegang import policy
from trajecten.constants import Checkpoint

from . import selectors, services
from .models import MeldingSoort


@login_required
def meldingen(request):
    """The reader's notifications, newest first, each marked done once its work is done;
    youth names only where access stands."""
    pagina = Paginator(services.meldingen_van(request.user), 50).get_page(request.GET.get("pagina"))
    # A notification shows its task and the youth only while the reader may still see that task.
    zichtbaar = set(
        policy.zichtbare_taken(request.user)
        .filter(pk__in=[m.taak_id for m in pagina.object_list if m.taak_id])
        .values_list("pk", flat=True)
    )
    zichtbare_trajecten = set(
        policy.zichtbaar_voor(request.user)
        .filter(pk__in=[m.traject_id for m in pagina.object_list if m.traject_id and not m.taak_id])
        .values_list("pk", flat=True)
    )
    # A request to delete a copy names its document: when it was made, by and for whom, and
    # which parts were asked back (the reader made or received it; no youth name without access).
    nummers = [m.document for m in pagina.object_list if m.soort == MeldingSoort.KOPIE_VERWIJDEREN and m.document]
    documenten = teruggevraagde_documenten(request.user, nummers)
    for m in pagina.object_list:
        m.overdracht = documenten.get(m.document) if m.document else None
        m.is_maker = m.overdracht is not None and m.sleutel.endswith(":maker")
    return render(
        request,
        "signalering/meldingen.html",
        {"pagina": pagina, "zichtbaar": zichtbaar, "zichtbare_trajecten": zichtbare_trajecten},
    )


@login_required
@require_POST
def alles_gelezen(request):
    services.meldingen_gelezen(actor=request.user)
    return redirect("signalering:meldingen")


@login_required
def overzicht(request):
    """The verbindingsofficier's overview, his home page: counts and short lists with links,
    only of trajecten he sees (``policy.heeft_overzicht``: for anyone else it does not exist).
    Flat in queries: each section is a count and its first rows."""
    user = request.user
    if not policy.heeft_overzicht(user):
        raise Http404
    context = {
        "organisatie": policy.medewerker_van(user).organisatie,
        "weken": selectors.VERWACHT_WEKEN,
        "overzicht": selectors.verbindingsofficier_overzicht(user),
        "beslismodellen": selectors.sectie(beslismodel_selectors.te_beoordelen(user)),
        "wacht_op_intaker": list(beslismodel_selectors.wacht_op_intaker(user)[: selectors.PER_SECTIE]),
        # The school outcomes after release due within four weeks (overdue ones included).
        "checkpoints": selectors.sectie(schoolloopbaan_selectors.checkpoints_te_doen(user)),
    }
    # Whether the first school day and the checkpoints are recorded, for his college's youths.
    context["op_school"] = op_school = selectors.sectie(schoolloopbaan_selectors.op_school_na_vrijlating(user))
    for traject in op_school.rijen:
        traject.laatste_checkpoint_label = (
            Checkpoint(traject.laatste_checkpoint).label if traject.laatste_checkpoint else ""
        )
    return render(request, "signalering/overzicht.html", context)
