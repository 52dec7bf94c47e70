"""Toestemming: the grondslagen of a traject, per ontvanger and categorie.

Models never import the access policy; who may see what is decided in ``toegang.policy``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jji_traject.keuzes import Keuzelabels
from jji_traject.vrije_tekst import MAX_TEKST, VRIJE_TEKST, zichtbare_tekst
from netwerk.constants import OrganisatieSoort

from .. import regels
from ..constants import KENNISGEVING, TOESTEMMING_GRONDSLAGEN, Categorie, Grondslag, Onderwerp, Wijze
from ..querysets import OudersBetrekkenQuerySet, ToestemmingQuerySet


def kwalificatieplicht_telt(traject) -> bool:
    """Whether the traject's regio counts kwalificatieplicht as leerplicht (``Regio.kwalificatieplicht``)."""
    return bool(traject.jji.regio.kwalificatieplicht)


def leerplicht_geldt(traject, op: dt.date) -> bool:
    """Whether leerplicht is a grondslag for this youth on ``op``."""
    jongere = traject.jongere
    return jongere.leerplichtig(op) or (kwalificatieplicht_telt(traject) and jongere.kwalificatieplichtig(op))


def leerplicht_einde(traject) -> dt.date:
    """The last day leerplicht is a grondslag for this youth: the end of leerplicht, or (where
    the regio counts kwalificatieplicht) the day before the 18th birthday, unless a
    startkwalificatie was obtained."""
    jongere = traject.jongere
    if kwalificatieplicht_telt(traject) and not jongere.startkwalificatie:
        return regels.verjaardag(jongere.geboortedatum, 18) - dt.timedelta(days=1)
    return jongere.leerplicht_einde


