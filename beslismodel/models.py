"""The beslismodel (bijlage 2): a versioned form template (data) and, per traject, the
versions of the filled form with their decisions and agreed measures.

The content of an answer belongs to a part of the doorstroomdossier (``categorie`` of its
item): another organisation reads it only through ``toegang.policy.categorie_lezen``. Nothing
here is queried by views directly; models never import the policy.
"""

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
from trajecten.constants import DOSSIER_CATEGORIEEN

from .constants import KEUZECODES, Bevestiging, ItemSoort, MaatregelSoort, Sectie, Stand, Status

CATEGORIE_KEUZES = [("", _("plaatsingsadvies (voor de ontvangende school)"))] + [
    (c.value, c.label) for c in DOSSIER_CATEGORIEEN
]


# --- The template --------------------------------------------------------------------------


class Sjabloon(models.Model):
    """One version of the form. Without a regio: the national template of the handreiking.
    A regio adapts the wording in a version of its own; a published version never changes,
    so every filled form keeps the words it was filled in with."""

    regio = models.ForeignKey(
        "netwerk.Regio",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="beslismodel_sjablonen",
        verbose_name=_("regio"),
    )
    versie = models.PositiveSmallIntegerField(_("versie"))
    naam = models.CharField(_("naam"), max_length=200, validators=[zichtbare_tekst])
    adviestitel = models.CharField(_("kop van het advies"), max_length=200, validators=[zichtbare_tekst])
    adviesuitleg = models.TextField(
        _("uitleg bij het advies"), blank=True, max_length=MAX_TEKST, validators=VRIJE_TEKST
    )
    bron = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("gemaakt van")
    )
    gepubliceerd_op = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)

    history = HistoricalRecords()
    objects = GeschiedenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("sjabloon van het beslismodel")
        verbose_name_plural = _("sjablonen van het beslismodel")
        ordering = ["regio__naam", "-versie"]
        constraints = [
            models.UniqueConstraint(
                fields=["regio", "versie"],
                name="beslismodelsjabloon_uniek",
                violation_error_message=_("Deze regio heeft al een sjabloon met dit versienummer."),
            ),
            models.UniqueConstraint(
                fields=["versie"],
                condition=models.Q(regio__isnull=True),
                name="beslismodelsjabloon_landelijk_uniek",
                violation_error_message=_("Er is al een landelijk sjabloon met dit versienummer."),
            ),
        ]

    def __str__(self) -> str:
        return _("%(naam)s, versie %(versie)s") % {"naam": self.naam, "versie": self.versie}

    @property
    def is_gepubliceerd(self) -> bool:
        return self.gepubliceerd_op is not None


class SjabloonSectie(Keuzelabels, models.Model):
    sjabloon = models.ForeignKey(Sjabloon, on_delete=models.CASCADE, related_name="secties")
    code = models.CharField(_("sectie"), max_length=20, choices=Sectie.choices)
    titel = models.CharField(_("titel"), max_length=200, validators=[zichtbare_tekst])
    uitleg = models.TextField(_("uitleg"), blank=True, max_length=MAX_TEKST, validators=VRIJE_TEKST)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"))

    history = HistoricalRecords()
    objects = GeschiedenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("sectie van het beslismodel")
        verbose_name_plural = _("secties van het beslismodel")
        ordering = ["sjabloon", "volgorde"]
        constraints = [
            models.UniqueConstraint(
                fields=["sjabloon", "code"],
                name="beslismodelsectie_uniek",
                violation_error_message=_("Deze sectie staat al in het sjabloon."),
            )
        ]

    def __str__(self) -> str:
        return self.titel


