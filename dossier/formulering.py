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
    positie: int = 0  # where in the text: the words are named in the order they stand


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
                vondsten.append(
                    Vondst(veld, als_geschreven(treffer.group(0)), woord.soort, woord.hint, treffer.start())
                )
    return vondsten


def _opsomming(delen) -> str:
    """'a', 'b' en 'c': each once, in the order given."""
    delen = [f"'{deel}'" for deel in dict.fromkeys(delen)]
    if len(delen) == 1:
        return delen[0]
    return _("%(delen)s en %(laatste)s") % {"delen": ", ".join(delen[:-1]), "laatste": delen[-1]}


def _per_veld(vondsten: list[Vondst], zin: str) -> dict[str, str]:
    """One message per field that holds a flagged word: the words, then each reason once
    (``zin`` with ``%(woorden)s`` and ``%(hints)s``)."""
    per_veld: dict[str, list[Vondst]] = {}
    for v in sorted(vondsten, key=lambda v: v.positie):
        per_veld.setdefault(v.veld, []).append(v)
    return {
        veld: zin
        % {
            "woorden": _opsomming(v.woord for v in lijst),
            "hints": " ".join(dict.fromkeys(v.hint for v in lijst if v.hint)),
        }
        for veld, lijst in per_veld.items()
    }


def toetsen(categorie: str, teksten: dict[str, str], toelichting: str, labels: dict[str, str] | None = None) -> None:
    """Refuse offence and treatment details in the safety part; ask for a reason to keep
    other flagged wording. Raises ``ValidationError`` on the fields that hold the words (one
    message per field, each reason once); asking for a reason, it names those fields by
    their ``labels``."""
    # The reason to keep wording is read with the part's history: it carries nothing refused either.
    geweigerd = vinden({**teksten, "formulering_toelichting": toelichting}, GEWEIGERD.get(categorie, frozenset()))
    if geweigerd:
        raise ValidationError(
            _per_veld(
                geweigerd, _("%(woorden)s: geen delict- of behandelgegevens in signalen voor veiligheid. %(hints)s")
            )
        )
    gemarkeerd = vinden(teksten, GEMARKEERD.get(categorie, frozenset()))
    if gemarkeerd and not (toelichting or "").strip():
        fouten = _per_veld(gemarkeerd, _("%(woorden)s: kijkt terug of kan stigmatiseren. %(hints)s"))
        fouten["formulering_toelichting"] = toelichting_gevraagd([v.veld for v in gemarkeerd], labels)
        raise ValidationError(fouten)


def toelichting_gevraagd(velden: list[str], labels: dict[str, str] | None = None) -> str:
    """The message at the reason field: which fields hold the flagged words."""
    return _("Pas de tekst aan in %(velden)s, of leg hier uit waarom deze woorden nodig zijn.") % {
        "velden": _opsomming(str((labels or {}).get(veld, veld)) for veld in velden)
    }


def voor_iedereen_toetsen(teksten: dict[str, str]) -> None:
    """Text that everyone who sees the traject reads (a task from an agreement, the
    toekomstperspectief): offence and treatment details are refused outright."""
    fouten = _per_veld(
        vinden(teksten, GEWEIGERD[Categorie.VEILIGHEIDSSIGNALEN]),
        _("%(woorden)s: iedereen die het traject ziet, leest dit. Noem geen delict- of behandelgegevens. %(hints)s"),
    )
    if fouten:
        raise ValidationError(fouten)
