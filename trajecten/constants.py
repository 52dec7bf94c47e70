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
    # Leerplicht/RMC is an organisation of its own, with its own grondslagen (not the gemeente's).
    BetrokkenheidSoort.LEERPLICHT_RMC: frozenset({OrganisatieSoort.LEERPLICHT_RMC}),
}

# Active from the start of a traject; every other involvement waits for a grondslag.
ACTIEF_VANAF_START = frozenset({BetrokkenheidSoort.JJI, BetrokkenheidSoort.JJI_SCHOOL})


class Categorie(models.TextChoices):
    """The parts of the doorstroomdossier (each registered in ``toegang.delen``, which says
    who writes it, who may read it and how): the three of the handreiking, written by the
    JJI-school, and the schoolloopbaan na uitstroom, written by the receiving mbo."""

    ONDERWIJSINFORMATIE = "onderwijsinformatie", _("onderwijsinformatie")
    BEGELEIDINGSBEHOEFTE = "begeleidingsbehoefte", _("begeleidingsbehoefte")
    VEILIGHEIDSSIGNALEN = "veiligheidssignalen", _("signalen voor veiligheid")
    SCHOOLLOOPBAAN = "schoolloopbaan", _("schoolloopbaan na uitstroom")


# The grondslag for telling an organisation about the placement at all. It is not a part of
# the dossier: it makes an organisation active in the traject (it sees the basic data).
KENNISGEVING = "kennisgeving"


class Onderwerp(models.TextChoices):
    """What a toestemming (or other grondslag) opens for the receiving organisation: the
    kennisgeving of the placement itself, or one part of the doorstroomdossier."""

    KENNISGEVING = KENNISGEVING, _("kennisgeving van de plaatsing")
    ONDERWIJSINFORMATIE = Categorie.ONDERWIJSINFORMATIE.value, Categorie.ONDERWIJSINFORMATIE.label
    BEGELEIDINGSBEHOEFTE = Categorie.BEGELEIDINGSBEHOEFTE.value, Categorie.BEGELEIDINGSBEHOEFTE.label
    VEILIGHEIDSSIGNALEN = Categorie.VEILIGHEIDSSIGNALEN.value, Categorie.VEILIGHEIDSSIGNALEN.label
    SCHOOLLOOPBAAN = Categorie.SCHOOLLOOPBAAN.value, Categorie.SCHOOLLOOPBAAN.label


# The three parts of the doorstroomdossier the JJI-school writes, in the order of the
# handreiking (the beslismodel's sections refer to these).
DOSSIER_CATEGORIEEN = (Categorie.ONDERWIJSINFORMATIE, Categorie.BEGELEIDINGSBEHOEFTE, Categorie.VEILIGHEIDSSIGNALEN)
# Every part of the registry, in order: the three above, then the outcomes after release.
DOSSIER_DELEN = (*DOSSIER_CATEGORIEEN, Categorie.SCHOOLLOOPBAAN)


class Grondslag(models.TextChoices):
    TOESTEMMING_JONGERE = "toestemming_jongere", _("toestemming van de jongere")
    TOESTEMMING_OUDER = "toestemming_ouder", _("toestemming van gezaghebbende ouder of voogd")
    # Only for the JJI-school asking the school van herkomst for its onderwijsinformatie
    # (handreiking: "mits de jongere daarvoor toestemming geeft of nog leerplichtig is");
    # kwalificatieplicht counts too only where the regio says so (``Regio.kwalificatieplicht``).
    LEERPLICHT = "leerplicht", _("leerplicht")
    # Bijlage 4: "Gemeente ontvangt via INJUS bericht over plaatsing in een JJI". The gemeente
    # of inschrijving's basis for the kennisgeving only, with its source (``Toestemming.bron``);
    # it opens no part of the dossier.
    INJUS = "injus", _("bericht via INJUS over de plaatsing (gemeente van inschrijving)")
    WETTELIJK = "wettelijk", _("andere wettelijke grondslag")


TOESTEMMING_GRONDSLAGEN = frozenset({Grondslag.TOESTEMMING_JONGERE, Grondslag.TOESTEMMING_OUDER})


class Wijze(models.TextChoices):
    MONDELING = "mondeling", _("mondeling gegeven en vastgelegd")
    FORMULIER = "formulier", _("ondertekend formulier")
    WETTELIJK = "wettelijk", _("niet van toepassing (wettelijke grondslag)")


class Stap(models.IntegerChoices):
    """The ten steps of the doorstroomroutekaart (bijlage 4)."""

    AANHOUDING = 1, _("Aanhouding en inverzekeringstelling")
    VOORGELEIDING = 2, _("Voorgeleiding en besluit")
    EERSTE_WEEK = 3, _("Eerste week")
    EERSTE_DRIE_WEKEN = 4, _("Eerste drie weken")
    TUSSENPERIODE_ONDERWIJS = 5, _("Tussenperiode: onderwijs")
    TUSSENPERIODE_VERLOF_EXAMENS = 6, _("Tussenperiode: verlof en examens")
    RESTSTRAF = 7, _("Reststraf van 3 maanden")
    NET_BUITEN = 8, _("Net buiten")
    AL_EVEN_BUITEN = 9, _("Al even buiten")
    LANGER_BUITEN = 10, _("Langer buiten")


