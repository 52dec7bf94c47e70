"""People and organisations: regio, organisatie and medewerker (the user profile)."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jji_traject.geschiedenis import GeschiedenisQuerySet
from jji_traject.keuzes import Keuzelabels
from jji_traject.vrije_tekst import zichtbare_tekst

from ..constants import NIET_IN_TRAJECTEN, ContactRol, NetwerkSoort, Niveau, OrganisatieSoort, Rol, rollen_voor_soort
from .regio import Regio

TELEFOON = re.compile(r"\+?[0-9][0-9 \-]{7,18}")


class Organisatie(Keuzelabels, models.Model):
    """A partner organisation: a JJI, a JJI-school, an mbo college, a gemeente, …

    The verbindingsofficier is a designation of one person of this organisation, not a rol.
    """

    naam = models.CharField(_("naam"), max_length=200, validators=[zichtbare_tekst])
    soort = models.CharField(_("soort"), max_length=30, choices=OrganisatieSoort.choices)
    regio = models.ForeignKey(Regio, on_delete=models.PROTECT, related_name="organisaties", verbose_name=_("regio"))
    plaats = models.CharField(_("plaats"), max_length=120, blank=True, validators=[zichtbare_tekst])
    jji = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="scholen",
        verbose_name=_("JJI"),
        help_text=_("Alleen voor een JJI-school: de JJI waarin de school onderwijs geeft."),
        limit_choices_to={"soort": OrganisatieSoort.JJI},
    )
    verbindingsofficier = models.ForeignKey(
        "netwerk.Medewerker",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verbindingsofficier"),
    )
    aanspreekpunt = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="aanspreekpunt_voor",
        verbose_name=_("verbindingsofficier via"),
        help_text=_(
            "Alleen voor een mbo-instelling zonder eigen verbindingsofficier: de organisatie in de regio "
            "waarvan de verbindingsofficier ook voor deze instelling het aanspreekpunt is. Dit staat alleen op de "
            "netwerkkaart en geeft geen toegang tot gegevens van deze instelling."
        ),
    )
    # Bijlage 3: exams are taken in the JJI itself as far as possible, where it is an official
    # exam location. A fact about the JJI (no youth data): on the netwerkkaart and beside the
    # onderwijsinformatie.
    officiele_examenlocatie = models.BooleanField(
        _("officiële examenlocatie"),
        default=False,
        help_text=_("Alleen voor een JJI: examens kunnen in de JJI zelf worden afgenomen (bijlage 3)."),
    )
    actief = models.BooleanField(_("actief"), default=True)

    history = HistoricalRecords()
    objects = GeschiedenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["naam", "regio"],
                name="organisatie_naam_uniek_per_regio",
                violation_error_message=_("Er is in deze regio al een organisatie met deze naam."),
            ),
            models.CheckConstraint(
                condition=models.Q(jji__isnull=True) | models.Q(soort=OrganisatieSoort.JJI_SCHOOL),
                name="organisatie_jji_alleen_voor_jji_school",
                violation_error_message=_("Alleen een JJI-school hoort bij een JJI."),
            ),
            models.CheckConstraint(
                condition=models.Q(officiele_examenlocatie=False) | models.Q(soort=OrganisatieSoort.JJI),
                name="organisatie_examenlocatie_alleen_jji",
                violation_error_message=_("Alleen een JJI is een officiële examenlocatie in de zin van bijlage 3."),
            ),
        ]

    def __str__(self) -> str:
        return self.naam

    def clean(self):
        if self.officiele_examenlocatie and self.soort != OrganisatieSoort.JJI:
            raise ValidationError(
                {"officiele_examenlocatie": _("Alleen een JJI is een officiële examenlocatie in de zin van bijlage 3.")}
            )
        if self.soort == OrganisatieSoort.JJI_SCHOOL and self.jji_id is None:
            raise ValidationError({"jji": _("Kies de JJI waarin deze school onderwijs geeft.")})
        if self.jji_id and self.jji.soort != OrganisatieSoort.JJI:
            raise ValidationError({"jji": _("Kies een organisatie van de soort JJI.")})
        if self.verbindingsofficier_id and self.verbindingsofficier.organisatie_id != self.pk:
            raise ValidationError(
                {"verbindingsofficier": _("De verbindingsofficier moet bij deze organisatie werken.")}
            )
        if self.verbindingsofficier_id and self.verbindingsofficier.rol in NIET_IN_TRAJECTEN:
            raise ValidationError(
                {
                    "verbindingsofficier": _(
                        "De functioneel beheerder en de functionaris gegevensbescherming zien geen jongeren en "
                        "kunnen geen verbindingsofficier zijn."
                    )
                }
            )
        if self.verbindingsofficier_id and self.verbindingsofficier.rol == Rol.SYSTEEM:
            raise ValidationError(
                {"verbindingsofficier": _("Een systeemaccount is geen persoon en kan geen verbindingsofficier zijn.")}
            )
        if self.verbindingsofficier_id and not self.verbindingsofficier.user.is_active:
            raise ValidationError({"verbindingsofficier": _("Deze medewerker is niet meer actief.")})
        if self.aanspreekpunt_id:
            self._aanspreekpunt_controleren()

    def _aanspreekpunt_controleren(self) -> None:
        ander = self.aanspreekpunt
        if self.soort != OrganisatieSoort.MBO:
            fout = _(
                "Alleen een mbo-instelling kan de verbindingsofficier van een andere organisatie als "
                "aanspreekpunt hebben."
            )
        elif self.verbindingsofficier_id:
            fout = _("Deze instelling heeft een eigen verbindingsofficier: kies dan geen aanspreekpunt elders.")
        elif ander.pk == self.pk:
            fout = _("Een organisatie is niet haar eigen aanspreekpunt.")
        elif ander.regio_id != self.regio_id:
            fout = _("Het aanspreekpunt moet in dezelfde regio liggen.")
        elif ander.soort not in (OrganisatieSoort.MBO, OrganisatieSoort.JJI_SCHOOL):
            fout = _("Kies een mbo-instelling of JJI-school: die wijzen een verbindingsofficier aan.")
        elif ander.aanspreekpunt_id:
            fout = _(
                "%(naam)s heeft zelf een aanspreekpunt elders; kies de organisatie met de verbindingsofficier."
            ) % {"naam": ander.naam}
        elif self.pk and self.aanspreekpunt_voor.exists():
            fout = _(
                "Deze instelling is zelf aanspreekpunt voor andere instellingen en heeft dus een eigen "
                "verbindingsofficier nodig."
            )
        else:
            return
        raise ValidationError({"aanspreekpunt": fout})

    @property
    def verbindingsofficier_of_aanspreekpunt(self):
        """Who to call as verbindingsofficier: the own one, else the one of the organisation that
        is this instelling's contact point (a netwerkkaart fact: it grants no access)."""
        if self.verbindingsofficier_id:
            return self.verbindingsofficier
        if self.aanspreekpunt_id and self.aanspreekpunt.actief:
            return self.aanspreekpunt.verbindingsofficier
        return None


