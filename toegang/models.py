"""django-guardian's direct foreign-key permission tables for Traject.

Rows here are derived by ``toegang.policy.rechten_afleiden`` from involvement, consent,
assignment, rol and designation; nobody writes them by hand. Direct foreign keys instead of
guardian's generic tables keep permission-filtered lists fast (guardian PR #451).
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from jji_traject.keuzes import Keuzelabels
from jji_traject.vrije_tekst import zichtbare_tekst


class TrajectUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey("trajecten.Traject", on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("trajectrecht van een persoon")
        verbose_name_plural = _("trajectrechten van personen")
        indexes = [models.Index(fields=["user", "permission", "content_object"])]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.permission_id}:{self.content_object_id}"


class TrajectGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey("trajecten.Traject", on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("trajectrecht van een groep")
        verbose_name_plural = _("trajectrechten van groepen")
        indexes = [models.Index(fields=["group", "permission", "content_object"])]

    def __str__(self) -> str:
        return f"{self.group_id}:{self.permission_id}:{self.content_object_id}"


class Zicht(models.Model):
    """Who sees which traject, for the lists: one row per (traject, group) and per (traject,
    person) holding the view permission — the same rows as guardian's view permission above,
    written by ``toegang.policy.rechten_afleiden`` in the same transaction. One table, so a
    list of visible trajecten is one semi-join the planner can estimate: it walks the list in
    order and probes this table for a reader who sees much, and starts from the reader's few
    rows for one who sees little. ``manage.py zicht_controleren`` derives again and compares
    (nightly, and in the tests).

    ``tot``: the last day the row holds by dates alone — the end of the organisation's
    kennisgeving (its ``geldig_tot``, a parent's consent the day before the 18th birthday),
    ``ONBEPAALD`` for the JJI and JJI-school and a kennisgeving without end. The lists read
    rows with ``tot`` from today, so a grondslag that runs out closes them the next day
    without a subquery per row; everything else that ends access (a revocation, an
    involvement or assignment ended, a birth date corrected) derives the rows again."""

    ONBEPAALD = datetime.date.max

    traject = models.ForeignKey("trajecten.Traject", on_delete=models.CASCADE, related_name="+")
    groep = models.ForeignKey("auth.Group", on_delete=models.CASCADE, null=True, related_name="+", db_index=False)
    persoon = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+", db_index=False
    )
    tot = models.DateField(_("zichtbaar tot en met"), default=ONBEPAALD)

    class Meta:
        verbose_name = _("zichtbaarheid")
        verbose_name_plural = _("zichtbaarheid")
        # ``tot`` rides along in the index (PostgreSQL INCLUDE): a list's probe stays index-only.
        indexes = [
            models.Index(fields=["groep", "traject"], include=["tot"], name="toegang_zicht_groep_tot"),
            models.Index(fields=["persoon", "traject"], include=["tot"], name="toegang_zicht_persoon_tot"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(groep__isnull=False, persoon__isnull=True)
                | models.Q(groep__isnull=True, persoon__isnull=False),
                name="toegang_zicht_groep_of_persoon",
            ),
            models.UniqueConstraint(
                fields=["traject", "groep"], condition=models.Q(groep__isnull=False), name="toegang_zicht_groep_uniek"
            ),
            models.UniqueConstraint(
                fields=["traject", "persoon"],
                condition=models.Q(persoon__isnull=False),
                name="toegang_zicht_persoon_uniek",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.traject_id}:{'g' if self.groep_id else 'p'}{self.groep_id or self.persoon_id}"


class RaadplegingActie(models.TextChoices):
    BEKIJKEN = "bekijken", _("bekeken op de pagina")
    GESCHIEDENIS = "geschiedenis", _("geschiedenis bekeken")
    PDF = "pdf", _("in een overdrachtsdocument (PDF)")
    API = "api", _("opgevraagd via de API")
    AFDRUKKEN = "afdrukken", _("afgedrukt")


class Raadpleging(Keuzelabels, models.Model):
    """One reading of a part of the doorstroomdossier by someone outside the organisation
    that wrote it, or one refused request for it. Append-only: a database trigger refuses
    UPDATE and DELETE. Holds no content of the category."""

    tijdstip = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("wie")
    )
    organisatie = models.ForeignKey(
        "netwerk.Organisatie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisatie"),
    )
    rol = models.CharField(_("rol"), max_length=30, blank=True)
    ontvanger = models.ForeignKey(
        "netwerk.Organisatie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ontvanger (bij een document)"),
    )
    ontvanger_persoon = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ontvangende persoon (bij een document)"),
    )
    document = models.CharField(_("documentnummer"), max_length=40, blank=True)
    jongere = models.ForeignKey(
        "trajecten.Jongere", on_delete=models.PROTECT, related_name="+", verbose_name=_("jongere")
    )
    traject = models.ForeignKey(
        "trajecten.Traject", on_delete=models.PROTECT, related_name="raadplegingen", verbose_name=_("traject")
    )
    categorie = models.CharField(_("categorie"), max_length=30)
    actie = models.CharField(_("actie"), max_length=20, choices=RaadplegingActie.choices)
    geweigerd = models.BooleanField(_("geweigerd"), default=False)
    grondslag = models.ForeignKey(
        "trajecten.Toestemming",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="raadplegingen",
        verbose_name=_("grondslag"),
    )
    verzoek_id = models.CharField(_("verzoek-id"), max_length=64, blank=True)
    ip = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    # Repeated refusals (toegang.policy.raadpleging): the first of an hour is a row of its own;
    # the repeats of that hour become one row more, with their number, the first (``tijdstip``)
    # and the last time (``tot``), and the id of the row they repeat (once: unique).
    aantal = models.PositiveIntegerField(_("aantal keer"), default=1)
    tot = models.DateTimeField(_("laatste keer"), null=True, blank=True)
    herhaling_van = models.BigIntegerField(_("herhalingen van regel"), null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("raadpleging")
        verbose_name_plural = _("raadplegingen")
        ordering = ["-tijdstip", "-pk"]
        indexes = [models.Index(fields=["traject", "-tijdstip"])]

    def __str__(self) -> str:
        return f"{self.tijdstip:%Y-%m-%d %H:%M} {self.categorie} ({self.actie})"

    @property
    def categorie_label(self) -> str:
        from trajecten.constants import Categorie

        if self.categorie == "onderwijsinformatie_herkomst":
            return _("onderwijsinformatie van de school van herkomst")
        return Categorie(self.categorie).label if self.categorie in Categorie.values else self.categorie

    def get_rol_display(self) -> str:
        from netwerk.constants import Rol

        return Rol(self.rol).label if self.rol in Rol.values else self.rol


class Opschoning(models.Model):
    """One run of a log's retention function (``<log>_opschonen``, see
    ``jji_traject/alleen_toevoegen.py``): which log, how many rows, the oldest and newest of
    them, the limit it kept to and who asked. Written by the database function only;
    append-only like the logs themselves."""

    tijdstip = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    tabel = models.CharField(_("tabel"), max_length=63)
    aantal = models.PositiveIntegerField(_("aantal verwijderd"))
    oudste = models.DateTimeField(_("oudste verwijderd"), null=True, blank=True)
    nieuwste = models.DateTimeField(_("nieuwste verwijderd"), null=True, blank=True)
    grens = models.DateTimeField(_("ouder dan"))
    gevraagd = models.DurationField(_("gevraagde bewaartermijn"), null=True, blank=True)
    aangevraagd_door = models.CharField(_("databaserol"), max_length=63)

    class Meta:
        verbose_name = _("opschoning van een log")
        verbose_name_plural = _("opschoningen van logs")
        ordering = ["-tijdstip", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(nieuwste__isnull=True) | models.Q(nieuwste__lt=models.F("grens")),
                name="toegang_opschoning_alleen_voor_de_grens",
                violation_error_message=_("Een opschoning verwijdert alleen wat ouder is dan de grens."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.tijdstip:%Y-%m-%d %H:%M} {self.tabel}: {self.aantal}"


class Logonderzoek(models.Model):
    """One search of the raadplegingen log by an organisation's functionaris
    gegevensbescherming (``toegang.policy.logonderzoek``): whose readings, which period, why,
    and how many rows it found. The search is the recorded basis for seeing which young
    people those readings were about. Append-only, like the log it searches."""

    tijdstip = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    onderzoeker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("onderzocht door")
    )
    organisatie = models.ForeignKey(
        "netwerk.Organisatie", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisatie")
    )
    persoon = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("wiens raadplegingen")
    )
    van = models.DateField(_("van"))
    tot = models.DateField(_("tot en met"))
    aanleiding = models.CharField(_("aanleiding"), max_length=500, validators=[zichtbare_tekst])
    aantal = models.PositiveIntegerField(_("aantal gevonden regels"))

    class Meta:
        verbose_name = _("logonderzoek")
        verbose_name_plural = _("logonderzoeken")
        ordering = ["-tijdstip", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(tot__gte=models.F("van")),
                name="toegang_logonderzoek_periode",
                violation_error_message=_("De einddatum ligt voor de begindatum."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.tijdstip:%Y-%m-%d %H:%M} {self.persoon_id} {self.van}–{self.tot}"
