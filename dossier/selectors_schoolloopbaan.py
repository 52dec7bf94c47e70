"""Reading the schoolloopbaan na uitstroom: the part as the registry fetches it (called only
by ``toegang.policy.categorie_lezen``), its derived figures (``dossier.regels``), and the
checkpoints due — the selector the verbindingsofficier's overview and notifications use."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Exists, Max, OuterRef, QuerySet, Subquery
from django.utils import timezone

from toegang import policy
from trajecten.constants import AFGEROND, Categorie, Checkpoint
from trajecten.models import Taak

from .models import Inschrijving, Nazorgafsluiting, Schoolcheckpoint
from .regels import Afleiding, Meting, schoolloopbaan_afleiden
from .regels import Inschrijving as InschrijvingRegel


@dataclass
class CheckpointRij:
    """One of the four checkpoints on the page: what was found, or when it is due."""

    moment: int
    checkpoint: Schoolcheckpoint | None
    deadline: dt.date | None

    @property
    def label(self) -> str:
        return Checkpoint(self.moment).label


@dataclass
class Schoolloopbaan:
    """The part as the page, the history and the API show it."""

    traject: object
    inschrijvingen: list[Inschrijving] = field(default_factory=list)
    checkpoints: list[Schoolcheckpoint] = field(default_factory=list)
    afsluiting: Nazorgafsluiting | None = None
    afleiding: Afleiding | None = None
    deadlines: dict[int, dt.date | None] = field(default_factory=dict)

    @property
    def rijen(self) -> list:
        """Every recorded row (the reader matrix looks for its marker in them)."""
        return [*self.inschrijvingen, *self.checkpoints, *([self.afsluiting] if self.afsluiting else [])]

    @property
    def eerste_schooldag(self) -> dt.date | None:
        return min((i.eerste_schooldag for i in self.inschrijvingen if i.eerste_schooldag), default=None)

    @property
    def checkpoint_rijen(self) -> list[CheckpointRij]:
        gevonden = {c.moment: c for c in self.checkpoints}
        return [CheckpointRij(m, gevonden.get(m), self.deadlines.get(m)) for m in Checkpoint.values]

    def __bool__(self) -> bool:
        return bool(self.rijen)


def afleiding_van(traject, inschrijvingen, checkpoints, op: dt.date | None = None) -> Afleiding:
    """The derived figures of one traject with the app's threshold and its regio's holiday."""
    return schoolloopbaan_afleiden(
        vrijgelaten_op=traject.vrijgelaten_op,
        inschrijvingen=[InschrijvingRegel(i.startdatum, i.eerste_schooldag, i.einddatum) for i in inschrijvingen],
        metingen=[Meting(c.peildatum, c.uitkomst) for c in checkpoints],
        bestemming=traject.uitstroombestemming,
        op=op or timezone.localdate(),
        drempel=settings.ONDERBROKEN_DAGEN,
        zomervakantie=traject.regio.zomervakantie,
    )


def inschrijving_van(traject, pk) -> Inschrijving:
    """One enrolment of ``traject`` (a fresh instance each call; a 404 for another traject's)."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(Inschrijving, traject=traject, pk=pk)


def schoolloopbaan_ophalen(traject) -> Schoolloopbaan | None:
    """The schoolloopbaan na uitstroom (``None`` while nothing is recorded)."""
    inschrijvingen = list(Inschrijving.objects.filter(traject=traject).select_related("organisatie"))
    checkpoints = list(Schoolcheckpoint.objects.filter(traject=traject).select_related("organisatie"))
    afsluiting = Nazorgafsluiting.objects.filter(traject=traject).select_related("organisatie").first()
    if not (inschrijvingen or checkpoints or afsluiting):
        return None
    deadlines = dict(
        Taak.objects.filter(traject=traject, checkpoint__isnull=False).values_list("checkpoint", "deadline")
    )
    return Schoolloopbaan(
        traject=traject,
        inschrijvingen=inschrijvingen,
        checkpoints=checkpoints,
        afsluiting=afsluiting,
        afleiding=afleiding_van(traject, inschrijvingen, checkpoints),
        deadlines=deadlines,
    )


def checkpoints_te_doen(user, *, binnen_dagen: int = 28, op: dt.date | None = None) -> QuerySet[Taak]:
    """The checkpoints due: open checkpoint tasks of open trajecten whose deadline falls within
    ``binnen_dagen`` days (overdue ones included), among the tasks this reader may see (the
    policy's ``zichtbare_taken``), soonest first. No dossier content: a task says only which
    checkpoint is due for whom. For the verbindingsofficier's overview (issue 18, item 4) and
    the uit-beeld notifications."""
    grens = (op or timezone.localdate()) + dt.timedelta(days=binnen_dagen)
    return (
        policy.zichtbare_taken(user)
        .filter(checkpoint__isnull=False, deadline__lte=grens, traject__afgesloten_op__isnull=True)
        .exclude(status__in=AFGEROND)
        .select_related("traject__jongere", "organisatie")
        .order_by("deadline", "pk")
    )


def op_school_na_vrijlating(user) -> QuerySet:
    """The released, open trajecten whose schoolloopbaan the reader's own organisation writes
    (``policy.zelf_geschreven``), most recently released first, each annotated with whether the
    first school day is recorded (``eerste_schooldag_vastgelegd``), the latest checkpoint recorded
    (``laatste_checkpoint``: its moment, or None). Whether, not what: the values stay on the
    dossier page. One query per use, flat in the number of rows (for the verbindingsofficier's
    overview)."""
    rij = OuterRef("pk")
    checkpoints = Schoolcheckpoint.objects.filter(traject=rij).order_by().values("traject")
    return (
        policy.zelf_geschreven(user, Categorie.SCHOOLLOOPBAAN)
        .filter(vrijgelaten_op__isnull=False, afgesloten_op__isnull=True)
        .annotate(
            eerste_schooldag_vastgelegd=Exists(
                Inschrijving.objects.filter(traject=rij, eerste_schooldag__isnull=False)
            ),
            laatste_checkpoint=Subquery(checkpoints.annotate(m=Max("moment")).values("m")[:1]),
        )
        .select_related("jongere")
        .order_by("-vrijgelaten_op", "pk")
    )
