"""What the services of a traject share: the row lock and the justice parties."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from toegang import policy

from ..models import (
    Traject,
)

# Parties that may act on a justice line (a school never sees such a task).
JUSTITIE_PARTIJEN = frozenset({"jji", "reclassering", "rvdk"})


def vergrendeld(traject: Traject, *, open_vereist: bool = True) -> Traject:
    """A fresh, row-locked copy of the traject: access is checked against the database as it
    is now (not answers remembered on the view's instance), and concurrent changes queue. The
    caller's instance forgets what the policy remembered of it: what comes next may change it."""
    policy.vergeten(traject)
    vers = Traject.objects.select_for_update(of=("self",)).select_related("jongere", "jji").get(pk=traject.pk)
    if open_vereist and vers.is_afgesloten:
        raise ValidationError(_("Dit traject is afgesloten; er kan niets meer worden gewijzigd."))
    return vers