# Rules are tied to steps, not to fase names (chapter 2 and bijlage 4 differ on the fases).
FASE_VAN_STAP: dict[int, str] = {
    1: Fase.INSTROOM,
    2: Fase.INSTROOM,
    3: Fase.VERBLIJF,
    4: Fase.VERBLIJF,
    5: Fase.VERBLIJF,
    6: Fase.VERBLIJF,
    7: Fase.VERBLIJF,
    8: Fase.UITSTROOM,
    9: Fase.UITSTROOM,
    10: Fase.UITSTROOM,
}


STAPPEN_VAN_FASE: dict[str, list[int]] = {
    fase: [stap for stap, f in FASE_VAN_STAP.items() if f == fase]
    for fase in (Fase.INSTROOM, Fase.VERBLIJF, Fase.UITSTROOM)
}


class Partij(models.TextChoices):
    """Who acts on, has regie over or is informed by a responsibility line: a party in the
    traject (a betrokkenheid soort) or a party outside it that the handreiking names."""

    JJI = "jji", _("JJI")
    JJI_SCHOOL = "jji_school", _("JJI-school")
    MBO_HERKOMST = "mbo_herkomst", _("mbo van herkomst")
    MBO_ONTVANGEND = "mbo_ontvangend", _("ontvangende mbo-instelling")
    MBO_PARTNER = "mbo_partner", _("mbo-partnerinstelling")
    GEMEENTE = "gemeente", _("gemeente")
    RECLASSERING = "reclassering", _("(jeugd)reclassering")
    LEERPLICHT_RMC = "leerplicht_rmc", _("leerplicht/RMC")
    RVDK = "rvdk", _("Raad voor de Kinderbescherming")


class Voorwaarde(models.TextChoices):
    """Conditions of the source that a task keeps."""

    GEEN = "", _("geen")
    KENNISGEVING_HERKOMST = "kennisgeving_herkomst", _("alleen met een grondslag voor de school van herkomst")
    KENNISGEVING_ONTVANGEND = "kennisgeving_ontvangend", _("alleen met een grondslag voor de ontvangende school")
    RECLASSERING_BETROKKEN = "reclassering_betrokken", _("alleen als de (jeugd)reclassering al betrokken is")
    STP = "stp", _("alleen als er een scholings- en trainingsprogramma (STP) is")
    OUDERS = "ouders_betrekken", _("onder de 18, of met toestemming van de jongere om de ouders te betrekken")


class TaakStatus(models.TextChoices):
    OPEN = "open", _("open")
    BEZIG = "bezig", _("bezig")
    GEDAAN = "gedaan", _("gedaan")
    NVT = "nvt", _("niet van toepassing")


AFGEROND = frozenset({TaakStatus.GEDAAN, TaakStatus.NVT})


class Gebeurtenis(models.TextChoices):
    """Events of a stay from which default deadlines are counted (a region can change them)."""

    AANKOMST = "aankomst", _("aankomst in de JJI")
    VOORGELEIDING = "voorgeleiding", _("voorgeleiding")
    STP_START = "stp_start", _("start van het STP")
    VRIJLATING = "vrijlating", _("vrijlating")


class Checkpoint(models.IntegerChoices):
    """The checkpoints of the school career after release: months after the release date.
    Each is a task of step 10 (its deadline counted from ``Gebeurtenis.VRIJLATING``)."""

    EEN_MAAND = 1, _("1 maand na uitstroom")
    DRIE_MAANDEN = 3, _("3 maanden na uitstroom")
    ZES_MAANDEN = 6, _("6 maanden na uitstroom")
    TWAALF_MAANDEN = 12, _("12 maanden na uitstroom")


# The deadline of each checkpoint task, in days after release (a month counted as 30.4 days).
CHECKPOINT_DAGEN: dict[int, int] = {1: 30, 3: 91, 6: 182, 12: 365}


class OverlegSoort(models.TextChoices):
    NAZORGTAFEL = "nazorgtafel", _("nazorgtafel")
    NAZORGTAFEL_UITSTROOM = "nazorgtafel_uitstroom", _("nazorgtafel voor uitstroom")
    TRAJECTKNOOPPUNT = "trajectknooppunt", _("trajectknooppunt (JJI en JJI-school)")
    WARME_OVERDRACHT = "warme_overdracht", _("warme overdracht")
    CONTACTMOMENT = "contactmoment", _("contactmoment na uitstroom")


class VertrekOnderwerp(models.TextChoices):
    """Ready to leave (fase 3): what must be arranged before the youth leaves the JJI."""

    ID = "id", _("identiteitsbewijs")
    HUISVESTING = "huisvesting", _("huisvesting")
    INKOMEN = "inkomen", _("inkomen")
    ZORG = "zorg", _("zorg")
    VERVOER = "vervoer", _("vervoer")
    INSCHRIJVING = "inschrijving", _("inschrijving bij de school")
    STARTTERMIJN = "starttermijn", _("starttermijn bekend")
    OVERBRUGGING = "overbrugging", _("invulling van de wachttijd tot de start")


class VertrekStatus(models.TextChoices):
    OPEN = "open", _("nog niet geregeld")
    BEZIG = "bezig", _("wordt geregeld")
    GEREGELD = "geregeld", _("geregeld")
    NVT = "nvt", _("niet nodig")


class Leefgebied(models.TextChoices):
    """The leefgebieden of a realistic toekomstperspectief (seed 001 of the handreiking)."""

    WONEN = "wonen", _("wonen")
    ONDERWIJS_WERK = "onderwijs_werk", _("onderwijs, werk of dagbesteding")
    VRIJE_TIJD = "vrije_tijd", _("vrije tijd")
    ZORG = "zorg", _("zorg en begeleiding")
