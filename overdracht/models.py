"""The overdrachtsdocument: a PDF for one recipient person, made in the background with what
that person may read at the moment it is made, kept privately in the database for a few days
and served only to who asked for it. Its readings are in the raadplegingen log (with the
document number); a revoked consent asks the recipient to delete their copy."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jji_traject.geschiedenis import GeschiedenisQuerySet
from jji_traject.keuzes import Keuzelabels
from trajecten.constants import Categorie, Onderwerp


class OverdrachtStatus(models.TextChoices):
    WACHT = "wacht", _("wordt gemaakt")
    KLAAR = "klaar", _("klaar")
    MISLUKT = "mislukt", _("niet gelukt")
    VERWIJDERD = "verwijderd", _("verwijderd na de bewaartermijn")
    TERUGGEVRAAGD = "teruggevraagd", _("teruggevraagd: een toestemming is ingetrokken")


# Documents that left the app (a copy may exist with the recipient).
VERSTUURD = (OverdrachtStatus.KLAAR, OverdrachtStatus.VERWIJDERD, OverdrachtStatus.TERUGGEVRAAGD)


def documentnummer() -> str:
    """A number for the pages and the log that says nothing about the young person."""
    return f"OD-{timezone.localdate():%Y%m%d}-{secrets.token_hex(3).upper()}"


class Overdracht(Keuzelabels, models.Model):
    """One overdrachtsdocument for one recipient person."""

    nummer = models.CharField(_("documentnummer"), max_length=40, unique=True, default=documentnummer)
    traject = models.ForeignKey(
        "trajecten.Traject", on_delete=models.PROTECT, related_name="overdrachten", verbose_name=_("traject")
    )
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemaakt door")
    )
    ontvanger = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("voor")
    )
    ontvanger_organisatie = models.ForeignKey(
        "netwerk.Organisatie",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisatie van de ontvanger"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=OverdrachtStatus.choices, default=OverdrachtStatus.WACHT
    )
    aangevraagd_op = models.DateTimeField(_("aangevraagd op"), default=timezone.now)
    gemaakt_op = models.DateTimeField(_("gemaakt op"), null=True, blank=True)
    verwijderd_op = models.DateTimeField(_("bestand verwijderd op"), null=True, blank=True)
    categorieen = models.JSONField(_("gedeelde delen"), default=list, blank=True)
    fout = models.CharField(_("reden"), max_length=200, blank=True)
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    # Of the request that asked for it: the raadplegingen written in the background carry them.
    verzoek_id = models.CharField(_("verzoek-id"), max_length=64, blank=True)
    ip = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    # The PDF itself, private: in the database every web and worker container reaches, never a
    # static or media URL. Cleared after the bewaartermijn (and never kept in the history).
    bestand = models.BinaryField(_("bestand"), null=True, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["bestand"])
    objects = GeschiedenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("overdrachtsdocument")
        verbose_name_plural = _("overdrachtsdocumenten")
        ordering = ["-aangevraagd_op", "-pk"]
        indexes = [models.Index(fields=["traject", "-aangevraagd_op"]), models.Index(fields=["status", "gemaakt_op"])]

    def __str__(self) -> str:
        return self.nummer

    @property
    def gedeelde_delen(self) -> list[str]:
        """The labels of the dossier parts it carries."""
        return [Categorie(c).label for c in self.categorieen if c in Categorie.values]


class Terugvraag(models.Model):
    """A request to the recipient of a document to delete their copy, because the consent for
    a part it carried was revoked."""

    overdracht = models.ForeignKey(Overdracht, on_delete=models.PROTECT, related_name="terugvragen")
    categorie = models.CharField(_("deel"), max_length=30)
    toestemming = models.ForeignKey(
        "trajecten.Toestemming", on_delete=models.PROTECT, related_name="+", verbose_name=_("ingetrokken toestemming")
    )
    gevraagd_op = models.DateTimeField(_("gevraagd op"), default=timezone.now)

    history = HistoricalRecords()
    objects = GeschiedenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("verzoek om een kopie te verwijderen")
        verbose_name_plural = _("verzoeken om kopieën te verwijderen")
        ordering = ["-gevraagd_op", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["overdracht", "categorie"],
                name="terugvraag_eenmalig",
                violation_error_message=_("Dit verzoek is al gedaan."),
            )
        ]

    def __str__(self) -> str:
        return f"terugvraag {self.overdracht_id} {self.categorie}"

    @property
    def categorie_label(self) -> str:
        return Onderwerp(self.categorie).label if self.categorie in Onderwerp.values else self.categorie