class SjabloonItem(Keuzelabels, models.Model):
    """One item of the form. ``sleutel`` and ``categorie`` stay the same in every version
    (a region changes words, not what an answer is or who may read it)."""

    sectie = models.ForeignKey(SjabloonSectie, on_delete=models.CASCADE, related_name="items")
    sleutel = models.SlugField(_("sleutel"), max_length=40)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"))
    titel = models.CharField(_("titel"), max_length=300, validators=[zichtbare_tekst])
    uitleg = models.TextField(_("uitleg"), blank=True, max_length=MAX_TEKST, validators=VRIJE_TEKST)
    aandachtspunten = models.TextField(
        _("aandachtspunten"), blank=True, help_text=_("Eén per regel."), max_length=MAX_TEKST, validators=VRIJE_TEKST
    )
    vraag = models.CharField(_("vraag bij de toelichting"), max_length=300, blank=True, validators=[zichtbare_tekst])
    soort = models.CharField(_("soort"), max_length=20, choices=ItemSoort.choices, default=ItemSoort.AANDACHT)
    categorie = models.CharField(
        _("deel van het dossier"),
        max_length=30,
        choices=CATEGORIE_KEUZES,
        blank=True,
        help_text=_("Wie het antwoord buiten de JJI-school mag lezen: dezelfde grondslag als dat deel."),
    )

    history = HistoricalRecords()
    objects = GeschiedenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("onderdeel van het beslismodel")
        verbose_name_plural = _("onderdelen van het beslismodel")
        ordering = ["sectie__volgorde", "volgorde"]
        constraints = [
            models.UniqueConstraint(
                fields=["sectie", "sleutel"],
                name="beslismodelitem_uniek",
                violation_error_message=_("Dit onderdeel staat al in deze sectie."),
            ),
            # A choice for the placement advice is read by the receiving school; every
            # other answer belongs to a part of the dossier.
            models.CheckConstraint(
                condition=models.Q(soort=ItemSoort.KEUZE, categorie="")
                | (models.Q(soort=ItemSoort.AANDACHT) & ~models.Q(categorie="")),
                name="beslismodelitem_categorie_past",
                violation_error_message=_("Een keuze hoort bij het plaatsingsadvies, een toelichting bij een deel."),
            ),
        ]

    def __str__(self) -> str:
        return self.titel

    @property
    def punten(self) -> list[str]:
        return [regel.strip() for regel in self.aandachtspunten.splitlines() if regel.strip()]

    @property
    def is_keuze(self) -> bool:
        return self.soort == ItemSoort.KEUZE


class SjabloonKeuze(Keuzelabels, models.Model):
    """An option of a choice item; its ``code`` is what the suggestion reads."""

    item = models.ForeignKey(SjabloonItem, on_delete=models.CASCADE, related_name="keuzes")
    code = models.CharField(_("code"), max_length=30, choices=list(KEUZECODES.items()))
    label = models.CharField(_("tekst"), max_length=200, validators=[zichtbare_tekst])
    volgorde = models.PositiveSmallIntegerField(_("volgorde"))

    history = HistoricalRecords()
    objects = GeschiedenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("keuze in het beslismodel")
        verbose_name_plural = _("keuzes in het beslismodel")
        ordering = ["item", "volgorde"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "code"],
                name="beslismodelkeuze_uniek",
                violation_error_message=_("Deze keuze staat al bij dit onderdeel."),
            )
        ]

    def __str__(self) -> str:
        return self.label


# --- The filled form -------------------------------------------------------------------------


