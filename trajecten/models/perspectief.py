"""The young person's toekomstperspectief per leefgebied: where they will live, learn or
work, spend their free time, and which care or guidance continues — written with them, so
that at departure nobody waits for a place to live or learn."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jji_traject.geschiedenis import GeschiedenisQuerySet
from jji_traject.keuzes import Keuzelabels
from jji_traject.vrije_tekst import MAX_TEKST, VRIJE_TEKST

from ..constants import Leefgebied


class Toekomstperspectief(Keuzelabels, models.Model):
    """One leefgebied of the toekomstperspectief of a traject. Part of the traject (read by
    everyone who sees it, and carried by the overdrachtsdocument): future-oriented, no
    Beginselenwet content, no diagnosis."""

    traject = models.ForeignKey(
        "trajecten.Traject", on_delete=models.CASCADE, related_name="toekomstperspectieven", verbose_name=_("traject")
    )
    leefgebied = models.CharField(_("leefgebied"), max_length=20, choices=Leefgebied.choices)
    tekst = models.TextField(_("perspectief"), max_length=MAX_TEKST, validators=VRIJE_TEKST)
    bijgewerkt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("bijgewerkt door")
    )
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), default=timezone.now)

    history = HistoricalRecords()
    objects = GeschiedenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("toekomstperspectief")
        verbose_name_plural = _("toekomstperspectieven")
        ordering = ["traject", "leefgebied"]
        constraints = [
            models.UniqueConstraint(
                fields=["traject", "leefgebied"],
                name="toekomstperspectief_uniek",
                violation_error_message=_("Dit leefgebied is al beschreven."),
            )
        ]

    def __str__(self) -> str:
        return f"toekomstperspectief {self.traject_id} {self.leefgebied}"
