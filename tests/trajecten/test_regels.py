"""Leerplicht and kwalificatieplicht, table-driven (DOMAIN.md "Rules of the field")."""

import datetime as dt

import pytest

from trajecten import regels

D = dt.date


@pytest.mark.parametrize(
    ("geboortedatum", "einde"),
    [
        (D(2010, 3, 15), D(2026, 7, 31)),  # 16 in March 2026: end of school year 2025/26
        (D(2010, 7, 31), D(2026, 7, 31)),  # 16 on the last day of the school year
        (D(2010, 8, 1), D(2027, 7, 31)),  # 16 on the first day of a new school year
        (D(2010, 12, 1), D(2027, 7, 31)),
        (D(2008, 2, 29), D(2024, 7, 31)),  # leap day
    ],
)
def test_leerplicht_einde(geboortedatum, einde):
    assert regels.leerplicht_einde(geboortedatum) == einde


@pytest.mark.parametrize(
    ("geboortedatum", "startkwalificatie", "op", "leerplichtig", "kwalificatieplichtig"),
    [
        (D(2010, 3, 15), False, D(2026, 7, 31), True, False),
        (D(2010, 3, 15), False, D(2026, 8, 1), False, True),
        (D(2010, 3, 15), True, D(2026, 8, 1), False, False),
        (D(2010, 3, 15), False, D(2028, 3, 14), False, True),
        (D(2010, 3, 15), False, D(2028, 3, 15), False, False),  # 18th birthday
        (D(2020, 1, 1), False, D(2024, 12, 31), False, False),  # under 5
    ],
)
def test_leerplicht_en_kwalificatieplicht(geboortedatum, startkwalificatie, op, leerplichtig, kwalificatieplichtig):
    assert regels.is_leerplichtig(geboortedatum, op) is leerplichtig
    assert regels.is_kwalificatieplichtig(geboortedatum, startkwalificatie, op) is kwalificatieplichtig


@pytest.mark.parametrize(
    ("geboortedatum", "op", "leeftijd"),
    [(D(2008, 2, 29), D(2024, 2, 28), 15), (D(2008, 2, 29), D(2024, 3, 1), 16), (D(2010, 5, 5), D(2026, 5, 5), 16)],
)
def test_leeftijd(geboortedatum, op, leeftijd):
    assert regels.leeftijd_op(geboortedatum, op) == leeftijd
