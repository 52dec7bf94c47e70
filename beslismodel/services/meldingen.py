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
from ..selectors import intaker_toegewezen, intaker_toewijzers


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
    nieuw = signalering.melden(
        soort, [(user, sleutel) for user in ontvangers if user.is_active], traject=traject, beslismodel=beslismodel
    )
    if wat == "ingediend":
        nieuw += intaker_laten_toewijzen(beslismodel)
    return nieuw


def intaker_laten_toewijzen(beslismodel: Beslismodel) -> int:
    """A version submitted to an mbo whose intakers are not assigned to the traject waits
    unseen by them: the submission does not widen who sees the traject (need to know). Its
    verbindingsofficier (without one: its zorgcoördinatoren) is asked to assign an intaker —
    only who may assign one to this traject, and only where the mbo has an intaker to assign.
    The notification is done once an intaker is assigned or the version no longer waits."""
    traject, ontvanger = beslismodel.traject, beslismodel.ontvanger
    if ontvanger is None or intaker_toegewezen(traject, ontvanger):
        return 0
    ontvangers = [m.user for m in intaker_toewijzers(traject, ontvanger)]
    return signalering.melden(
        MeldingSoort.INTAKER_TOEWIJZEN,
        [(user, f"beslismodel:{beslismodel.pk}:intaker_toewijzen:") for user in ontvangers],
        traject=traject,
        beslismodel=beslismodel,
    )


def toegewezen_melden(*, actor, toewijzing) -> int:
    """A person assigned to a traject where a version waits at their school for a decision
    they may take is told, as if it had just been submitted (once: the same key)."""
    user = toewijzing.medewerker.user
    nieuw = 0
    wachtend = Beslismodel.objects.filter(
        traject_id=toewijzing.traject_id, stand=Stand.INGEDIEND, ontvanger_id=toewijzing.medewerker.organisatie_id
    ).select_related("traject")
    for beslismodel in wachtend:
        if user.is_active and policy.mag_beslismodel_besluiten(user, beslismodel):
            nieuw += signalering.melden(
                MeldingSoort.BESLISMODEL_TE_BEOORDELEN,
                [(user, f"beslismodel:{beslismodel.pk}:ingediend:")],
                traject=beslismodel.traject,
                beslismodel=beslismodel,
            )
    return nieuw
