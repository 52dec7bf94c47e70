"""Meetings around a traject (nazorgtafels, trajectknooppunt, warme overdracht, contact
moments after uitstroom) and the ready-to-leave checklist."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jji_traject.geschiedenis import GeschiedenisQuerySet
from jji_traject.keuzes import Keuzelabels
from jji_traject.vrije_tekst import MAX_TEKST, VRIJE_TEKST, zichtbare_tekst

from ..constants import OverlegSoort, Uitstroombestemming, VertrekOnderwerp, VertrekStatus


class Overleg(Keuzelabels, models.Model):
    """A meeting or contact moment: when, with whom, what came out of it."""

    traject = models.ForeignKey("trajecten.Traject", on_delete=models.CASCADE, related_name="overleggen")
    soort = models.CharField(_("soort"), max_length=30, choices=OverlegSoort.choices)
    datum = models.DateField(_("datum"))
    deelnemers = models.ManyToManyField(
        "netwerk.Medewerker", blank=True, related_name="overleggen", verbose_name=_("deelnemers")
    )
    andere_deelnemers = models.CharField(
        _("andere deelnemers"),
        max_length=300,
        blank=True,
        help_text=_("Bijvoorbeeld: de jongere, ouder, mentor."),
        validators=[zichtbare_tekst],
    )
    jongere_aanwezig = models.BooleanField(_("jongere aanwezig"), default=False)
    uitkomst = models.TextField(_("uitkomst en afspraken"), blank=True, max_length=MAX_TEKST, validators=VRIJE_TEKST)
    uitstroombestemming = models.CharField(
        _("besloten uitstroombestemming"), max_length=20, choices=Uitstroombestemming.choices, blank=True
    )
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    history = HistoricalRecords()
    objects = GeschiedenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("overleg")
        verbose_name_plural = _("overleggen")
        ordering = ["-datum", "-pk"]
        indexes = [models.Index(fields=["traject", "soort", "datum"])]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.datum:%d-%m-%Y}"

    def clean(self):
        if self.datum and self.traject_id and self.datum < self.traject.startdatum:
            raise ValidationError({"datum": _("De datum ligt vóór de start van het traject.")})
        if self.soort == OverlegSoort.WARME_OVERDRACHT and not self.jongere_aanwezig:
            raise ValidationError(
                {"jongere_aanwezig": _("Een warme overdracht is een gesprek mét de jongere: vink aan dat die er was.")}
            )
        if self.soort == OverlegSoort.CONTACTMOMENT and self.datum and self.datum > timezone.localdate():
            raise ValidationError({"datum": _("Leg een contactmoment vast als het geweest is.")})


class VertrekItem(Keuzelabels, models.Model):
    """One line of the ready-to-leave checklist. Status only, no personal details."""

    traject = models.ForeignKey("trajecten.Traject", on_delete=models.CASCADE, related_name="vertrekitems")
    onderwerp = models.CharField(_("onderwerp"), max_length=20, choices=VertrekOnderwerp.choices)
    status = models.CharField(_("status"), max_length=10, choices=VertrekStatus.choices, default=VertrekStatus.OPEN)
    toelichting = models.CharField(
        _("toelichting"),
        max_length=200,
        blank=True,
        help_text=_("Kort en zonder persoonlijke details, bijvoorbeeld: werkervaringsplek tot de start."),
        validators=[zichtbare_tekst],
    )
    bijgewerkt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), null=True, blank=True)

    history = HistoricalRecords()
    objects = GeschiedenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("vertrekpunt")
        verbose_name_plural = _("klaar voor vertrek")
        ordering = ["traject", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["traject", "onderwerp"],
                name="vertrekitem_uniek",
                violation_error_message=_("Dit onderwerp staat al op de lijst."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_onderwerp_display()}: {self.get_status_display()}"
