"""Writing the raadplegingen log: one row per reading outside the writing organisation, and a
refused explicit request as a refused attempt (written outside any transaction that rolls
back). No content of the part is ever written."""

from __future__ import annotations

from netwerk.models import Medewerker
from toegang.models import Raadpleging
from trajecten.models import Traject

from .. import delen
from .lezers import medewerker_van


def _raadpleging(
    actor, traject, categorie, actie, verzoek, *, grondslag=None, ontvanger=None, geweigerd=False, **document
):

    if categorie not in (*delen.categorieen(), HERKOMST, "dossier"):
        categorie = "onbekend"  # a made-up part in a URL is not written into the youth's list

    # Also for a person whose organisation was deactivated: the log keeps where they came from.
    medewerker = medewerker_van(actor) or (
        Medewerker.objects.select_related("organisatie").filter(user_id=actor.pk).first()
    )
    return Raadpleging.objects.create(
        actor=actor,
        organisatie=medewerker.organisatie if medewerker else None,
        rol=medewerker.rol if medewerker else "",
        ontvanger=ontvanger,
        jongere_id=traject.jongere_id,
        traject=traject,
        categorie=str(categorie)[:30],
        actie=actie,
        geweigerd=geweigerd,
        grondslag=grondslag,
        verzoek_id=getattr(verzoek, "verzoek_id", "")[:64] if verzoek is not None else "",
        ip=(verzoek.META.get("REMOTE_ADDR") or None) if verzoek is not None else None,
        **document,  # ontvanger_persoon and document number, for a document that leaves the app
    )


def raadpleging_weigeren(*, actor, traject: Traject, categorie: str, actie: str, verzoek=None) -> None:
    """Record an explicit refused request (URL, API, export). Called outside any transaction
    that is rolled back afterwards, so the record stays."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return
    _raadpleging(actor, traject, categorie, actie, verzoek, geweigerd=True)


HERKOMST = "onderwijsinformatie_herkomst"  # its name in the raadplegingen log
