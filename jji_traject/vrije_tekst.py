"""Free text that people type: what every free-text model field carries.

* ``zichtbare_tekst`` refuses characters that make text look like something else or hide
  part of it: bidi overrides, embeddings and isolates (U+202A–U+202E, U+2066–U+2069), the
  direction marks (U+200E, U+200F, U+061C), zero-width characters (U+200B–U+200D,
  U+2060–U+2064, U+FEFF), control characters other than tab, newline and carriage return
  (C0, DEL, C1), and lone surrogates (which PostgreSQL cannot store). It refuses rather than
  strips: text that is saved is exactly the text the author saw, and the message names the
  character and where it is, so the author can remove it (their text stays in the form).
* ``MAX_TEKST`` caps every free-text field (``VRIJE_TEKST`` on a ``TextField``, whose
  ``max_length`` the database does not enforce), so the word-list check reads all of it.

A test walks every model field (``tests/jji_traject/test_vrije_tekst.py``): a new free-text
field without these validators fails it.
"""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext as _

# Characters in one free-text field: the API's cap too, so text saved on a page can be saved
# again through the API.
MAX_TEKST = 5_000

VERBODEN_BEREIKEN = (
    (0x0000, 0x0008),  # C0 control characters, except tab (09), newline (0A) and carriage return (0D)
    (0x000B, 0x000C),
    (0x000E, 0x001F),
    (0x007F, 0x009F),  # DEL and the C1 control characters
    (0x061C, 0x061C),  # arabic letter mark
    (0x200B, 0x200F),  # zero width space, non-joiner, joiner; left-to-right and right-to-left mark
    (0x202A, 0x202E),  # bidi embeddings and overrides
    (0x2060, 0x2064),  # word joiner and invisible operators
    (0x2066, 0x2069),  # bidi isolates
    (0xD800, 0xDFFF),  # lone surrogates (from JSON "\ud800"): not text, not storable
    (0xFEFF, 0xFEFF),  # zero width no-break space (byte order mark)
)


# One character class: Python's re scans it in linear time.
KLASSE = "".join(f"\\U{begin:08x}-\\U{eind:08x}" for begin, eind in VERBODEN_BEREIKEN)
VERBODEN = re.compile(f"[{KLASSE}]")


def eerste_verboden(tekst: str) -> tuple[int, str] | None:
    """The first refused character and its position (from 1), or ``None``."""
    treffer = VERBODEN.search(tekst)
    return (treffer.start() + 1, treffer.group(0)) if treffer else None


def zichtbare_tekst(waarde) -> None:
    """Refuse invisible and direction-changing characters in free text (see the module)."""
    if not isinstance(waarde, str):
        return
    gevonden = eerste_verboden(waarde)
    if gevonden is None:
        return
    positie, teken = gevonden
    naam = unicodedata.name(teken, "") or _("stuurteken")
    raise ValidationError(
        _(
            "De tekst bevat onzichtbare of sturende tekens, die tekst iets anders kunnen laten lijken dan er "
            "staat (bijvoorbeeld uit een kopie van een andere pagina). Het eerste is U+%(code)04X (%(naam)s) "
            "op positie %(positie)s. Haal het weg en sla opnieuw op."
        )
        % {"code": ord(teken), "naam": naam.lower(), "positie": positie},
        code="verborgen_tekens",
    )


# On a TextField, with max_length=MAX_TEKST (which the form and its textarea take over).
VRIJE_TEKST = [zichtbare_tekst, MaxLengthValidator(MAX_TEKST)]
