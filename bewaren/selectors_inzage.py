"""Everything kept about a young person, for their copy (AVG art. 15): the youth, the traject and
every record that hangs off it — the same list the retention schedule sweeps
(``services_wissen.KOPPELINGEN``), so nothing kept is left out of the copy — with the
grondslagen's history and the raadplegingen. Read by the JJI-school's zorgcoördinator for the
young person; rendered field by field with the fields' own (Dutch) names."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format

from dossier.models import Leesoverzicht
from signalering.models import Melding
from toegang.models import Raadpleging
from trajecten.models import Jongere, Toestemming, Traject

from .services_wissen import KOPPELINGEN

# Not about the young person, or shown elsewhere in the copy: ids, sort keys, files, request ids.
OVERSLAAN = {"id", "traject", "jongere", "sorteernaam", "bestand", "verzoek_id", "ip"}
# Staff notifications and the PDFs of the reading list: the readings themselves are in the copy.
NIET_IN_KOPIE = {Melding, Leesoverzicht}
MAX_RAADPLEGINGEN = 5000


@dataclass
class Onderdeel:
    titel: str
    rijen: list[list[tuple[str, str]]] = field(default_factory=list)
    weggelaten: int = 0
    leeg: str = ""  # shown when there are no rows (the part is then kept, not left out)


def _tekst(obj, veld: models.Field) -> str:
    if veld.choices:
        return str(getattr(obj, f"get_{veld.name}_display")())
    waarde = getattr(obj, veld.name)
    if waarde is None or waarde == "" or waarde == [] or waarde == {}:
        return ""
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, dt.datetime):
        return date_format(timezone.localtime(waarde), "j F Y H:i")
    if isinstance(waarde, dt.date):
        return date_format(waarde, "j F Y")
    if isinstance(waarde, get_user_model()):
        return waarde.get_full_name() or waarde.get_username()
    if isinstance(waarde, (list, tuple)):
        return ", ".join(str(w) for w in waarde)
    return str(waarde)


def _velden(obj) -> list[tuple[str, str]]:
    rij = []
    for veld in obj._meta.concrete_fields:
        if veld.name in OVERSLAAN or isinstance(veld, models.BinaryField):
            continue
        tekst = _tekst(obj, veld)
        if tekst:
            rij.append((str(veld.verbose_name), tekst))
    return rij


def _onderdeel(model, objecten) -> Onderdeel:
    naam = model._meta.verbose_name if len(objecten) == 1 else model._meta.verbose_name_plural
    return Onderdeel(str(naam)[:1].upper() + str(naam)[1:], [_velden(o) for o in objecten])


def inhoud(traject: Traject) -> list[Onderdeel]:
    """The copy's parts, in order; empty parts are left out. One traject (a youth's earlier
    traject elsewhere is another organisation's to give)."""
    onderdelen = [_onderdeel(Jongere, [traject.jongere]), _onderdeel(Traject, [traject])]
    ids = [traject.pk]
    gevonden: dict[type[models.Model], list[int]] = {Traject: ids}
    for koppeling in KOPPELINGEN:
        objecten = list(
            koppeling.model.objects.filter(**{f"{koppeling.via}_id__in": gevonden[koppeling.ouder]}).order_by("pk")
        )
        gevonden[koppeling.model] = [o.pk for o in objecten]
        if koppeling.model not in NIET_IN_KOPIE and objecten:
            onderdelen.append(_onderdeel(koppeling.model, objecten))
    geschiedenis = Toestemming.history.filter(traject_id__in=ids).order_by("history_date", "history_id")
    soort = {"+": "vastgelegd", "~": "gewijzigd", "-": "verwijderd"}
    onderdelen.append(
        Onderdeel(
            "Geschiedenis van de toestemmingen en grondslagen",
            [
                [
                    ("wanneer", date_format(timezone.localtime(h.history_date), "j F Y H:i")),
                    ("wat", soort.get(h.history_type, h.history_type)),
                    ("grondslag", h.get_grondslag_display()),
                    ("voor", h.get_categorie_display()),
                    (
                        "door",
                        (h.history_user.get_full_name() or h.history_user.get_username()) if h.history_user else "",
                    ),
                ]
                for h in geschiedenis.select_related("history_user")
            ],
        )
    )
    raadplegingen = Raadpleging.objects.filter(traject=traject).select_related("organisatie").order_by("-tijdstip")
    totaal = raadplegingen.count()
    onderdelen.append(
        Onderdeel(
            "Wie heeft jouw gegevens bekeken (raadplegingen)",
            [
                [
                    ("wanneer", date_format(timezone.localtime(r.tijdstip), "j F Y H:i")),
                    ("organisatie", r.organisatie.naam if r.organisatie else ""),
                    ("rol", r.rol),
                    ("deel", r.categorie),
                    ("hoe", r.get_actie_display()),
                    ("geweigerd", "ja" if r.geweigerd else "nee"),
                ]
                for r in raadplegingen[:MAX_RAADPLEGINGEN]
            ],
            weggelaten=max(totaal - MAX_RAADPLEGINGEN, 0),
            leeg="Niemand van een andere organisatie heeft jouw gegevens bekeken.",
        )
    )
    return [o for o in onderdelen if o.rijen or o.leeg]
