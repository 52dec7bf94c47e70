"""The school van herkomst's onderwijsinformatie for the JJI-school, and the JJI-school's
requests for it (``toegang.policy.herkomst``)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jji_traject.geschiedenis import GeschiedenisQuerySet
from jji_traject.vrije_tekst import MAX_TEKST, VRIJE_TEKST, zichtbare_tekst

from .basis import Dossierdeel


class HerkomstOnderwijsinformatie(Dossierdeel):
    """At instroom the mbo van herkomst adds its own onderwijsinformatie (results, running
    modules) for the JJI-school; the JJI-school reads it only with a grondslag for
    onderwijsinformatie in that direction (toestemming with the JJI-school as ontvanger)."""

    traject = models.ForeignKey(
        "trajecten.Traject",
        on_delete=models.CASCADE,
        related_name="herkomst_onderwijsinformatie",
        verbose_name=_("traject"),
    )
    organisatie = models.ForeignKey(
        "netwerk.Organisatie", on_delete=models.PROTECT, related_name="+", verbose_name=_("mbo van herkomst")
    )
    opleiding = models.CharField(
        _("opleiding bij de school van herkomst"), max_length=200, blank=True, validators=[zichtbare_tekst]
    )
    resultaten = models.TextField(
        _("behaalde resultaten"),
        blank=True,
        help_text=_("Certificaten, examens en cijfers: wat is al behaald?"),
        max_length=MAX_TEKST,
        validators=VRIJE_TEKST,
    )
    lopende_modules = models.TextField(_("lopende modules"), blank=True, max_length=MAX_TEKST, validators=VRIJE_TEKST)
    toelichting = models.TextField(
        _("wat de JJI-school moet weten om het onderwijs voort te zetten"),
        blank=True,
        max_length=MAX_TEKST,
        validators=VRIJE_TEKST,
    )

    history = HistoricalRecords()
    objects = GeschiedenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("onderwijsinformatie van de school van herkomst")
        verbose_name_plural = _("onderwijsinformatie van scholen van herkomst")
        constraints = [
            models.UniqueConstraint(fields=["traject", "organisatie"], name="herkomst_onderwijs_uniek"),
        ]

    def __str__(self) -> str:
        return f"onderwijsinformatie herkomst {self.traject_id}"


class Herkomstverzoek(models.Model):
    """The JJI-school asks a school van herkomst for its onderwijsinformatie, on the JJI-school's
    grondslag to receive it (leerplicht, or consent): the handreiking's "onderwijsinformatie
    opvragen, mits de jongere daarvoor toestemming geeft of nog leerplichtig is".

    The request is no kennisgeving and opens no traject: the school van herkomst learns the
    student's name and date of birth (its own student), which school asks, on which grondslag,
    and the question — nothing of the traject; it answers with its onderwijsinformatie
    (``HerkomstOnderwijsinformatie``) on the request's own page. Open while the grondslag holds."""

    traject = models.ForeignKey(
        "trajecten.Traject", on_delete=models.CASCADE, related_name="herkomstverzoeken", verbose_name=_("traject")
    )
    organisatie = models.ForeignKey(
        "netwerk.Organisatie", on_delete=models.PROTECT, related_name="+", verbose_name=_("school van herkomst")
    )
    grondslag = models.ForeignKey(
        "trajecten.Toestemming", on_delete=models.PROTECT, related_name="+", verbose_name=_("grondslag")
    )
    vraag = models.TextField(
        _("vraag aan de school van herkomst"),
        blank=True,
        max_length=2000,
        validators=VRIJE_TEKST,
        help_text=_("Bijvoorbeeld welke modules of examens u wilt weten. Noem geen reden van de vraag."),
    )
    gevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("gevraagd door")
    )
    gevraagd_op = models.DateTimeField(_("gevraagd op"), default=timezone.now)
    beantwoord_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beantwoord door"),
    )
    beantwoord_op = models.DateTimeField(_("beantwoord op"), null=True, blank=True)

    history = HistoricalRecords()
    objects = GeschiedenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("verzoek om onderwijsinformatie")
        verbose_name_plural = _("verzoeken om onderwijsinformatie")
        ordering = ["-gevraagd_op", "-pk"]

    def __str__(self) -> str:
        return f"verzoek onderwijsinformatie {self.traject_id} → {self.organisatie_id}"
