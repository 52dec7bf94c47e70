"""Who must act next on a beslismodel: this app chooses the people, signalering stores the
notification and mails it (without youth data)."""

from __future__ import annotations

from netwerk.models import Medewerker
from signalering import services as signalering
from signalering.models import MeldingSoort
from toegang import policy

from ..constants import (
    Stand,
)
from ..models import Beslismodel, Besluit


def beslismodel_melden(beslismodel: Beslismodel, wat: str, *, besluit: Besluit | None = None) -> int:
    """Tell who acts next on a beslismodel: a submitted version → who may decide it at the
    receiving mbo; oranje or rood → who may confirm it there (not who decided); a decision
    that stands → who submitted it; a decision sent back → who took it. Only people who may act on it now; the
    mail (after commit, in the background) carries no youth data."""
    traject = beslismodel.traject
    if wat == "ingediend":
        soort = MeldingSoort.BESLISMODEL_TE_BEOORDELEN
        kandidaten = [
            m.user
            for m in Medewerker.objects.filter(organisatie_id=beslismodel.ontvanger_id, user__is_active=True)
            .select_related("user", "organisatie")
            .order_by("pk")
        ]
        ontvangers = [u for u in kandidaten if policy.mag_beslismodel_besluiten(u, beslismodel)]
    elif wat == "te_bevestigen" and besluit is not None:
        soort = MeldingSoort.BESLISMODEL_TE_BEVESTIGEN
        ontvangers = [
            m.user
            for m in policy.bevestigers(beslismodel).exclude(user_id=besluit.besloten_door_id)
            if policy.mag_beslismodel_bevestigen(m.user, beslismodel)
        ]
    elif wat == "vastgesteld":
        soort = MeldingSoort.BESLISMODEL_VASTGESTELD
        ontvangers = [beslismodel.ingediend_door] if policy.is_zichtbaar(beslismodel.ingediend_door, traject) else []
    elif wat == "teruggelegd" and besluit is not None and beslismodel.stand == Stand.INGEDIEND:
        soort = MeldingSoort.BESLISMODEL_TERUGGELEGD
        ontvangers = [besluit.besloten_door] if policy.is_zichtbaar(besluit.besloten_door, traject) else []
    else:
        raise ValueError(wat)
    sleutel = f"beslismodel:{beslismodel.pk}:{wat}:{besluit.pk if besluit else ''}"
    return signalering.melden(soort, [(user, sleutel) for user in ontvangers if user.is_active], traject=traject)
