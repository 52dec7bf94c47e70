"""The doorstroomdossier: three parts written by the JJI-school, each read by another
organisation only through ``toegang.policy.categorie_lezen`` (which writes the raadpleging).

Nothing here is queried by views directly: the policy module hands out the parts.
"""

import datetime as dt
import functools
import re

import re2
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jji_traject.geschiedenis import GeschiedenisOmzeild, GeschiedenisQuerySet  # noqa: F401 (re-exported)
from jji_traject.keuzes import Keuzelabels
from jji_traject.vrije_tekst import MAX_TEKST, VRIJE_TEKST, zichtbare_tekst

from ..constants import MboNiveau
from .basis import Dossierdeel, DossierQuerySet

# The school van herkomst's part and the requests for it live in their own module.
from .herkomst import HerkomstOnderwijsinformatie, Herkomstverzoek  # noqa: F401

# The schoolloopbaan na uitstroom (written by the receiving mbo) in its own module.
from .schoolloopbaan import Inschrijving, Nazorgafsluiting, Schoolcheckpoint, Schoolloopbaanstand  # noqa: F401


class WoordSoort(models.TextChoices):
    DELICT = "delict", _("delict, politie of justitie")
    BEHANDELING = "behandeling", _("diagnose of behandeling")
    TERUGBLIKKEND = "terugblikkend", _("terugblikkend of stigmatiserend")


# The word list is matched with RE2 (google-re2): linear in the length of the text, whatever
# the pattern, so a pattern such as (e|e)+q cannot make a save hang. RE2 has no lookaround and
# no backreferences (such a pattern is refused when it is saved), and its \b and \w know only
# ASCII letters: a word is matched with Unicode classes instead (\pL letters, \pM marks, \pN
# digits), so "geïsoleerd" is one word and "isoleer" does not match inside it.
WOORDTEKEN = r"[\pL\pM\pN_]"
WOORDBEGIN = r"(?:^|[^\pL\pM\pN_])"  # RE2 has no lookbehind: the character before is part of the match
ASCII_ESCAPES = re.compile(r"\\(?:\\|([bBwW]))")  # \b \B \w \W (not an escaped backslash followed by b)


def _re2_opties() -> re2.Options:
    opties = re2.Options()
    opties.case_sensitive = False
    opties.log_errors = False  # a refused pattern is a message to the beheerder, not a log line
    return opties


@functools.lru_cache(maxsize=512)
def re2_compileren(patroon: str) -> re2._Regexp:
    """The pattern compiled by RE2, case-insensitive (raises ``re2.error``)."""
    return re2.compile(patroon, _re2_opties())


def woordpatroon(woord: str) -> str:
    """A word of the list: at the start of a word, with any ending."""
    return WOORDBEGIN + re2.escape(woord) + WOORDTEKEN + "*"


def re2_fout(fout: re2.error) -> str:
    """RE2's reason, readable (it comes as bytes)."""
    reden = fout.args[0] if fout.args else ""
    return reden.decode(errors="replace") if isinstance(reden, bytes) else str(reden)


