"""Plumbing's tables: the outbox of background jobs (``jji_traject.uitbox``), and how far a
periodic task has come."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Opdracht(models.Model):
    """A background job the app started, written in the same transaction as the change that
    caused it: it is never lost when the broker is away, and runs once (``uitgevoerd_op``).
    Arguments are ids and plain values, never youth data."""

    taak = models.CharField(_("taak"), max_length=200)
    argumenten = models.JSONField(_("argumenten"), default=list)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    verstuurd_op = models.DateTimeField(_("aan de wachtrij gegeven op"), null=True, blank=True)
    uitgevoerd_op = models.DateTimeField(_("uitgevoerd op"), null=True, blank=True)
    pogingen = models.PositiveIntegerField(_("pogingen om te versturen"), default=0)
    laatste_fout = models.CharField(_("laatste fout"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("achtergrondopdracht")
        verbose_name_plural = _("achtergrondopdrachten")
        indexes = [
            models.Index(
                fields=["aangemaakt_op"], condition=models.Q(verstuurd_op__isnull=True), name="opdracht_wacht"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.taak} #{self.pk}"


class Taakstand(models.Model):
    """How far a periodic task has come (one row per task, by name): the day up to which it
    has handled what falls due by date, so that a later run looks only at what fell due
    since, and a run that failed leaves the day where it was."""

    naam = models.CharField(_("taak"), max_length=100, unique=True)
    dag = models.DateField(_("verwerkt tot"))

    class Meta:
        verbose_name = _("stand van een periodieke taak")
        verbose_name_plural = _("standen van periodieke taken")

    def __str__(self) -> str:
        return f"{self.naam}: {self.dag}"
