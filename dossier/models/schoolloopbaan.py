"""The schoolloopbaan na uitstroom (issue 18): the enrolment, the first school day, the
checkpoints at 1, 3, 6 and 12 months after release, and the closing of nazorg.

One part of the dossier's registry (``Categorie.SCHOOLLOOPBAAN``), written by the receiving
mbo (or leerplicht/RMC when there is no school), read by anyone else only through
``toegang.policy.categorie_lezen`` on a grondslag. The rules that need the traject (dated
after release, after the enrolment, by an active organisation) are in ``clean()`` here and in
``dossier.services.schoolloopbaan``; the derived figures in ``dossier.regels``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jji_traject.keuzes import Keuzelabels
from jji_traject.vrije_tekst import MAX_TEKST, VRIJE_TEKST, zichtbare_tekst
from trajecten.constants import Checkpoint

from ..constants import CheckpointUitkomst, MboNiveau
from .basis import DossierQuerySet


class Vastlegging(Keuzelabels, models.Model):
    """Who recorded a row of the schoolloopbaan, for which organisation, and when."""

    organisatie = models.ForeignKey(
        "netwerk.Organisatie", on_delete=models.PROTECT, related_name="+", verbose_name=_("vastgelegd namens")
    )
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("vastgelegd door")
    )
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    objects = DossierQuerySet.as_manager()

    class Meta:
        abstract = True


class Inschrijving(Vastlegging):
    """An enrolment after release: institution, programme (crebo, level), start date, the first
    day at school and, when it ends, the uitschrijving with its reason."""

    traject = models.ForeignKey(
        "trajecten.Traject", on_delete=models.CASCADE, related_name="inschrijvingen", verbose_name=_("traject")
    )
    instelling = models.CharField(_("instelling"), max_length=200, validators=[zichtbare_tekst])
    opleiding = models.CharField(_("opleiding"), max_length=200, validators=[zichtbare_tekst])
    crebo = models.CharField(
        _("crebo"),
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^\d{5}$", _("Een crebo-nummer heeft vijf cijfers."))],
    )
    niveau = models.PositiveSmallIntegerField(_("niveau"), choices=MboNiveau.choices, null=True, blank=True)
    startdatum = models.DateField(_("startdatum"))
    eerste_schooldag = models.DateField(_("eerste schooldag"), null=True, blank=True)
    einddatum = models.DateField(_("uitgeschreven op"), null=True, blank=True)
    reden_uitschrijving = models.CharField(
        _("reden van uitschrijving"), max_length=300, blank=True, validators=[zichtbare_tekst]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inschrijving")
        verbose_name_plural = _("inschrijvingen")
        ordering = ["traject", "startdatum", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(eerste_schooldag__isnull=True)
                | models.Q(eerste_schooldag__gte=models.F("startdatum")),
                name="inschrijving_eerste_dag_na_start",
                violation_error_message=_("De eerste schooldag ligt vóór de startdatum van de inschrijving."),
            ),
            models.CheckConstraint(
                condition=models.Q(einddatum__isnull=True) | models.Q(einddatum__gte=models.F("startdatum")),
                name="inschrijving_einde_na_start",
                violation_error_message=_("De uitschrijving ligt vóór de startdatum van de inschrijving."),
            ),
            models.CheckConstraint(
                condition=models.Q(einddatum__isnull=True) | ~models.Q(reden_uitschrijving=""),
                name="inschrijving_uitschrijving_met_reden",
                violation_error_message=_("Geef de reden van de uitschrijving."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.opleiding} ({self.instelling})"

    def clean(self):
        fouten = {}
        if self.eerste_schooldag and self.startdatum and self.eerste_schooldag < self.startdatum:
            fouten["eerste_schooldag"] = _("De eerste schooldag ligt vóór de startdatum van de inschrijving.")
        if self.einddatum and self.startdatum and self.einddatum < self.startdatum:
            fouten["einddatum"] = _("De uitschrijving ligt vóór de startdatum van de inschrijving.")
        if self.einddatum and not self.reden_uitschrijving.strip():
            fouten["reden_uitschrijving"] = _("Geef de reden van de uitschrijving.")
        if fouten:
            raise ValidationError(fouten)


class Schoolcheckpoint(Vastlegging):
    """What a checkpoint found (1, 3, 6 or 12 months after release): one per checkpoint and
    traject; the date it describes; a reason with an uitschrijving."""

    traject = models.ForeignKey(
        "trajecten.Traject", on_delete=models.CASCADE, related_name="schoolcheckpoints", verbose_name=_("traject")
    )
    moment = models.PositiveSmallIntegerField(_("checkpoint"), choices=Checkpoint.choices)
    peildatum = models.DateField(_("peildatum"), help_text=_("De dag waarop deze stand gold."))
    uitkomst = models.CharField(_("uitkomst"), max_length=20, choices=CheckpointUitkomst.choices)
    reden = models.CharField(
        _("reden"),
        max_length=300,
        blank=True,
        help_text=_("Verplicht bij uitgeschreven."),
        validators=[zichtbare_tekst],
    )
    toelichting = models.TextField(_("toelichting"), blank=True, max_length=MAX_TEKST, validators=VRIJE_TEKST)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("checkpoint schoolloopbaan")
        verbose_name_plural = _("checkpoints schoolloopbaan")
        ordering = ["traject", "moment"]
        constraints = [
            models.UniqueConstraint(
                fields=["traject", "moment"],
                name="schoolcheckpoint_eenmaal",
                violation_error_message=_("Dit checkpoint is al vastgelegd. Wijzig het bestaande checkpoint."),
            ),
            models.CheckConstraint(
                condition=~models.Q(uitkomst=CheckpointUitkomst.UITGESCHREVEN) | ~models.Q(reden=""),
                name="schoolcheckpoint_uitgeschreven_met_reden",
                violation_error_message=_("Geef de reden van de uitschrijving."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_moment_display()}: {self.get_uitkomst_display()}"

    def clean(self):
        if self.uitkomst == CheckpointUitkomst.UITGESCHREVEN and not self.reden.strip():
            raise ValidationError({"reden": _("Geef de reden van de uitschrijving.")})


class Nazorgafsluiting(Vastlegging):
    """Step 10's "afsluiten nazorg": the review date, the decision that the situation is
    stable, and who advised it. It closes the series of outcomes (no checkpoint after it)."""

    traject = models.OneToOneField(
        "trajecten.Traject", on_delete=models.CASCADE, related_name="nazorgafsluiting", verbose_name=_("traject")
    )
    evaluatiedatum = models.DateField(_("evaluatiedatum"))
    stabiel = models.BooleanField(
        _("de situatie is stabiel"),
        default=False,
        help_text=_("De handreiking: de nazorg wordt formeel afgesloten bij een stabiele situatie."),
    )
    geadviseerd_door = models.CharField(
        _("geadviseerd door"),
        max_length=200,
        help_text=_("Wie adviseerde over afbouw of afsluiting van de begeleiding."),
        validators=[zichtbare_tekst],
    )
    toelichting = models.TextField(_("toelichting"), blank=True, max_length=MAX_TEKST, validators=VRIJE_TEKST)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("afsluiting nazorg")
        verbose_name_plural = _("afsluitingen nazorg")
        ordering = ["-evaluatiedatum"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(stabiel=True),
                name="nazorgafsluiting_stabiel",
                violation_error_message=_("Sluit de nazorg pas af als de situatie stabiel is."),
            ),
        ]

    def __str__(self) -> str:
        return str(_("Nazorg afgesloten op %(datum)s") % {"datum": self.evaluatiedatum})

    def clean(self):
        if not self.stabiel:
            raise ValidationError({"stabiel": _("Sluit de nazorg pas af als de situatie stabiel is.")})


class Schoolloopbaanstand(models.Model):
    """The derived figures of one traject's schoolloopbaan (``dossier.regels``) as last computed:
    days from release to the first school day and whether the school career was interrupted.
    Kept so the regional monitor can count them in SQL (issue 19); recomputed after every
    write of the schoolloopbaan and nightly, as a gap grows with time. No content, no history:
    it follows from the rows above."""

    traject = models.OneToOneField(
        "trajecten.Traject",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="schoolloopbaanstand",
        verbose_name=_("traject"),
    )
    dagen_tot_eerste_schooldag = models.PositiveIntegerField(_("dagen tot de eerste schooldag"), null=True)
    onderbroken = models.BooleanField(_("onderbroken schoolloopbaan"), null=True)
    berekend_op = models.DateField(_("berekend op"))

    class Meta:
        verbose_name = _("stand van de schoolloopbaan")
        verbose_name_plural = _("standen van de schoolloopbaan")

    def __str__(self) -> str:
        return f"stand van traject {self.traject_id} op {self.berekend_op:%d-%m-%Y}"
