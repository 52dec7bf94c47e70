"""Neutral query building blocks. Who may see what is not decided here but in
``toegang.policy``, which builds on these."""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.db.models import BooleanField, Exists, ExpressionWrapper, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from jji_traject.geschiedenis import GeschiedenisQuerySet

from .constants import ACTIEF_VANAF_START, KENNISGEVING, BetrokkenheidSoort


def contact_met_jongere() -> Q:
    """A meeting that counts as contact with the young person (not one about them): a contact
    moment, or any meeting with the youth present. The one definition for "uit beeld" and for
    when its notification is done (``signalering.querysets``)."""
    return Q(soort="contactmoment") | Q(jongere_aanwezig=True)


class ToestemmingQuerySet(GeschiedenisQuerySet):
    def geldig(self, op: dt.date | None = None):
        """Given on or before ``op``, not expired, not revoked — and not a parent's consent for
        a young person of 18 or older (it lapses on the 18th birthday)."""
        from .constants import Grondslag
        from .regels import MEERDERJARIG, geboren_uiterlijk

        op = op or timezone.localdate()
        return (
            self.filter(ingetrokken_op__isnull=True, datum_gegeven__lte=op)
            .filter(Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=op))
            .exclude(
                grondslag=Grondslag.TOESTEMMING_OUDER,
                traject__jongere__geboortedatum__lte=geboren_uiterlijk(op, MEERDERJARIG),
            )
        )

    def kennisgevingen(self):
        return self.filter(categorie=KENNISGEVING)


class OudersBetrekkenQuerySet(GeschiedenisQuerySet):
    def geldig(self, op: dt.date | None = None):
        op = op or timezone.localdate()
        return self.filter(ingetrokken_op__isnull=True, datum_gegeven__lte=op)


class BetrokkenheidQuerySet(GeschiedenisQuerySet):
    def met_actief(self, op: dt.date | None = None):
        """Annotate ``is_actief``: an organisation that is itself active, and then JJI and
        JJI-school always, others while a kennisgeving for them is valid. The one definition
        of an active involvement."""
        Toestemming = apps.get_model("trajecten", "Toestemming")  # noqa: N806 - defined after this module

        kennisgeving = (
            Toestemming.objects.kennisgevingen()
            .geldig(op)
            .filter(traject=OuterRef("traject"), ontvanger=OuterRef("organisatie"))
        )
        return self.annotate(
            is_actief=ExpressionWrapper(
                Q(organisatie__actief=True) & (Q(soort__in=ACTIEF_VANAF_START) | Exists(kennisgeving)), BooleanField()
            )
        )

    def actief(self, op: dt.date | None = None):
        return self.met_actief(op).filter(is_actief=True)


class TrajectQuerySet(GeschiedenisQuerySet):
    def open(self):
        return self.filter(afgesloten_op__isnull=True)

    def met_laatste_contact(self):
        """Annotate ``laatste_contact``: the last contact moment (or meeting with the youth
        present) since release, else the release date itself."""
        Overleg = apps.get_model("trajecten", "Overleg")  # noqa: N806 - defined after this module

        laatste = (
            Overleg.objects.filter(contact_met_jongere(), traject=OuterRef("pk"), datum__gte=OuterRef("vrijgelaten_op"))
            .order_by("-datum")
            .values("datum")[:1]
        )
        return self.annotate(laatste_contact=Coalesce(Subquery(laatste), F("vrijgelaten_op")))

    def met_uit_beeld(self, dagen: int, op: dt.date | None = None):
        """Annotate ``is_uit_beeld``: open, in uitstroom, and no contact for more than ``dagen``
        days since the last meeting or the release."""
        grens = (op or timezone.localdate()) - dt.timedelta(days=dagen)
        return self.met_laatste_contact().annotate(
            is_uit_beeld=ExpressionWrapper(
                Q(afgesloten_op__isnull=True, fase="uitstroom", laatste_contact__lt=grens), BooleanField()
            )
        )

    def uit_beeld(self, dagen: int, op: dt.date | None = None):
        return self.met_uit_beeld(dagen, op).filter(is_uit_beeld=True)

    def ontvangen_door(self, organisatie_id: int, op: dt.date | None = None):
        """Trajecten in which this organisation is the active receiving mbo: involved as such,
        or, on a return to the mbo van herkomst, active as that school (it is then the
        receiving one too, as the routekaart's tasks say)."""
        Betrokkenheid = apps.get_model("trajecten", "Betrokkenheid")  # noqa: N806 - defined after this module

        actief = Betrokkenheid.objects.actief(op).filter(traject=OuterRef("pk"), organisatie_id=organisatie_id)
        return self.filter(
            Exists(actief.filter(soort=BetrokkenheidSoort.MBO_ONTVANGEND))
            | (Q(terug_naar_herkomst=True) & Exists(actief.filter(soort=BetrokkenheidSoort.MBO_HERKOMST)))
        )

    def zoek(self, tekst: str):
        """Search on the youth's name: every word must match a part of it. It reads the
        traject's own ``sorteernaam`` (the whole name, casefolded), which a trigram index
        serves on PostgreSQL (migration trajecten 0017); SQLite scans."""
        for woord in tekst.casefold().split():
            self = self.filter(sorteernaam__contains=woord)
        return self