class Medewerker(Keuzelabels, models.Model):
    """The profile of a person who uses the app: one organisatie, one rol.

    People are deactivated (``user.is_active``), never deleted: records about readings and
    consents refer to them.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="medewerker",
        verbose_name=_("gebruiker"),
    )
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="medewerkers", verbose_name=_("organisatie")
    )
    rol = models.CharField(_("rol"), max_length=30, choices=Rol.choices)
    functietitel = models.CharField(_("functietitel"), max_length=120, blank=True, validators=[zichtbare_tekst])
    telefoon = models.CharField(_("telefoon"), max_length=30, blank=True, validators=[zichtbare_tekst])
    # Single sign-on: the person at the deployment's OpenID Connect provider, (issuer, subject).
    # Bound once (see netwerk.sso); single sign-on never creates a person or grants a rol.
    sso_issuer = models.CharField(_("inlogdienst (issuer)"), max_length=255, blank=True)
    sso_subject = models.CharField(_("account bij de inlogdienst (subject)"), max_length=255, blank=True)

    history = HistoricalRecords()
    objects = GeschiedenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("medewerker")
        verbose_name_plural = _("medewerkers")
        ordering = ["user__last_name", "user__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["sso_issuer", "sso_subject"],
                condition=~models.Q(sso_subject=""),
                name="medewerker_sso_uniek",
            ),
            models.CheckConstraint(
                condition=models.Q(sso_issuer="", sso_subject="")
                | (~models.Q(sso_issuer="") & ~models.Q(sso_subject="")),
                name="medewerker_sso_volledig",
            ),
        ]

    def __str__(self) -> str:
        return self.naam

    @property
    def naam(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    @property
    def email(self) -> str:
        return self.user.email

    @property
    def is_verbindingsofficier(self) -> bool:
        return self.organisatie.verbindingsofficier_id == self.pk

    def clean(self):
        if self.organisatie_id and self.rol and self.rol not in rollen_voor_soort(self.organisatie.soort):
            raise ValidationError(
                {
                    "rol": _("De rol %(rol)s past niet bij een organisatie van de soort %(soort)s.")
                    % {"rol": self.get_rol_display(), "soort": self.organisatie.get_soort_display()}
                }
            )
        if (
            self.pk
            and self.rol in (*NIET_IN_TRAJECTEN, Rol.SYSTEEM)
            and Organisatie.objects.filter(verbindingsofficier_id=self.pk).exists()
        ):
            # The organisation's designation would keep reading signalen voor veiligheid.
            raise ValidationError(
                {
                    "rol": _(
                        "Deze medewerker is verbindingsofficier. Wijs eerst iemand anders aan (of niemand) voordat "
                        "de rol %(rol)s wordt."
                    )
                    % {"rol": self.get_rol_display()}
                }
            )


class Contactpersoon(Keuzelabels, models.Model):
    """An entry of the regional netwerkkaart (bijlage 5): who to call at a partner, in which
    role and at which level. The organisation keeps its own entries; everyone in the regio
    reads them. A contact may be a user of the app (``medewerker``) or not.

    One e-mail address per person: a contact linked to a user has that user's address (which
    changes only with a second person's approval) and keeps none of its own; ``email_adres``
    is the one address every page, print, export and API answer shows."""

    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="contactpersonen", verbose_name=_("organisatie")
    )
    rol = models.CharField(_("rol op de netwerkkaart"), max_length=30, choices=ContactRol.choices)
    naam = models.CharField(_("naam"), max_length=200, validators=[zichtbare_tekst])
    functie = models.CharField(_("functie"), max_length=120, blank=True, validators=[zichtbare_tekst])
    telefoon = models.CharField(_("telefoon"), max_length=30, blank=True, validators=[zichtbare_tekst])
    email = models.EmailField(_("e-mail"), blank=True)
    bereikbaarheid = models.CharField(_("bereikbaarheid"), max_length=200, blank=True, validators=[zichtbare_tekst])
    niveau = models.CharField(_("niveau"), max_length=20, choices=Niveau.choices, default=Niveau.UITVOERING)
    medewerker = models.ForeignKey(
        Medewerker,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contactvermeldingen",
        verbose_name=_("gebruiker van de app"),
    )
    bevestigd_op = models.DateField(_("laatst bevestigd op"), default=timezone.localdate)

    history = HistoricalRecords()
    objects = GeschiedenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("contactpersoon")
        verbose_name_plural = _("netwerkkaart")
        ordering = ["organisatie__naam", "rol", "naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "rol", "naam"],
                name="contactpersoon_uniek",
                violation_error_message=_("Deze contactpersoon staat al in deze rol op de netwerkkaart."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.get_rol_display()}, {self.organisatie})"

    @property
    def is_verouderd(self) -> bool:
        """Not confirmed for more than a year: the netwerkkaart is updated yearly."""
        return (timezone.localdate() - self.bevestigd_op).days > 365

    @property
    def gebruikersadres(self) -> str:
        """The address of the linked user ("" when not linked, or the user has none)."""
        return self.medewerker.user.email if self.medewerker_id else ""

    @property
    def email_adres(self) -> str:
        """The one e-mail address of this contact: the linked user's, else the entry's own."""
        return self.gebruikersadres or self.email

    def clean(self):
        if not (self.telefoon or self.email_adres):
            raise ValidationError(_("Vul een telefoonnummer of e-mailadres in: anders is dit geen contact."))
        if self.telefoon and not TELEFOON.fullmatch(self.telefoon):
            raise ValidationError({"telefoon": _("Dit is geen telefoonnummer (alleen cijfers, spaties, + en -).")})
        if self.medewerker_id and self.medewerker.organisatie_id != self.organisatie_id:
            raise ValidationError({"medewerker": _("Deze gebruiker werkt bij een andere organisatie.")})
        adres = self.gebruikersadres
        if adres and self.email and self.email.casefold() != adres.casefold():
            raise ValidationError(
                {
                    "email": _(
                        "%(naam)s werkt met de app: het e-mailadres is dat van de gebruiker (%(adres)s). Laat dit "
                        "veld leeg; een ander adres wijzigt de functioneel beheerder bij de gebruiker."
                    )
                    % {"naam": self.naam or self.medewerker.naam, "adres": adres}
                }
            )


class NetwerkContact(Keuzelabels, models.Model):
    """A person around one young person: a professional from the netwerkkaart or someone of
    the personal network (personal data: shown only through the access door). The police are
    never part of a youth's network in the app."""

    traject = models.ForeignKey(
        "trajecten.Traject", on_delete=models.CASCADE, related_name="netwerk", verbose_name=_("traject")
    )
    soort = models.CharField(_("soort"), max_length=20, choices=NetwerkSoort.choices)
    contactpersoon = models.ForeignKey(
        Contactpersoon,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="netwerken",
        verbose_name=_("professional van de netwerkkaart"),
    )
    naam = models.CharField(_("naam"), max_length=200, blank=True, validators=[zichtbare_tekst])
    relatie = models.CharField(
        _("relatie"),
        max_length=120,
        blank=True,
        help_text=_("Bijvoorbeeld: moeder, oom, trainer."),
        validators=[zichtbare_tekst],
    )
    telefoon = models.CharField(_("telefoon"), max_length=30, blank=True, validators=[zichtbare_tekst])
    email = models.EmailField(_("e-mail"), blank=True)
    regie_na_uitstroom = models.BooleanField(_("heeft regie na uitstroom"), default=False)
    toegevoegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    toegevoegd_op = models.DateTimeField(_("toegevoegd op"), default=timezone.now)

    history = HistoricalRecords()
    objects = GeschiedenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("netwerkcontact")
        verbose_name_plural = _("netwerk rond de jongere")
        ordering = ["traject", "-regie_na_uitstroom", "soort", "naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["traject"],
                condition=models.Q(regie_na_uitstroom=True),
                name="netwerk_een_regisseur_na_uitstroom",
                violation_error_message=_("Er is al iemand met de regie na uitstroom."),
            ),
            models.CheckConstraint(
                condition=models.Q(soort="professional", contactpersoon__isnull=False)
                | (~models.Q(soort="professional") & models.Q(contactpersoon__isnull=True) & ~models.Q(naam="")),
                name="netwerk_professional_of_persoonlijk",
                violation_error_message=_("Kies een professional van de netwerkkaart, of vul een naam in."),
            ),
        ]

    def __str__(self) -> str:
        return self.contactpersoon.naam if self.contactpersoon_id else self.naam

    def clean(self):
        if self.soort == NetwerkSoort.PROFESSIONAL:
            if not self.contactpersoon_id:
                raise ValidationError({"contactpersoon": _("Kies een professional van de netwerkkaart.")})
            if (
                self.contactpersoon.rol == ContactRol.POLITIE
                or self.contactpersoon.organisatie.soort == OrganisatieSoort.POLITIE
            ):
                raise ValidationError(
                    {"contactpersoon": _("De politie hoort nooit bij het netwerk van een jongere in deze app.")}
                )
        elif not self.naam.strip():
            raise ValidationError({"naam": _("Vul de naam in.")})
        if self.telefoon and not TELEFOON.fullmatch(self.telefoon):
            raise ValidationError({"telefoon": _("Dit is geen telefoonnummer (alleen cijfers, spaties, + en -).")})


