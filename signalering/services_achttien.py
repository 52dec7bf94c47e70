"""Eighteen (issue 20, item 5): a month before the 18th birthday the JJI-school's
zorgcoördinatoren get a task and a notification to ask the young person whether their parents
stay involved ("ouders betrekken"); from the birthday the tasks to contact the parents do not
apply without that consent. The parents' own consents lapse on the birthday by the rule itself
(``Toestemming.objects.geldig``), and the hourly task re-derives the permissions."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from jji_traject.geschiedenis import opslaan
from trajecten import services as traject_services
from trajecten.constants import BetrokkenheidSoort, Partij, Stap, TaakStatus, Voorwaarde
from trajecten.models import OudersBetrekken, Taak, Traject
from trajecten.regels import MEERDERJARIG, geboren_uiterlijk, verjaardag
from trajecten.services.ouders import VOORAF_DAGEN

from .constants import MeldingSoort
from .services import _melden, mails_versturen, zorgcoordinatoren

# Kept in Dutch in the database like every task text; shown as is.
TAAK_TEKST = "Vraag de jongere of de ouders betrokken blijven na de 18de verjaardag"


def _taak_maken(traject: Traject, achttien: dt.date, op: dt.date) -> None:
    """Once per traject; due on the birthday, or within two weeks when that has passed."""
    if traject.taken.filter(tekst=TAAK_TEKST).exists():
        return
    taak = Taak(
        traject=traject,
        stap=Stap.AL_EVEN_BUITEN if traject.vrijgelaten_op else Stap.TUSSENPERIODE_ONDERWIJS,
        tekst=TAAK_TEKST,
        partij=Partij.JJI_SCHOOL,
        organisatie_id=traject.betrokkenheden.filter(soort=BetrokkenheidSoort.JJI_SCHOOL)
        .values_list("organisatie_id", flat=True)
        .first(),
        deadline=achttien if achttien > op else op + dt.timedelta(days=14),
    )
    opslaan(taak, actor=None)


def achttien_herinneren(op: dt.date | None = None) -> int:
    """Daily. Returns the notifications made."""
    op = op or timezone.localdate()
    bijna = Traject.objects.filter(
        afgesloten_op__isnull=True,
        # 18 within a month, or older (a traject started after 18 asks too): once per traject.
        jongere__geboortedatum__lte=geboren_uiterlijk(op + dt.timedelta(days=VOORAF_DAGEN), MEERDERJARIG),
    ).select_related("jongere")
    # Asked already (the task and the notifications are made together), or consent given: skip in
    # SQL, so the daily run does not visit every adult's traject again.
    bijna = bijna.exclude(taken__tekst=TAAK_TEKST).exclude(ouders_betrekken__in=OudersBetrekken.objects.geldig(op))
    nieuw = 0
    for traject in bijna:
        achttien = verjaardag(traject.jongere.geboortedatum, MEERDERJARIG)
        with transaction.atomic():
            _taak_maken(traject, achttien, op)
            for user in zorgcoordinatoren(traject):
                nieuw += _melden(user, MeldingSoort.OUDERS_18, f"ouders18:{traject.pk}", traject=traject)
    meerderjarig = Traject.objects.filter(
        afgesloten_op__isnull=True,
        jongere__geboortedatum__lte=geboren_uiterlijk(op, MEERDERJARIG),
        taken__voorwaarde=Voorwaarde.OUDERS,
        taken__status__in=[TaakStatus.OPEN, TaakStatus.BEZIG],
    ).distinct()
    for traject in meerderjarig:
        with transaction.atomic():
            traject_services.ouders_taken_bijwerken(traject, op)
    mails_versturen()
    return nieuw
