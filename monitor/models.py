"""The monitor's nightly summary (issue 19, item 5): per regio and year of release the counts
its figures are made of, so the page reads a few rows instead of counting every traject.

A row holds counts only — per figure, per group of a distribution or breakdown, and the
number of young people per number of days to the first school day (for the median) — never
a name, an id or a date of birth, and nothing about any one young person. Suppression is
applied when the figures are shown (``monitor.onderdrukking``), never stored.

Rows are recomputed nightly (``monitor.tasks.cijfers_bijwerken``, after the schoolloopbaan
stands) and, when one is missing or from another day, on reading; the page says when."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Cohortcijfers(models.Model):
    regio = models.ForeignKey(
        "netwerk.Regio", on_delete=models.CASCADE, related_name="cohortcijfers", verbose_name=_("regio")
    )
    jaar = models.PositiveSmallIntegerField(_("jaar van vrijlating"))
    # The counts, as ``monitor.selectors_tellingen.tellen`` makes them (see its module).
    tellingen = models.JSONField(_("tellingen"))
    # The day the counts hold for: "released long enough" for the checkpoints is counted from it.
    peildatum = models.DateField(_("peildatum"))
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"))

    class Meta:
        verbose_name = _("cijfers van een cohort")
        verbose_name_plural = _("cijfers van cohorten")
        constraints = [models.UniqueConstraint(fields=["regio", "jaar"], name="cohortcijfers_regio_jaar_uniek")]

    def __str__(self) -> str:
        return f"cijfers van regio {self.regio_id}, {self.jaar}"


class Bewaardefeiten(models.Model):
    """What the monitor counts of a traject's onderwijsinformatie, kept when the retention
    schedule erases that part (``bewaren``): whether a school before placement was recorded, and
    the ICT-fase reached. So the monitor's figures stay the same after erasure; no content."""

    traject = models.OneToOneField(
        "trajecten.Traject", on_delete=models.CASCADE, related_name="bewaardefeiten", verbose_name=_("traject")
    )
    herkomst = models.BooleanField(_("school voor de plaatsing vastgelegd"), default=False)
    ict_fase = models.ForeignKey(
        "netwerk.IctFase", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("ICT-fase")
    )

    class Meta:
        verbose_name = _("bewaarde monitorfeiten")
        verbose_name_plural = _("bewaarde monitorfeiten")

    def __str__(self) -> str:
        return f"monitorfeiten van traject {self.traject_id}"
