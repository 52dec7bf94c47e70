"""Toekomstgericht formuleren: wording in the dossier that looks backward or stigmatises is
flagged with a hint toward support needs. The author may keep it with a reason (recorded on
the part) — except in signalen voor veiligheid, where offence and treatment details are
refused. The word list is data (``Formuleringswoord``), kept by the functioneel beheerder.

Every pattern runs on RE2 (``Formuleringswoord.patroon``): linear in the text, so the whole
text is read — a free-text field holds at most ``MAX_TEKST`` characters (``jji_traject.vrije_tekst``)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import re2
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from jji_traject.vrije_tekst import MAX_TEKST  # noqa: F401 (re-exported: the length the check reads)
from trajecten.constants import Categorie

from .models import Formuleringswoord, WoordSoort, re2_fout

logger = logging.getLogger(__name__)

# Per part: which kinds of words are flagged (may stay with a reason) and which are refused.
GEMARKEERD = {
    Categorie.ONDERWIJSINFORMATIE: frozenset({WoordSoort.DELICT, WoordSoort.TERUGBLIKKEND}),
    Categorie.BEGELEIDINGSBEHOEFTE: frozenset({WoordSoort.DELICT, WoordSoort.TERUGBLIKKEND}),
    Categorie.VEILIGHEIDSSIGNALEN: frozenset({WoordSoort.TERUGBLIKKEND}),
}
GEWEIGERD = {Categorie.VEILIGHEIDSSIGNALEN: frozenset({WoordSoort.DELICT, WoordSoort.BEHANDELING})}


@dataclass(frozen=True)
class Vondst:
    veld: str
    woord: str  # as written in the text
    soort: str
    hint: str


def als_geschreven(treffer: str) -> str:
    """The matched word without what surrounds it (a word's match starts with the character
    before it: RE2 has no lookbehind)."""
    begin, eind = 0, len(treffer)
    while begin < eind and not treffer[begin].isalnum():
        begin += 1
    while eind > begin and not treffer[eind - 1].isalnum():
        eind -= 1
    return treffer[begin:eind] or treffer.strip()


def vinden(teksten: dict[str, str], soorten: frozenset[str]) -> list[Vondst]:
    """Every flagged word in these fields, once per field and word; the whole text is read."""
    vondsten: list[Vondst] = []
    woorden = Formuleringswoord.objects.filter(actief=True, soort__in=soorten)
    for woord in woorden:
        try:
            patroon = woord.patroon()
        except re2.error as fout:  # saved before RE2 checked patterns: skipped, never a hang or a 500
            logger.warning("Woordenlijst: patroon %s kan RE2 niet lezen (%s)", woord.pk, re2_fout(fout))
            continue
        for veld, tekst in teksten.items():
            treffer = patroon.search(tekst or "")
            if treffer:
                vondsten.append(Vondst(veld, als_geschreven(treffer.group(0)), woord.soort, woord.hint))
    return vondsten


def toetsen(categorie: str, teksten: dict[str, str], toelichting: str) -> None:
    """Refuse offence and treatment details in the safety part; ask for a reason to keep
    other flagged wording. Raises ``ValidationError`` on the fields concerned."""
    # The reason to keep wording is read with the part's history: it carries nothing refused either.
    geweigerd = vinden({**teksten, "formulering_toelichting": toelichting}, GEWEIGERD.get(categorie, frozenset()))
    if geweigerd:
        fouten: dict[str, list[str]] = {}
        for v in geweigerd:
            fouten.setdefault(v.veld, []).append(
                _("'%(woord)s': geen delict- of behandelgegevens in signalen voor veiligheid. %(hint)s")
                % {"woord": v.woord, "hint": v.hint}
            )
        raise ValidationError(fouten)
    gemarkeerd = vinden(teksten, GEMARKEERD.get(categorie, frozenset()))
    if gemarkeerd and not (toelichting or "").strip():
        raise ValidationError(
            {
                "formulering_toelichting": [
                    _("'%(woord)s' kijkt terug of kan stigmatiseren. %(hint)s") % {"woord": v.woord, "hint": v.hint}
                    for v in gemarkeerd
                ]
                + [_("Pas de tekst aan, of leg hier uit waarom deze woorden nodig zijn.")]
            }
        )


def voor_iedereen_toetsen(teksten: dict[str, str]) -> None:
    """Text that everyone who sees the traject reads (a task from an agreement, the
    toekomstperspectief): offence and treatment details are refused outright."""
    fouten: dict[str, list[str]] = {}
    for v in vinden(teksten, GEWEIGERD[Categorie.VEILIGHEIDSSIGNALEN]):
        fouten.setdefault(v.veld, []).append(
            _("'%(woord)s': iedereen die het traject ziet, leest dit. Noem geen delict- of behandelgegevens. %(hint)s")
            % {"woord": v.woord, "hint": v.hint}
        )
    if fouten:
        raise ValidationError(fouten)
