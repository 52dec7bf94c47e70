"""The functionaris gegevensbescherming (FG) searches the raadplegingen log after a suspected
data breach: whose readings, in which period, and why.

- The FG of an organisation searches the readings its own people did while working there
  (``Raadpleging.organisatie``): someone who reads more than their work needs. Readings done
  for another organisation are that organisation's FG's to search.
- The search names one person (someone who works or worked at the organisation, from its
  people's history) and a period of at most :data:`MAX_DAGEN` days, with a reason (an
  incident number, a complaint). Every search is recorded (``toegang.Logonderzoek``,
  append-only) before anything is shown: it is the recorded basis for seeing which young
  people those readings were about.
- The results are the log's own rows: when, which part, how, allowed or refused, on which
  grondslag, from which address and request. No part is opened, so a search writes no
  raadpleging; the FG never sees a traject or a dossier part.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from netwerk.constants import Rol
from netwerk.models import Medewerker
from toegang.models import Logonderzoek, Raadpleging

from .lezers import medewerker_van

User = get_user_model()

# The longest period one search covers: a longer question is several recorded searches.
MAX_DAGEN = 366


def mag_log_onderzoeken(user) -> bool:
    """The functionaris gegevensbescherming of an active organisation."""
    medewerker = medewerker_van(user)
    return medewerker is not None and medewerker.rol == Rol.FG


def _organisatie(user):
    if not mag_log_onderzoeken(user):
        raise PermissionDenied
    return medewerker_van(user).organisatie


def onderzoekbare_personen(user) -> QuerySet:
    """The people whose readings the FG may search: whoever works or worked at the FG's
    organisation (its people's history keeps who left or moved), the FG excepted."""
    organisatie = _organisatie(user)
    ooit = Medewerker.history.filter(organisatie_id=organisatie.pk).values("user_id")
    return User.objects.filter(pk__in=ooit).exclude(pk=user.pk).order_by("last_name", "first_name", "username")


def _periode(van: dt.date, tot: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The period from the start of ``van`` to the end of ``tot`` in Dutch time."""
    zone = ZoneInfo(settings.TIME_ZONE)
    begin = dt.datetime.combine(van, dt.time.min, tzinfo=zone)
    eind = dt.datetime.combine(tot + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    return begin, eind


def periode_controleren(van: dt.date, tot: dt.date, vandaag: dt.date) -> None:
    if tot > vandaag:
        raise ValidationError({"tot": _("Kies een einddatum tot en met vandaag.")})
    if tot < van:
        raise ValidationError({"tot": _("De einddatum ligt voor de begindatum.")})
    if (tot - van).days + 1 > MAX_DAGEN:
        melding = _("Zoek over hoogstens %(dagen)s dagen tegelijk; splits een langere periode.")
        raise ValidationError({"tot": melding % {"dagen": MAX_DAGEN}})


def _gevonden(organisatie_id: int, persoon_id: int, van: dt.date, tot: dt.date, *, tot_moment=None):
    begin, eind = _periode(van, tot)
    if tot_moment is not None:
        eind = min(eind, tot_moment)
    return Raadpleging.objects.filter(
        organisatie_id=organisatie_id, actor_id=persoon_id, tijdstip__gte=begin, tijdstip__lt=eind
    )


@transaction.atomic
def log_onderzoeken(user, *, persoon, van: dt.date, tot: dt.date, aanleiding: str) -> Logonderzoek:
    """Record one search and return it; its rows are :func:`onderzoek_resultaten`. ``PermissionDenied``
    for who is not an FG; ``ValidationError`` for a person outside the organisation, a wrong
    period or an unfit reason."""
    organisatie = _organisatie(user)
    if not onderzoekbare_personen(user).filter(pk=getattr(persoon, "pk", None)).exists():
        raise ValidationError({"persoon": _("Kies iemand die bij uw organisatie werkt of werkte.")})
    periode_controleren(van, tot, timezone.localdate())
    onderzoek = Logonderzoek(
        onderzoeker=user,
        organisatie=organisatie,
        persoon=persoon,
        van=van,
        tot=tot,
        aanleiding=aanleiding,
        aantal=0,
    )
    onderzoek.aantal = _gevonden(organisatie.pk, persoon.pk, van, tot, tot_moment=onderzoek.tijdstip).count()
    onderzoek.full_clean()
    onderzoek.save()
    return onderzoek


def onderzoeken_zichtbaar_voor(user) -> QuerySet[Logonderzoek]:
    """The searches of the FG's organisation (an FG sees a colleague's searches too)."""
    if not mag_log_onderzoeken(user):
        return Logonderzoek.objects.none()
    return Logonderzoek.objects.filter(organisatie_id=medewerker_van(user).organisatie_id).select_related(
        "onderzoeker", "persoon"
    )


def onderzoek_ophalen(user, pk) -> Logonderzoek:
    """One recorded search of the FG's organisation; ``Http404`` otherwise."""
    try:
        return onderzoeken_zichtbaar_voor(user).get(pk=pk)
    except (Logonderzoek.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def onderzoek_resultaten(onderzoek: Logonderzoek) -> QuerySet[Raadpleging]:
    """The log's rows of a recorded search as it was made (nothing written after it), newest
    first, with what a row names."""
    return (
        _gevonden(
            onderzoek.organisatie_id, onderzoek.persoon_id, onderzoek.van, onderzoek.tot, tot_moment=onderzoek.tijdstip
        )
        .select_related("jongere", "grondslag", "ontvanger", "ontvanger_persoon")
        .order_by("-tijdstip", "-pk")
    )
