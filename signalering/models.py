"""In-app notifications (meldingen), reused by later reminders (consent expiry, review)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jji_traject.keuzes import Keuzelabels

from .constants import BESLISMODEL_MELDINGEN, MeldingSoort  # noqa: F401 - the kinds, importable from here as before
from .querysets import MeldingQuerySet


class Melding(Keuzelabels, models.Model):
    """One notification for one person. It stores no youth data: the page shows the young
    person's name only while the reader may still see the traject. A notification that asks
    for work is done (``afgehandeld``) once that work is done, whoever did it: see
    :class:`~signalering.querysets.MeldingQuerySet`."""

    ontvanger = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="meldingen")
    soort = models.CharField(_("soort"), max_length=30, choices=MeldingSoort.choices)
    traject = models.ForeignKey("trajecten.Traject", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    taak = models.ForeignKey("trajecten.Taak", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    organisatie = models.ForeignKey(
        "netwerk.Organisatie", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    sleutel = models.CharField(_("sleutel"), max_length=120, help_text=_("Maakt een herinnering eenmalig."))
    accountaanvraag = models.ForeignKey(
        "netwerk.Accountaanvraag", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # What the notification is about, where its work can be checked (is it done yet?).
    beslismodel = models.ForeignKey(
        "beslismodel.Beslismodel", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    toestemming = models.ForeignKey(
        "trajecten.Toestemming", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    document = models.CharField(
        _("documentnummer"), max_length=40, blank=True, help_text=_("Bij een overdrachtsdocument: welk document.")
    )
    # Many refusals for one person: who, and how many (never the young person).
    persoon = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    aantal = models.PositiveIntegerField(_("aantal"), null=True, blank=True)
    # "Uit beeld": the last contact when the episode began; a contact after it ends the episode.
    laatste_contact = models.DateField(
        _("laatste contact"),
        null=True,
        blank=True,
        help_text=_("Bij 'uit beeld': het laatste contact met de jongere toen de melding ontstond."),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    gelezen_op = models.DateTimeField(_("gelezen op"), null=True, blank=True)
    gemaild_op = models.DateTimeField(_("gemaild op"), null=True, blank=True)

    objects = MeldingQuerySet.as_manager()

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-aangemaakt_op", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["ontvanger", "sleutel"],
                name="melding_eenmalig",
                violation_error_message=_("Deze melding bestaat al."),
            )
        ]
        indexes = [models.Index(fields=["ontvanger", "gelezen_op"])]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} ({self.ontvanger_id})"
