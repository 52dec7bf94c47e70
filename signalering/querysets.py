"""When a notification's work is done. It is read from the state of what the notification is
about, in the query itself: nobody has to remember to close it, and a notification that was
done by someone else (a colleague decided, the traject closed) is done for everyone it went to.

Per kind (``MeldingSoort``):

- a task due soon or overdue: the task is done or not applicable, or the traject closed;
- netwerkkaart: none of the organisation's entries is more than a year old any more (or the
  organisation is no longer active);
- toestemming op 16: the parent's consent no longer holds (revoked, expired), or the young
  person gave their own consent for the same part and organisation since;
- beslismodel te beoordelen, or teruggelegd: a decision was taken since, the version no longer
  waits (replaced, decided) or the traject closed;
- beslismodel te bevestigen: the decision it asked about no longer waits for confirmation;
- intaker toewijzen: an intaker of the receiving mbo is assigned, or the version no longer
  waits for a decision;
- accountaanvraag: the request was decided;
- uit beeld: the episode is over — a contact with the young person (``contact_met_jongere``)
  dated after the last contact the notification was made for, or the traject is no longer
  open and in uitstroom (or its release moved after that date). A later episode is a new
  notification (its key names its own last contact).

Kinds that only tell (a decision stands, a copy must be deleted outside the app, an account
changed, many refusals) have no work the app can see: they are never marked done.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import BooleanField, Case, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone

from .constants import MeldingSoort as S


def afgehandeld_voorwaarde() -> Q:
    """The condition under which a notification's work is done (one SQL expression)."""
    # Imported here: these models are loaded after signalering's own.
    from beslismodel.constants import Bevestiging, Stand
    from beslismodel.models import Besluit
    from netwerk.constants import AanvraagStatus, Rol
    from netwerk.models import Contactpersoon
    from trajecten.constants import AFGEROND, Fase, Grondslag
    from trajecten.models import OudersBetrekken, Overleg, Toestemming, Toewijzing
    from trajecten.querysets import contact_met_jongere

    vandaag = timezone.localdate()
    gesloten = Q(traject__afgesloten_op__isnull=False)
    besloten_sinds = Exists(
        Besluit.objects.filter(beslismodel=OuterRef("beslismodel"), besloten_op__gte=OuterRef("aangemaakt_op"))
    )
    wacht_niet_op_besluit = gesloten | besloten_sinds | ~Q(beslismodel__stand=Stand.INGEDIEND)
    gevraagde_bevestiging = Exists(
        Besluit.objects.filter(
            beslismodel=OuterRef("beslismodel"),
            bevestiging=Bevestiging.GEVRAAGD,
            besloten_op__lte=OuterRef("aangemaakt_op"),
        )
    )
    intaker_toegewezen = Exists(
        Toewijzing.objects.filter(
            traject=OuterRef("traject"),
            medewerker__organisatie=OuterRef("beslismodel__ontvanger"),
            medewerker__rol=Rol.INTAKER,
            medewerker__user__is_active=True,
        )
    )
    verouderd = Exists(
        Contactpersoon.objects.filter(
            organisatie=OuterRef("organisatie"), bevestigd_op__lt=vandaag - dt.timedelta(days=365)
        )
    )
    eigen_toestemming_sinds = Exists(
        Toestemming.objects.filter(
            traject=OuterRef("toestemming__traject"),
            ontvanger=OuterRef("toestemming__ontvanger"),
            categorie=OuterRef("toestemming__categorie"),
            grondslag=Grondslag.TOESTEMMING_JONGERE,
            ingetrokken_op__isnull=True,
            vastgelegd_op__gt=OuterRef("toestemming__vastgelegd_op"),
        )
    )
    ouders_betrekken_vastgelegd = Exists(
        OudersBetrekken.objects.filter(traject=OuterRef("traject"), ingetrokken_op__isnull=True)
    )
    contact_sinds = Exists(
        Overleg.objects.filter(
            contact_met_jongere(), traject=OuterRef("traject"), datum__gt=OuterRef("laatste_contact")
        )
    )
    weer_in_beeld = (
        gesloten
        | ~Q(traject__fase=Fase.UITSTROOM)
        | Q(traject__vrijgelaten_op__isnull=True)
        | Q(traject__vrijgelaten_op__gt=F("laatste_contact"))
        | contact_sinds
    )
    # Only where what it is about is known: a notification without it is never marked done.
    return (
        (Q(soort__in=[S.TAAK_BINNENKORT, S.TAAK_TE_LAAT]) & (Q(taak__status__in=AFGEROND) | gesloten))
        | (Q(soort=S.NETWERKKAART, organisatie__isnull=False) & (Q(organisatie__actief=False) | ~verouderd))
        | (
            Q(soort=S.TOESTEMMING_16, toestemming__isnull=False)
            & (
                gesloten
                | Q(toestemming__ingetrokken_op__isnull=False)
                | Q(toestemming__geldig_tot__lt=vandaag)
                | eigen_toestemming_sinds
            )
        )
        | (
            Q(soort__in=[S.BESLISMODEL_TE_BEOORDELEN, S.BESLISMODEL_TERUGGELEGD], beslismodel__isnull=False)
            & wacht_niet_op_besluit
        )
        | (Q(soort=S.BESLISMODEL_TE_BEVESTIGEN, beslismodel__isnull=False) & (gesloten | ~gevraagde_bevestiging))
        | (Q(soort=S.INTAKER_TOEWIJZEN, beslismodel__isnull=False) & (wacht_niet_op_besluit | intaker_toegewezen))
        | (
            Q(soort=S.ACCOUNTAANVRAAG, accountaanvraag__isnull=False)
            & ~Q(accountaanvraag__status=AanvraagStatus.AANGEVRAAGD)
        )
        | (Q(soort=S.UIT_BEELD, traject__isnull=False, laatste_contact__isnull=False) & weer_in_beeld)
        | (Q(soort=S.OUDERS_18, traject__isnull=False) & (gesloten | ouders_betrekken_vastgelegd))
    )


def _afgehandeld():
    return Case(When(afgehandeld_voorwaarde(), then=Value(True)), default=Value(False), output_field=BooleanField())


class MeldingQuerySet(QuerySet):
    def met_afgehandeld(self):
        """Annotate ``afgehandeld``: whether the notification's work is done."""
        return self.annotate(afgehandeld=_afgehandeld())

    def open(self):
        """Notifications whose work is not done (or that only tell something)."""
        return self.alias(_afgehandeld=_afgehandeld()).filter(_afgehandeld=False)
