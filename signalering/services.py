"""Reminders: notify the responsible people of tasks due soon or overdue, once per deadline.

Responsible for a task: the person it is given to; else the people of the acting
organisation assigned to the traject; else that organisation's verbindingsofficier — and
only those who may see the task now (the access policy decides). E-mail carries no name of
a young person and no justice context: only how many tasks wait, and a link.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from toegang import policy
from trajecten.constants import AFGEROND
from trajecten.models import Taak, Toewijzing

from .models import Melding, MeldingSoort


def _verantwoordelijken(taak: Taak) -> list:
    if taak.medewerker_id:
        return [taak.medewerker.user]
    if taak.organisatie_id is None:
        return []
    toegewezen = [
        t.medewerker.user
        for t in Toewijzing.objects.filter(
            traject_id=taak.traject_id, medewerker__organisatie_id=taak.organisatie_id
        ).select_related("medewerker__user")
        if t.medewerker.user.is_active
    ]
    if toegewezen:
        return toegewezen
    vo = taak.organisatie.verbindingsofficier
    return [vo.user] if vo and vo.user.is_active else []


def herinneringen_versturen(op: dt.date | None = None) -> int:
    """Create the notifications due today (idempotent: two runs, one notification) and mail
    each person a summary without youth data. Returns the number of new notifications."""
    op = op or timezone.localdate()
    grens = op + dt.timedelta(days=settings.HERINNERING_DAGEN)
    taken = (
        Taak.objects.filter(deadline__lte=grens, traject__afgesloten_op__isnull=True)
        .exclude(status__in=AFGEROND)
        .select_related("traject", "organisatie__verbindingsofficier__user", "medewerker__user")
    )
    zichtbaar: dict[tuple[int, int], set[int]] = {}
    nieuw_per_persoon: dict[int, list[Melding]] = defaultdict(list)
    for taak in taken.iterator(chunk_size=500):
        soort = MeldingSoort.TAAK_TE_LAAT if taak.deadline < op else MeldingSoort.TAAK_BINNENKORT
        for user in _verantwoordelijken(taak):
            sleutel = (user.pk, taak.traject_id)
            if sleutel not in zichtbaar:
                zichtbaar[sleutel] = set(policy.taken_zichtbaar_voor(user, taak.traject).values_list("pk", flat=True))
            if taak.pk not in zichtbaar[sleutel]:
                continue
            melding = Melding(
                ontvanger=user,
                soort=soort,
                traject=taak.traject,
                taak=taak,
                sleutel=f"taak:{taak.pk}:{soort}:{taak.deadline.isoformat()}",
            )
            try:
                with transaction.atomic():
                    melding.save()
            except IntegrityError:
                continue  # already notified for this deadline
            nieuw_per_persoon[user.pk].append(melding)
    for meldingen in nieuw_per_persoon.values():
        transaction.on_commit(lambda m=meldingen: _mailen(m))
    return sum(len(m) for m in nieuw_per_persoon.values())


def _mailen(meldingen: list[Melding]) -> None:
    ontvanger = meldingen[0].ontvanger
    if not ontvanger.email:
        return
    te_laat = sum(m.soort == MeldingSoort.TAAK_TE_LAAT for m in meldingen)
    binnenkort = len(meldingen) - te_laat
    regels = []
    if te_laat:
        regels.append(ngettext("%(n)d taak is te laat.", "%(n)d taken zijn te laat.", te_laat) % {"n": te_laat})
    if binnenkort:
        regels.append(
            ngettext("%(n)d taak verloopt binnenkort.", "%(n)d taken verlopen binnenkort.", binnenkort)
            % {"n": binnenkort}
        )
    link = settings.SITE_URL + reverse("signalering:meldingen")
    send_mail(
        subject=_("jji-traject: er staan taken voor je klaar"),
        message="\n".join([_("Goedendag,"), "", *regels, "", _("Bekijk ze in jji-traject: %(link)s") % {"link": link}]),
        from_email=None,
        recipient_list=[ontvanger.email],
        fail_silently=False,
    )


def meldingen_van(user):
    """The reader's notifications; each shows the youth's name only if they may still see it."""
    return Melding.objects.filter(ontvanger=user).select_related("taak", "traject__jongere")


def meldingen_gelezen(*, actor) -> int:
    return Melding.objects.filter(ontvanger=actor, gelezen_op__isnull=True).update(gelezen_op=timezone.now())


def ongelezen(user) -> int:
    if user is None or not user.is_authenticated:
        return 0
    return Melding.objects.filter(ontvanger=user, gelezen_op__isnull=True).count()
