"""Jongere, Traject, Betrokkenheid and Toewijzing: the traject of one youth (its grondslagen
are in ``toestemming``).

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

from jji_traject.geschiedenis import GeschiedenisQuerySet
from jji_traject.keuzes import Keuzelabels
from jji_traject.vrije_tekst import MAX_TEKST, VRIJE_TEKST, zichtbare_tekst
from netwerk.constants import OrganisatieSoort

from .. import regels
from ..constants import (
    ACTIEF_VANAF_START,
    ORGANISATIESOORTEN_PER_BETROKKENHEID,
    BetrokkenheidSoort,
    Fase,
    Gebeurtenis,
    Titel,
    Uitstroombestemming,
    Verblijfsduur,
)
from ..querysets import BetrokkenheidQuerySet, TrajectQuerySet


class Jongere(models.Model):
    """A young person. No BSN: the app identifies a youth only within its trajecten."""

    voornaam = models.CharField(_("voornaam"), max_length=100, validators=[zichtbare_tekst])
    tussenvoegsel = models.CharField(_("tussenvoegsel"), max_length=30, blank=True, validators=[zichtbare_tekst])
    achternaam = models.CharField(_("achternaam"), max_length=150, validators=[zichtbare_tekst])
    geboortedatum = models.DateField(_("geboortedatum"))
    startkwalificatie = models.BooleanField(
        _("startkwalificatie behaald"),
        default=False,
        help_text=_("Een diploma op mbo-niveau 2, havo of vwo."),
    )

    history = HistoricalRecords()
    objects = GeschiedenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("jongere")
        verbose_name_plural = _("jongeren")
        ordering = ["achternaam", "voornaam"]

    def __str__(self) -> str:
        return self.naam

    @property
    def naam(self) -> str:
        return " ".join(deel for deel in (self.voornaam, self.tussenvoegsel, self.achternaam) if deel)

    @property
    def sorteersleutel(self) -> str:
        """How lists sort this youth: by surname, then first name (case-insensitive)."""
        return f"{self.achternaam} {self.voornaam} {self.tussenvoegsel}".casefold()[:300]

    def clean(self):
        if self.geboortedatum and self.geboortedatum > timezone.localdate():
            raise ValidationError({"geboortedatum": _("De geboortedatum ligt in de toekomst.")})
        if self.geboortedatum and regels.leeftijd_op(self.geboortedatum, timezone.localdate()) > 30:
            raise ValidationError({"geboortedatum": _("Deze geboortedatum ligt te ver terug; controleer de datum.")})
        if self.geboortedatum and regels.leeftijd_op(self.geboortedatum, timezone.localdate()) < 10:
            raise ValidationError(
                {"geboortedatum": _("Een jongere in een JJI is minstens 12 jaar; controleer de datum.")}
            )

    def leeftijd(self, op: dt.date | None = None) -> int:
        return regels.leeftijd_op(self.geboortedatum, op or timezone.localdate())

    @property
    def achttiende_verjaardag(self) -> dt.date:
        return regels.verjaardag(self.geboortedatum, regels.MEERDERJARIG)

    def leerplichtig(self, op: dt.date | None = None) -> bool:
        return regels.is_leerplichtig(self.geboortedatum, op or timezone.localdate())

    def kwalificatieplichtig(self, op: dt.date | None = None) -> bool:
        return regels.is_kwalificatieplichtig(self.geboortedatum, self.startkwalificatie, op or timezone.localdate())

    @property
    def leerplicht_einde(self) -> dt.date:
        return regels.leerplicht_einde(self.geboortedatum)


class Traject(Keuzelabels, models.Model):
    """The route of one youth from instroom in a JJI to vervolgonderwijs.

    The fase changes only through ``trajecten.services.traject_fase_wijzigen``. The regio
    of a traject is that of its JJI.
    """

    jongere = models.ForeignKey(Jongere, on_delete=models.PROTECT, related_name="trajecten", verbose_name=_("jongere"))
    jji = models.ForeignKey(
        "netwerk.Organisatie",
        on_delete=models.PROTECT,
        related_name="jji_trajecten",
        verbose_name=_("JJI"),
        limit_choices_to={"soort": OrganisatieSoort.JJI},
    )
    titel = models.CharField(
        _("titel van het verblijf"),
        max_length=30,
        choices=Titel.choices,
        blank=True,
        help_text=_("Vastgelegd door de JJI; nooit zichtbaar voor scholen."),
    )
    verblijfsduur = models.CharField(
        _("verblijfsduur"), max_length=20, choices=Verblijfsduur.choices, default=Verblijfsduur.ONBEKEND
    )
    startdatum = models.DateField(_("startdatum"))
    verwachte_einddatum = models.DateField(_("verwachte einddatum"), null=True, blank=True)
    voorgeleiding_op = models.DateField(
        _("datum voorgeleiding"), null=True, blank=True, help_text=_("Leeg: de startdatum telt.")
    )
    stp_start = models.DateField(
        _("start STP"),
        null=True,
        blank=True,
        help_text=_("Leeg: drie maanden vóór de verwachte einddatum. Niet na voorlopige hechtenis."),
    )
    vrijgelaten_op = models.DateField(_("datum vrijlating"), null=True, blank=True)
    terugkeerregio = models.ForeignKey(
        "netwerk.Regio",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("regio van terugkeer"),
        help_text=_("Waar de jongere na uitstroom gaat wonen en leren; fase 3 volgt de routekaart van die regio."),
    )
    fase = models.CharField(_("fase"), max_length=20, choices=Fase.choices, default=Fase.INSTROOM)
    uitstroombestemming = models.CharField(
        _("uitstroombestemming"),
        max_length=20,
        choices=Uitstroombestemming.choices,
        default=Uitstroombestemming.NOG_ONBEKEND,
    )
    terug_naar_herkomst = models.BooleanField(
        _("terug naar de mbo van herkomst"),
        default=False,
        help_text=_("De jongere keert terug naar de eigen school: die is dan ook de ontvangende mbo-instelling."),
    )
    nazorg_evaluatie_op = models.DateField(
        _("evaluatie nazorg op"),
        null=True,
        blank=True,
        help_text=_("Wanneer je bespreekt of de nazorg kan afbouwen. Afsluiten is een besluit, geen termijn."),
    )
    afgesloten_op = models.DateField(_("afgesloten op"), null=True, blank=True)
    afsluiting_besluit = models.TextField(
        _("besluit bij afsluiten"), blank=True, max_length=MAX_TEKST, validators=VRIJE_TEKST
    )
    afsluiting_advies = models.CharField(
        _("geadviseerd door"), max_length=200, blank=True, validators=[zichtbare_tekst]
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    # The retention schedule (bewaren): when the dossier parts were erased, and when the
    # traject's core was pseudonymised (the youth's name and every free text gone).
    dossier_gewist_op = models.DateField(_("dossier gewist op"), null=True, blank=True, editable=False)
    gepseudonimiseerd_op = models.DateField(_("gepseudonimiseerd op"), null=True, blank=True, editable=False)
    # The youth's name as lists sort it, kept here so a long list is read in index order
    # and stops after one page (the youth's name itself stays on Jongere).
    sorteernaam = models.CharField(max_length=300, editable=False, default="")

    history = HistoricalRecords()
    objects = TrajectQuerySet.as_manager()

    class Meta:
        verbose_name = _("traject")
        verbose_name_plural = _("trajecten")
        ordering = ["-startdatum", "-pk"]
        # Reading a part of the doorstroomdossier: derived per organisation (and rol) by
        # toegang.policy.rechten_afleiden, never given to a role group.
        permissions = [
            ("lees_onderwijsinformatie", _("onderwijsinformatie lezen")),
            ("lees_begeleidingsbehoefte", _("begeleidingsbehoefte lezen")),
            ("lees_veiligheidssignalen", _("signalen voor veiligheid lezen")),
            ("lees_schoolloopbaan", _("schoolloopbaan na uitstroom lezen")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(verwachte_einddatum__isnull=True)
                | models.Q(verwachte_einddatum__gte=models.F("startdatum")),
                name="traject_einddatum_na_start",
                violation_error_message=_("De verwachte einddatum ligt vóór de startdatum."),
            ),
            models.CheckConstraint(
                condition=models.Q(afgesloten_op__isnull=True) | models.Q(afgesloten_op__gte=models.F("startdatum")),
                name="traject_afgesloten_na_start",
                violation_error_message=_("De datum van afsluiten ligt vóór de startdatum."),
            ),
        ]
        indexes = [models.Index(fields=["fase"]), models.Index(fields=["sorteernaam", "id"])]

    def __str__(self) -> str:
        return _("Traject van %(naam)s") % {"naam": self.jongere.naam}

    def save(self, *args, **kwargs):
        if self.jongere_id and kwargs.get("update_fields") != []:  # [] saves nothing, as in Django
            self.sorteernaam = self.jongere.sorteersleutel
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "sorteernaam"}
        super().save(*args, **kwargs)

    def clean(self):
        # The constraints hold these too; here the message lands on the date that is wrong.
        if self.startdatum and self.verwachte_einddatum and self.verwachte_einddatum < self.startdatum:
            raise ValidationError({"verwachte_einddatum": _("De verwachte einddatum ligt vóór de startdatum.")})
        if self.startdatum and self.afgesloten_op and self.afgesloten_op < self.startdatum:
            raise ValidationError({"afgesloten_op": _("De datum van afsluiten ligt vóór de startdatum.")})
        if self.startdatum and self.startdatum > timezone.localdate():
            raise ValidationError({"startdatum": _("De startdatum ligt in de toekomst. Vul de dag van instroom in.")})
        if self.jji_id and self.jji.soort != OrganisatieSoort.JJI:
            raise ValidationError({"jji": _("Kies een JJI.")})
        for veld in ("voorgeleiding_op", "stp_start", "vrijgelaten_op"):
            waarde = getattr(self, veld)
            if waarde and self.startdatum and waarde < self.startdatum - dt.timedelta(days=14):
                raise ValidationError({veld: _("Deze datum ligt ruim vóór de start van het traject.")})
        if self.vrijgelaten_op and self.vrijgelaten_op > timezone.localdate():
            raise ValidationError({"vrijgelaten_op": _("De vrijlating ligt in de toekomst.")})
        if self.voorgeleiding_op and self.voorgeleiding_op > timezone.localdate():
            raise ValidationError({"voorgeleiding_op": _("De voorgeleiding ligt in de toekomst.")})
        if self.stp_start and self.verwachte_einddatum and self.stp_start > self.verwachte_einddatum:
            raise ValidationError({"stp_start": _("Het STP begint na de verwachte einddatum.")})
        if self.verwachte_einddatum and self.startdatum and (self.verwachte_einddatum - self.startdatum).days > 3650:
            raise ValidationError(
                {"verwachte_einddatum": _("De verwachte einddatum ligt meer dan tien jaar na de start.")}
            )
        if self.fase == Fase.UITSTROOM and not self.vrijgelaten_op:
            raise ValidationError(
                {"vrijgelaten_op": _("In de fase uitstroom is de datum van vrijlating nodig voor de contactmomenten.")}
            )
        if self.startdatum and self.jongere_id and self.startdatum < regels.verjaardag(self.jongere.geboortedatum, 10):
            raise ValidationError({"startdatum": _("De startdatum ligt vóór het tiende jaar van de jongere.")})

    @property
    def regio(self):
        return self.jji.regio

    @property
    def gebeurtenis_datum_stp(self) -> dt.date | None:
        return self.gebeurtenis_datum(Gebeurtenis.STP_START)

    def gebeurtenis_datum(self, gebeurtenis: str) -> dt.date | None:
        """The date of an event of the stay, or None while it is unknown."""
        if gebeurtenis == Gebeurtenis.AANKOMST:
            return self.startdatum
        if gebeurtenis == Gebeurtenis.VOORGELEIDING:
            return self.voorgeleiding_op or self.startdatum
        if gebeurtenis == Gebeurtenis.STP_START:
            if self.titel == Titel.VOORLOPIGE_HECHTENIS or (
                self.verblijfsduur == Verblijfsduur.KORT and self.titel != Titel.PIJ
            ):
                return None
            if self.stp_start:
                return self.stp_start
            return self.verwachte_einddatum - dt.timedelta(days=91) if self.verwachte_einddatum else None
        if gebeurtenis == Gebeurtenis.VRIJLATING:
            return self.vrijgelaten_op
        return None

    @property
    def is_afgesloten(self) -> bool:
        return self.afgesloten_op is not None

    def ouders_betrekken_toegestaan(self, op: dt.date | None = None) -> bool:
        """Parents are involved under 18; from 18 only with the young person's own consent."""
        op = op or timezone.localdate()
        if regels.verjaardag(self.jongere.geboortedatum, regels.MEERDERJARIG) > op:
            return True
        return self.ouders_betrekken.geldig(op).exists()


