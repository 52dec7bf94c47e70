"""The netwerkkaart of a regio as a CSV file: export, and import with a dry run.

The file is what people make in Excel: semicolon-separated (a comma works too), UTF-8 or
Windows-1252, one row per contact person with their organisation. Roles, soorten and levels
are written in Dutch as on the page (the codes are accepted too). A row is matched on
organisation, role and name: the same row again changes nothing. The whole file is checked
first; a file with one bad row imports nothing, and a dry run never writes.

``kolommen`` holds the file's format, ``uitvoer`` the export, ``lezen`` reads and checks a
file's text, ``invoer`` checks and saves its rows through the services.
"""

from .invoer import Resultaat, Wijziging, importeren
from .kolommen import DATUMNOTATIE, KOLOMMEN, MAX_BYTES, MAX_REGELS
from .lezen import Bestandsfout, tekst_van
from .uitvoer import exporteren

__all__ = [
    "DATUMNOTATIE",
    "KOLOMMEN",
    "MAX_BYTES",
    "MAX_REGELS",
    "Bestandsfout",
    "Resultaat",
    "Wijziging",
    "exporteren",
    "importeren",
    "tekst_van",
]
