"""Import: every row checked and saved through the same services as the pages, all or nothing,
with what changed (or would change) per line."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from toegang import policy

from .. import services
from ..constants import ContactRol, Niveau, OrganisatieSoort, Rol
from ..models import Contactpersoon, Medewerker, Organisatie
from .kolommen import DATUMNOTATIE, KOLOMMEN, KOPPEN, VERPLICHT, _dutch_labels, _keuze
from .lezen import Bestandsfout, _datum, _decoderen, _lezen


@dataclass
class Wijziging:
    regel: int
    organisatie: str
    naam: str
    rol: str
    velden: list[tuple[str, str, str]] = field(default_factory=list)  # (veld, oud, nieuw)


@dataclass
class Resultaat:
    nieuw: list[Wijziging] = field(default_factory=list)
    gewijzigd: list[Wijziging] = field(default_factory=list)
    ongewijzigd: int = 0
    verwijderd: list[Wijziging] = field(default_factory=list)
    nieuwe_organisaties: list[str] = field(default_factory=list)
    gewijzigde_organisaties: list[str] = field(default_factory=list)
    fouten: list[tuple[int | None, str]] = field(default_factory=list)  # (regel, melding)
    opmerkingen: list[tuple[int, str]] = field(default_factory=list)
    uitgevoerd: bool = False

    @property
    def per_regel(self) -> list[tuple[str, Wijziging]]:
        """New and changed contacts in the order of the file, then the removed ones."""
        regels = [("nieuw", w) for w in self.nieuw] + [("gewijzigd", w) for w in self.gewijzigd]
        return sorted(regels, key=lambda r: r[1].regel) + [("verwijderd", w) for w in self.verwijderd]

    @property
    def heeft_wijzigingen(self) -> bool:
        return bool(
            self.nieuw or self.gewijzigd or self.verwijderd or self.nieuwe_organisaties or self.gewijzigde_organisaties
        )


def _meldingen(fout: ValidationError) -> list[str]:
    if not hasattr(fout, "error_dict"):
        return fout.messages
    return [
        m if veld == NON_FIELD_ERRORS else f"{KOPPEN.get(veld, veld)}: {m}"
        for veld, lijst in fout.message_dict.items()
        for m in lijst
    ]


class _Import:
    def __init__(self, actor, regio, *, velden: list[str], verwijder_ontbrekende: bool):
        self.actor, self.regio, self.verwijder_ontbrekende = actor, regio, verwijder_ontbrekende
        self.velden = set(velden)  # a column that is not in the file changes nothing
        self.resultaat = Resultaat()
        self.organisaties: dict[str, Organisatie] = {
            o.naam.casefold(): o for o in Organisatie.objects.filter(regio=regio).select_related("jji")
        }
        self.namen: dict[str, str] = {}  # as written in the file
        self.mislukt: dict[str, int] = {}  # organisations with an error, by their first line
        self.bestaand = set(
            Contactpersoon.objects.filter(organisatie__regio=regio, organisatie__actief=True).values_list(
                "pk", flat=True
            )
        )
        self.gezien: set[int] = set()
        self.gebruikers: dict[int, list[Medewerker]] = {}  # active users per organisation, for _naamgenoot

    def fout(self, regel: int | None, melding: str) -> None:
        self.resultaat.fouten.append((regel, melding))

    # Organisations first: a JJI-school names its JJI, which may come later in the file.
    def organisaties_bijwerken(self, rijen) -> None:
        gezien: dict[str, tuple[int, str, str, str]] = {}  # first line, soort, plaats, JJI as written
        for regel, w in rijen:
            if "__fout__" in w or not w.get("organisatie"):
                continue
            sleutel = w["organisatie"].casefold()
            eigen = (w.get("soort", ""), w.get("plaats", ""), w.get("jji", ""))
            if sleutel not in gezien:
                gezien[sleutel] = (regel, *eigen)
                self.namen[sleutel] = w["organisatie"]
            elif _vergelijkbaar(gezien[sleutel][1:]) != _vergelijkbaar(eigen):
                self.fout(
                    regel,
                    _("De gegevens van %(org)s verschillen van die op regel %(eerder)s (soort, plaats of JJI).")
                    % {"org": w["organisatie"], "eerder": gezien[sleutel][0]},
                )
                self.mislukt.setdefault(sleutel, gezien[sleutel][0])
        # A JJI before its school.
        volgorde = sorted(gezien.items(), key=lambda item: _keuze(OrganisatieSoort, item[1][1]) == "jji_school")
        for sleutel, (regel, soort, plaats, jji_naam) in volgorde:
            if sleutel in self.mislukt:
                continue
            try:
                with transaction.atomic():
                    self._organisatie(sleutel, soort, plaats, jji_naam)
            except ValidationError as fout:
                self.mislukt[sleutel] = regel
                for melding in _meldingen(fout):
                    self.fout(regel, f"{self.namen[sleutel]}: {melding}")

    def _organisatie(self, sleutel, soort_tekst, plaats, jji_naam) -> None:
        naam = self.namen[sleutel]
        soort = _keuze(OrganisatieSoort, soort_tekst)
        if soort is None:
            raise ValidationError(
                _("onbekende soort organisatie '%(soort)s'. Kies uit: %(soorten)s.")
                % {"soort": soort_tekst, "soorten": ", ".join(_dutch_labels(OrganisatieSoort).values())}
            )
        jji = None
        if jji_naam:
            if jji_naam.casefold() in self.mislukt:
                raise ValidationError(
                    _("de JJI '%(jji)s' heeft zelf een fout (regel %(regel)s).")
                    % {"jji": jji_naam, "regel": self.mislukt[jji_naam.casefold()]}
                )
            jji = self.organisaties.get(jji_naam.casefold())
            if jji is None:
                raise ValidationError(
                    _("de JJI '%(jji)s' staat niet in deze regio of in het bestand.") % {"jji": jji_naam}
                )
        bestaand = self.organisaties.get(sleutel)
        if bestaand is None:
            org = Organisatie(naam=naam, soort=soort, regio=self.regio, plaats=plaats, jji=jji)
            services.organisatie_opslaan(actor=self.actor, organisatie=org)
            self.organisaties[sleutel] = org
            self.resultaat.nieuwe_organisaties.append(naam)
            return
        if not bestaand.actief:
            raise ValidationError(_("deze organisatie is niet meer actief."))
        if bestaand.soort != soort:
            raise ValidationError(
                _("staat in de regio als %(soort)s, niet als %(anders)s.")
                % {"soort": bestaand.get_soort_display(), "anders": OrganisatieSoort(soort).label}
            )
        # Only the columns that are in the file change something.
        nieuwe_plaats = plaats if "plaats" in self.velden else bestaand.plaats
        nieuwe_jji = jji if "jji" in self.velden else bestaand.jji
        if (bestaand.plaats.casefold(), bestaand.jji_id) != (
            nieuwe_plaats.casefold(),
            nieuwe_jji.pk if nieuwe_jji else None,
        ):
            bestaand.plaats, bestaand.jji = nieuwe_plaats, nieuwe_jji
            services.organisatie_opslaan(actor=self.actor, organisatie=bestaand)
            self.resultaat.gewijzigde_organisaties.append(bestaand.naam)

    def contacten_bijwerken(self, rijen) -> None:
        sleutels: dict[tuple[int, str, str], int] = {}
        for regel, w in rijen:
            if "__fout__" in w:
                self.fout(regel, w["__fout__"])
                continue
            if self.mislukt.get(w.get("organisatie", "").casefold()) == regel:
                continue  # the organisation's error on this line says it already
            try:
                with transaction.atomic():
                    sleutel = self._contact(regel, w, sleutels)
                if sleutel is None:
                    continue
            except ValidationError as fout:
                for melding in _meldingen(fout):
                    self.fout(regel, melding)
            except PermissionDenied:
                self.fout(regel, _("Je mag de contactpersonen van %(org)s niet bijhouden.") % {"org": w["organisatie"]})
            else:
                if sleutel is not None:
                    sleutels[sleutel] = regel

    def _contact(self, regel, w, sleutels) -> tuple[int, str, str] | None:
        if not w.get("rol") and not w.get("naam"):
            return None  # a row with only an organisation
        ontbreekt = [kop for kop, veld in KOLOMMEN if veld in VERPLICHT and not w.get(veld)]
        if ontbreekt:
            raise ValidationError(_("vul in: %(kolommen)s.") % {"kolommen": ", ".join(ontbreekt)})
        if w["organisatie"].casefold() in self.mislukt:
            raise ValidationError(
                _("de gegevens van de organisatie %(org)s kloppen niet (zie regel %(regel)s).")
                % {"org": w["organisatie"], "regel": self.mislukt[w["organisatie"].casefold()]}
            )
        org = self.organisaties[w["organisatie"].casefold()]
        rol = _keuze(ContactRol, w["rol"])
        if rol is None:
            raise ValidationError(
                _("onbekende rol '%(rol)s'. Kies uit: %(rollen)s.")
                % {"rol": w["rol"], "rollen": ", ".join(_dutch_labels(ContactRol).values())}
            )
        sleutel = (org.pk, rol, w["naam"].casefold())
        if sleutel in sleutels:
            raise ValidationError(
                _("deze contactpersoon staat al op regel %(regel)s (zelfde organisatie, rol en naam).")
                % {"regel": sleutels[sleutel]}
            )
        contact = Contactpersoon.objects.filter(organisatie=org, rol=rol, naam__iexact=w["naam"]).first()
        nieuw = self._contactvelden(regel, w, org, contact)
        wijziging = Wijziging(regel, org.naam, w["naam"], _dutch_labels(ContactRol)[rol])
        bevestigd_op = nieuw.get("bevestigd_op")
        if contact is None:
            contact = Contactpersoon(organisatie=org, rol=rol, naam=w["naam"], **nieuw)
            services.contactpersoon_opslaan(actor=self.actor, contactpersoon=contact, bevestigd_op=bevestigd_op)
            self.resultaat.nieuw.append(wijziging)
            return sleutel
        for veld, waarde in nieuw.items():
            oud = getattr(contact, veld)
            if oud != waarde:
                wijziging.velden.append((KOPPEN.get(veld, veld), _tekst(oud), _tekst(waarde)))
                setattr(contact, veld, waarde)
        if contact.naam != w["naam"]:
            wijziging.velden.append(("naam", contact.naam, w["naam"]))
            contact.naam = w["naam"]
        if wijziging.velden:
            services.contactpersoon_opslaan(actor=self.actor, contactpersoon=contact, bevestigd_op=bevestigd_op)
            self.resultaat.gewijzigd.append(wijziging)
        else:
            self.resultaat.ongewijzigd += 1
        self.gezien.add(contact.pk)
        return sleutel

    def _contactvelden(self, regel, w, org, contact) -> dict:
        """The contact's fields from the columns that are in the file."""
        nieuw = {
            veld: w.get(veld, "") for veld in ("functie", "telefoon", "email", "bereikbaarheid") if veld in self.velden
        }
        if "niveau" in self.velden:
            nieuw["niveau"] = _keuze(Niveau, w.get("niveau") or Niveau.UITVOERING)
            if nieuw["niveau"] is None:
                raise ValidationError(_("onbekend niveau '%(niveau)s' (bestuurlijk, management of uitvoering).") % w)
        if "bevestigd_op" in self.velden and w.get("bevestigd_op"):
            nieuw["bevestigd_op"] = _datum(w["bevestigd_op"])
        if "gebruikersnaam" in self.velden:
            nieuw["medewerker"] = self._gebruiker(regel, w, org, contact)
        gekoppeld = nieuw.get("medewerker", contact.medewerker if contact else None)
        if gekoppeld is None and not w.get("gebruikersnaam"):
            self._naamgenoot(regel, w, org)
        if "email" in nieuw and gekoppeld is not None and gekoppeld.user.email:
            nieuw["email"] = self._een_adres(regel, w, gekoppeld)
        return nieuw

    def _een_adres(self, regel, w, medewerker) -> str:
        """One address per person: a contact linked to a user keeps none of its own (the map
        shows the user's). Another address in the file is not taken; the beheerder hears why."""
        adres = medewerker.user.email
        if w.get("email") and w["email"].casefold() != adres.casefold():
            self.resultaat.opmerkingen.append(
                (
                    regel,
                    _(
                        "%(naam)s: gebruiker van de app; de kaart toont het e-mailadres van de gebruiker (%(adres)s), "
                        "niet %(bestand)s uit het bestand. Een ander adres wijzigt de functioneel beheerder bij de "
                        "gebruiker (vier ogen)."
                    )
                    % {"naam": w["naam"], "adres": adres, "bestand": w["email"]},
                )
            )
        return ""

    def _naamgenoot(self, regel, w, org) -> None:
        """A contact without a user that is, by name, the one user of the organisation: point it
        out (linking it gives one e-mail address); nothing is linked by a name alone."""
        if org.pk not in self.gebruikers:
            self.gebruikers[org.pk] = list(
                Medewerker.objects.select_related("user")
                .filter(organisatie=org, user__is_active=True)
                .exclude(rol=Rol.SYSTEEM)
            )
        gebruikers = [m for m in self.gebruikers[org.pk] if _zelfde_naam(m.naam, w["naam"])]
        if len(gebruikers) == 1:
            self.resultaat.opmerkingen.append(
                (
                    regel,
                    _(
                        "%(naam)s lijkt gebruiker '%(gebruiker)s' van de app: vul de kolom gebruikersnaam in, dan "
                        "toont de kaart één e-mailadres (dat van de gebruiker)."
                    )
                    % {"naam": w["naam"], "gebruiker": gebruikers[0].user.username},
                )
            )

    def _gebruiker(self, regel, w, org, contact):
        if not w.get("gebruikersnaam"):
            return None
        medewerker = (
            Medewerker.objects.select_related("user")
            .filter(organisatie=org, user__username__iexact=w["gebruikersnaam"])
            .first()
        )
        # A person who left stays linked to their entry (the map flags them), but is not newly linked.
        if medewerker is not None and (
            medewerker.user.is_active or (contact is not None and contact.medewerker_id == medewerker.pk)
        ):
            return medewerker
        self.resultaat.opmerkingen.append(
            (
                regel,
                _(
                    "%(naam)s: geen actieve gebruiker '%(gebruiker)s' bij %(org)s; de contactpersoon komt "
                    "op de kaart zonder koppeling aan een gebruiker."
                )
                % {"naam": w["naam"], "gebruiker": w["gebruikersnaam"], "org": org.naam},
            )
        )
        return None

    def ontbrekende_verwijderen(self) -> None:
        """Only within the organisations that are in the file: a file of one organisation does
        not empty the others."""
        in_bestand = [org.pk for sleutel, org in self.organisaties.items() if sleutel in self.namen and org.pk]
        weg = Contactpersoon.objects.filter(
            pk__in=self.bestaand - self.gezien, organisatie_id__in=in_bestand
        ).select_related("organisatie")
        for contact in weg.order_by("organisatie__naam", "naam"):
            wijziging = Wijziging(0, contact.organisatie.naam, contact.naam, contact.get_rol_display())
            try:
                with transaction.atomic():
                    services.contactpersoon_verwijderen(actor=self.actor, contactpersoon=contact)
            except ValidationError as fout:
                self.fout(None, " ".join(fout.messages))
            else:
                self.resultaat.verwijderd.append(wijziging)

    def uitvoeren(self, rijen) -> None:
        self.organisaties_bijwerken(rijen)
        self.contacten_bijwerken(rijen)
        if self.verwijder_ontbrekende:
            self.ontbrekende_verwijderen()