class Toestemming(Keuzelabels, models.Model):
    """The one record of a grondslag for telling or showing something to an organisation.

    Per traject, categorie and ontvanger: the youth's (or parent's) consent or another legal
    basis; who recorded it, when and how; optionally until when; revocable at once. Only a
    current record (given, not expired, not revoked) opens anything.
    """

    traject = models.ForeignKey(
        "trajecten.Traject", on_delete=models.CASCADE, related_name="toestemmingen", verbose_name=_("traject")
    )
    ontvanger = models.ForeignKey(
        "netwerk.Organisatie",
        on_delete=models.PROTECT,
        related_name="ontvangen_toestemmingen",
        verbose_name=_("ontvanger"),
    )
    categorie = models.CharField(_("categorie"), max_length=30, choices=Onderwerp.choices)
    grondslag = models.CharField(_("grondslag"), max_length=30, choices=Grondslag.choices)
    toelichting = models.TextField(
        _("toelichting op de grondslag"),
        blank=True,
        help_text=_("Verplicht bij een andere wettelijke grondslag: noem de wet en het artikel."),
        max_length=MAX_TEKST,
        validators=VRIJE_TEKST,
    )
    bron = models.CharField(
        _("bron"),
        max_length=200,
        blank=True,
        validators=[zichtbare_tekst],
        help_text=_("Bij een INJUS-bericht: het kenmerk en de datum van het bericht."),
    )
    gegeven_door = models.CharField(
        _("gegeven door"),
        max_length=200,
        blank=True,
        help_text=_("Naam en relatie van de ouder of voogd die toestemming gaf."),
        validators=[zichtbare_tekst],
    )
    datum_gegeven = models.DateField(_("datum gegeven"))
    wijze = models.CharField(_("wijze"), max_length=20, choices=Wijze.choices)
    jongere_gevraagd = models.BooleanField(
        _("jongere ook gevraagd"),
        default=False,
        help_text=_("Onder de 16: de jongere is ook gevraagd en weigert niet."),
    )
    weigeren_zonder_gevolgen = models.BooleanField(_("uitgelegd dat weigeren geen gevolgen heeft"), default=False)
    geldig_tot = models.DateField(_("geldig tot"), null=True, blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), default=timezone.now)
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    ingetrokken_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingetrokken door"),
    )

    history = HistoricalRecords()
    objects = ToestemmingQuerySet.as_manager()

    class Meta:
        verbose_name = _("toestemming of grondslag")
        verbose_name_plural = _("toestemmingen en grondslagen")
        ordering = ["-vastgelegd_op"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(grondslag=Grondslag.WETTELIJK) | ~models.Q(toelichting=""),
                name="toestemming_wettelijk_met_toelichting",
                violation_error_message=_("Beschrijf de wettelijke grondslag."),
            ),
            models.CheckConstraint(
                condition=~models.Q(grondslag=Grondslag.INJUS)
                | (~models.Q(bron="") & models.Q(categorie=KENNISGEVING)),
                name="toestemming_injus_kennisgeving_met_bron",
                violation_error_message=_(
                    "Een INJUS-bericht is alleen een grondslag voor de kennisgeving, met zijn bron."
                ),
            ),
            models.CheckConstraint(
                condition=~models.Q(grondslag=Grondslag.TOESTEMMING_OUDER) | ~models.Q(gegeven_door=""),
                name="toestemming_ouder_met_naam",
                violation_error_message=_("Vul in welke ouder of voogd toestemming gaf."),
            ),
            models.CheckConstraint(
                condition=models.Q(ingetrokken_op__isnull=True, ingetrokken_door__isnull=True)
                | models.Q(ingetrokken_op__isnull=False, ingetrokken_door__isnull=False),
                name="toestemming_intrekking_volledig",
                violation_error_message=_("Een intrekking heeft een datum en wie hem vastlegde."),
            ),
            models.CheckConstraint(
                condition=models.Q(geldig_tot__isnull=True) | models.Q(geldig_tot__gte=models.F("datum_gegeven")),
                name="toestemming_geldig_na_gegeven",
                violation_error_message=_("'Geldig tot' ligt vóór de datum waarop de toestemming is gegeven."),
            ),
        ]
        indexes = [models.Index(fields=["traject", "ontvanger", "categorie"])]

    def __str__(self) -> str:
        return f"{self.get_categorie_display()}: {self.ontvanger} ({self.get_grondslag_display()})"

    @property
    def is_toestemming(self) -> bool:
        return self.grondslag in TOESTEMMING_GRONDSLAGEN

    def is_geldig(self, op: dt.date | None = None) -> bool:
        op = op or timezone.localdate()
        return (
            self.ingetrokken_op is None
            and self.datum_gegeven <= op
            and (self.geldig_tot is None or self.geldig_tot >= op)
            and not self.is_vervallen_op_18(op)
        )

    def is_vervallen_op_18(self, op: dt.date | None = None) -> bool:
        """A parent's consent lapses on the young person's 18th birthday."""
        if self.grondslag != Grondslag.TOESTEMMING_OUDER:
            return False
        return regels.verjaardag(self.traject.jongere.geboortedatum, regels.MEERDERJARIG) <= (
            op or timezone.localdate()
        )

    def clean(self):
        fouten: dict[str, str] = {}
        vandaag = timezone.localdate()
        if self.datum_gegeven and self.datum_gegeven > vandaag:
            fouten["datum_gegeven"] = _("De datum ligt in de toekomst. Leg een grondslag vast als hij er is.")
        if self.geldig_tot and self.geldig_tot < vandaag and not self.pk:
            fouten["geldig_tot"] = _("'Geldig tot' ligt in het verleden.")
        elif self.geldig_tot and self.datum_gegeven and self.geldig_tot < self.datum_gegeven:
            fouten["geldig_tot"] = _("'Geldig tot' ligt vóór de datum waarop de toestemming is gegeven.")
        if self.grondslag == Grondslag.WETTELIJK and not self.toelichting.strip():
            fouten["toelichting"] = _("Beschrijf de wettelijke grondslag (wet en artikel).")
        if self.is_toestemming and not self.weigeren_zonder_gevolgen:
            fouten["weigeren_zonder_gevolgen"] = _(
                "Leg vast dat je hebt uitgelegd dat weigeren geen gevolgen heeft; "
                "zonder dat is de toestemming niet geldig."
            )
        if self.is_toestemming and self.wijze == Wijze.WETTELIJK:
            fouten["wijze"] = _("Kies hoe de toestemming is gegeven: mondeling of met een ondertekend formulier.")
        if self.traject_id and self.datum_gegeven and self.datum_gegeven < self.traject.jongere.geboortedatum:
            fouten["datum_gegeven"] = _("De datum ligt vóór de geboortedatum van de jongere.")
        if self.grondslag == Grondslag.INJUS:
            fouten.update(self._clean_injus())
        if self.traject_id and self.datum_gegeven and not fouten:
            fouten.update(self._clean_leeftijd())
        if fouten:
            raise ValidationError(fouten)

    def _clean_injus(self) -> dict[str, str]:
        """The INJUS message tells the gemeente of inschrijving about the placement (bijlage 4):
        a basis for the kennisgeving to a gemeente only, recorded with its source. It opens
        no part of the dossier (no part lists it among its grondslagen)."""
        if self.categorie != KENNISGEVING:
            return {
                "grondslag": _(
                    "Een INJUS-bericht is alleen de grondslag om de gemeente over de plaatsing te informeren; "
                    "het opent geen deel van het dossier."
                )
            }
        if self.ontvanger_id and self.ontvanger.soort != OrganisatieSoort.GEMEENTE:
            return {"grondslag": _("Alleen de gemeente van inschrijving ontvangt via INJUS bericht over de plaatsing.")}
        if not self.bron.strip():
            return {"bron": _("Vul de bron in: het kenmerk en de datum van het INJUS-bericht.")}
        if self.wijze != Wijze.WETTELIJK:
            return {"wijze": _("Een INJUS-bericht is een wettelijke grondslag: kies 'niet van toepassing'.")}
        return {}

    def _clean_leeftijd(self) -> dict[str, str]:
        """Who may consent depends on age (UAVG art. 5); leerplicht needs a leerplichtig youth."""
        jongere = self.traject.jongere
        leeftijd = jongere.leeftijd(self.datum_gegeven)
        if self.grondslag == Grondslag.TOESTEMMING_JONGERE and leeftijd < 16:
            return {"grondslag": _("Onder de 16 geeft de gezaghebbende ouder of voogd toestemming, niet de jongere.")}
        if self.grondslag == Grondslag.TOESTEMMING_OUDER:
            if leeftijd >= 16:
                return {"grondslag": _("Vanaf 16 jaar geeft de jongere zelf toestemming.")}
            if not self.jongere_gevraagd:
                return {
                    "jongere_gevraagd": _(
                        "Vraag ook de jongere zelf; een weigering van de jongere wordt gerespecteerd."
                    )
                }
        if self.grondslag == Grondslag.LEERPLICHT:
            return self._clean_leerplicht()
        return {}

    def _clean_leerplicht(self) -> dict[str, str]:
        """Leerplicht opens one thing only: the school van herkomst's onderwijsinformatie for the
        JJI-school (handreiking), while the youth is leerplichtig — or kwalificatieplichtig
        where the regio counts that (``Regio.kwalificatieplicht``). It never tells anyone about
        the placement (bijlage 4: the school van herkomst "met toestemming jongere") and never
        gives the JJI-school's own dossier to a school.

        And one more (issue 18): leerplicht/RMC's statutory task opens the schoolloopbaan na
        uitstroom to a leerplicht/RMC organisation, on the same condition."""
        herkomst = (
            self.categorie == Categorie.ONDERWIJSINFORMATIE and self.ontvanger.soort == OrganisatieSoort.JJI_SCHOOL
        )
        toezicht = (
            self.categorie == Categorie.SCHOOLLOOPBAAN and self.ontvanger.soort == OrganisatieSoort.LEERPLICHT_RMC
        )
        if not (herkomst or toezicht):
            return {
                "grondslag": _(
                    "Leerplicht is alleen een grondslag voor de JJI-school om de onderwijsinformatie van de "
                    "school van herkomst op te vragen, en voor leerplicht/RMC om de schoolloopbaan na uitstroom "
                    "te volgen. Een school informeren over de plaatsing of gegevens van "
                    "de JJI-school delen vraagt toestemming van de jongere (of een andere wettelijke grondslag)."
                )
            }
        if not leerplicht_geldt(self.traject, self.datum_gegeven):
            return {"grondslag": _("Deze jongere is op die datum niet (meer) leerplichtig.")}
        return {}


