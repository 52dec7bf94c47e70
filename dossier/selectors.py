"""Reading the dossier. The functions that fetch a part (``*_ophalen``, ``geschiedenis``) are
registered in ``toegang.delen`` and called only by ``toegang.policy.categorie_lezen``: the
reading and its raadpleging go together."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Case, F, Max, Min, Sum, Value, When
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netwerk.constants import NIET_IN_TRAJECTEN, Rol, rollen_voor_soort
from toegang import delen, policy
from toegang.models import RaadplegingActie
from trajecten.constants import Categorie

from .models import (
    Begeleidingsbehoefte,
    Inschrijving,
    Leesoverzicht,
    Nazorgafsluiting,
    Onderwijsinformatie,
    Resultaat,
    Schoolcheckpoint,
    Veiligheidssignaal,
)


def onderwijsinformatie_ophalen(traject):
    """The onderwijsinformatie with its results (``None`` when nothing is written yet)."""
    info = Onderwijsinformatie.objects.select_related("bijgewerkt_door", "ict_fase").filter(traject=traject).first()
    resultaten = list(Resultaat.objects.filter(traject=traject).select_related("gevalideerd_door"))
    if info is None and not resultaten:
        return None
    info = info or Onderwijsinformatie(traject=traject)  # results without the rest filled in yet
    info.resultaten_lijst = resultaten
    # Bijlage 3: whether the JJI is an official exam location (a fact about the JJI, shown
    # beside the exams of whoever reads this part).
    info.examenlocatie = traject.jji if traject.jji.officiele_examenlocatie else None
    return info


def begeleidingsbehoefte_ophalen(traject):
    """The begeleidingsbehoefte (``None`` when not written yet)."""
    return Begeleidingsbehoefte.objects.select_related("bijgewerkt_door").filter(traject=traject).first()


def veiligheidssignalen_ophalen(traject) -> list:
    """The current signalen voor veiligheid (an ended signal is no longer shown)."""
    return list(Veiligheidssignaal.objects.actueel().filter(traject=traject).select_related("bijgewerkt_door"))


@dataclass
class Deling:
    """The state of one grondslag for one part and one organisation (a badge)."""

    toestemming: object
    # "gedeeld", "niet_actief", "ingetrokken", "verlopen", "toekomst", "vervallen_18", "opent_niet"
    status: str


@dataclass
class Deel:
    categorie: str
    leesbaar: bool
    gegevens: object = None
    grondslag: object = None
    delingen: list[Deling] = field(default_factory=list)

    @property
    def label(self) -> str:
        return Categorie(self.categorie).label

    @property
    def is_leeg(self) -> bool:
        return not self.gegevens

    @property
    def op_formulier(self) -> bool:
        """Written as one form on its own page (``dossier:bewerken``); the schoolloopbaan is
        written by separate actions of its writer, the signals one by one."""
        return delen.deel(self.categorie).formulier is not None


def _delingen(traject) -> dict[str, list[Deling]]:
    """Per part and organisation, the grondslag that opens the part to it now (the policy's
    rule, :func:`~toegang.policy.opent_deel`) — else its latest record, with why it does not:
    an older valid consent stays "gedeeld" under a newer revoked one, a parent's consent
    past the 18th birthday is not "gedeeld", nor a part the organisation's role bars. The
    JJI-school itself is left out (a grondslag for it concerns the school van herkomst's part)."""
    vandaag = timezone.localdate()
    school = policy.schrijvende_school(traject)
    actief = {b.organisatie_id for b in policy.betrokkenheden_van(traject) if b.is_actief}
    records = (
        traject.toestemmingen.filter(categorie__in=delen.categorieen())
        .exclude(ontvanger=school)
        .select_related("ontvanger", "ingetrokken_door")
        .order_by("-vastgelegd_op", "-pk")
    )
    gekozen: dict[tuple[str, int], tuple[object, bool]] = {}
    for record in records:  # newest first: the first that opens the part, else the newest
        sleutel = (record.categorie, record.ontvanger_id)
        opent = policy.opent_deel(record, vandaag)
        if sleutel not in gekozen or (opent and not gekozen[sleutel][1]):
            gekozen[sleutel] = (record, opent)
    per_deel: dict[str, list[Deling]] = {c: [] for c in delen.categorieen()}
    for record, opent in gekozen.values():
        per_deel[record.categorie].append(Deling(record, _status(traject, record, opent, actief, vandaag)))
    for lijst in per_deel.values():
        lijst.sort(key=lambda d: (d.status != "gedeeld", d.toestemming.ontvanger.naam))
    return per_deel


def _status(traject, record, opent: bool, actief: set[int], vandaag: dt.date) -> str:
    if opent:
        return "gedeeld" if record.ontvanger_id in actief else "niet_actief"
    if policy.leest_nooit(traject, record.ontvanger_id, delen.deel(record.categorie)):
        return "nooit"  # the part bars its role in this traject, whatever grondslag
    if record.ingetrokken_op:
        return "ingetrokken"
    if record.geldig_tot and record.geldig_tot < vandaag:
        return "verlopen"
    if record.datum_gegeven > vandaag:
        return "toekomst"
    if record.is_vervallen_op_18(vandaag):
        return "vervallen_18"
    return "opent_niet"  # a grondslag this part does not accept


def dossier_voor(user, traject, *, verzoek=None, lezer=None) -> list[Deel]:
    """The three parts as ``user`` (or, in a preview, ``lezer``) sees them. Each readable part
    is read through the policy, which writes the raadpleging."""
    leesbaar = policy.leesbare_categorieen(lezer if lezer is not None else user, traject)
    if lezer is not None:  # a preview never shows more than the actor may read themselves
        eigen = policy.leesbare_categorieen(user, traject)
        leesbaar = {c: g for c, g in leesbaar.items() if c in eigen}
    delingen = _delingen(traject) if lezer is None and policy.mag_grondslag_vastleggen(user, traject) else {}
    getoond = []
    for categorie in delen.categorieen():
        deel = Deel(categorie=categorie, leesbaar=categorie in leesbaar, delingen=delingen.get(categorie, []))
        if deel.leesbaar:
            deel.grondslag = leesbaar[categorie]
            deel.gegevens = policy.categorie_lezen(
                actor=user,
                lezer=lezer,
                traject=traject,
                categorie=categorie,
                actie=RaadplegingActie.BEKIJKEN,
                verzoek=verzoek,
            )
        getoond.append(deel)
    return getoond


@dataclass
class Voorbeeld:
    sleutel: str
    label: str
    lezer: policy.Lezer


def voorbeeld_keuzes(user, traject) -> list[Voorbeeld]:
    """Whom the JJI-school can preview the dossier as: each active organisation, per rol."""
    if not policy.mag_dossier_schrijven(user, traject):
        return []
    school = policy.schrijvende_school(traject)
    keuzes = []
    for org in (o for o in policy.organisaties_actief_in(user, traject) if o.pk != school.pk):
        rollen = [(r, Rol(r).label) for r in sorted(rollen_voor_soort(org.soort)) if r not in NIET_IN_TRAJECTEN]
        for rol, label in rollen:
            keuzes.append(Voorbeeld(f"{org.pk}:{rol}", f"{org.naam} — {label}", policy.Lezer(org, rol)))
        keuzes.append(
            Voorbeeld(
                f"{org.pk}:vo",
                f"{org.naam} — {_('verbindingsofficier')}",
                policy.Lezer(org, "", is_verbindingsofficier=True),
            )
        )
    return keuzes


def mogelijke_ontvangers(user, traject):
    """Organisations a part of the dossier can be shared with: active in the traject; the
    JJI-school only when a school van herkomst is involved (its onderwijsinformatie for the
    JJI-school: leerplicht or consent, without the school being told of the placement)."""
    school = policy.schrijvende_school(traject)
    organisaties = policy.actieve_organisaties(user, traject)
    return organisaties.exclude(pk=school.pk) if school and not policy.herkomstscholen(traject) else organisaties


@dataclass
class Herkomst:
    """The onderwijsinformatie of the school van herkomst, as the reader sees it."""

    gegevens: list | None  # None: not shared with the reader
    mag_schrijven: bool
    grondslag: object = None
    verzoeken: list = field(default_factory=list)  # the JJI-school's requests to the schools van herkomst
    opvragen_bij: list = field(default_factory=list)  # schools it may ask now (no open request)


def herkomst_voor(user, traject, *, verzoek=None) -> Herkomst | None:
    """For the mbo van herkomst (its own part) and the JJI-school (with a grondslag); None for
    everyone else, and when no school van herkomst is involved."""
    if policy.mag_herkomst_schrijven(user, traject):
        return Herkomst(policy.herkomst_lezen(actor=user, traject=traject, verzoek=verzoek), mag_schrijven=True)
    if not policy.mag_dossier_schrijven(user, traject):
        return None
    scholen = list(policy.herkomstscholen(traject))
    if not scholen:
        return None
    gegevens = policy.herkomst_lezen(actor=user, traject=traject, verzoek=verzoek)
    verzoeken = list(traject.herkomstverzoeken.select_related("organisatie", "gevraagd_door", "grondslag"))
    open_bij = {v.organisatie_id for v in verzoeken if v.beantwoord_op is None}
    return Herkomst(
        gegevens,
        mag_schrijven=False,
        grondslag=policy.herkomst_grondslag(traject),
        verzoeken=verzoeken,
        opvragen_bij=[s for s in scholen if s.pk not in open_bij]
        if policy.mag_herkomst_opvragen(user, traject)
        else [],
    )


def toestemmingenregister(traject):
    """Every grondslag of the traject, the kennisgeving included, newest first per part."""
    return traject.toestemmingen.select_related("ontvanger", "vastgelegd_door", "ingetrokken_door").order_by(
        "categorie", "ontvanger__naam", "-vastgelegd_op"
    )


# How the youth's list names the parts and the ways of reading, in plain Dutch.
DELEN_VOOR_JONGERE = {
    Categorie.ONDERWIJSINFORMATIE: gettext_lazy("de gegevens over je school en opleiding"),
    Categorie.BEGELEIDINGSBEHOEFTE: gettext_lazy("wat je nodig hebt aan begeleiding"),
    Categorie.VEILIGHEIDSSIGNALEN: gettext_lazy("de afspraken over veiligheid"),
    policy.HERKOMST: gettext_lazy("de gegevens van je vorige school"),
    "dossier": gettext_lazy("je dossier"),
    "onbekend": gettext_lazy("je dossier"),
}


def terugvragen(user, traject) -> list:
    """The requests to delete copies of documents of this traject, for who reads its log."""
    from overdracht.models import Terugvraag

    if not policy.mag_raadplegingen_zien(user, traject):
        return []
    return list(
        Terugvraag.objects.filter(overdracht__traject=traject).select_related(
            "overdracht__ontvanger", "overdracht__ontvanger_organisatie"
        )
    )


# One whole sentence per way of reading (word order differs per action).
ZINNEN_VOOR_JONGERE = {
    "bekijken": gettext_lazy("%(wie)s heeft %(deel)s bekeken."),
    "geschiedenis": gettext_lazy("%(wie)s heeft eerdere versies van %(deel)s bekeken."),
    "pdf": gettext_lazy("%(wie)s heeft %(deel)s gekregen in een overdrachtsdocument."),
    "pdf_voor": gettext_lazy("%(wie)s heeft %(deel)s in een overdrachtsdocument meegegeven aan %(ontvanger)s."),
    "api": gettext_lazy("%(wie)s heeft %(deel)s opgevraagd via een ander systeem."),
    "afdrukken": gettext_lazy("%(wie)s heeft %(deel)s afgedrukt."),
}
GEWEIGERD_VOOR_JONGERE = gettext_lazy(
    "%(wie)s probeerde %(deel)s te bekijken. Dat is niet gelukt: daar was geen toestemming voor."
)


# The youth's list: one line per who, what, what happened and day. A page shows this many
# lines; the PDF (made in the background) at most PDF_MAX_REGELS, the most recent.
REGELS_PER_PAGINA = 100
PDF_MAX_REGELS = 2000


@dataclass
class Regel:
    """One line of the youth's list: what one person did with one part on one day, how often
    (``aantal``) and between which times."""

    dag: dt.date
    eerste: dt.datetime
    laatste: dt.datetime
    aantal: int
    zin: str
    waarom: str
    geweigerd: bool


def _waarom(grondslag, datum_gegeven=None, toelichting="") -> str:
    if grondslag in (None, ""):
        return ""
    datum = date_format(datum_gegeven, "j F Y") if datum_gegeven else ""
    if grondslag == "toestemming_jongere":
        return _("Dat mocht omdat jij daar op %(datum)s toestemming voor gaf.") % {"datum": datum}
    if grondslag == "toestemming_ouder":
        return _("Dat mocht omdat je ouder of voogd daar op %(datum)s toestemming voor gaf.") % {"datum": datum}
    if grondslag == "leerplicht":
        return _("Dat mocht omdat je leerplichtig bent: scholen mogen dan gegevens over je onderwijs delen.")
    return _("Dat mocht omdat de wet het toestaat (%(wet)s).") % {"wet": toelichting}


# What the youth's list groups by: who (person, organisation, rol), what (the part), what
# happened (the way of reading, or "geweigerd": every refused attempt reads alike), on which
# grondslag and to whom (a document), and the day in Amsterdam. The names come along, so the
# list is one query.
GROEPERING = (
    "dag",
    "wat",
    "actor_id",
    "actor__first_name",
    "actor__last_name",
    "actor__username",
    "organisatie_id",
    "organisatie__naam",
    "rol",
    "categorie",
    "grondslag_id",
    "grondslag__grondslag",
    "grondslag__datum_gegeven",
    "grondslag__toelichting",
    "ontvanger_id",
    "ontvanger__naam",
    "ontvanger_persoon_id",
    "ontvanger_persoon__first_name",
    "ontvanger_persoon__last_name",
    "ontvanger_persoon__username",
)


def raadplegingen_gegroepeerd(user, traject):
    """The traject's log grouped for the youth, newest day first, in the database (GROUP BY the
    day in Europe/Amsterdam, with the count and the first and last time): a flood of refused
    attempts by one person on one day is one line. Empty for who may not see the log."""
    return (
        policy.raadplegingen_zichtbaar_voor(user, traject)
        .order_by()
        .annotate(
            dag=TruncDate("tijdstip", tzinfo=ZoneInfo(settings.TIME_ZONE)),
            wat=Case(When(geweigerd=True, then=Value("geweigerd")), default=F("actie")),
        )
        .values(*GROEPERING)
        # A row of counted repeats (toegang.policy.raadpleging) stands for ``aantal`` refusals
        # up to ``tot``.
        .annotate(keer=Sum("aantal"), eerste=Min("tijdstip"), laatste=Max(Coalesce("tot", "tijdstip")))
        .order_by("-dag", "-laatste", "actor_id", "categorie", "wat")
    )


def _naam(rij, voorvoegsel) -> str:
    naam = f"{rij[voorvoegsel + 'first_name']} {rij[voorvoegsel + 'last_name']}".strip()
    return naam or rij[voorvoegsel + "username"]


def regel_voor_jongere(rij: dict) -> Regel:
    """One grouped row as a sentence for the youth."""
    rol = Rol(rij["rol"]).label if rij["rol"] in Rol.values else rij["rol"]
    organisatie = rij["organisatie__naam"] or _("een organisatie")
    naam = _naam(rij, "actor__")
    wie = f"{naam} ({rol}, {organisatie})" if rol else f"{naam} ({organisatie})"
    deel = str(DELEN_VOOR_JONGERE.get(rij["categorie"], rij["categorie"]))
    geweigerd = rij["wat"] == "geweigerd"
    actie = "pdf_voor" if rij["wat"] == "pdf" and rij["ontvanger_persoon_id"] else rij["wat"]
    sjabloon = GEWEIGERD_VOOR_JONGERE if geweigerd else ZINNEN_VOOR_JONGERE.get(actie, ZINNEN_VOOR_JONGERE["bekijken"])
    ontvanger = ""
    if rij["ontvanger_persoon_id"]:
        naam_ontvanger = _naam(rij, "ontvanger_persoon__")
        ontvanger = f"{naam_ontvanger} ({rij['ontvanger__naam']})" if rij["ontvanger_id"] else naam_ontvanger
    return Regel(
        dag=rij["dag"],
        eerste=rij["eerste"],
        laatste=rij["laatste"],
        aantal=rij["keer"],
        zin=str(sjabloon) % {"wie": wie, "deel": deel, "ontvanger": ontvanger},
        waarom=""
        if geweigerd
        else _waarom(rij["grondslag__grondslag"], rij["grondslag__datum_gegeven"], rij["grondslag__toelichting"]),
        geweigerd=geweigerd,
    )


def raadplegingen_voor_jongere(user, traject, *, aantal: int | None = None) -> list[Regel]:
    """The youth's list as sentences, newest day first (at most ``aantal`` lines)."""
    rijen = raadplegingen_gegroepeerd(user, traject)
    return [regel_voor_jongere(rij) for rij in (rijen[:aantal] if aantal is not None else rijen)]


def leesoverzicht_bestand(leesoverzicht) -> bytes:
    """The stored PDF of the youth's list (read on its own: it is large)."""
    return bytes(Leesoverzicht.objects.filter(pk=leesoverzicht.pk).values_list("bestand", flat=True).get())


@dataclass
class Versie:
    """One change of a part: when, by whom, what kind, and the fields that changed."""

    tijdstip: object
    wie: str
    soort: str  # "+", "~", "-"
    onderwerp: str
    wijzigingen: list[tuple[str, str, str]]  # (label, old, new)

    @property
    def soort_label(self) -> str:
        return {"+": _("aangemaakt"), "~": _("gewijzigd"), "-": _("verwijderd")}.get(self.soort, self.soort)


GESCHIEDENIS_MODELLEN = {
    Categorie.ONDERWIJSINFORMATIE: (Onderwijsinformatie, Resultaat),
    Categorie.BEGELEIDINGSBEHOEFTE: (Begeleidingsbehoefte,),
    Categorie.VEILIGHEIDSSIGNALEN: (Veiligheidssignaal,),
    Categorie.SCHOOLLOOPBAAN: (Inschrijving, Schoolcheckpoint, Nazorgafsluiting),
}
NIET_TONEN = {
    "id",
    "traject",
    "bijgewerkt_door",
    "bijgewerkt_op",
    "formulering_toelichting",
    "vastgelegd_door",
    "vastgelegd_op",
}


def _waarde(record, veld) -> str:
    waarde = getattr(record, veld.attname)
    if waarde in (None, ""):
        return "—"
    if isinstance(waarde, bool):
        return _("ja") if waarde else _("nee")
    if veld.choices:
        return str(dict(veld.flatchoices).get(waarde, waarde))
    if veld.is_relation:
        gerelateerd = getattr(record, veld.name)
        volledige_naam = getattr(gerelateerd, "get_full_name", None)  # a person: their name, not a login
        return (volledige_naam() or gerelateerd.username) if volledige_naam else str(gerelateerd)
    if isinstance(waarde, dt.date):
        return date_format(waarde, "j F Y")
    return str(waarde)


def _versies(model, **filter) -> list[Versie]:
    velden = [v for v in model._meta.concrete_fields if v.name not in NIET_TONEN]
    records = model.history.filter(**filter).select_related("history_user").order_by("id", "history_date", "history_id")
    versies: list[Versie] = []
    vorige: dict[int, object] = {}
    for record in records:
        oud = vorige.get(record.id)
        vorige[record.id] = record
        wijzigingen = [
            (str(v.verbose_name), _waarde(oud, v) if oud else "—", _waarde(record, v))
            for v in velden
            if oud is None or getattr(oud, v.attname) != getattr(record, v.attname)
        ]
        wijzigingen = [w for w in wijzigingen if w[1] != w[2]]
        if not wijzigingen and record.history_type == "~":
            continue
        gebruiker = record.history_user
        versies.append(
            Versie(
                tijdstip=record.history_date,
                wie=(gebruiker.get_full_name() or gebruiker.username) if gebruiker else _("het systeem"),
                soort=record.history_type,
                onderwerp=str(model._meta.verbose_name),
                wijzigingen=[] if record.history_type == "-" else wijzigingen,
            )
        )
    return versies


def geschiedenis(traject, categorie: str, *, alleen_actueel: bool = False) -> list[Versie]:
    """Every change of a part, newest first, with the changed fields (old → new). Only
    ``toegang.policy.categorie_lezen`` calls this (the reading is on record). With
    ``alleen_actueel`` the history of signals covers only the signals still shown."""
    versies = []
    for model in GESCHIEDENIS_MODELLEN[categorie]:
        filter = {"traject_id": traject.pk}
        if alleen_actueel and model is Veiligheidssignaal:
            filter["id__in"] = list(
                Veiligheidssignaal.objects.actueel().filter(traject=traject).values_list("pk", flat=True)
            )
        versies += _versies(model, **filter)
    return sorted(versies, key=lambda v: v.tijdstip, reverse=True)


def toestemming_geschiedenis(traject) -> list[Versie]:
    """Every change of the traject's grondslagen (no dossier content: for the regie)."""
    from trajecten.models import Toestemming

    return sorted(_versies(Toestemming, traject_id=traject.pk), key=lambda v: v.tijdstip, reverse=True)
