"""The monitor's suppression rule (issue 19, item 3), table-driven: each expected table is
worked out by hand in the comment above it. ``X`` marks a hidden figure ("x")."""

import pytest

from monitor.onderdrukking import DREMPEL, Cel, mediaan, percentage, tabel, telling

X = None


def _getoond(t):
    """The shown table with its totals: rows with their total, then the column totals and the
    grand total (``X`` where suppressed)."""
    rijen = [[c.waarde for c in rij] + [tot.waarde] for rij, tot in zip(t.cellen, t.rijtotalen, strict=True)]
    return [*rijen, [c.waarde for c in t.kolomtotalen] + [t.totaal.waarde]]


TABELLEN = {
    # Nothing below 5: everything shown, totals too.
    "alles groot genoeg": ([[10, 20], [30, 40]], [[10, 20, 30], [30, 40, 70], [40, 60, 100]]),
    # 3 is below 5. Row 0 (3, 20 | 23) then has one suppressed: its smallest other, 20, goes.
    # Column 0 (3, 30 | 33): 30 goes. Column 1 (20, 40 | 60): 40 goes. Row 1 then has two.
    # Left: a+b=23, c+d=70, a+c=33, b+d=60 — three equations, four unknowns.
    "secundair in rij en kolom": ([[3, 20], [30, 40]], [[X, X, 23], [X, X, 70], [33, 60, 93]]),
    # Yes/no of one cohort: 2 of 10. The complement 8 would give the 2 away from the total 10.
    "complement": ([[2, 8]], [[X, X, 10], [X, X, 10]]),
    # A zero is a count below 5 too ("nobody in this group" says something about each).
    "nul": ([[0, 12], [6, 9]], [[X, X, 12], [X, X, 15], [6, 21, 27]]),
    # A total below 5: its whole line goes.
    "totaal te klein": ([[1, 2]], [[X, X, X], [X, X, X]]),
    # Column 0's total (3) would follow from the grand total minus column 1's (25 - 22):
    # it goes with 22; rows 0 and 1 each lose their other cell; row totals stay.
    "kolomtotaal via eindtotaal": ([[2, 10], [1, 12]], [[X, X, 12], [X, X, 13], [X, X, 25]]),
    # Three columns: the 4 in row 0 takes the smallest other of its row (6), and then
    # column 0 (4, 9) and column 1 (6, 7) each lose their other cell; row 1 keeps 11.
    "drie kolommen": (
        [[4, 6, 20], [9, 7, 11]],
        [[X, X, 20, 30], [X, X, 11, 27], [13, 13, 31, 57]],
    ),
}


@pytest.mark.parametrize("naam", TABELLEN)
def test_a_table_is_suppressed_as_worked_out_by_hand(naam):
    aantallen, verwacht = TABELLEN[naam]
    assert _getoond(tabel(aantallen)) == verwacht


def test_a_known_empty_cohort_takes_no_part():
    """Row 0 is a cohort with nobody in it (shown as "–"): left out; the rest as in
    "secundair in rij en kolom". A zero in a row that is not known to be empty is hidden."""
    t = tabel([[0, 0], [3, 20], [30, 40]], leeg=[True, False, False])
    assert _getoond(t) == [[0, 0, 0], [X, X, 23], [X, X, 70], [33, 60, 93]]
    assert _getoond(tabel([[0, 0], [30, 40]]))[0] == [X, X, X]


def test_rows_only_when_no_column_totals_are_shown():
    """Each cohort's row stands alone (no totals over a chosen range): 2 of 10 hides its
    complement; a row of large numbers beside it stays whole, whatever else is chosen."""
    t = tabel([[2, 8], [30, 40]], kolomtotalen=False)
    assert [[c.waarde for c in rij] for rij in t.cellen] == [[X, X], [30, 40]]
    assert [c.waarde for c in t.rijtotalen] == [10, 70] and t.totaal.onderdrukt
    alleen = tabel([[30, 40]], kolomtotalen=False)
    assert [c.waarde for c in alleen.cellen[0]] == [30, 40]


def test_public_totals_are_never_hidden_and_protection_does_not_rely_on_them():
    """A breakdown of the headline: its totals (12 interrupted, 28 not) are shown above it.
    Group rows [3, 9], [9, 19]: the 3 is hidden; its row loses the 9; column 0 (3, 9 | 12)
    then has two hidden; column 1 (9, 19 | 28) has one, so the 19 goes too. The totals stay."""
    t = tabel([[3, 9], [9, 19]], publiek=[12, 28])
    assert _getoond(t) == [[X, X, 12], [X, X, 28], [12, 28, 40]]


@pytest.mark.parametrize("naam", TABELLEN)
def test_no_line_of_a_suppressed_table_has_exactly_one_suppressed_figure(naam):
    """The property the rule guarantees: no row or column can be solved by subtraction alone."""
    getoond = _getoond(tabel(TABELLEN[naam][0]))
    lijnen = [*getoond, *zip(*getoond, strict=True)]
    assert all(sum(w is None for w in lijn) != 1 for lijn in lijnen)
    # And every figure below the threshold is suppressed.
    for rij, getoonde_rij in zip(TABELLEN[naam][0], getoond, strict=False):
        for n, w in zip(rij, getoonde_rij, strict=False):
            assert n >= DREMPEL or w is None


def test_rows_of_different_length_are_refused():
    with pytest.raises(ValueError):
        tabel([[5, 6], [7]])


@pytest.mark.parametrize(
    ("teller", "noemer", "verwacht"),
    [
        (10, 40, 25),
        (5, 10, 50),  # both sides at the threshold
        (4, 40, X),  # numerator below 5
        (36, 40, X),  # complement 4 below 5
        (35, 40, 88),
        (3, 4, X),  # over fewer than 5
        (Cel(None), 40, X),  # a suppressed numerator
        (Cel(20), 40, 50),
    ],
)
def test_percentages(teller, noemer, verwacht):
    assert percentage(teller, noemer).waarde == verwacht


@pytest.mark.parametrize(
    ("waarden", "verwacht"),
    [([14, 9, 30, 21, 7], 14), ([1, 2, 3, 4], X), ([10, 20, 30, 40, 50, 60], 35)],
)
def test_medians_only_over_at_least_five(waarden, verwacht):
    assert mediaan(waarden).waarde == verwacht


@pytest.mark.parametrize(("aantal", "tekst"), [(0, "x"), (4, "x"), (5, "5"), (120, "120")])
def test_a_single_count_and_how_it_reads(aantal, tekst):
    assert str(telling(aantal)) == tekst


def test_every_hidden_figure_reads_the_same():
    """2 of 10: the 2 and its complement 8 both read "x" — telling a small count from one hidden
    to protect it would say which of them is at least 5."""
    t = tabel([[2, 8]])
    assert [str(c) for c in t.cellen[0]] == ["x", "x"]
    assert str(t.rijtotalen[0]) == "10" and [str(c) for c in t.kolomtotalen] == ["x", "x"]
