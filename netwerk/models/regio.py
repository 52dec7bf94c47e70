"""Regio: the region in which partners make their agreements, with its regional settings."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jji_traject.geschiedenis import GeschiedenisQuerySet
from jji_traject.vrije_tekst import zichtbare_tekst

MAAND_DAG = RegexValidator(
    r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$", _("Schrijf maand en dag als MM-DD, bijvoorbeeld 07-12.")
)


class Regio(models.Model):
    """A region in which partners make their agreements (routekaart, netwerkkaart)."""

    naam = models.CharField(_("naam"), max_length=120, unique=True, validators=[zichtbare_tekst])
    # The handreiking names leerplicht as the grondslag for asking the school van herkomst for
    # onderwijsinformatie; whether kwalificatieplicht (to 18, without a startkwalificatie) is
    # one too is a legal question each regio answers. Off until it does.
    kwalificatieplicht = models.BooleanField(
        _("kwalificatieplicht geldt als grondslag"),
        default=False,
        help_text=_(
            "Aan: de JJI-school mag de onderwijsinformatie van de school van herkomst ook opvragen zolang de "
            "jongere kwalificatieplichtig is (tot 18 jaar, zonder startkwalificatie), niet alleen leerplichtig. "
            "Een juridische keuze van de regio."
        ),
    )
    # The schoolloopbaan na uitstroom: the regio's summer holiday does not count as days
    # without education (dossier.regels). Month and day, every year.
    zomervakantie_begin = models.CharField(
        _("zomervakantie van (maand-dag)"),
        max_length=5,
        default="07-12",
        validators=[MAAND_DAG],
        help_text=_("Bijvoorbeeld 07-12 voor 12 juli. Telt niet mee als dagen zonder onderwijs."),
    )
    zomervakantie_einde = models.CharField(
        _("zomervakantie tot en met (maand-dag)"),
        max_length=5,
        default="08-24",
        validators=[MAAND_DAG],
        help_text=_("Bijvoorbeeld 08-24 voor 24 augustus."),
    )

    history = HistoricalRecords()
    objects = GeschiedenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam

    def clean(self):
        if (
            self.zomervakantie_begin
            and self.zomervakantie_einde
            and self.zomervakantie_einde < self.zomervakantie_begin
        ):
            raise ValidationError({"zomervakantie_einde": _("Het einde van de zomervakantie ligt vóór het begin.")})

    @property
    def zomervakantie(self) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """The summer holiday as ((month, day), (month, day)), both ends included."""
        return self.zomervakantie_van(self.zomervakantie_begin, self.zomervakantie_einde)

    @staticmethod
    def zomervakantie_van(begin: str, einde: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """The summer holiday from its two "MM-DD" fields (as read in bulk), or None without them."""
        if not (begin and einde):
            return None
        return tuple(int(x) for x in begin.split("-")), tuple(int(x) for x in einde.split("-"))