class OudersBetrekken(Keuzelabels, models.Model):
    """The young person's own consent, from 18, to involve their parents (seed 001: "Jongeren
    vanaf 18 jaar moeten toestemming geven om de ouders erbij te betrekken"). A consent of its
    own kind: it opens no part of the dossier to anyone; without it the parents are not shown
    in the network of an 18-year-old and the tasks to contact them do not apply."""

    traject = models.ForeignKey(
        "trajecten.Traject", on_delete=models.CASCADE, related_name="ouders_betrekken", verbose_name=_("traject")
    )
    datum_gegeven = models.DateField(_("gegeven op"))
    wijze = models.CharField(
        _("wijze"), max_length=20, choices=[(w.value, w.label) for w in (Wijze.MONDELING, Wijze.FORMULIER)]
    )
    toelichting = models.TextField(_("toelichting"), blank=True, max_length=MAX_TEKST, validators=VRIJE_TEKST)
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), default=timezone.now)
    ingetrokken_op = models.DateField(_("ingetrokken op"), null=True, blank=True)
    ingetrokken_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()
    objects = OudersBetrekkenQuerySet.as_manager()

    class Meta:
        verbose_name = _("toestemming om de ouders te betrekken")
        verbose_name_plural = _("toestemmingen om de ouders te betrekken")
        ordering = ["-datum_gegeven", "-pk"]

    def __str__(self) -> str:
        return _("ouders betrekken (gegeven op %(datum)s)") % {"datum": self.datum_gegeven}

    def clean(self):
        if self.datum_gegeven and self.datum_gegeven > timezone.localdate():
            raise ValidationError({"datum_gegeven": _("De datum ligt in de toekomst.")})
