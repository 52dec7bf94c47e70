"""Erasing and pseudonymising one traject, with the history of what goes (issue 20).

``KOPPELINGEN`` names every model that hangs off a traject — directly or through a parent —
and what the retention schedule does with it:

- ``DOSSIER``: erased when the dossier parts go (12 months after closing, by default), rows
  and every history row of them, the deletion's own history row included;
- ``PSEUDONIEM``: deleted when the traject is pseudonymised (two years, by default);
- ``TEKST``: kept for the monitor (steps, meetings, outcomes, decisions), but every free text
  is replaced by ``WEG`` (an empty text stays empty) and its history is replaced by one row of
  the pseudonymised state.

A test asserts that every model with a path to a traject is here, or in ``ONAANGEROERD`` with
the reason it stays."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.db import models
from django.db.models import Case, Value, When

from beslismodel.models import Antwoord, Beslismodel, Besluit, Maatregel
from dossier.models import (
    Begeleidingsbehoefte,
    HerkomstOnderwijsinformatie,
    Herkomstverzoek,
    Inschrijving,
    Leesoverzicht,
    Nazorgafsluiting,
    Onderwijsinformatie,
    Resultaat,
    Schoolcheckpoint,
    Veiligheidssignaal,
)
from monitor import services as monitor_services
from netwerk.models import NetwerkContact
from overdracht.models import Overdracht, Terugvraag
from signalering.models import Melding
from toegang import policy
from trajecten.models import (
    Jongere,
    OudersBetrekken,
    Overleg,
    Taak,
    Toekomstperspectief,
    Toestemming,
    Traject,
    VertrekItem,
)

from .models import Inzageverzoek, Rechtenverzoek

WEG = "[gewist]"
DOSSIER, PSEUDONIEM, TEKST = "dossier", "pseudoniem", "tekst"


@dataclass(frozen=True)
class Koppeling:
    model: type[models.Model]
    via: str  # the foreign key to the parent
    ouder: type[models.Model]
    actie: str
    behouden: tuple[str, ...] = ()  # texts kept when pseudonymising (not about the person)


KOPPELINGEN: tuple[Koppeling, ...] = (
    Koppeling(Onderwijsinformatie, "traject", Traject, DOSSIER),
    Koppeling(Resultaat, "traject", Traject, DOSSIER),
    Koppeling(Begeleidingsbehoefte, "traject", Traject, DOSSIER),
    Koppeling(Veiligheidssignaal, "traject", Traject, DOSSIER),
    Koppeling(HerkomstOnderwijsinformatie, "traject", Traject, DOSSIER),
    Koppeling(Herkomstverzoek, "traject", Traject, DOSSIER),
    Koppeling(Toekomstperspectief, "traject", Traject, DOSSIER),
    Koppeling(Leesoverzicht, "traject", Traject, DOSSIER),
    Koppeling(NetwerkContact, "traject", Traject, PSEUDONIEM),
    Koppeling(Melding, "traject", Traject, PSEUDONIEM),
    Koppeling(Taak, "traject", Traject, TEKST),
    Koppeling(Overleg, "traject", Traject, TEKST),
    Koppeling(VertrekItem, "traject", Traject, TEKST),
    Koppeling(Toestemming, "traject", Traject, TEKST),
    Koppeling(OudersBetrekken, "traject", Traject, TEKST),
    Koppeling(Inschrijving, "traject", Traject, TEKST, behouden=("instelling", "crebo")),
    Koppeling(Schoolcheckpoint, "traject", Traject, TEKST),
    Koppeling(Nazorgafsluiting, "traject", Traject, TEKST),
    Koppeling(Beslismodel, "traject", Traject, TEKST),
    Koppeling(Antwoord, "beslismodel", Beslismodel, TEKST),
    Koppeling(Besluit, "beslismodel", Beslismodel, TEKST),
    Koppeling(Maatregel, "besluit", Besluit, TEKST),
    Koppeling(Overdracht, "traject", Traject, TEKST, behouden=("nummer", "verzoek_id")),
    Koppeling(Terugvraag, "overdracht", Overdracht, TEKST),
    Koppeling(Inzageverzoek, "traject", Traject, TEKST),
    Koppeling(Rechtenverzoek, "traject", Traject, TEKST),
)

# Models with a path to a traject that the schedule leaves as they are, and why.
ONAANGEROERD = {
    "toegang.Raadpleging": "het log: alleen toe te voegen, zonder inhoud; eigen bewaartermijn (raadplegingen_jaren)",
    "toegang.TrajectUserObjectPermission": "afgeleide rechten: dezelfde toegangsregels blijven gelden",
    "toegang.TrajectGroupObjectPermission": "afgeleide rechten: dezelfde toegangsregels blijven gelden",
    "toegang.Zicht": "afgeleide zichtbaarheid (als het leesrecht): dezelfde toegangsregels blijven gelden",
    "trajecten.Betrokkenheid": "welke organisatie betrokken was, zonder tekst: telt mee in de monitor",
    "trajecten.Toewijzing": "welke medewerker was toegewezen, zonder tekst",
    "dossier.Schoolloopbaanstand": "afgeleide getallen voor de monitor, zonder tekst",
    "monitor.Bewaardefeiten": "wat de monitor van de gewiste onderwijsinformatie telt, zonder inhoud",
}


def _geschiedenis(model):
    return model.history.model if hasattr(model, "history") else None


def _ids(koppeling: Koppeling, ouder_ids: set[int]) -> tuple[set[int], set[int]]:
    """The ids of the model's rows under the parents: (live ones, every one — history too, so
    rows deleted earlier, whose history rows still hold their content, are found)."""
    filter_ = {f"{koppeling.via}_id__in": ouder_ids}
    levend = set(koppeling.model.objects.filter(**filter_).values_list("pk", flat=True))
    historisch = _geschiedenis(koppeling.model)
    alle = set(levend)
    if historisch is not None:
        alle |= set(historisch.objects.filter(**filter_).values_list("id", flat=True))
    return levend, alle


def verwant(traject_id: int) -> dict[type[models.Model], tuple[set[int], set[int]]]:
    """Per model of ``KOPPELINGEN``: the (live, all) ids of its rows under this traject."""
    gevonden: dict[type[models.Model], tuple[set[int], set[int]]] = {Traject: ({traject_id}, {traject_id})}
    for koppeling in KOPPELINGEN:  # parents come before their children
        gevonden[koppeling.model] = _ids(koppeling, gevonden[koppeling.ouder][1])
    return gevonden


def _weg(model, ids: set[int], alle: set[int]) -> int:
    """Delete the rows and every history row of them (the deletion's own row included)."""
    if ids:
        model.objects.filter(pk__in=ids).delete()
    historisch = _geschiedenis(model)
    if historisch is not None and alle:
        historisch.objects.filter(id__in=alle).delete()
    return len(ids)


def tekstvelden(model, behouden: tuple[str, ...] = ()) -> list[models.Field]:
    """The free texts of a model: every text field without fixed choices, except ``behouden``."""
    return [
        veld
        for veld in model._meta.concrete_fields
        if isinstance(veld, (models.CharField, models.TextField))
        and not veld.choices
        and veld.name not in behouden
        and veld.name != "sorteernaam"
    ]


def _vervangen(model, ids: set[int], alle: set[int], velden: dict, reden: str) -> None:
    """Set ``velden`` on the rows (one UPDATE, past the history guard on purpose) and replace
    their whole history by one row of the new state: the old values go with the record."""
    if ids and velden:
        models.QuerySet.update(model.objects.filter(pk__in=ids), **velden)
    historisch = _geschiedenis(model)
    if historisch is None:
        return
    if alle:
        historisch.objects.filter(id__in=alle).delete()
    if ids:
        model.history.bulk_history_create(
            list(model.objects.filter(pk__in=ids)), update=True, default_change_reason=reden
        )


def _tekst_weg(model, behouden: tuple[str, ...]) -> dict:
    velden = {}
    for veld in tekstvelden(model, behouden):
        weg = WEG[: veld.max_length] if veld.max_length else WEG
        velden[veld.attname] = Case(When(**{veld.attname: ""}, then=Value("")), default=Value(weg))
    return velden


def dossier_wissen(traject: Traject, op) -> int:
    """Erase the traject's dossier parts (and what hangs off them) with their history; keep
    what the monitor counts of the onderwijsinformatie. Returns the number of rows erased."""
    monitor_services.feiten_bewaren(traject)
    gevonden = verwant(traject.pk)
    aantal = sum(_weg(k.model, *gevonden[k.model]) for k in KOPPELINGEN if k.actie == DOSSIER)
    # The documents' files (normally long gone after OVERDRACHT_BEWAARDAGEN) go with the parts.
    models.QuerySet.update(Overdracht.objects.filter(traject=traject, bestand__isnull=False), bestand=None)
    models.QuerySet.update(Inzageverzoek.objects.filter(traject=traject, bestand__isnull=False), bestand=None)
    # A mark kept by the system, not a change of the traject: no history row of its own.
    models.QuerySet.update(Traject.objects.filter(pk=traject.pk), dossier_gewist_op=op)
    traject.dossier_gewist_op = op
    return aantal


def signaal_wissen(signaal_id: int) -> None:
    _weg(Veiligheidssignaal, {signaal_id}, {signaal_id})


def pseudonimiseren(traject: Traject, op) -> None:
    """The traject's core stays for the monitor (who as a pseudonym, when, steps, outcomes,
    decisions); the dossier parts, the network around the youth and the notifications go, and
    every free text is replaced — history included. The youth is pseudonymised once none of
    their trajecten needs the name any more."""
    if traject.dossier_gewist_op is None:
        dossier_wissen(traject, op)
    gevonden = verwant(traject.pk)
    reden = "bewaartermijn: gepseudonimiseerd"
    for koppeling in KOPPELINGEN:
        levend, alle = gevonden[koppeling.model]
        if koppeling.actie == PSEUDONIEM:
            _weg(koppeling.model, levend, alle)
        elif koppeling.actie == TEKST:
            _vervangen(koppeling.model, levend, alle, _tekst_weg(koppeling.model, koppeling.behouden), reden)
    _vervangen(Traject, {traject.pk}, {traject.pk}, {**_tekst_weg(Traject, ()), "gepseudonimiseerd_op": op}, reden)
    jongere = traject.jongere
    if not jongere.trajecten.filter(gepseudonimiseerd_op__isnull=True).exists():
        _jongere_pseudonimiseren(jongere, reden)


def _jongere_pseudonimiseren(jongere: Jongere, reden: str) -> None:
    pseudoniem = f"P-{secrets.token_hex(4).upper()}"
    _vervangen(
        Jongere,
        {jongere.pk},
        {jongere.pk},
        {
            "voornaam": "Jongere",
            "tussenvoegsel": "",
            "achternaam": pseudoniem,
            "geboortedatum": jongere.geboortedatum.replace(month=1, day=1),
        },
        reden,
    )
    jongere.refresh_from_db()
    for traject in jongere.trajecten.all():
        _vervangen(Traject, {traject.pk}, {traject.pk}, {"sorteernaam": jongere.sorteersleutel}, reden)
    # The birth date moved: a parent's consent may lapse earlier (the visibility rows' end dates).
    policy.rechten_afleiden(jongere.trajecten.all())


# The models of each dossier part, for a granted erasure request (art. 17).
DEEL_MODELLEN = {
    "onderwijsinformatie": (Onderwijsinformatie, Resultaat),
    "begeleidingsbehoefte": (Begeleidingsbehoefte,),
    "veiligheidssignalen": (Veiligheidssignaal,),
}


def deel_wissen(traject: Traject, categorie: str) -> int:
    """Erase one part of the dossier with its history, as the retention schedule does (a
    granted erasure request). What the monitor counts of the onderwijsinformatie is kept first,
    without content, so the regio's figures do not change. Returns the rows erased."""
    if categorie == "onderwijsinformatie":
        monitor_services.feiten_bewaren(traject)
    gevonden = verwant(traject.pk)
    return sum(_weg(model, *gevonden[model]) for model in DEEL_MODELLEN[categorie])
