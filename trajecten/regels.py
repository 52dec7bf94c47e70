"""Pure rules of the field (no database): age, leerplicht and kwalificatieplicht.

- Leerplicht lasts until the end of the school year (31 July) in which the youth turns 16.
- Kwalificatieplicht follows it until the 18th birthday, or until a startkwalificatie
  (mbo 2, havo, vwo) is obtained.
"""

from __future__ import annotations

import datetime as dt

EINDE_SCHOOLJAAR = (7, 31)  # a Dutch school year runs from 1 August to 31 July


def verjaardag(geboortedatum: dt.date, leeftijd: int) -> dt.date:
    """The date on which someone born on ``geboortedatum`` reaches ``leeftijd`` (29 Feb → 1 Mar)."""
    jaar = geboortedatum.year + leeftijd
    try:
        return geboortedatum.replace(year=jaar)
    except ValueError:
        return dt.date(jaar, 3, 1)


def geboren_uiterlijk(op: dt.date, leeftijd: int) -> dt.date:
    """The last birth date of someone who has reached ``leeftijd`` on ``op`` (the inverse of
    ``verjaardag``: born on 29 February, one is of age on 1 March)."""
    jaar = op.year - leeftijd
    try:
        return op.replace(year=jaar)
    except ValueError:  # op is 29 February: in a common year the last such birth date is the 28th
        return dt.date(jaar, 2, 28)


# From 18 parents are involved only with the young person's own consent (seed 001).
MEERDERJARIG = 18


def leeftijd_op(geboortedatum: dt.date, op: dt.date) -> int:
    jaren = op.year - geboortedatum.year
    if op < verjaardag(geboortedatum, jaren):
        jaren -= 1
    return jaren


def leerplicht_einde(geboortedatum: dt.date) -> dt.date:
    """Last day of leerplicht: 31 July of the school year in which the youth turns 16."""
    zestien = verjaardag(geboortedatum, 16)
    maand, dag = EINDE_SCHOOLJAAR
    jaar = zestien.year + 1 if (zestien.month, zestien.day) > EINDE_SCHOOLJAAR else zestien.year
    return dt.date(jaar, maand, dag)


def is_leerplichtig(geboortedatum: dt.date, op: dt.date) -> bool:
    return verjaardag(geboortedatum, 5) <= op <= leerplicht_einde(geboortedatum)


def is_kwalificatieplichtig(geboortedatum: dt.date, startkwalificatie: bool, op: dt.date) -> bool:
    if startkwalificatie:
        return False
    return leerplicht_einde(geboortedatum) < op < verjaardag(geboortedatum, 18)
