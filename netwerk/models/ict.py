"""The ICT-fasen of a regio (bijlage 3): the phases in which a student in the JJI gets more
ICT permissions step by step. Regional data, kept by the regio's functioneel beheerder; the
handreiking gives one foundation's phases as an example (``constants.ICT_FASEN_VOORBEELD``),
loaded for every regio as its starting point."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jji_traject.geschiedenis import GeschiedenisQuerySet
from jji_traject.vrije_tekst import zichtbare_tekst

from .organisaties import Regio


class IctFase(models.Model):
    """One phase of ICT permissions in a regio, from few (first) to all (last). A phase that a
    dossier names is never deleted: it is switched off, and then no longer chosen anew."""

    regio = models.ForeignKey(Regio, on_delete=models.PROTECT, related_name="ict_fasen", verbose_name=_("regio"))
    naam = models.CharField(
        _("naam"),
        max_length=30,
        help_text=_("Zoals de JJI de fase noemt, bijvoorbeeld A1."),
        validators=[zichtbare_tekst],
    )
    omschrijving = models.CharField(
        _("wat de student in deze fase mag"),
        max_length=500,
        blank=True,
        help_text=_("Bijvoorbeeld: alleen websites op de whitelist, geen eigen apparaat."),
        validators=[zichtbare_tekst],
    )
    volgorde = models.PositiveSmallIntegerField(
        _("volgorde"), default=1, help_text=_("Van weinig bevoegdheden (laag) naar volledige bevoegdheden (hoog).")
    )
    actief = models.BooleanField(
        _("actief"), default=True, help_text=_("Uit: niet meer te kiezen; wie de fase al heeft, houdt haar.")
    )

    history = HistoricalRecords()
    objects = GeschiedenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("ICT-fase")
        verbose_name_plural = _("ICT-fasen")
        ordering = ["regio__naam", "volgorde", "naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["regio", "naam"],
                name="ict_fase_naam_uniek_per_regio",
                violation_error_message=_("Deze regio heeft al een ICT-fase met deze naam."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.omschrijving})" if self.omschrijving else self.naam

    def clean(self):
        self.naam = (self.naam or "").strip()
        if not self.naam:
            raise ValidationError({"naam": _("Vul de naam van de fase in.")})
