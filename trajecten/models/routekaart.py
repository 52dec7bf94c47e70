"""The doorstroomroutekaart (bijlage 4) and the tasks it gives each traject.

A ``Routekaart`` with ``regio=None`` is the national template that a data migration loads;
a regio adopts a copy per year and fills in who acts on each open line.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jji_traject.geschiedenis import GeschiedenisQuerySet
from jji_traject.keuzes import Keuzelabels
from jji_traject.naslag import Naslag
from jji_traject.vrije_tekst import MAX_TEKST, VRIJE_TEKST, zichtbare_tekst

from ..constants import (
    AFGEROND,
    FASE_VAN_STAP,
    Checkpoint,
    Gebeurtenis,
    OverlegSoort,
    Partij,
    Stap,
    TaakStatus,
    Voorwaarde,
)

# The steps of the routekaart a traject follows, as every traject page shows them (its
# choice and each step's words and regie: ``(nummer, stem_jongere, regie)`` per line), kept in
# the shared cache for ten minutes at most; each change to a routekaart, its steps or its
# lines — a data migration's too — calls ``STAPPEN_NASLAG.vernieuwen()``. The name's number
# goes up when the shape of the kept value changes.
STAPPEN_NASLAG = Naslag("routekaartstappen-1", seconden=600)


class Routekaart(models.Model):
    """The route map of one regio for one year; without a regio: the national template."""

    regio = models.ForeignKey(
        "netwerk.Regio",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="routekaarten",
        verbose_name=_("regio"),
    )
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    naam = models.CharField(_("naam"), max_length=200, validators=[zichtbare_tekst])
    contact_interval_dagen = models.PositiveSmallIntegerField(
        _("contactmoment na uitstroom elke … dagen"), default=14, help_text=_("De handreiking: elke 1 à 2 weken.")
    )
    contact_aantal = models.PositiveSmallIntegerField(
        _("aantal contactmomenten na uitstroom"), default=6, help_text=_("De handreiking: de eerste 2 à 3 maanden.")
    )

    history = HistoricalRecords()
    objects = GeschiedenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("routekaart")
        verbose_name_plural = _("routekaarten")
        ordering = ["regio__naam", "-jaar"]
        constraints = [
            models.UniqueConstraint(
                fields=["regio", "jaar"],
                name="routekaart_uniek_per_regio_en_jaar",
                violation_error_message=_("Deze regio heeft voor dit jaar al een routekaart."),
            ),
            models.UniqueConstraint(
                fields=["jaar"],
                condition=models.Q(regio__isnull=True),
                name="routekaart_sjabloon_uniek_per_jaar",
                violation_error_message=_("Er is voor dit jaar al een landelijk sjabloon."),
            ),
        ]

    def __str__(self) -> str:
        return self.naam

    @property
    def is_sjabloon(self) -> bool:
        return self.regio_id is None


class RoutekaartStap(Keuzelabels, models.Model):
    """One of the ten steps, with the youth's own words from the bijlage."""

    routekaart = models.ForeignKey(Routekaart, on_delete=models.CASCADE, related_name="stappen")
    nummer = models.PositiveSmallIntegerField(_("stap"), choices=Stap.choices)
    stem_jongere = models.TextField(
        _("in de woorden van de jongere"), blank=True, max_length=MAX_TEKST, validators=VRIJE_TEKST
    )

    history = HistoricalRecords()
    objects = GeschiedenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("stap van de routekaart")
        verbose_name_plural = _("stappen van de routekaart")
        ordering = ["routekaart", "nummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["routekaart", "nummer"],
                name="routekaartstap_uniek",
                violation_error_message=_("Deze stap staat al op de routekaart."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nummer}. {self.get_nummer_display()}"

    @property
    def fase(self) -> str:
        return FASE_VAN_STAP[self.nummer]


class TermijnBron(Keuzelabels, models.Model):
    """What a task carries from its source (an activity, a line) for its deadline and for the
    meeting that completes it."""

    termijn_gebeurtenis = models.CharField(_("termijn vanaf"), max_length=20, choices=Gebeurtenis.choices, blank=True)
    termijn_dagen = models.SmallIntegerField(
        _("termijn in dagen"), null=True, blank=True, help_text=_("Negatief: zoveel dagen vóór de gebeurtenis.")
    )
    overleg_soort = models.CharField(
        _("afgerond door een overleg"),
        max_length=30,
        choices=OverlegSoort.choices,
        blank=True,
        help_text=_("Het vastleggen van een overleg van deze soort rondt de taak af."),
    )

    class Meta:
        abstract = True


class RoutekaartActiviteit(TermijnBron):
    """What happens in a step (the left column of bijlage 4)."""

    stap = models.ForeignKey(RoutekaartStap, on_delete=models.CASCADE, related_name="activiteiten")
    volgorde = models.PositiveSmallIntegerField(_("volgorde"))
    tekst = models.TextField(_("activiteit"), max_length=MAX_TEKST, validators=VRIJE_TEKST)
    taak = models.CharField(
        _("als taak"),
        max_length=300,
        blank=True,
        help_text=_("Leeg: de activiteit wordt geen taak in een traject."),
        validators=[zichtbare_tekst],
    )
    alleen_registratie = models.BooleanField(_("alleen registreren dat het gebeurd is"), default=False)

    history = HistoricalRecords()
    objects = GeschiedenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        ordering = ["stap", "volgorde"]

    def __str__(self) -> str:
        return self.tekst


class Verantwoordelijkheid(TermijnBron):
    """A responsibility line ("…………… informeert RvdK"): who acts, who has regie, who is
    informed. Lines the handreiking fixes to one party are locked (``vast``)."""

    stap = models.ForeignKey(RoutekaartStap, on_delete=models.CASCADE, related_name="verantwoordelijkheden")
    volgorde = models.PositiveSmallIntegerField(_("volgorde"))
    tekst = models.TextField(
        _("tekst in de routekaart"),
        help_text=_("Met …… waar de regio invult wie."),
        max_length=MAX_TEKST,
        validators=VRIJE_TEKST,
    )
    taak = models.CharField(
        _("taak"),
        max_length=300,
        help_text=_("Korte omschrijving als taak in een traject."),
        validators=[zichtbare_tekst],
    )
    vast = models.BooleanField(_("vastgelegd in de handreiking"), default=False)
    uitvoerder = models.CharField(_("wie voert uit"), max_length=30, choices=Partij.choices, blank=True)
    functie = models.CharField(_("functie"), max_length=120, blank=True, validators=[zichtbare_tekst])
    regie = models.CharField(_("wie heeft regie"), max_length=30, choices=Partij.choices, blank=True)
    geinformeerd = models.CharField(
        _("wie wordt geïnformeerd"), max_length=200, blank=True, validators=[zichtbare_tekst]
    )
    voorwaarde = models.CharField(_("voorwaarde"), max_length=30, choices=Voorwaarde.choices, blank=True)
    justitieel = models.BooleanField(
        _("taak van een justitiepartner"),
        default=False,
        help_text=_("Nooit zichtbaar voor scholen."),
    )
    alleen_registratie = models.BooleanField(
        _("alleen registreren dat het gebeurd is"),
        default=False,
        help_text=_("Werk onder de Beginselenwet JJI: de app legt vast dát het gebeurde, nooit de inhoud."),
    )
    # Bijlage 4, step 8: "…… heeft regie over nazorg". The party the regio fills in here has
    # the regie after release: in a traject, the organisation holding this line's task.
    regie_nazorg = models.BooleanField(_("regie over de nazorg"), default=False, editable=False)

    history = HistoricalRecords()
    objects = GeschiedenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("verantwoordelijkheid")
        verbose_name_plural = _("verantwoordelijkheden")
        ordering = ["stap", "volgorde"]

    def __str__(self) -> str:
        return self.tekst

    @property
    def is_open(self) -> bool:
        """A blank the region still has to fill in: who acts."""
        return not self.vast and not self.uitvoerder


class Taak(TermijnBron):
    """A task in one traject: from a routekaart line, or ad hoc."""

    traject = models.ForeignKey("trajecten.Traject", on_delete=models.CASCADE, related_name="taken")
    verantwoordelijkheid = models.ForeignKey(
        Verantwoordelijkheid,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="taken",
        verbose_name=_("regel van de routekaart"),
    )
    stap = models.PositiveSmallIntegerField(_("stap"), choices=Stap.choices)
    tekst = models.CharField(_("taak"), max_length=300, validators=[zichtbare_tekst])
    organisatie = models.ForeignKey(
        "netwerk.Organisatie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="taken",
        verbose_name=_("uitvoerende organisatie"),
    )
    partij = models.CharField(_("uitvoerende partij"), max_length=30, choices=Partij.choices, blank=True)
    medewerker = models.ForeignKey(
        "netwerk.Medewerker",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="taken",
        verbose_name=_("uitvoerder"),
    )
    status = models.CharField(_("status"), max_length=10, choices=TaakStatus.choices, default=TaakStatus.OPEN)
    reden = models.CharField(
        _("reden"), max_length=300, blank=True, help_text=_("Waarom niet van toepassing."), validators=[zichtbare_tekst]
    )
    deadline = models.DateField(_("uiterlijk op"), null=True, blank=True)
    gedaan_op = models.DateField(_("gedaan op"), null=True, blank=True)
    gedaan_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    notitie = models.TextField(_("notitie"), blank=True, max_length=MAX_TEKST, validators=VRIJE_TEKST)
    voorwaarde = models.CharField(_("voorwaarde"), max_length=30, choices=Voorwaarde.choices, blank=True)
    justitieel = models.BooleanField(_("taak van een justitiepartner"), default=False)
    alleen_registratie = models.BooleanField(_("alleen registreren dat het gebeurd is"), default=False)
    checkpoint = models.PositiveSmallIntegerField(
        _("checkpoint schoolloopbaan"),
        choices=Checkpoint.choices,
        null=True,
        blank=True,
        help_text=_("Deze taak wordt afgerond door het vastleggen van dit checkpoint."),
    )
    route_nvt = models.BooleanField(
        _("niet van toepassing door de route"),
        default=False,
        help_text=_("Gezet door de regels van de route (titel, verblijfsduur, schorsing), niet door een persoon."),
    )

    history = HistoricalRecords()
    objects = GeschiedenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("taak")
        verbose_name_plural = _("taken")
        ordering = ["traject", "stap", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=TaakStatus.NVT) | ~models.Q(reden=""),
                name="taak_nvt_met_reden",
                violation_error_message=_("Geef aan waarom de taak niet van toepassing is."),
            ),
            models.CheckConstraint(
                condition=~models.Q(status=TaakStatus.GEDAAN) | models.Q(gedaan_op__isnull=False),
                name="taak_gedaan_met_datum",
                violation_error_message=_("Een gedane taak heeft een datum."),
            ),
            models.CheckConstraint(
                condition=models.Q(alleen_registratie=False) | models.Q(notitie=""),
                name="taak_registratie_zonder_inhoud",
                violation_error_message=_("Bij deze taak leg je alleen vast dát het gebeurde, geen inhoud."),
            ),
            models.UniqueConstraint(
                fields=["traject", "checkpoint"],
                condition=models.Q(checkpoint__isnull=False),
                name="taak_checkpoint_eenmaal",
                violation_error_message=_("Dit checkpoint heeft al een taak."),
            ),
        ]
        indexes = [
            models.Index(fields=["medewerker", "status", "deadline"]),
            models.Index(fields=["organisatie", "status", "deadline"]),
        ]

    def __str__(self) -> str:
        return self.tekst

    def get_absolute_url(self) -> str:
        """The task on its traject's page, with its step open (the page shows the current
        step's tasks and loads another step's when it is opened)."""
        return f"{reverse('trajecten:detail', args=[self.traject_id])}?stap={self.stap}#taak-{self.pk}"

    @property
    def is_afgerond(self) -> bool:
        return self.status in AFGEROND

    @property
    def is_te_laat(self) -> bool:
        return not self.is_afgerond and self.deadline is not None and self.deadline < timezone.localdate()

    def clean(self):
        if self.status == TaakStatus.NVT and not self.reden.strip():
            raise ValidationError({"reden": _("Geef aan waarom de taak niet van toepassing is.")})
        if self.alleen_registratie and self.notitie.strip():
            raise ValidationError(
                {"notitie": _("Bij deze taak leg je alleen vast dát het gebeurde; de inhoud blijft bij de JJI.")}
            )
        if self.deadline and self.traject_id and self.deadline < self.traject.startdatum:
            raise ValidationError({"deadline": _("De datum ligt vóór de start van het traject.")})
