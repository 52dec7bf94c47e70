from django.db import models
from django.utils.translation import gettext_lazy as _

from netwerk.constants import OrganisatieSoort


class Fase(models.TextChoices):
    INSTROOM = "instroom", _("Instroom in de JJI")
    VERBLIJF = "verblijf", _("Verblijf in de JJI")
    UITSTROOM = "uitstroom", _("Uitstroom en vervolgonderwijs")


FASE_VOLGORDE = [Fase.INSTROOM, Fase.VERBLIJF, Fase.UITSTROOM]


class Titel(models.TextChoices):
    VOORLOPIGE_HECHTENIS = "voorlopige_hechtenis", _("voorlopige hechtenis")
    JEUGDDETENTIE = "jeugddetentie", _("jeugddetentie")
    PIJ = "pij", _("PIJ-maatregel")


class Verblijfsduur(models.TextChoices):
    KORT = "kort", _("kortverblijf")
    LANG = "lang", _("langverblijf")
    ONBEKEND = "onbekend", _("onbekend")


class Uitstroombestemming(models.TextChoices):
    NOG_ONBEKEND = "onbekend", _("nog onbekend")
    MBO = "mbo", _("mbo")
    VO = "vo", _("vo")
    WERK = "werk", _("werk")
    DAGBESTEDING = "dagbesteding", _("dagbesteding")
    PRAKTIJKLEREN = "praktijkleren", _("praktijkleren")
    ZORG = "zorg", _("zorg")


class BetrokkenheidSoort(models.TextChoices):
    JJI = "jji", _("JJI")
    JJI_SCHOOL = "jji_school", _("JJI-school")
    MBO_HERKOMST = "mbo_herkomst", _("mbo van herkomst")
    MBO_ONTVANGEND = "mbo_ontvangend", _("ontvangende mbo-instelling")
    MBO_PARTNER = "mbo_partner", _("mbo-partnerinstelling")
    GEMEENTE = "gemeente", _("gemeente")
    RECLASSERING = "reclassering", _("(jeugd)reclassering")
    LEERPLICHT_RMC = "leerplicht_rmc", _("leerplicht/RMC")


# The soort of organisation each kind of involvement needs. The police are never a party
# to a traject: no involvement soort accepts them.
ORGANISATIESOORTEN_PER_BETROKKENHEID: dict[str, frozenset[str]] = {
    BetrokkenheidSoort.JJI: frozenset({OrganisatieSoort.JJI}),
    BetrokkenheidSoort.JJI_SCHOOL: frozenset({OrganisatieSoort.JJI_SCHOOL}),
    BetrokkenheidSoort.MBO_HERKOMST: frozenset({OrganisatieSoort.MBO}),
    BetrokkenheidSoort.MBO_ONTVANGEND: frozenset({OrganisatieSoort.MBO}),
    BetrokkenheidSoort.MBO_PARTNER: frozenset({OrganisatieSoort.MBO}),
    BetrokkenheidSoort.GEMEENTE: frozenset({OrganisatieSoort.GEMEENTE}),
    BetrokkenheidSoort.RECLASSERING: frozenset({OrganisatieSoort.JEUGDRECLASSERING, OrganisatieSoort.RECLASSERING}),
    BetrokkenheidSoort.LEERPLICHT_RMC: frozenset({OrganisatieSoort.LEERPLICHT_RMC, OrganisatieSoort.GEMEENTE}),
}

# Active from the start of a traject; every other involvement waits for a grondslag.
ACTIEF_VANAF_START = frozenset({BetrokkenheidSoort.JJI, BetrokkenheidSoort.JJI_SCHOOL})


class Categorie(models.TextChoices):
    """What a toestemming (or other grondslag) opens for the receiving organisation.

    ``kennisgeving``: being told about the placement at all. The dossier categories join
    this list with the doorstroomdossier.
    """

    KENNISGEVING = "kennisgeving", _("kennisgeving van de plaatsing")


class Grondslag(models.TextChoices):
    TOESTEMMING_JONGERE = "toestemming_jongere", _("toestemming van de jongere")
    TOESTEMMING_OUDER = "toestemming_ouder", _("toestemming van gezaghebbende ouder of voogd")
    LEERPLICHT = "leerplicht", _("leerplicht of kwalificatieplicht")
    WETTELIJK = "wettelijk", _("andere wettelijke grondslag")


TOESTEMMING_GRONDSLAGEN = frozenset({Grondslag.TOESTEMMING_JONGERE, Grondslag.TOESTEMMING_OUDER})


class Wijze(models.TextChoices):
    MONDELING = "mondeling", _("mondeling gegeven en vastgelegd")
    FORMULIER = "formulier", _("ondertekend formulier")
    WETTELIJK = "wettelijk", _("niet van toepassing (wettelijke grondslag)")
