"""Plumbing's one table: the outbox of background jobs (``jji_traject.uitbox``)."""

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