class Formuleringswoord(Keuzelabels, models.Model):
    """One entry of the word list of the toekomstgericht check (data, kept by the functioneel
    beheerder): a word (matched at the start of a word, any ending) or a regular expression."""

    tekst = models.CharField(_("woord of patroon"), max_length=100, unique=True, validators=[zichtbare_tekst])
    is_regex = models.BooleanField(
        _("reguliere expressie"), default=False, help_text=_("Alleen voor wie weet wat dat is; anders een woord.")
    )
    soort = models.CharField(_("soort"), max_length=20, choices=WoordSoort.choices)
    hint = models.CharField(
        _("tip voor de schrijver"),
        max_length=300,
        help_text=_("Bijvoorbeeld: Beschrijf wat de jongere nodig heeft, niet wat er gebeurd is."),
        validators=[zichtbare_tekst],
    )
    actief = models.BooleanField(_("actief"), default=True)

    history = HistoricalRecords()
    objects = GeschiedenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("woord voor toekomstgericht formuleren")
        verbose_name_plural = _("woordenlijst toekomstgericht formuleren")
        ordering = ["soort", "tekst"]

    def __str__(self) -> str:
        return self.tekst

    def clean(self):
        self.tekst = (self.tekst or "").strip()
        if not self.tekst:
            raise ValidationError({"tekst": _("Vul een woord of patroon in.")})
        if self.is_regex:
            if any(escape.group(1) for escape in ASCII_ESCAPES.finditer(self.tekst)):
                raise ValidationError(
                    {
                        "tekst": _(
                            "\\b en \\w kennen alleen letters zonder accent: in 'geïsoleerd' is de ï dan geen "
                            "letter. Gebruik \\pL voor een letter en (^|[^\\pL]) voor het begin van een woord."
                        )
                    }
                )
            try:
                patroon = re2_compileren(self.tekst)
            except re2.error as fout:
                raise ValidationError({"tekst": _re2_weigering(self.tekst, fout)}) from fout
            if patroon.search(""):
                raise ValidationError({"tekst": _("Dit patroon past op elke tekst; maak het specifieker.")})
        elif not any(teken.isalpha() for teken in self.tekst):
            raise ValidationError({"tekst": _("Een woord bevat letters.")})
        elif len(self.tekst) < 4:
            raise ValidationError(
                {"tekst": _("Een woord van minder dan vier letters past op te veel teksten; gebruik een patroon.")}
            )

    def patroon(self) -> re2._Regexp:
        """Compiled by RE2 (raises ``re2.error`` for a pattern saved before RE2 that it cannot read)."""
        return re2_compileren(self.tekst if self.is_regex else woordpatroon(self.tekst))


def _re2_weigering(tekst: str, fout: re2.error) -> str:
    """Why a pattern is refused, in words a beheerder can act on."""
    if re.search(r"\(\?<?[=!]", tekst):
        return _(
            "Vooruit- of terugkijken ((?=…), (?!…), (?<=…)) kan hier niet: de controle gebruikt RE2, dat elke tekst "
            "in één keer leest. Schrijf het patroon zonder."
        )
    if re.search(r"\\[1-9]|\(\?P=", tekst):
        return _(
            "Terugverwijzingen (zoals \\1) kunnen hier niet: de controle gebruikt RE2. Schrijf het patroon zonder."
        )
    return _("Dit patroon is geen geldige reguliere expressie voor de controle (RE2): %(fout)s.") % {
        "fout": re2_fout(fout)
    }


class Onderwijsinformatie(Dossierdeel):
    traject = models.OneToOneField(
        "trajecten.Traject", on_delete=models.CASCADE, related_name="onderwijsinformatie", verbose_name=_("traject")
    )
    ingeschreven_bij = models.CharField(_("ingeschreven bij"), max_length=200, blank=True, validators=[zichtbare_tekst])
    opleiding = models.CharField(_("opleiding"), max_length=200, blank=True, validators=[zichtbare_tekst])
    crebo = models.CharField(
        _("crebo"),
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^\d{5}$", _("Een crebo-nummer heeft vijf cijfers."))],
    )
    niveau = models.PositiveSmallIntegerField(_("niveau"), choices=MboNiveau.choices, null=True, blank=True)
    examinerende_instelling = models.CharField(
        _("examinerende instelling"), max_length=200, blank=True, validators=[zichtbare_tekst]
    )
    diplomas_en_resultaten = models.TextField(
        _("certificaten en examenresultaten"),
        blank=True,
        help_text=_("Per regel: wat, wanneer, en welk mbo het heeft gevalideerd."),
        max_length=MAX_TEKST,
        validators=VRIJE_TEKST,
    )
    lopende_modules = models.TextField(_("lopende modules"), blank=True, max_length=MAX_TEKST, validators=VRIJE_TEKST)
    leerdoelen = models.TextField(_("leerdoelen"), blank=True, max_length=MAX_TEKST, validators=VRIJE_TEKST)
    motivatie = models.TextField(_("motivatie"), blank=True, max_length=MAX_TEKST, validators=VRIJE_TEKST)
    talenten = models.TextField(_("talenten"), blank=True, max_length=MAX_TEKST, validators=VRIJE_TEKST)
    # Bijlage 3: the phase of ICT permissions (the regio's own list, ``netwerk.IctFase``, of the
    # regio of the JJI) and this student's own restrictions. Part of the onderwijsinformatie, as
    # the phase always was: read under its grondslag, every reading on record.
    ict_fase = models.ForeignKey(
        "netwerk.IctFase",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ICT-fase (bijlage 3)"),
    )
    ict_beperkingen = models.TextField(
        _("individuele ICT-beperkingen"),
        blank=True,
        help_text=_(
            "Wat deze student met ICT wel en niet kan, naast de ICT-fase: bijvoorbeeld geen eigen laptop, "
            "spreekexamens alleen met opname. Toekomstgericht; geen reden van de beperking."
        ),
        max_length=MAX_TEKST,
        validators=VRIJE_TEKST,
    )

    history = HistoricalRecords()
    objects = GeschiedenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("onderwijsinformatie")
        verbose_name_plural = _("onderwijsinformatie")

    def __str__(self) -> str:
        return f"onderwijsinformatie {self.traject_id}"  # no content, no name: this may end up in logs

    def clean(self):
        if self.ict_fase_id and self.traject_id and self.ict_fase.regio_id != self.traject.jji.regio_id:
            raise ValidationError({"ict_fase": _("Kies een ICT-fase van de regio van de JJI.")})


