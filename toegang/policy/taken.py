"""Which routekaart tasks a reader sees (never a justice partner's task for a school) and may
update."""

from __future__ import annotations

from django.db.models import OuterRef, Q, QuerySet

from trajecten.models import Taak, Traject

from .lezers import is_nazorgpartner, medewerker_van
from .trajecten import is_zichtbaar, mag_titel_kennen, mag_traject_beheren
from .zicht import zichtbaar_per_rij


def _welke_taken(user, taken: QuerySet[Taak]) -> QuerySet[Taak]:
    """Of these tasks, those the reader may see at all: never a justice partner's task for a
    school (or any organisation outside justice); for a partner after release (gemeente,
    (jeugd)reclassering, leerplicht/RMC) only its own organisation's tasks."""
    medewerker = medewerker_van(user)
    if is_nazorgpartner(medewerker):
        taken = taken.filter(organisatie_id=medewerker.organisatie_id)
    return taken if mag_titel_kennen(user) else taken.filter(justitieel=False)


def taken_zichtbaar_voor(user, traject: Traject) -> QuerySet[Taak]:
    """The tasks of a traject the reader may see: none without access to the traject, else
    the rule of :func:`_welke_taken`."""
    if not is_zichtbaar(user, traject):
        return Taak.objects.none()
    return _welke_taken(user, Taak.objects.filter(traject=traject))


def zichtbare_taken(user) -> QuerySet[Taak]:
    """Every task the reader may see, across trajecten (the same rule as for one traject).
    The reader's own tasks drive the lists built on it (Mijn taken), so the visibility rows
    are probed per task (:func:`zichtbaar_per_rij`)."""
    return _welke_taken(user, Taak.objects.filter(zichtbaar_per_rij(user)))


def taken_in_lijst(user) -> QuerySet[Taak]:
    """The tasks the reader may see of the traject in the outer query (``OuterRef("pk")``): to
    annotate a list of trajecten that ``zichtbaar_voor`` already limited to what the reader
    sees. The same rule as :func:`taken_zichtbaar_voor`."""
    return _welke_taken(user, Taak.objects.filter(traject=OuterRef("pk")))


def mijn_taken(user) -> QuerySet[Taak]:
    """Open tasks of the reader across the trajecten they may see: theirs, and their
    organisation's tasks that nobody has taken on yet."""
    medewerker = medewerker_van(user)
    if medewerker is None:
        return Taak.objects.none()
    return (
        zichtbare_taken(user)
        .filter(traject__afgesloten_op__isnull=True)
        .filter(Q(medewerker=medewerker) | Q(medewerker__isnull=True, organisatie_id=medewerker.organisatie_id))
    )


def bijwerkbare_taken(user, traject: Traject) -> QuerySet[Taak]:
    """Tasks the reader may update: every visible task for the regie (JJI, JJI-school), the
    tasks of their own organisation for the others."""
    taken = taken_zichtbaar_voor(user, traject)
    if mag_traject_beheren(user, traject):
        return taken
    medewerker = medewerker_van(user)
    return taken.filter(organisatie_id=medewerker.organisatie_id) if medewerker else Taak.objects.none()


def bijwerkbaar_in(user, traject: Traject, taken: list[Taak]) -> set[int]:
    """Of ``taken`` — the traject's tasks the reader sees (:func:`taken_zichtbaar_voor`),
    already read — the ids of those they may update: the rule of :func:`bijwerkbare_taken`,
    without a query of its own."""
    if mag_traject_beheren(user, traject):
        return {taak.pk for taak in taken}
    medewerker = medewerker_van(user)
    return {taak.pk for taak in taken if medewerker is not None and taak.organisatie_id == medewerker.organisatie_id}


def mag_taak_bijwerken(user, taak: Taak) -> bool:
    return bijwerkbare_taken(user, taak.traject).filter(pk=taak.pk).exists()
