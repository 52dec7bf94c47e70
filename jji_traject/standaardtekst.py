"""Shipped data texts in the reader's language.

The routekaart (bijlage 4, ``trajecten.routekaart_sjabloon``) and the beslismodel template
(bijlage 2, ``beslismodel.sjabloon``) are data: stored in Dutch, copied into each regio's
routekaart and template versions, and editable by the regio. Their modules mark every
shipped text with ``gettext_noop``, so the English catalogue holds a translation of each;
the stored value stays the Dutch text (services, the API and the overdracht PDF use it).

Everywhere such a text is shown, it goes through :func:`standaardtekst` (in templates the
``standaardtekst`` filter): a text that is exactly a shipped default gets the catalogue's
translation; a regio's own wording has none and shows as typed.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation


def standaardtekst(tekst) -> str:
    """``tekst`` in the active language when it is a shipped text the catalogue translates;
    otherwise unchanged. A multi-line text (a template item's aandachtspunten) is looked up
    whole, then line by line, so a regio that rewrote one line keeps the others translated."""
    if tekst is None:
        return ""
    tekst = str(tekst)
    # The texts are Dutch: nothing to look up in Dutch (Django's own Dutch catalogue has
    # English msgids, and a regio's text that happened to match one must not change).
    taal = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if not tekst.strip() or taal == settings.LANGUAGE_CODE:
        return tekst
    vertaald = translation.gettext(tekst)
    if vertaald != tekst:
        return vertaald
    if "\n" in tekst:
        return "\n".join(standaardtekst(regel) for regel in tekst.split("\n"))
    return tekst