class ResultaatSoort(models.TextChoices):
    DIPLOMA = "diploma", _("diploma")
    CERTIFICAAT = "certificaat", _("certificaat")
    EXAMEN = "examen", _("examenresultaat")


class Resultaat(Dossierdeel):
    """A certificate or exam result, with the mbo that validated it (part of the
    onderwijsinformatie: read under the same grondslag)."""

    traject = models.ForeignKey(
        "trajecten.Traject", on_delete=models.CASCADE, related_name="resultaten", verbose_name=_("traject")
    )
    soort = models.CharField(_("soort"), max_length=20, choices=ResultaatSoort.choices)
    omschrijving = models.CharField(
        _("wat"), max_length=200, help_text=_("Bijvoorbeeld: Certificaat heftruck."), validators=[zichtbare_tekst]
    )
    datum = models.DateField(_("behaald op"))
    gevalideerd_door = models.ForeignKey(
        "netwerk.Organisatie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gevalideerd door (mbo)"),
        limit_choices_to={"soort": "mbo"},
    )

    history = HistoricalRecords()
    objects = GeschiedenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("resultaat")
        verbose_name_plural = _("resultaten")
        ordering = ["-datum", "pk"]

    def __str__(self) -> str:
        return f"resultaat {self.pk}"

    def clean(self):
        if self.datum and self.datum > timezone.localdate():
            raise ValidationError(
                {"datum": _("Deze datum ligt in de toekomst: leg een resultaat vast als het behaald is.")}
            )
        if self.gevalideerd_door_id and self.gevalideerd_door.soort != "mbo":
            raise ValidationError(
                {"gevalideerd_door": _("Kies de mbo-instelling die het resultaat heeft gevalideerd.")}
            )


class Begeleidingsbehoefte(Dossierdeel):
    """May hold health data (art. 9 AVG): shared only with explicit consent."""

    traject = models.OneToOneField(
        "trajecten.Traject", on_delete=models.CASCADE, related_name="begeleidingsbehoefte", verbose_name=_("traject")
    )
    structuur = models.TextField(_("behoefte aan structuur"), blank=True, max_length=MAX_TEKST, validators=VRIJE_TEKST)
    sociaal_emotioneel = models.TextField(
        _("sociaal-emotionele ondersteuning"), blank=True, max_length=MAX_TEKST, validators=VRIJE_TEKST
    )
    praktisch = models.TextField(
        _("praktische ondersteuning"), blank=True, max_length=MAX_TEKST, validators=VRIJE_TEKST
    )
    wat_helpt = models.TextField(_("wat helpt deze jongere"), blank=True, max_length=MAX_TEKST, validators=VRIJE_TEKST)

    history = HistoricalRecords()
    objects = GeschiedenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("begeleidingsbehoefte")
        verbose_name_plural = _("begeleidingsbehoeften")

    def __str__(self) -> str:
        return f"begeleidingsbehoefte {self.traject_id}"


class VeiligheidssignaalQuerySet(DossierQuerySet):
    def actueel(self, op=None):
        """Signals are shown until their end date, never after."""
        return self.filter(einddatum__gte=op or timezone.localdate())


