"""The kinds of notification."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeldingSoort(models.TextChoices):
    TAAK_BINNENKORT = "taak_binnenkort", _("taak verloopt binnenkort")
    TAAK_TE_LAAT = "taak_te_laat", _("taak is te laat")
    NETWERKKAART = "netwerkkaart", _("netwerkkaart bevestigen")
    TOESTEMMING_16 = "toestemming_16", _("toestemming opnieuw vragen (16 jaar)")
    OUDERS_18 = "ouders_18", _("vragen of de ouders betrokken blijven (18 jaar)")
    GEGEVENS_VERBETERD = "gegevens_verbeterd", _("gegevens die je las of kreeg zijn verbeterd")
    GEGEVENS_GEWIST = "gegevens_gewist", _("gegevens die je las of kreeg zijn gewist")
    BESLISMODEL_TE_BEOORDELEN = "beslismodel_te_beoordelen", _("beslismodel te beoordelen")
    BESLISMODEL_TE_BEVESTIGEN = "beslismodel_te_bevestigen", _("status van een beslismodel bevestigen")
    BESLISMODEL_VASTGESTELD = "beslismodel_vastgesteld", _("besluit over een beslismodel")
    BESLISMODEL_TERUGGELEGD = "beslismodel_teruggelegd", _("besluit over een beslismodel teruggelegd")
    INTAKER_TOEWIJZEN = "intaker_toewijzen", _("intaker toewijzen voor een ingediend beslismodel")
    KOPIE_VERWIJDEREN = "kopie_verwijderen", _("kopie van een overdrachtsdocument verwijderen")
    ACCOUNTAANVRAAG = "accountaanvraag", _("accountaanvraag te beoordelen")
    ACCOUNT_GEWIJZIGD = "account_gewijzigd", _("account in je organisatie aangemaakt of gewijzigd")
    WEIGERINGEN = "weigeringen", _("veel geweigerde verzoeken van één persoon")
    UIT_BEELD = "uit_beeld", _("jongere na uitstroom uit beeld")


BESLISMODEL_MELDINGEN = frozenset(
    {
        MeldingSoort.BESLISMODEL_TE_BEOORDELEN,
        MeldingSoort.BESLISMODEL_TE_BEVESTIGEN,
        MeldingSoort.BESLISMODEL_VASTGESTELD,
        MeldingSoort.BESLISMODEL_TERUGGELEGD,
        MeldingSoort.INTAKER_TOEWIJZEN,
    }
)
