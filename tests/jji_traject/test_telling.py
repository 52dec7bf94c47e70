"""The header's count compiled once and prepared per connection (``jji_traject.telling``,
issue 21): always the queryset's own ``count()``, prepared again where the server has none,
not undone by a rollback; a query without its stand-in is refused. The next day:
``tests/signalering/test_afgehandeld.py``; SQLite: ``test_make_run.py`` opens every page."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.urls import reverse

from jji_traject.telling import PLEK, Telling
from signalering import services as signalering
from signalering.models import Melding

pytestmark = pytest.mark.django_db


def _overal_gelijk() -> None:
    for user in get_user_model().objects.all():
        assert signalering.ongelezen(user) == signalering._ongelezen_van(user.pk).count(), user.username


def test_the_count_is_the_querysets_count_for_every_demo_person(demo):
    _overal_gelijk()
    melding = Melding.objects.filter(gelezen_op__isnull=True).first()
    assert melding is not None  # the demo has unread notifications
    voor = signalering.ongelezen(melding.ontvanger)
    assert voor >= 1
    Melding.objects.filter(pk=melding.pk).update(gelezen_op=melding.aangemaakt_op)
    assert signalering.ongelezen(melding.ontvanger) == voor - 1
    _overal_gelijk()


def _vergeten() -> None:
    """As on a new connection: the server holds no prepared count, and nothing says it does."""
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")
    signalering._ONGELEZEN._voorbereid.clear()


def _voorbereid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'ongelezen_%%'")
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
def test_it_is_prepared_once_per_connection_and_a_rollback_does_not_undo_it(demo):
    user = Melding.objects.filter(gelezen_op__isnull=True).first().ontvanger
    verwacht = signalering._ongelezen_van(user.pk).count()
    _vergeten()
    assert signalering.ongelezen(user) == verwacht and _voorbereid() == 1
    assert signalering.ongelezen(user) == verwacht and _voorbereid() == 1  # once
    _vergeten()
    with transaction.atomic():
        assert signalering.ongelezen(user) == verwacht  # prepared inside a savepoint ...
        transaction.set_rollback(True)
    assert _voorbereid() == 1
    assert signalering.ongelezen(user) == verwacht  # ... and still there after its rollback


def test_a_query_without_its_stand_in_is_refused(demo):
    zonder = Telling("zonder_plek", lambda plek: Melding.objects.all())
    with pytest.raises(ValueError, match="precies één keer"):
        zonder.tel(1)
    twee = Telling("twee_plekken", lambda plek: Melding.objects.filter(ontvanger_id=plek, traject_id=plek))
    with pytest.raises(ValueError, match="precies één keer"):
        twee.tel(1)
    assert Telling("een", lambda plek: Melding.objects.filter(ontvanger_id=plek)).tel(PLEK) == 0


def test_every_page_shows_the_count(client, demo):
    user = Melding.objects.filter(gelezen_op__isnull=True).first().ontvanger
    client.force_login(user)
    aantal = signalering.ongelezen(user)
    tekst = client.get(reverse("trajecten:lijst")).content.decode()
    assert aantal >= 1 and f'<span class="teller">{aantal}<span' in tekst