class Beslismodel(Keuzelabels, models.Model):
    """One version of the beslismodel of a traject: drafted by the JJI-school with the young
    person (a draft is the JJI-school's alone), submitted to a receiving mbo, decided there.
    A submitted version never changes; a change is a new version. Every version is kept."""

    traject = models.ForeignKey(
        "trajecten.Traject", on_delete=models.CASCADE, related_name="beslismodellen", verbose_name=_("traject")
    )
    versie = models.PositiveSmallIntegerField(_("versie"))
    sjabloon = models.ForeignKey(Sjabloon, on_delete=models.PROTECT, related_name="+", verbose_name=_("sjabloon"))
    stand = models.CharField(_("stand"), max_length=20, choices=Stand.choices, default=Stand.CONCEPT)
    ontvanger = models.ForeignKey(
        "netwerk.Organisatie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingediend bij"),
    )
    met_jongere_besproken = models.BooleanField(_("samen met de jongere voorbereid"), default=False)
    formulering_toelichting = models.TextField(
        _("waarom deze woorden nodig zijn"),
        blank=True,
        help_text=_(
            "Alleen als de controle op toekomstgericht formuleren woorden aanwijst die je toch wilt houden: "
            "leg uit waarom de ontvangende school ze nodig heeft."
        ),
        max_length=MAX_TEKST,
        validators=VRIJE_TEKST,
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("aangemaakt door")
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    bijgewerkt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("bijgewerkt door")
    )
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), default=timezone.now)
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingediend door"),
    )
    ingediend_op = models.DateTimeField(_("ingediend op"), null=True, blank=True)

    history = HistoricalRecords()
    objects = GeschiedenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("beslismodel")
        verbose_name_plural = _("beslismodellen")
        ordering = ["traject", "-versie"]
        constraints = [
            models.UniqueConstraint(
                fields=["traject", "versie"],
                name="beslismodel_versie_uniek",
                violation_error_message=_("Deze versie van het beslismodel bestaat al."),
            ),
            models.UniqueConstraint(
                fields=["traject"],
                condition=models.Q(stand=Stand.CONCEPT),
                name="beslismodel_een_concept",
                violation_error_message=_("Er is al een concept van het beslismodel; werk dat verder uit."),
            ),
            models.CheckConstraint(
                condition=models.Q(stand=Stand.CONCEPT)
                | models.Q(ingediend_op__isnull=False, ontvanger__isnull=False, ingediend_door__isnull=False),
                name="beslismodel_ingediend_volledig",
                violation_error_message=_(
                    "Een ingediend beslismodel heeft een ontvanger, een datum en wie het indiende."
                ),
            ),
        ]
        indexes = [models.Index(fields=["ontvanger", "stand"])]

    def __str__(self) -> str:
        return f"beslismodel {self.traject_id} v{self.versie}"  # no name, no content: this may end up in logs

    @property
    def is_concept(self) -> bool:
        return self.stand == Stand.CONCEPT


class Antwoord(models.Model):
    """The answer to one item: extra aandacht nodig and what is needed, or a choice."""

    beslismodel = models.ForeignKey(Beslismodel, on_delete=models.CASCADE, related_name="antwoorden")
    item = models.ForeignKey(SjabloonItem, on_delete=models.PROTECT, related_name="+", verbose_name=_("onderdeel"))
    extra_aandacht = models.BooleanField(_("extra aandacht nodig"), default=False)
    toelichting = models.TextField(_("wat is nodig"), blank=True, max_length=MAX_TEKST, validators=VRIJE_TEKST)
    keuze = models.ForeignKey(
        SjabloonKeuze, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("keuze")
    )

    history = HistoricalRecords()
    objects = GeschiedenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("antwoord in het beslismodel")
        verbose_name_plural = _("antwoorden in het beslismodel")
        ordering = ["beslismodel", "item__sectie__volgorde", "item__volgorde"]
        constraints = [
            models.UniqueConstraint(
                fields=["beslismodel", "item"],
                name="beslismodelantwoord_uniek",
                violation_error_message=_("Dit onderdeel is al beantwoord."),
            )
        ]

    def __str__(self) -> str:
        return f"antwoord {self.pk}"

    def clean(self):
        if self.keuze_id and self.keuze.item_id != self.item_id:
            raise ValidationError({"keuze": _("Deze keuze hoort niet bij dit onderdeel.")})

    @property
    def is_leeg(self) -> bool:
        return not (self.extra_aandacht or self.toelichting.strip() or self.keuze_id)


