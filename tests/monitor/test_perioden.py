"""The monitor's periods (issue 19, item 3): whole years or whole quarters of release, read
from their text, refused with a Dutch message when malformed, in the future or reversed."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from monitor.perioden import Periode, periode_lezen, reeks, standaard

VANDAAG = dt.date(2026, 12, 6)


@pytest.mark.parametrize(
    ("tekst", "periode", "begin", "einde"),
    [
        ("2025", Periode(2025), dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        ("2025-K1", Periode(2025, 1), dt.date(2025, 1, 1), dt.date(2025, 3, 31)),
        ("2024-K2", Periode(2024, 2), dt.date(2024, 4, 1), dt.date(2024, 6, 30)),
        ("2025-K3", Periode(2025, 3), dt.date(2025, 7, 1), dt.date(2025, 9, 30)),
        (" 2026-K4 ", Periode(2026, 4), dt.date(2026, 10, 1), dt.date(2026, 12, 31)),  # begun today
        ("2026", Periode(2026), dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
    ],
)
def test_a_whole_year_or_quarter_is_read(tekst, periode, begin, einde):
    gelezen = periode_lezen(tekst, vandaag=VANDAAG)
    assert gelezen == periode and (gelezen.begin, gelezen.einde) == (begin, einde)
    assert gelezen.code == tekst.strip()


@pytest.mark.parametrize(
    ("tekst", "code", "bericht"),
    [
        ("", "vorm", "heel jaar"),
        ("2025-Q2", "vorm", "heel kwartaal"),
        ("2025-K5", "vorm", "heel kwartaal"),
        ("2025-06", "vorm", "heel jaar"),  # a month would overlap a quarter
        ("'; DROP TABLE", "vorm", "heel jaar"),
        ("1999", "te_vroeg", "vanaf 2000"),
        ("2027", "toekomst", "toekomst"),
        ("2027-K1", "toekomst", "toekomst"),
    ],
)
def test_a_bad_period_is_refused_with_a_dutch_message(tekst, code, bericht):
    with pytest.raises(ValidationError) as fout:
        periode_lezen(tekst, vandaag=VANDAAG)
    assert fout.value.code == code and bericht in fout.value.messages[0]


def test_a_series_of_whole_periods():
    assert reeks(Periode(2024), Periode(2026), vandaag=VANDAAG) == [Periode(2024), Periode(2025), Periode(2026)]
    assert [p.code for p in reeks(Periode(2025, 3), Periode(2026, 2), vandaag=VANDAAG)] == [
        "2025-K3",
        "2025-K4",
        "2026-K1",
        "2026-K2",
    ]
    assert reeks(Periode(2025, 2), Periode(2025, 2), vandaag=VANDAAG) == [Periode(2025, 2)]


@pytest.mark.parametrize(
    ("van", "tot", "code"),
    [
        (Periode(2026), Periode(2025), "volgorde"),
        (Periode(2025, 3), Periode(2025, 2), "volgorde"),
        (Periode(2025), Periode(2025, 2), "soort"),
        (Periode(2026), Periode(2027), "toekomst"),
    ],
)
def test_a_bad_series_is_refused(van, tot, code):
    with pytest.raises(ValidationError) as fout:
        reeks(van, tot, vandaag=VANDAAG)
    assert fout.value.code == code


def test_the_default_is_the_last_three_whole_years():
    assert standaard(VANDAAG) == [Periode(2024), Periode(2025), Periode(2026)]
    assert str(Periode(2025, 2)) == "2e kwartaal 2025" and str(Periode(2025)) == "2025"


@pytest.mark.parametrize(
    ("gegevens", "perioden", "fouten"),
    [
        ({}, ["2024", "2025", "2026"], {}),  # the default: the last three years
        ({"van": "2025"}, ["2025"], {}),  # one bound stands for both
        ({"van": "2024", "tot": "2025"}, ["2024", "2025"], {}),
        ({"tot": "2025-K3"}, ["2025-K3"], {}),  # a quarter (suppressed against its year)
        ({"van": "2025-K4", "tot": "2026-K1"}, ["2025-K4", "2026-K1"], {}),
        ({"tot": "2025-K9"}, None, {"tot": 1}),  # the error at the field that holds it, once
        ({"van": "abc", "tot": "2030"}, None, {"van": 1, "tot": 1}),
        ({"van": "2026", "tot": "2024"}, None, {"tot": 1}),
    ],
)
def test_the_form_reads_each_bound_once(gegevens, perioden, fouten, monkeypatch):
    from django.utils import timezone

    from monitor.forms import PeriodeForm

    monkeypatch.setattr(timezone, "localdate", lambda: VANDAAG)
    form = PeriodeForm(gegevens)
    assert form.is_valid() == (perioden is not None)
    if perioden is not None:
        assert [p.code for p in form.cleaned_data["perioden"]] == perioden
    assert {veld: len(berichten) for veld, berichten in form.errors.items()} == fouten