class Veiligheidssignaal(Dossierdeel):
    """Only what is strictly needed for a safe placement, future-oriented, with its reason
    and an end date after which it is no longer shown. No offence or treatment details."""

    traject = models.ForeignKey(
        "trajecten.Traject", on_delete=models.CASCADE, related_name="veiligheidssignalen", verbose_name=_("traject")
    )
    signaal = models.TextField(
        _("signaal"),
        help_text=_(
            "Toekomstgericht: wat is nodig voor een veilige plaatsing? Bijvoorbeeld: 'Niet in dezelfde klas als "
            "…' of 'Bij spanning: even apart laten afkoelen'. Geen delict- of behandelgegevens."
        ),
        max_length=MAX_TEKST,
        validators=VRIJE_TEKST,
    )
    reden = models.TextField(_("waarom dit nodig is"), max_length=MAX_TEKST, validators=VRIJE_TEKST)
    einddatum = models.DateField(_("tot wanneer"), help_text=_("Daarna wordt het signaal niet meer getoond."))

    history = HistoricalRecords()
    objects = VeiligheidssignaalQuerySet.as_manager()

    class Meta:
        verbose_name = _("signaal voor veiligheid")
        verbose_name_plural = _("signalen voor veiligheid")
        ordering = ["einddatum", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(signaal="") & ~models.Q(reden=""),
                name="veiligheidssignaal_met_reden",
                violation_error_message=_("Een signaal heeft een tekst en een reden."),
            )
        ]

    def __str__(self) -> str:
        return f"veiligheidssignaal {self.pk}"

    def clean(self):
        fouten = {}
        if not (self.signaal or "").strip():
            fouten["signaal"] = _("Beschrijf het signaal.")
        if not (self.reden or "").strip():
            fouten["reden"] = _("Leg uit waarom dit nodig is voor een veilige plaatsing.")
        if self.einddatum and self.einddatum < timezone.localdate():
            fouten["einddatum"] = _("De einddatum ligt in het verleden.")
        elif self.einddatum and self.einddatum > timezone.localdate() + dt.timedelta(days=731):
            fouten["einddatum"] = _("Een signaal geldt hooguit twee jaar; kijk dan opnieuw of het nog nodig is.")
        if fouten:
            raise ValidationError(fouten)


class LeesoverzichtStatus(models.TextChoices):
    WACHT = "wacht", _("wordt gemaakt")
    KLAAR = "klaar", _("klaar")
    MISLUKT = "mislukt", _("niet gelukt")
    VERWIJDERD = "verwijderd", _("verwijderd na de bewaartermijn")


class Leesoverzicht(Keuzelabels, models.Model):
    """The PDF of "Wie heeft jouw gegevens bekeken?" for one traject, asked for by someone of the
    JJI-school and made in the background (it can run to many pages). Kept privately in the
    database for its requester only, for ``OVERDRACHT_BEWAARDAGEN`` days. A copy of the log made
    by the system (no history: nobody edits it); making it is no reading of a part."""

    traject = models.ForeignKey(
        "trajecten.Traject", on_delete=models.PROTECT, related_name="leesoverzichten", verbose_name=_("traject")
    )
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("aangevraagd door")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=LeesoverzichtStatus.choices, default=LeesoverzichtStatus.WACHT
    )
    aangevraagd_op = models.DateTimeField(_("aangevraagd op"), default=timezone.now)
    gemaakt_op = models.DateTimeField(_("gemaakt op"), null=True, blank=True)
    verwijderd_op = models.DateTimeField(_("bestand verwijderd op"), null=True, blank=True)
    regels = models.PositiveIntegerField(_("regels in de PDF"), default=0)
    weggelaten = models.PositiveIntegerField(_("oudere regels weggelaten"), default=0)
    fout = models.CharField(_("reden"), max_length=200, blank=True)
    # The PDF itself, private: in the database every web and worker container reaches, never a
    # static or media URL. Cleared after the bewaartermijn.
    bestand = models.BinaryField(_("bestand"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("leesoverzicht voor de jongere (PDF)")
        verbose_name_plural = _("leesoverzichten voor de jongere (PDF)")
        ordering = ["-aangevraagd_op", "-pk"]
        indexes = [models.Index(fields=["status", "aangevraagd_op"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="klaar") | models.Q(bestand__isnull=False, gemaakt_op__isnull=False),
                name="leesoverzicht_klaar_met_bestand",
                violation_error_message=_("Een klaar leesoverzicht heeft een bestand."),
            )
        ]

    def __str__(self) -> str:
        return f"leesoverzicht {self.pk} ({self.status})"
