"""The retention schedule of a regio, and the record of every run (counts, never content).

A regio without a schedule of its own follows the defaults (``settings.BEWAARTERMIJNEN``);
its functioneel beheerder sets one after the regio's privacy officer confirmed it. A schedule
keeps its history (who changed which period when)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jji_traject.geschiedenis import GeschiedenisQuerySet

# The raadplegingen never go below the floor of the log's own retention function.
RAADPLEGINGEN_BODEM_JAREN = 5
TERMIJNEN = ("signalen_dagen", "dossier_maanden", "pseudonimiseren_maanden", "raadplegingen_jaren")


class Bewaarschema(models.Model):
    regio = models.OneToOneField(
        "netwerk.Regio", on_delete=models.CASCADE, related_name="bewaarschema", verbose_name=_("regio")
    )
    signalen_dagen = models.PositiveSmallIntegerField(
        _("signalen voor veiligheid: dagen na de einddatum"),
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
    )
    dossier_maanden = models.PositiveSmallIntegerField(
        _("dossierdelen: maanden na het afsluiten van het traject"),
        validators=[MinValueValidator(1), MaxValueValidator(240)],
    )
    pseudonimiseren_maanden = models.PositiveSmallIntegerField(
        _("traject pseudonimiseren: maanden na het afsluiten"),
        validators=[MinValueValidator(1), MaxValueValidator(240)],
    )
    raadplegingen_jaren = models.PositiveSmallIntegerField(
        _("raadplegingen: jaren"),
        validators=[MinValueValidator(RAADPLEGINGEN_BODEM_JAREN), MaxValueValidator(30)],
    )
    bevestigd_door = models.CharField(
        _("bevestigd door (privacy officer)"),
        max_length=200,
        help_text=_(
            "Wie namens de regio deze termijnen heeft bevestigd, bijvoorbeeld de functionaris gegevensbescherming."
        ),
    )
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    history = HistoricalRecords()
    objects = GeschiedenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("bewaarschema")
        verbose_name_plural = _("bewaarschema's")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(signalen_dagen__gte=1)
                & models.Q(dossier_maanden__gte=1)
                & models.Q(pseudonimiseren_maanden__gte=models.F("dossier_maanden"))
                & models.Q(raadplegingen_jaren__gte=RAADPLEGINGEN_BODEM_JAREN),
                name="bewaarschema_termijnen_geldig",
                violation_error_message=_("Deze bewaartermijnen zijn niet geldig."),
            )
        ]

    def __str__(self) -> str:
        return _("bewaarschema van %(regio)s") % {"regio": self.regio}

    def clean(self):
        if (
            self.pseudonimiseren_maanden is not None
            and self.dossier_maanden is not None
            and self.pseudonimiseren_maanden < self.dossier_maanden
        ):
            raise ValidationError(
                {
                    "pseudonimiseren_maanden": _(
                        "Pseudonimiseren kan niet eerder dan het wissen van de dossierdelen (%(n)s maanden)."
                    )
                    % {"n": self.dossier_maanden}
                }
            )

    @classmethod
    def standaard(cls, regio) -> Bewaarschema:
        """The defaults of ``settings.BEWAARTERMIJNEN`` for ``regio`` (unsaved)."""
        return cls(regio=regio, bevestigd_door="", **settings.BEWAARTERMIJNEN)


class Bewaarrun(models.Model):
    """One real run of the schedule (a dry run writes nothing): when, on whose command (none:
    the daily task) and how many of each kind — counts only. Append-only."""

    tijdstip = models.DateTimeField(_("tijdstip"))
    peildatum = models.DateField(_("peildatum"))
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    aantallen = models.JSONField(_("aantallen"))

    class Meta:
        verbose_name = _("uitvoering van de bewaartermijnen")
        verbose_name_plural = _("uitvoeringen van de bewaartermijnen")
        ordering = ["-tijdstip", "-pk"]

    def __str__(self) -> str:
        return f"bewaarrun {self.tijdstip:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("Een uitvoering van de bewaartermijnen is niet te wijzigen."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Een uitvoering van de bewaartermijnen is niet te verwijderen."))