class Betrokkenheid(Keuzelabels, models.Model):
    """An organisation involved in a traject, in one soort of role.

    JJI and JJI-school are active from the start; every other organisation is active only
    while a grondslag for telling it about the placement (a ``kennisgeving``) is valid.
    """

    traject = models.ForeignKey(
        Traject, on_delete=models.CASCADE, related_name="betrokkenheden", verbose_name=_("traject")
    )
    organisatie = models.ForeignKey(
        "netwerk.Organisatie",
        on_delete=models.PROTECT,
        related_name="betrokkenheden",
        verbose_name=_("organisatie"),
    )
    soort = models.CharField(_("soort betrokkenheid"), max_length=30, choices=BetrokkenheidSoort.choices)
    toegevoegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("toegevoegd door"),
    )
    toegevoegd_op = models.DateTimeField(_("toegevoegd op"), default=timezone.now)

    history = HistoricalRecords()
    objects = BetrokkenheidQuerySet.as_manager()

    class Meta:
        verbose_name = _("betrokkenheid")
        verbose_name_plural = _("betrokkenheden")
        ordering = ["traject", "soort", "organisatie__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["traject", "organisatie", "soort"],
                name="betrokkenheid_uniek",
                violation_error_message=_("Deze organisatie is al in deze rol bij het traject betrokken."),
            ),
        ]
        indexes = [models.Index(fields=["organisatie", "traject"])]

    def __str__(self) -> str:
        return f"{self.organisatie} ({self.get_soort_display()})"

    @property
    def actief_vanaf_start(self) -> bool:
        return self.soort in ACTIEF_VANAF_START

    def clean(self):
        if not (self.organisatie_id and self.soort):
            return
        toegestaan = ORGANISATIESOORTEN_PER_BETROKKENHEID.get(self.soort, frozenset())
        if self.organisatie.soort not in toegestaan:
            raise ValidationError(
                {
                    "organisatie": _("Een %(org)s kan niet betrokken zijn als %(soort)s.")
                    % {"org": self.organisatie.get_soort_display(), "soort": self.get_soort_display()}
                }
            )


class Toewijzing(models.Model):
    """A person assigned to a traject; they see it while their organisation is active in it."""

    traject = models.ForeignKey(
        Traject, on_delete=models.CASCADE, related_name="toewijzingen", verbose_name=_("traject")
    )
    medewerker = models.ForeignKey(
        "netwerk.Medewerker",
        on_delete=models.PROTECT,
        related_name="toewijzingen",
        verbose_name=_("medewerker"),
    )
    toegewezen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("toegewezen door"),
    )
    toegewezen_op = models.DateTimeField(_("toegewezen op"), default=timezone.now)

    history = HistoricalRecords()
    objects = GeschiedenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("toewijzing")
        verbose_name_plural = _("toewijzingen")
        ordering = ["traject", "medewerker__user__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["traject", "medewerker"],
                name="toewijzing_uniek",
                violation_error_message=_("Deze medewerker is al aan dit traject toegewezen."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.medewerker} → {self.traject_id}"