class Blokkadeopheffing(models.Model):
    """A sign-in lockout that a beheerder (or a superuser) lifted: who, when, for which
    username and address, after how many failures. The lockout itself lives in django-axes'
    table and is gone once lifted; this row keeps it on record (rows are only added, by
    ``services.blokkade_opheffen``)."""

    opgeheven_op = models.DateTimeField(_("opgeheven op"), default=timezone.now, db_index=True)
    opgeheven_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("opgeheven door")
    )
    # Empty for a lockout of the address alone (many usernames from one address).
    gebruikersnaam = models.CharField(_("gebruikersnaam"), max_length=255, blank=True, validators=[zichtbare_tekst])
    medewerker = models.ForeignKey(
        Medewerker,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="blokkadeopheffingen",
        verbose_name=_("medewerker"),
    )
    ip_adres = models.GenericIPAddressField(_("adres"), null=True, blank=True)
    pogingen = models.PositiveIntegerField(_("mislukte pogingen"))

    # Like every model of the app (rows are only added, so it holds one entry per row).
    history = HistoricalRecords()
    objects = GeschiedenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("opgeheven inlogblokkade")
        verbose_name_plural = _("opgeheven inlogblokkades")
        ordering = ["-opgeheven_op"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(gebruikersnaam="") | models.Q(ip_adres__isnull=False),
                name="blokkadeopheffing_gebruikersnaam_of_adres",
                violation_error_message=_("Een opgeheven blokkade noemt een gebruikersnaam of een adres."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.gebruikersnaam or self.ip_adres} ({self.opgeheven_op:%Y-%m-%d %H:%M})"