class Besluit(Keuzelabels, models.Model):
    """The receiving mbo's decision on one submitted version: the advice on measures and
    support, and a status with its motivation (a reason when it differs from the suggestion).
    Oranje and rood wait for the verbindingsofficier (not the same person). Every decision is
    kept, also one sent back."""

    beslismodel = models.ForeignKey(Beslismodel, on_delete=models.CASCADE, related_name="besluiten")
    advies = models.TextField(
        _("advies voor maatregelen en ondersteuning"),
        help_text=_("Wat is nodig op de plek waar de jongere gaat leren, en wie doet het?"),
        max_length=MAX_TEKST,
        validators=VRIJE_TEKST,
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    suggestie = models.CharField(_("suggestie uit de antwoorden"), max_length=10, choices=Status.choices)
    regelversie = models.PositiveSmallIntegerField(_("versie van de regel voor de suggestie"))
    motivatie = models.TextField(_("motivatie"), max_length=MAX_TEKST, validators=VRIJE_TEKST)
    afwijkingsreden = models.TextField(
        _("waarom een andere status dan de suggestie"), blank=True, max_length=MAX_TEKST, validators=VRIJE_TEKST
    )
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("besloten door")
    )
    besloten_op = models.DateTimeField(_("besloten op"), default=timezone.now)
    bevestiging = models.CharField(_("bevestiging"), max_length=20, choices=Bevestiging.choices)
    bevestigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bevestigd of teruggelegd door"),
    )
    bevestigd_op = models.DateTimeField(_("bevestigd of teruggelegd op"), null=True, blank=True)
    reactie = models.TextField(
        _("reactie van de verbindingsofficier"), blank=True, max_length=MAX_TEKST, validators=VRIJE_TEKST
    )

    history = HistoricalRecords()
    objects = GeschiedenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("besluit over het beslismodel")
        verbose_name_plural = _("besluiten over het beslismodel")
        ordering = ["beslismodel", "-besloten_op", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(motivatie="") & ~models.Q(advies=""),
                name="besluit_met_motivatie",
                violation_error_message=_("Een besluit heeft een advies en een motivatie."),
            ),
            models.CheckConstraint(
                condition=models.Q(status=models.F("suggestie")) | ~models.Q(afwijkingsreden=""),
                name="besluit_afwijking_met_reden",
                violation_error_message=_("Een status die afwijkt van de suggestie heeft een reden."),
            ),
            # Confirming is for someone else; taking one's own decision back is not.
            models.CheckConstraint(
                condition=~models.Q(bevestiging=Bevestiging.BEVESTIGD)
                | (models.Q(bevestigd_door__isnull=False) & ~models.Q(bevestigd_door=models.F("besloten_door"))),
                name="besluit_vier_ogen",
                violation_error_message=_("Wie besloot, bevestigt niet zelf."),
            ),
        ]

    def __str__(self) -> str:
        return f"besluit {self.pk} ({self.status})"

    @property
    def wijkt_af(self) -> bool:
        return self.status != self.suggestie

    @property
    def staat(self) -> bool:
        """Whether this decision stands: groen at once, oranje and rood once confirmed."""
        return self.bevestiging in (Bevestiging.NIET_NODIG, Bevestiging.BEVESTIGD)


class Maatregel(Keuzelabels, models.Model):
    """An agreed measure of a decision; it becomes a routekaart task once the decision stands."""

    besluit = models.ForeignKey(Besluit, on_delete=models.CASCADE, related_name="maatregelen")
    soort = models.CharField(_("soort"), max_length=20, choices=MaatregelSoort.choices)
    omschrijving = models.CharField(_("wat"), max_length=300, validators=[zichtbare_tekst])
    medewerker = models.ForeignKey(
        "netwerk.Medewerker", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("wie")
    )
    datum = models.DateField(_("uiterlijk op"), null=True, blank=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    taak = models.ForeignKey(
        "trajecten.Taak", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("taak")
    )

    history = HistoricalRecords()
    objects = GeschiedenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("maatregel")
        verbose_name_plural = _("maatregelen")
        ordering = ["besluit", "volgorde", "pk"]

    def __str__(self) -> str:
        return f"maatregel {self.pk}"
