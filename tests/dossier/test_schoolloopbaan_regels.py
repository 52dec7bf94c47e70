"""The derived figures of the schoolloopbaan na uitstroom (``dossier.regels``), table-driven,
with dates on both sides of each threshold. No database."""

from __future__ import annotations

import datetime as dt

import pytest

from dossier.constants import CheckpointUitkomst as U
from dossier.regels import Inschrijving, Meting, in_zomervakantie, schoolloopbaan_afleiden
from trajecten.constants import Uitstroombestemming as B

VRIJ = dt.date(2025, 9, 1)  # after the summer holiday: no checkpoint below falls in the next one
N = 28
ZOMER = ((7, 12), (8, 24))


def d(dagen: int) -> dt.date:
    return VRIJ + dt.timedelta(days=dagen)


def afleiden(inschrijvingen=(), metingen=(), bestemming=B.MBO, op=None, vrij=VRIJ, zomer=ZOMER, drempel=N):
    return schoolloopbaan_afleiden(
        vrijgelaten_op=vrij,
        inschrijvingen=list(inschrijvingen),
        metingen=list(metingen),
        bestemming=bestemming,
        op=op or d(400),
        drempel=drempel,
        zomervakantie=zomer,
    )


GEVALLEN = [
    # (name, enrolments, checkpoints, destination, today, days to school, interrupted)
    ("at school on day 28: exactly N days without", [Inschrijving(d(0), d(28))], [], B.MBO, None, 28, False),
    ("at school on day 29: N+1 days without", [Inschrijving(d(0), d(29))], [], B.MBO, None, 29, True),
    ("at school the day after release", [Inschrijving(d(-10), d(1))], [], B.MBO, None, 1, False),
    ("start date counts when no first day is recorded", [Inschrijving(d(20))], [], B.MBO, None, None, False),
    ("no enrolment, day 28 today: not yet", [], [], B.MBO, d(27), None, False),
    ("no enrolment, day 29 today: interrupted", [], [], B.MBO, d(28), None, True),
    (
        "uitgeschreven, new enrolment after 28 days",
        [Inschrijving(d(0), d(5), d(100)), Inschrijving(d(128), d(128))],
        [],
        B.MBO,
        None,
        5,
        False,
    ),
    (
        "uitgeschreven, new enrolment after 29 days",
        [Inschrijving(d(0), d(5), d(100)), Inschrijving(d(129), d(129))],
        [],
        B.MBO,
        None,
        5,
        True,
    ),
    (
        "a checkpoint 'uitgeschreven' ends an open enrolment",
        [Inschrijving(d(0), d(5))],
        [Meting(d(182), U.UITGESCHREVEN)],
        B.MBO,
        d(182 + 27),
        5,
        False,
    ),
    (
        "… and 29 days later it is an interruption",
        [Inschrijving(d(0), d(5))],
        [Meting(d(182), U.UITGESCHREVEN)],
        B.MBO,
        d(182 + 28),
        5,
        True,
    ),
    (
        "uitschrijving on the last day of the 12 months still counts",
        [Inschrijving(d(0), d(5), d(364))],
        [],
        B.MBO,
        d(364 + 29),
        5,
        True,
    ),
    (
        "uitschrijving on day 365 is after the 12 months",
        [Inschrijving(d(0), d(5), d(365))],
        [],
        B.MBO,
        d(365 + 60),
        5,
        False,
    ),
    ("werk chosen in the uitstroom, no school: no interruption", [], [], B.WERK, None, None, False),
    ("zorg chosen in the uitstroom: no interruption", [], [], B.ZORG, None, None, False),
    (
        "werk that ends without a next step: 28 days",
        [],
        [Meting(d(91), U.ONBEKEND)],
        B.DAGBESTEDING,
        d(91 + 27),
        None,
        False,
    ),
    (
        "werk that ends without a next step: 29 days",
        [],
        [Meting(d(91), U.ONBEKEND)],
        B.WERK,
        d(91 + 28),
        None,
        True,
    ),
    (
        "a diploma ends the question",
        [Inschrijving(d(0), d(3), d(200))],
        [Meting(d(200), U.DIPLOMA)],
        B.MBO,
        None,
        3,
        False,
    ),
    ("veel verzuim is still enrolled", [Inschrijving(d(0), d(3))], [Meting(d(30), U.VERZUIM)], B.MBO, None, 3, False),
]


@pytest.mark.parametrize(
    ("inschrijvingen", "metingen", "bestemming", "op", "dagen", "onderbroken"),
    [g[1:] for g in GEVALLEN],
    ids=[g[0] for g in GEVALLEN],
)
def test_schoolloopbaan_afleiden(inschrijvingen, metingen, bestemming, op, dagen, onderbroken):
    uitkomst = afleiden(inschrijvingen, metingen, bestemming, op)
    assert uitkomst.dagen_tot_eerste_schooldag == dagen
    assert uitkomst.onderbroken is onderbroken


ZOMER_VRIJ = dt.date(2025, 7, 1)  # released eleven days before the summer holiday (12 July)


@pytest.mark.parametrize(
    ("eerste_schooldag", "onderbroken"),
    [
        # 11 days before the holiday + the holiday (not counted) + days after it
        (dt.date(2025, 8, 25) + dt.timedelta(days=17), False),  # 11 + 17 = 28
        (dt.date(2025, 8, 25) + dt.timedelta(days=18), True),  # 11 + 18 = 29
    ],
)
def test_the_summer_holiday_does_not_count(eerste_schooldag, onderbroken):
    uitkomst = afleiden([Inschrijving(ZOMER_VRIJ, eerste_schooldag)], vrij=ZOMER_VRIJ, op=dt.date(2026, 8, 1))
    assert uitkomst.onderbroken is onderbroken
    # the days to the first school day are calendar days, holiday included
    assert uitkomst.dagen_tot_eerste_schooldag == (eerste_schooldag - ZOMER_VRIJ).days
    zonder_zomer = afleiden(
        [Inschrijving(ZOMER_VRIJ, eerste_schooldag)], vrij=ZOMER_VRIJ, op=dt.date(2026, 8, 1), zomer=None
    )
    assert zonder_zomer.onderbroken is True


@pytest.mark.parametrize(
    ("dag", "in_vakantie"),
    [
        (dt.date(2025, 7, 11), False),
        (dt.date(2025, 7, 12), True),
        (dt.date(2025, 8, 24), True),
        (dt.date(2025, 8, 25), False),
    ],
)
def test_in_zomervakantie_both_ends_included(dag, in_vakantie):
    assert in_zomervakantie(dag, ZOMER) is in_vakantie


def test_before_release_nothing_is_derived():
    uitkomst = afleiden([Inschrijving(d(0), d(1))], vrij=None)
    assert uitkomst.onderbroken is None and uitkomst.dagen_tot_eerste_schooldag is None


@pytest.mark.parametrize(("drempel", "onderbroken"), [(29, False), (28, True)])
def test_the_threshold_is_a_parameter(drempel, onderbroken):
    assert afleiden([Inschrijving(d(0), d(29))], drempel=drempel).onderbroken is onderbroken
