"""Reading a file: its bytes to text, the heading row checked, the rows to values per field,
and a cell's date. A file that cannot be read as a whole raises ``Bestandsfout``."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from .kolommen import DATUMNOTATIE, KOLOMMEN, MAX_BYTES, MAX_REGELS, VERPLICHT, _kop, _ontsmet


class Bestandsfout(Exception):
    """The file as a whole cannot be read (encoding, headings, size)."""


def _decoderen(data: bytes) -> str:
    if not data.strip():
        raise Bestandsfout(_("Het bestand is leeg."))
    if len(data) > MAX_BYTES:
        raise Bestandsfout(_("Het bestand is groter dan 0,5 MB. Splits het per organisatie."))
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise Bestandsfout(
            _(
                "Dit bestand is opgeslagen als 'Unicode-tekst' (UTF-16). Sla het in Excel op als "
                "'CSV (gescheiden door lijstscheidingsteken)' of 'CSV UTF-8'."
            )
        )
    if data[:4] == b"PK\x03\x04" or b"\x00" in data:
        raise Bestandsfout(
            _("Dit is geen CSV-bestand. Sla het in Excel op als 'CSV (gescheiden door lijstscheidingsteken)'.")
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves CSV as Windows-1252.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError as fout:
            raise Bestandsfout(_("De tekens in dit bestand zijn niet te lezen (geen UTF-8 of Windows-1252).")) from fout


def tekst_van(data: bytes) -> str:
    """The text of a file that was read without errors (for the confirm step)."""
    return _decoderen(data)


def _lezen(tekst: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    eerste = tekst.splitlines()[0] if tekst.splitlines() else ""
    scheiding = ";" if eerste.count(";") >= eerste.count(",") else ","
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding)
    try:
        koppen = [_kop(k) for k in next(lezer)]
    except (StopIteration, csv.Error) as fout:
        raise Bestandsfout(_("De eerste regel met kolomnamen ontbreekt.")) from fout
    bekend = {_kop(kop): veld for kop, veld in KOLOMMEN}
    onbekend = [k for k in koppen if k and k not in bekend]
    if onbekend:
        raise Bestandsfout(
            _("Onbekende kolom(men): %(kolommen)s. Gebruik de kolommen van de export: %(verwacht)s.")
            % {"kolommen": ", ".join(onbekend), "verwacht": "; ".join(k for k, _v in KOLOMMEN)}
        )
    dubbel = sorted({k for k in koppen if k and koppen.count(k) > 1})
    if dubbel:
        raise Bestandsfout(_("Deze kolommen staan er twee keer in: %(kolommen)s.") % {"kolommen": ", ".join(dubbel)})
    velden = [bekend.get(k, "") for k in koppen]
    ontbrekend = [kop for kop, veld in KOLOMMEN if veld in VERPLICHT and veld not in velden]
    if ontbrekend:
        raise Bestandsfout(_("Deze kolommen ontbreken: %(kolommen)s.") % {"kolommen": ", ".join(ontbrekend)})
    rijen = []
    begin = lezer.line_num + 1
    try:
        for rij in lezer:
            regel, begin = begin, lezer.line_num + 1  # a quoted cell may span lines: name the first
            if not any(cel.strip() for cel in rij):
                continue
            if len(rijen) >= MAX_REGELS:
                raise Bestandsfout(
                    _("Het bestand heeft meer dan %(max)s regels. Splits het per organisatie.") % {"max": MAX_REGELS}
                )
            if len(rij) > len(velden) and any(cel.strip() for cel in rij[len(velden) :]):
                rijen.append((regel, {"__fout__": _("Deze regel heeft meer kolommen dan de kopregel.")}))
                continue
            if any("\n" in cel or "\r" in cel for cel in rij):
                rijen.append(
                    (regel, {"__fout__": _("Een cel bevat een regeleinde; zet alles van een cel op één regel.")})
                )
                continue
            waarden = {veld: _ontsmet(rij[i]).strip() if i < len(rij) else "" for i, veld in enumerate(velden) if veld}
            rijen.append((regel, waarden))
    except csv.Error as fout:
        raise Bestandsfout(_("Regel %(regel)s is geen geldige CSV-regel.") % {"regel": lezer.line_num}) from fout
    return [v for v in velden if v], rijen


def _datum(tekst: str) -> dt.date:
    for notatie in (DATUMNOTATIE, "%Y-%m-%d", "%d/%m/%Y"):
        try:
            datum = dt.datetime.strptime(tekst, notatie).date()  # noqa: DTZ007 (a date, no time)
        except ValueError:
            continue
        if datum > timezone.localdate():
            raise ValidationError(_("'laatst bevestigd op' ligt in de toekomst."))
        return datum
    raise ValidationError(_("'%(tekst)s' is geen datum (dd-mm-jjjj).") % {"tekst": tekst})
