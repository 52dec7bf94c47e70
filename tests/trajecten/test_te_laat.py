"""The home page says when tasks are overdue (issue 17, item 2: the ITB'er with 75 open tasks,
10 overdue, saw no sign of it): a count that links to Mijn taken filtered on overdue, at a flat
query count."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jji_traject.geschiedenis import bijwerken
from toegang import policy
from trajecten import selectors
from trajecten.models import Taak

pytestmark = pytest.mark.django_db
VANDAAG = timezone.localdate


def _alles_op_tijd(user) -> list[int]:
    """Every open task of the reader gets a date next month; returns them, soonest first."""
    taken = Taak.objects.filter(pk__in=policy.mijn_taken(user).values("pk"))
    bijwerken(taken, deadline=VANDAAG() + dt.timedelta(days=30))
    return list(selectors.mijn_taken(user).values_list("pk", flat=True))


def _te_laat(pks):
    bijwerken(Taak.objects.filter(pk__in=pks), deadline=VANDAAG() - dt.timedelta(days=2))


def test_the_home_page_signals_overdue_tasks_and_links_to_exactly_them(client, demo):
    taken = _alles_op_tijd(demo.itb)
    assert len(taken) > 5
    client.force_login(demo.itb)
    assert 'id="taken-te-laat"' not in client.get(reverse("start"), follow=True).content.decode()
    _te_laat(taken[-3:])
    thuis = client.get(reverse("start"), follow=True).content.decode()
    blok = thuis.split('id="taken-te-laat"')[1].split("</div>")[0]
    assert "3 taken van jou of je organisatie zijn te laat." in blok
    assert f"{reverse('trajecten:mijn_taken')}?te_laat=1" in blok
    gefilterd = client.get(reverse("trajecten:mijn_taken"), {"te_laat": "1"}).content.decode()
    assert "3 taken te laat" in gefilterd and "Toon alle open taken" in gefilterd
    for pk in taken:
        assert (f'#taak-{pk}"' in gefilterd) == (pk in taken[-3:])
    # Unfiltered, the open tasks are there, and the filter is offered.
    alles = client.get(reverse("trajecten:mijn_taken")).content.decode()
    assert "Alleen de taken die te laat zijn" in alles and f'#taak-{taken[0]}"' in alles


def test_nothing_overdue_says_so_on_the_filtered_list(client, demo):
    _alles_op_tijd(demo.itb)
    client.force_login(demo.itb)
    tekst = client.get(reverse("trajecten:mijn_taken"), {"te_laat": "1"}).content.decode()
    assert "Geen van je open taken is te laat." in tekst


def _tel(client, url, params=None):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params or {}).status_code == 200
    return len(ctx.captured_queries)


def test_the_signal_and_the_filtered_list_have_a_flat_query_count(client, demo, django_assert_max_num_queries):
    taken = _alles_op_tijd(demo.itb)
    client.force_login(demo.itb)
    _te_laat(taken[:2])
    thuis, gefilterd = (
        _tel(client, reverse("trajecten:lijst")),
        _tel(client, reverse("trajecten:mijn_taken"), {"te_laat": "1"}),
    )
    _te_laat(taken[:12])
    with django_assert_max_num_queries(thuis):
        assert "12 taken van jou" in client.get(reverse("trajecten:lijst")).content.decode()
    with django_assert_max_num_queries(gefilterd):
        assert "12 taken te laat" in client.get(reverse("trajecten:mijn_taken"), {"te_laat": "1"}).content.decode()