def _zelfde_naam(een: str, ander: str) -> bool:
    return " ".join(een.split()).casefold() == " ".join(ander.split()).casefold()


def _vergelijkbaar(gegevens: tuple[str, str, str]) -> tuple:
    soort, plaats, jji = gegevens
    return (_keuze(OrganisatieSoort, soort) or soort, plaats.casefold(), jji.casefold())


def _tekst(waarde) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, dt.date):
        return waarde.strftime(DATUMNOTATIE)
    if isinstance(waarde, Medewerker):
        return waarde.user.username
    niveaus = _dutch_labels(Niveau)
    return niveaus.get(waarde, str(waarde))


def importeren(*, actor, regio, data: bytes, proef: bool, verwijder_ontbrekende: bool = False) -> Resultaat:
    """Import a regio's netwerkkaart from CSV bytes, all or nothing.

    Every row goes through the same services as the pages (rules, permissions, history), in
    one transaction that is rolled back for a dry run (``proef``) or when any row is wrong;
    the result says what was, or would be, changed, and which lines are wrong and why."""
    if not policy.mag_regio_beheren(actor, regio):
        raise PermissionDenied
    resultaat = Resultaat()
    try:
        velden, rijen = _lezen(_decoderen(data))
    except Bestandsfout as fout:
        resultaat.fouten.append((None, str(fout)))
        return resultaat
    if not rijen:
        resultaat.fouten.append((None, _("Het bestand heeft geen regels met contactpersonen.")))
        return resultaat
    with transaction.atomic():
        werk = _Import(actor, regio, velden=velden, verwijder_ontbrekende=verwijder_ontbrekende)
        werk.uitvoeren(rijen)
        resultaat = werk.resultaat
        resultaat.fouten.sort(key=lambda f: (f[0] is None, f[0] or 0))
        if proef or resultaat.fouten:
            transaction.set_rollback(True)
        else:
            resultaat.uitgevoerd = True
    return resultaat
