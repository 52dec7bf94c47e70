"""Scale: generated trajecten (history-aware, permissions derived), the list without a full
count, and the sort key that follows a rename."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from dossier.models import Onderwijsinformatie
from jji_traject import paginering
from toegang import policy
from toegang.models import Raadpleging
from trajecten import services
from trajecten.models import Traject

from ..omgeving import demo_data_laden

pytestmark = pytest.mark.django_db


def test_demo_data_generates_trajecten_with_history_and_permissions(demo):
    voor = Traject.objects.count()
    demo_data_laden(trajecten=60, raadplegingen=500)
    nieuw = Traject.objects.order_by("-pk")[:60]
    assert Traject.objects.count() == voor + 60
    traject = nieuw[0]
    assert traject.history.count() == 1 and traject.jongere.history.count() == 1
    assert Onderwijsinformatie.history.filter(traject_id=traject.pk).count() == 1
    assert traject.sorteernaam == traject.jongere.sorteersleutel
    zichtbaar = policy.zichtbaar_voor(demo.verbindingsofficier).filter(pk__in=[t.pk for t in nieuw]).count()
    assert 20 < zichtbaar < 60  # two in three get the mbo involved
    assert policy.zichtbaar_voor(demo.jji_school).filter(pk__in=[t.pk for t in nieuw]).count() == 0  # not assigned
    assert policy.zichtbaar_voor(demo.coordinator).filter(pk__in=[t.pk for t in nieuw]).count() == 60
    assert Raadpleging.objects.count() >= 500
    with pytest.raises(CommandError):
        call_command("demo_data", trajecten=-1)


def test_a_long_list_is_not_counted_to_the_end(client, demo):
    client.force_login(demo.coordinator)
    tekst = client.get(reverse("trajecten:lijst")).content.decode()
    assert "12 trajecten" in tekst  # one page: the total is known
    qs = policy.zichtbaar_voor(demo.coordinator).order_by("pk")
    eerste = paginering.pagina(qs, "1", 5)
    assert eerste.aantal is None and eerste.has_next() and not eerste.has_previous()
    tweede = paginering.pagina(qs, "2", 5)
    assert (tweede.begin, tweede.eind, tweede.number) == (6, 10, 2) and tweede.has_previous()
    assert paginering.pagina(qs, "999999", 5).number == 1
    for onzin in ("x", "-4", "999999", "1" * 40):
        assert client.get(reverse("trajecten:lijst"), {"pagina": onzin}).status_code == 200


def test_the_list_sorts_by_the_new_name_after_a_rename(client, demo):
    noah = demo.trajecten["Noah"]
    services.traject_wijzigen(actor=demo.coordinator, traject=noah, jongere={"achternaam": "Aaaberg"}, gegevens={})
    noah.refresh_from_db()
    assert noah.sorteernaam.startswith("aaaberg")
    client.force_login(demo.coordinator)
    tekst = client.get(reverse("trajecten:lijst")).content.decode()
    assert tekst.index("Noah Aaaberg") < tekst.index("Yara Bos")


def test_demo_data_loaded_on_an_earlier_day_is_not_loaded_twice(demo):
    # The demo youths' birth dates follow the day they were loaded; a second load a day later
    # (or a test run across midnight) must find them, not add a second twelve.
    import datetime as dt

    from trajecten.models import Jongere

    for jongere in Jongere.objects.all():
        jongere.geboortedatum -= dt.timedelta(days=1)
        jongere.save()
    voor = Traject.objects.count()
    demo_data_laden()
    assert Traject.objects.count() == voor
