"""Export: the regio's netwerkkaart as CSV text."""

from __future__ import annotations

import csv
import io

from ..constants import ContactRol, Niveau, OrganisatieSoort
from ..models import Contactpersoon, Organisatie
from .kolommen import DATUMNOTATIE, KOLOMMEN, _dutch_labels, _veilig


def exporteren(regio) -> str:
    """The regio's netwerkkaart as CSV text (semicolons, Dutch headings and labels). A contact
    linked to a user has that user's e-mail address (importing the file again keeps it so)."""
    rollen, soorten, niveaus = _dutch_labels(ContactRol), _dutch_labels(OrganisatieSoort), _dutch_labels(Niveau)
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=";", lineterminator="\r\n")
    schrijver.writerow([kop for kop, _veld in KOLOMMEN])
    contacten = (
        Contactpersoon.objects.filter(organisatie__regio=regio, organisatie__actief=True)
        .select_related("organisatie__jji", "medewerker__user")
        .order_by("organisatie__naam", "rol", "naam")
    )
    rijen = []
    for c in contacten:
        org = c.organisatie
        rijen.append(
            [
                org.naam,
                soorten[org.soort],
                org.plaats,
                org.jji.naam if org.jji_id else "",
                rollen[c.rol],
                c.naam,
                c.functie,
                c.telefoon,
                c.email_adres,  # one address per person: a user's own
                c.bereikbaarheid,
                niveaus[c.niveau],
                c.medewerker.user.username if c.medewerker_id else "",
                c.bevestigd_op.strftime(DATUMNOTATIE),
            ]
        )
    # Organisations without contacts too (a JJI-school's JJI must be in the file): a row
    # without rol and naam.
    zonder = (
        Organisatie.objects.filter(regio=regio, actief=True)
        .exclude(contactpersonen__isnull=False)
        .select_related("jji")
    )
    for org in zonder:
        rijen.append(
            [org.naam, soorten[org.soort], org.plaats, org.jji.naam if org.jji_id else ""] + [""] * (len(KOLOMMEN) - 4)
        )
    rijen.sort(key=lambda r: (r[0].casefold(), r[4], r[5]))
    for rij in rijen:
        schrijver.writerow([_veilig(cel) for cel in rij])
    return uit.getvalue()
