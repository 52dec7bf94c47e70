"""Four eyes on accounts: the account request (``Accountaanvraag``) and the account log
(``Accountgebeurtenis``).

A new account, or a change of a person's rol, organisation or e-mail address, or their
reactivation, is first a request holding the proposed values; it takes effect only when a
second person approves it (who may: ``toegang.policy.accounts``). The log records every step
and every other change to an account; it names people of organisations, never a young person.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jji_traject.geschiedenis import GeschiedenisQuerySet
from jji_traject.keuzes import Keuzelabels
from jji_traject.vrije_tekst import MAX_TEKST, VRIJE_TEKST, zichtbare_tekst

from ..constants import AanvraagSoort, AanvraagStatus, GebeurtenisSoort, Rol, rollen_voor_soort

OPEN = models.Q(status=AanvraagStatus.AANGEVRAAGD)
BESLOTEN = [AanvraagStatus.GOEDGEKEURD, AanvraagStatus.AFGEWEZEN]


class Accountaanvraag(Keuzelabels, models.Model):
    """A request for an account change that needs a second person's approval.

    It holds the proposed values (and, for a change, the values before it); nothing of it is in
    force until it is approved. For a new account ``medewerker`` is filled on approval.
    """

    soort = models.CharField(_("soort"), max_length=20, choices=AanvraagSoort.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=AanvraagStatus.choices, default=AanvraagStatus.AANGEVRAAGD
    )
    medewerker = models.ForeignKey(
        "netwerk.Medewerker",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accountaanvragen",
        verbose_name=_("medewerker"),
    )
    # The proposed values.
    gebruikersnaam = models.CharField(_("gebruikersnaam"), max_length=150, validators=[zichtbare_tekst])
    voornaam = models.CharField(_("voornaam"), max_length=150, validators=[zichtbare_tekst])
    achternaam = models.CharField(_("achternaam"), max_length=150, validators=[zichtbare_tekst])
    email = models.EmailField(_("e-mailadres"))
    organisatie = models.ForeignKey(
        "netwerk.Organisatie", on_delete=models.PROTECT, related_name="accountaanvragen", verbose_name=_("organisatie")
    )
    rol = models.CharField(_("rol"), max_length=30, choices=Rol.choices)
    functietitel = models.CharField(_("functietitel"), max_length=120, blank=True, validators=[zichtbare_tekst])
    telefoon = models.CharField(_("telefoon"), max_length=30, blank=True, validators=[zichtbare_tekst])
    # For a change: how it was when the request was made.
    vorige_organisatie = models.ForeignKey(
        "netwerk.Organisatie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vorige organisatie"),
    )
    vorige_rol = models.CharField(_("vorige rol"), max_length=30, choices=Rol.choices, blank=True)
    vorig_email = models.EmailField(_("vorig e-mailadres"), blank=True)
    was_actief = models.BooleanField(_("was actief"), null=True, blank=True)

    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("aangevraagd door")
    )
    aangevraagd_op = models.DateTimeField(_("aangevraagd op"), default=timezone.now)
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("besloten door"),
    )
    besloten_op = models.DateTimeField(_("besloten op"), null=True, blank=True)
    reden = models.TextField(_("reden"), blank=True, max_length=MAX_TEKST, validators=VRIJE_TEKST)

    history = HistoricalRecords()
    objects = GeschiedenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("accountaanvraag")
        verbose_name_plural = _("accountaanvragen")
        ordering = ["-aangevraagd_op", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["medewerker"],
                condition=OPEN,
                name="accountaanvraag_een_open_per_medewerker",
                violation_error_message=_("Er wacht al een aanvraag voor deze medewerker."),
            ),
            models.UniqueConstraint(
                Lower("gebruikersnaam"),
                condition=OPEN,
                name="accountaanvraag_een_open_per_gebruikersnaam",
                violation_error_message=_("Er wacht al een aanvraag met deze gebruikersnaam."),
            ),
            models.CheckConstraint(
                condition=~models.Q(soort=AanvraagSoort.WIJZIGING) | models.Q(medewerker__isnull=False),
                name="accountaanvraag_wijziging_van_medewerker",
                violation_error_message=_("Een wijziging hoort bij een bestaande medewerker."),
            ),
            models.CheckConstraint(
                condition=~OPEN | models.Q(besloten_door__isnull=True, besloten_op__isnull=True),
                name="accountaanvraag_open_zonder_besluit",
                violation_error_message=_("Een open aanvraag heeft nog geen besluit."),
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=BESLOTEN)
                | models.Q(besloten_door__isnull=False, besloten_op__isnull=False),
                name="accountaanvraag_besluit_met_wie_en_wanneer",
                violation_error_message=_("Een besluit heeft een beslisser en een tijdstip."),
            ),
            # Four eyes, also in the database: the requester never approves their own request.
            models.CheckConstraint(
                condition=~models.Q(status=AanvraagStatus.GOEDGEKEURD)
                | ~models.Q(besloten_door=models.F("aangevraagd_door")),
                name="accountaanvraag_niet_door_aanvrager_goedgekeurd",
                violation_error_message=_("Wie een aanvraag indient, keurt hem niet zelf goed."),
            ),
            models.CheckConstraint(
                condition=~models.Q(status=AanvraagStatus.AFGEWEZEN) | ~models.Q(reden=""),
                name="accountaanvraag_afwijzing_met_reden",
                violation_error_message=_("Geef bij een afwijzing de reden."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()}: {self.naam} ({self.get_status_display()})"

    @property
    def naam(self) -> str:
        return f"{self.voornaam} {self.achternaam}".strip() or self.gebruikersnaam

    @property
    def is_open(self) -> bool:
        return self.status == AanvraagStatus.AANGEVRAAGD

    @property
    def is_nieuw(self) -> bool:
        return self.soort in (AanvraagSoort.NIEUW, AanvraagSoort.SYSTEEMACCOUNT)

    def wijzigingen(self) -> list[tuple[str, str, str]]:
        """(what, before, after) for each value a change request changes; empty for a new account."""
        if self.is_nieuw:
            return []
        rollen = dict(Rol.choices)
        regels = []
        if self.vorige_organisatie_id != self.organisatie_id:
            regels.append((_("organisatie"), str(self.vorige_organisatie or "—"), str(self.organisatie)))
        if self.vorige_rol != self.rol:
            regels.append((_("rol"), str(rollen.get(self.vorige_rol, "—")), str(rollen[self.rol])))
        if self.vorig_email.lower() != self.email.lower():
            regels.append((_("e-mailadres"), self.vorig_email or "—", self.email))
        if self.was_actief is False:
            regels.append((_("toegang"), str(_("uitgezet")), str(_("weer actief"))))
        return regels

    def clean(self):
        if self.organisatie_id and self.rol and self.rol not in rollen_voor_soort(self.organisatie.soort):
            raise ValidationError(
                {
                    "rol": _("De rol %(rol)s past niet bij een organisatie van de soort %(soort)s.")
                    % {"rol": self.get_rol_display(), "soort": self.organisatie.get_soort_display()}
                }
            )
        if self.soort == AanvraagSoort.SYSTEEMACCOUNT and self.rol != Rol.SYSTEEM:
            raise ValidationError({"rol": _("Een systeemaccount heeft de rol systeemaccount.")})
        if self.soort == AanvraagSoort.NIEUW and self.rol == Rol.SYSTEEM:
            raise ValidationError({"soort": _("Vraag een systeemaccount aan als systeemaccount.")})


class AlleenToevoegenQuerySet(models.QuerySet):
    """The account log is appended to, never changed: bulk changes are refused here, and a
    database trigger refuses UPDATE and DELETE (migration 0007)."""

    def update(self, **kwargs):
        raise TypeError("Het accountlog is alleen aan te vullen.")

    def delete(self):
        raise TypeError("Het accountlog is alleen aan te vullen.")


class Accountgebeurtenis(Keuzelabels, models.Model):
    """One line of the account log: what happened to an account or an account request, who
    did it, when, and for which organisation. Append-only; it names people of organisations
    and never holds a password, a token or youth data."""

    tijdstip = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    soort = models.CharField(_("soort"), max_length=30, choices=GebeurtenisSoort.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("wie"),
        help_text=_("Leeg: het systeem zelf (demogegevens, beheercommando's) of iemand die niet is ingelogd."),
    )
    medewerker = models.ForeignKey(
        "netwerk.Medewerker",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accountgebeurtenissen",
        verbose_name=_("over wie"),
    )
    organisatie = models.ForeignKey(
        "netwerk.Organisatie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisatie"),
    )
    vorige_organisatie = models.ForeignKey(
        "netwerk.Organisatie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vorige organisatie"),
    )
    aanvraag = models.ForeignKey(
        Accountaanvraag,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gebeurtenissen",
        verbose_name=_("aanvraag"),
    )
    omschrijving = models.TextField(_("omschrijving"))
    verzoek_id = models.CharField(_("verzoek-id"), max_length=64, blank=True)
    ip = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)

    objects = AlleenToevoegenQuerySet.as_manager()
    # Append-only: a row never changes, so there is no change history to keep (simple-history).
    ALLEEN_TOEVOEGEN = True

    class Meta:
        verbose_name = _("regel in het accountlog")
        verbose_name_plural = _("accountlog")
        ordering = ["-tijdstip", "-pk"]
        indexes = [
            models.Index(fields=["organisatie", "-tijdstip"]),
            models.Index(fields=["vorige_organisatie", "-tijdstip"]),
        ]

    def __str__(self) -> str:
        return f"{self.tijdstip:%Y-%m-%d %H:%M} {self.get_soort_display()}"
