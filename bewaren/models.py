"""The retention schedule of a regio, and the record of every run (counts, never content).

A regio without a schedule of its own follows the defaults (``settings.BEWAARTERMIJNEN``);
its functioneel beheerder sets one after the regio's privacy officer confirmed it. A schedule
keeps its history (who changed which period when)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jji_traject.geschiedenis import GeschiedenisQuerySet
from jji_traject.keuzes import Keuzelabels
from jji_traject.vrije_tekst import MAX_TEKST, VRIJE_TEKST, zichtbare_tekst

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


class Aanvrager(models.TextChoices):
    JONGERE = "jongere", _("de jongere zelf")
    OUDER = "ouder", _("een ouder of voogd met gezag (de jongere is jonger dan 16)")


class Identiteitscontrole(models.TextChoices):
    ID_BEWIJS = "id_bewijs", _("identiteitsbewijs getoond")
    PERSOONLIJK = "persoonlijk", _("persoonlijk bekend bij de school, in een gesprek gevraagd")
    ANDERS = "anders", _("anders (zie toelichting)")


class Levering(models.TextChoices):
    OVERHANDIGD = "overhandigd", _("op papier overhandigd")
    DIGITAAL = "digitaal", _("digitaal gegeven, beveiligd")
    POST = "post", _("per post naar het adres van de jongere")


class InzageStatus(models.TextChoices):
    WACHT = "wacht", _("wordt gemaakt")
    KLAAR = "klaar", _("klaar om te geven")
    MISLUKT = "mislukt", _("mislukt")
    GELEVERD = "geleverd", _("gegeven")


class Inzageverzoek(Keuzelabels, models.Model):
    """A young person's request for a copy of everything kept about them (AVG art. 15): who
    asked and how their identity was checked, its due date (one month, also a task), the PDF
    made in the background through the one PDF module, and its delivery. The request stays on
    record; the file goes with the dossier parts under the retention schedule."""

    traject = models.ForeignKey(
        "trajecten.Traject", on_delete=models.CASCADE, related_name="inzageverzoeken", verbose_name=_("traject")
    )
    aanvrager = models.CharField(_("wie vraagt"), max_length=20, choices=Aanvrager.choices)
    aanvrager_naam = models.CharField(
        _("naam van de ouder of voogd"), max_length=200, blank=True, validators=[zichtbare_tekst]
    )
    ontvangen_op = models.DateField(_("verzoek ontvangen op"))
    identiteit = models.CharField(
        _("hoe de identiteit is gecontroleerd"), max_length=20, choices=Identiteitscontrole.choices
    )
    toelichting = models.TextField(_("toelichting"), blank=True, max_length=MAX_TEKST, validators=VRIJE_TEKST)
    termijn = models.DateField(_("uiterlijk klaar op"))
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), default=timezone.now)
    taak = models.ForeignKey(
        "trajecten.Taak", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("taak")
    )
    status = models.CharField(_("status"), max_length=20, choices=InzageStatus.choices, default=InzageStatus.WACHT)
    gemaakt_op = models.DateTimeField(_("gemaakt op"), null=True, blank=True)
    fout = models.CharField(_("reden"), max_length=200, blank=True)
    bestand = models.BinaryField(_("bestand"), null=True, blank=True, editable=False)
    geleverd_op = models.DateField(_("gegeven op"), null=True, blank=True)
    levering = models.CharField(_("hoe gegeven"), max_length=20, choices=Levering.choices, blank=True)
    geleverd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["bestand"])
    objects = GeschiedenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("inzageverzoek (AVG art. 15)")
        verbose_name_plural = _("inzageverzoeken (AVG art. 15)")
        ordering = ["-ontvangen_op", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(aanvrager="ouder") | ~models.Q(aanvrager_naam=""),
                name="inzageverzoek_ouder_met_naam",
                violation_error_message=_("Vul de naam van de ouder of voogd in."),
            ),
            models.CheckConstraint(
                condition=~models.Q(identiteit="anders") | ~models.Q(toelichting=""),
                name="inzageverzoek_anders_met_toelichting",
                violation_error_message=_("Leg uit hoe de identiteit is gecontroleerd."),
            ),
        ]

    def __str__(self) -> str:
        return _("inzageverzoek %(nummer)s") % {"nummer": self.pk}

    @property
    def is_open(self) -> bool:
        return self.status != InzageStatus.GELEVERD

    def clean(self):
        fouten = {}
        vandaag = timezone.localdate()
        if self.ontvangen_op and self.ontvangen_op > vandaag:
            fouten["ontvangen_op"] = _("De datum ligt in de toekomst.")
        if self.aanvrager == Aanvrager.OUDER and not self.aanvrager_naam.strip():
            fouten["aanvrager_naam"] = _("Vul de naam van de ouder of voogd in.")
        if self.identiteit == Identiteitscontrole.ANDERS and not self.toelichting.strip():
            fouten["toelichting"] = _("Leg uit hoe de identiteit is gecontroleerd.")
        if fouten:
            raise ValidationError(fouten)


class VerzoekSoort(models.TextChoices):
    VERBETEREN = "verbeteren", _("verbeteren (AVG art. 16)")
    WISSEN = "wissen", _("wissen (AVG art. 17)")


class Besluit(models.TextChoices):
    TOEGEWEZEN = "toegewezen", _("toegewezen")
    AFGEWEZEN = "afgewezen", _("afgewezen")


class Rechtenverzoek(Keuzelabels, models.Model):
    """A young person's request to correct or erase a part of their dossier (AVG art. 16, 17):
    who asked and when, the decision with its reason (once), and that the young person was
    told. A granted erasure erases the part with its history (the retention machinery); a
    granted correction is made on the part's own page, so it shows in its history. Those who
    read the part, or received it in an overdrachtsdocument, are told — without content (art. 19)."""

    traject = models.ForeignKey(
        "trajecten.Traject", on_delete=models.CASCADE, related_name="rechtenverzoeken", verbose_name=_("traject")
    )
    soort = models.CharField(_("verzoek"), max_length=20, choices=VerzoekSoort.choices)
    categorie = models.CharField(
        _("welk deel"),
        max_length=30,
        choices=[
            ("onderwijsinformatie", _("onderwijsinformatie")),
            ("begeleidingsbehoefte", _("begeleidingsbehoefte")),
            ("veiligheidssignalen", _("signalen voor veiligheid")),
        ],
    )
    aanvrager = models.CharField(_("wie vraagt"), max_length=20, choices=Aanvrager.choices)
    aanvrager_naam = models.CharField(
        _("naam van de ouder of voogd"), max_length=200, blank=True, validators=[zichtbare_tekst]
    )
    ontvangen_op = models.DateField(_("verzoek ontvangen op"))
    omschrijving = models.TextField(
        _("wat de jongere vraagt"),
        max_length=MAX_TEKST,
        validators=VRIJE_TEKST,
        help_text=_("Wat klopt er niet, of wat moet weg? Zonder gevoelige details."),
    )
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), default=timezone.now)
    besluit = models.CharField(_("besluit"), max_length=20, choices=Besluit.choices, blank=True)
    reden = models.TextField(_("reden van het besluit"), blank=True, max_length=MAX_TEKST, validators=VRIJE_TEKST)
    besloten_op = models.DateTimeField(_("besloten op"), null=True, blank=True)
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    geinformeerd = models.PositiveIntegerField(_("geïnformeerde lezers en ontvangers"), default=0)

    history = HistoricalRecords()
    objects = GeschiedenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("verzoek om te verbeteren of te wissen")
        verbose_name_plural = _("verzoeken om te verbeteren of te wissen")
        ordering = ["-ontvangen_op", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(besluit="") | (~models.Q(reden="") & models.Q(besloten_op__isnull=False)),
                name="rechtenverzoek_besluit_met_reden",
                violation_error_message=_("Een besluit heeft een reden."),
            ),
        ]

    def __str__(self) -> str:
        return _("verzoek %(nummer)s (%(soort)s)") % {"nummer": self.pk, "soort": self.get_soort_display()}

    def clean(self):
        fouten = {}
        if self.ontvangen_op and self.ontvangen_op > timezone.localdate():
            fouten["ontvangen_op"] = _("De datum ligt in de toekomst.")
        if self.aanvrager == Aanvrager.OUDER and not self.aanvrager_naam.strip():
            fouten["aanvrager_naam"] = _("Vul de naam van de ouder of voogd in.")
        if fouten:
            raise ValidationError(fouten)
