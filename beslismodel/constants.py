"""Choices of the beslismodel (bijlage 2 of the handreiking)."""

import re

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sectie(models.TextChoices):
    """The parts of the form, in the order of bijlage 2. Their titles are template data."""

    ASPECTEN = "aspecten", _("Relevante aspecten")
    PROFIEL = "1", _("1. Persoonsprofiel en onderwijsbehoefte")
    RANDVOORWAARDEN = "2", _("2. Randvoorwaarden")
    KADERS = "3", _("3. Heldere kaders en afspraken")
    PLAATSING = "4", _("4. Plaatsingsbesluit en monitoring")


class ItemSoort(models.TextChoices):
    AANDACHT = "aandacht", _("extra aandacht nodig, met wat nodig is")
    KEUZE = "keuze", _("één keuze (voor het plaatsingsadvies)")


class Aanbod(models.TextChoices):
    """Passend mbo-aanbod (section 4). Entree and praktijkgericht are ordinary choices."""

    REGULIER = "regulier", _("regulier mbo")
    ENTREE = "entree", _("entreeopleiding")
    PRAKTIJKGERICHT = "praktijkgericht", _("praktijkgerichte opleiding")
    AANGEPAST = "aangepaste_leerroute", _("aangepaste leerroute (maatwerktraject)")


class Setting(models.TextChoices):
    """Where the youth can learn now (the 'mogelijke uitwerking in de praktijk')."""

    REGULIERE_KLAS = "reguliere_klas", _("in een reguliere klas, met (lichte) ondersteuning")
    KLEINSCHALIG = "kleinschalig", _("in een kleinschalige setting")
    DAGBESTEDING = "dagbesteding", _("eerst een alternatieve route: dagbesteding")
    PRAKTIJKLEREN = "praktijkleren", _("eerst een alternatieve route: praktijkleren")
    ZORG = "aanvullende_zorg", _("eerst een alternatieve route: aanvullende zorg")


# Every code a choice item may offer: the suggestion rule reads codes, the template words.
KEUZECODES = {**dict(Aanbod.choices), **dict(Setting.choices)}


class Status(models.TextChoices):
    """The status people decide (groen, oranje, rood): a professional judgement, never a
    refusal of admission. The advice on measures and support is the heart of the form."""

    GROEN = "groen", _("groen")
    ORANJE = "oranje", _("oranje")
    ROOD = "rood", _("rood")


# "Mogelijke uitwerking in de praktijk" (bijlage 2), in its words.
STATUS_UITLEG = {
    Status.GROEN: _("Jongere kan instromen in regulier mbo met (lichte) ondersteuning."),
    Status.ORANJE: _("Jongere heeft extra ondersteuning nodig in een kleinschalige setting of maatwerktraject."),
    Status.ROOD: _(
        "Jongere kan nog niet instromen in het mbo en heeft eerst een alternatieve route nodig, zoals "
        "dagbesteding, praktijkleren of aanvullende zorg. Rood is geen weigering van toelating."
    ),
}
STATUS_ICOON = {Status.GROEN: "●", Status.ORANJE: "◆", Status.ROOD: "■"}
# Oranje and rood are confirmed by the verbindingsofficier (four eyes).
TE_BEVESTIGEN = frozenset({Status.ORANJE, Status.ROOD})
# The status words (also in English): kept off what the young person sees.
STATUSWOORD = re.compile(r"\b(groen|oranje|rood|green|amber|orange|red)\b", re.IGNORECASE)


class Stand(models.TextChoices):
    """Where one version of a beslismodel stands."""

    CONCEPT = "concept", _("concept (alleen voor de JJI-school)")
    INGEDIEND = "ingediend", _("ingediend, wacht op besluit")
    BESLOTEN = "besloten", _("besloten, wacht op bevestiging")
    VASTGESTELD = "vastgesteld", _("vastgesteld")
    VERVANGEN = "vervangen", _("vervangen door een nieuwere versie")


class Bevestiging(models.TextChoices):
    NIET_NODIG = "niet_nodig", _("niet nodig (groen)")
    GEVRAAGD = "gevraagd", _("wacht op de verbindingsofficier")
    BEVESTIGD = "bevestigd", _("bevestigd")
    TERUGGELEGD = "teruggelegd", _("teruggelegd voor een nieuw besluit")


class MaatregelSoort(models.TextChoices):
    """Agreed measures; each becomes a routekaart task once the decision stands."""

    AANSPREEKPUNT = "aanspreekpunt", _("eerste aanspreekpunt")
    BEGELEIDING = "begeleiding", _("onderdeel van het begeleidingsplan")
    EVALUATIE = "evaluatie", _("evaluatiemoment")


# The routekaart step a measure's task belongs to: the warme overdracht and the first
# school days (bijlage 4, steps 8 and 9).
STAP_VAN_MAATREGEL = {
    MaatregelSoort.AANSPREEKPUNT: 8,
    MaatregelSoort.BEGELEIDING: 9,
    MaatregelSoort.EVALUATIE: 9,
}


def veldnaam(sleutel: str, deel: str) -> str:
    """The form field of one part of an item's answer (``aandacht``, ``toelichting``, ``keuze``),
    so a refusal from a service lands on the field it is about."""
    return f"{sleutel}__{deel}"
