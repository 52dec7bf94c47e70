"""What every part of the doorstroomdossier has (the abstract base of the parts)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jji_traject.geschiedenis import GeschiedenisQuerySet
from jji_traject.keuzes import Keuzelabels
from jji_traject.vrije_tekst import MAX_TEKST, VRIJE_TEKST


class DossierQuerySet(GeschiedenisQuerySet):
    """Dossier parts change only through ``dossier.services`` (one save per object, so
    simple-history records each change) or its history-aware bulk helper."""


class Dossierdeel(Keuzelabels, models.Model):
    """What every part has: the traject, its author and when it was last written, and why
    wording the toekomstgericht check flagged was kept."""

    bijgewerkt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("bijgewerkt door")
    )
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), default=timezone.now)
    formulering_toelichting = models.TextField(
        _("waarom deze woorden nodig zijn"),
        blank=True,
        help_text=_(
            "Alleen als de controle op toekomstgericht formuleren woorden aanwijst die je toch wilt houden: "
            "leg uit waarom de volgende school ze nodig heeft."
        ),
        max_length=MAX_TEKST,
        validators=VRIJE_TEKST,
    )

    objects = DossierQuerySet.as_manager()

    class Meta:
        abstract = True
