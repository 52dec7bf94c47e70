"""The file's format: its columns, limits and date notation, the Dutch labels of the choices,
and the quoting that keeps Excel from running a cell as a formula."""

from __future__ import annotations

from django.utils import translation

# (column heading, field of Contactpersoon or of its organisation)
KOLOMMEN = [
    ("organisatie", "organisatie"),
    ("soort organisatie", "soort"),
    ("plaats", "plaats"),
    ("hoort bij JJI", "jji"),
    ("rol", "rol"),
    ("naam", "naam"),
    ("functie", "functie"),
    ("telefoon", "telefoon"),
    ("e-mail", "email"),
    ("bereikbaarheid", "bereikbaarheid"),
    ("niveau", "niveau"),
    ("gebruikersnaam", "gebruikersnaam"),
    ("laatst bevestigd op", "bevestigd_op"),
]
KOPPEN = {veld: kop for kop, veld in KOLOMMEN} | {"medewerker": "gebruikersnaam"}
VERPLICHT = {"organisatie", "soort", "rol", "naam"}
CONTACTVELDEN = ["functie", "telefoon", "email", "bereikbaarheid", "niveau", "medewerker", "bevestigd_op"]
MAX_BYTES = 500_000  # also through the confirm step's form field, well under Django's upload limit
MAX_REGELS = 2000
DATUMNOTATIE = "%d-%m-%Y"


def _dutch_labels(keuzes) -> dict[str, str]:
    with translation.override("nl"):
        return {waarde: str(label) for waarde, label in keuzes.choices}


def _kop(tekst: str) -> str:
    return " ".join(tekst.replace("\ufeff", "").strip().lower().replace("_", " ").split())


# Excel runs a cell that starts with one of these as a formula; the export quotes them with
# an apostrophe (which Excel hides) and the import takes it off again.
FORMULETEKENS = ("=", "+", "-", "@")


def _veilig(waarde: str) -> str:
    return "'" + waarde if waarde.startswith(FORMULETEKENS) else waarde


def _ontsmet(waarde: str) -> str:
    return waarde[1:] if waarde.startswith("'") and waarde[1:].startswith(FORMULETEKENS) else waarde


def _keuze(keuzes, tekst: str) -> str | None:
    """A value by its Dutch label or its code, case-insensitive; None when unknown."""
    gezocht = _kop(tekst)
    for waarde, label in _dutch_labels(keuzes).items():
        if gezocht in (_kop(waarde), _kop(label)):
            return waarde
    return None
