"""Queries on every page compiled once and prepared per connection (``jji_traject.voorbereid``,
issue 21): the header's count is always the queryset's own ``count()`` and the model
permissions the queryset's own rows; prepared again where the server has none, not undone by
a rollback; a query without its stand-in is refused. The next day:
``tests/signalering/test_afgehandeld.py``; SQLite: ``test_make_run.py`` opens every page."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.urls import reverse

from jji_traject import machtigingen, voorbereid
from jji_traject.voorbereid import PLEK, Tellingen
from signalering import services as signalering
from signalering.models import Melding

from ..accounts import open_aanvraag

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
        cursor.execute("SELECT name FROM pg_prepared_statements WHERE name LIKE 'kop_%%'")
        for (naam,) in cursor.fetchall():
            cursor.execute(f"DEALLOCATE {naam}")
            voorbereid._VOORBEREID.get(connection.connection, set()).discard(naam)


def test_a_statement_the_server_holds_already_is_not_prepared_again(demo):
    """The registry forgotten (another instance, the same name and SQL): no second PREPARE."""
    user = Melding.objects.filter(gelezen_op__isnull=True).first().ontvanger
    verwacht = signalering._ongelezen_van(user.pk).count()
    assert signalering.ongelezen(user) == verwacht
    voorbereid._VOORBEREID.clear()
    assert signalering.ongelezen(user) == verwacht
    assert machtigingen._PERMISSIES.rijen(user.pk) is not None


def _voorbereid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'kop_%%'")
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


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
def test_a_prepared_statement_is_planned_once_not_on_every_run(demo):
    """PostgreSQL left to choose planned the header's count anew on every run (custom plans:
    7 ms of planning for 0.3 ms of work on the bench database); the connection asks for the
    one generic plan (settings: ``plan_cache_mode``)."""
    user = Melding.objects.filter(gelezen_op__isnull=True).first().ontvanger
    verwacht = signalering._ongelezen_van(user.pk).count()
    _vergeten()
    for _keer in range(8):  # past the five custom plans PostgreSQL tries by default
        assert signalering.ongelezen(user) == verwacht
    with connection.cursor() as cursor:
        cursor.execute("SHOW plan_cache_mode")
        assert cursor.fetchone() == ("force_generic_plan",)
        cursor.execute("SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name LIKE 'kop_%%'")
        assert cursor.fetchall() == [(8, 0)]


@pytest.mark.parametrize(
    ("opties", "verwacht"),
    [
        ("-c%20statement_timeout%3D5000", "-c statement_timeout=5000 -c plan_cache_mode=force_generic_plan"),
        ("-c%20plan_cache_mode%3Dauto", "-c plan_cache_mode=auto"),
    ],
)
def test_the_plan_setting_keeps_the_deployments_own_connection_options(opties, verwacht):
    """A DATABASE_URL with its own ``options`` keeps them, the plan setting after them; its own
    ``plan_cache_mode`` is left as it is."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    url = f"postgres://app@db.example.org:5432/jji?options={opties}"
    omgeving = {**os.environ, "DATABASE_URL": url, "DEBUG": "true", "SECRET_KEY": "x"}
    resultaat = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'])"],
        cwd=Path(__file__).resolve().parents[2],
        env={**omgeving, "DJANGO_SETTINGS_MODULE": "jji_traject.settings"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert f"'options': '{verwacht}'" in resultaat.stdout


def test_a_query_without_its_stand_in_is_refused(demo):
    zonder = Tellingen("zonder_plek", lambda plek: (Melding.objects.all(),))
    with pytest.raises(ValueError, match="plaatsvervanger"):
        zonder.tel(1)
    assert Tellingen("een", lambda plek: (Melding.objects.filter(ontvanger_id=plek),)).tel(PLEK) == (0,)


def test_the_model_permissions_are_the_querysets_rows_for_every_demo_person(demo):
    """Their own and their groups' (the stand-in twice, in both halves of the UNION)."""
    for user in get_user_model().objects.all():
        verwacht = {f"{app}.{code}" for app, code in machtigingen._permissies_van(user.pk)}
        assert {f"{app}.{code}" for app, code in machtigingen._PERMISSIES.rijen(user.pk)} == verwacht
        vers = get_user_model().objects.get(pk=user.pk)
        assert vers.get_all_permissions() == verwacht, user.username
    assert any(user.get_all_permissions() for user in get_user_model().objects.all())


def test_every_page_shows_the_count(client, demo):
    user = Melding.objects.filter(gelezen_op__isnull=True).first().ontvanger
    client.force_login(user)
    aantal = signalering.ongelezen(user)
    tekst = client.get(reverse("trajecten:lijst")).content.decode()
    assert aantal >= 1 and f'<span class="teller">{aantal}<span' in tekst


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
def test_a_statement_gone_from_the_server_is_recognised(demo):
    """Outside a transaction a statement the server no longer holds is prepared again: the
    error it gives is recognised as that one, and no other error is."""
    from django.db import DatabaseError

    from jji_traject.voorbereid import _onbekend_statement

    fouten = []
    for sql in ("EXECUTE bestaat_niet_1234(1)", "SELECT 1 / 0"):
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql)
        except DatabaseError as fout:
            fouten.append(_onbekend_statement(fout))
    assert fouten == [True, False]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
def test_inside_a_transaction_a_vanished_statement_fails_once_and_is_prepared_by_the_next_call(demo):
    from django.db import DatabaseError

    user = Melding.objects.filter(gelezen_op__isnull=True).first().ontvanger
    verwacht = signalering._ongelezen_van(user.pk).count()
    assert signalering.ongelezen(user) == verwacht
    with connection.cursor() as cursor:  # gone from the server, while the registry says prepared
        cursor.execute("SELECT name FROM pg_prepared_statements WHERE name LIKE 'kop_%%'")
        for (naam,) in cursor.fetchall():
            cursor.execute(f"DEALLOCATE {naam}")
    with pytest.raises(DatabaseError), transaction.atomic():
        signalering.ongelezen(user)
    assert signalering.ongelezen(user) == verwacht


def _kop_uit_querysets(user) -> signalering.Kop:
    from netwerk.constants import AanvraagStatus
    from toegang import policy

    verzoeken = policy.herkomstverzoeken_voor(user)
    return signalering.Kop(
        ongelezen=signalering._ongelezen_van(user.pk).count(),
        open_accountaanvragen=policy.accountaanvragen_zichtbaar_voor(user)
        .filter(status=AanvraagStatus.AANGEVRAAGD)
        .count(),
        herkomstverzoeken=verzoeken.count(),
        open_herkomstverzoeken=verzoeken.filter(beantwoord_op__isnull=True).count(),
    )


def test_the_headers_counts_in_one_query_are_the_querysets_counts_for_every_person(demo):
    """Every shape of the header: a reader with notifications only, one who decides on account
    requests (by organisation, by regio, a superuser: all), one who answers requests to a school
    van herkomst (the demo's request for Yara), both."""
    get_user_model().objects.create_superuser("super-kop", password="een-lang-wachtwoord-voor-de-kop-2026")
    personen = list(get_user_model().objects.all())
    koppen = {user.username: signalering.kop(user) for user in personen}
    for user in personen:
        assert koppen[user.username] == _kop_uit_querysets(user), user.username
    assert koppen["super-kop"].open_accountaanvragen >= 1  # the demo has an open request
    assert koppen["mbo-herkomst"].herkomstverzoeken >= 1 and koppen["mbo-herkomst"].open_herkomstverzoeken >= 1
    assert any(k.ongelezen for k in koppen.values())
    # Answered: no longer open, still listed.
    from dossier import services as dossier_services

    verzoek = demo.trajecten["Yara"].herkomstverzoeken.get()
    dossier_services.herkomstverzoek_beantwoorden(
        actor=demo.mbo_herkomst, verzoek=verzoek, gegevens={"resultaten": "x"}
    )
    na = signalering.kop(demo.mbo_herkomst)
    assert na == _kop_uit_querysets(demo.mbo_herkomst) and na.open_herkomstverzoeken == 0


def test_the_header_spends_one_query_on_its_counts_and_shows_each(client, demo):
    import re

    from django.db import connection as verbinding
    from django.test.utils import CaptureQueriesContext

    from netwerk.models import Accountaanvraag, Organisatie

    # Two more open requests to the verbindingsofficier's organisation: a count of three.
    roc = demo.verbindingsofficier.medewerker.organisatie
    for nummer in (1, 2):
        open_aanvraag(demo, roc, f"kop-proef-{nummer}")
    verwacht = {
        "verbindingsofficier": signalering.Kop(
            ongelezen=signalering._ongelezen_van(demo.verbindingsofficier.pk).count(),
            open_accountaanvragen=Accountaanvraag.objects.filter(organisatie=roc, status="aangevraagd").count(),
        ),
        "mbo-herkomst": signalering.Kop(ongelezen=signalering._ongelezen_van(demo.mbo_herkomst.pk).count()),
    }
    assert verwacht["verbindingsofficier"].open_accountaanvragen == 3
    assert Organisatie.objects.filter(pk=roc.pk).exists()
    for naam, kop in verwacht.items():
        client.force_login(demo.users[naam])
        client.get(reverse("trajecten:lijst"))
        with CaptureQueriesContext(verbinding) as vastgelegd:
            tekst = client.get(reverse("trajecten:lijst")).content.decode()
        koppen = [
            q for q in vastgelegd.captured_queries if q["sql"].startswith("EXECUTE kop_") or "telling_0" in q["sql"]
        ]
        assert len(koppen) == 1, naam
        tabellen = ("signalering_melding", "netwerk_accountaanvraag", "dossier_herkomstverzoek")
        anders = [q for q in vastgelegd.captured_queries if q not in koppen]
        assert not [q for q in anders if any(tabel in q["sql"] for tabel in tabellen)], naam
        tellers = dict(re.findall(r'>([A-Za-z]+) <span class="teller">(\d+)<', tekst))
        if kop.ongelezen:
            assert tellers["Meldingen"] == str(kop.ongelezen), naam
        if naam == "verbindingsofficier":
            assert tellers["Accounts"] == "3"
        else:  # the demo's request to Vakcollege Oostmeer for Yara, open: one of one
            assert tellers["Verzoeken"] == "1" and "Accounts" not in tellers
    # Answered: the link stays (one request), without a count (none open).
    from dossier import services as dossier_services

    verzoek = demo.trajecten["Yara"].herkomstverzoeken.get()
    dossier_services.herkomstverzoek_beantwoorden(
        actor=demo.mbo_herkomst, verzoek=verzoek, gegevens={"resultaten": "x"}
    )
    tekst = client.get(reverse("trajecten:lijst")).content.decode()
    assert reverse("dossier:herkomstverzoeken") in tekst and not re.search(r'>Verzoeken <span class="teller">', tekst)


def test_several_values_each_in_their_place(demo):
    """A stand-in per value: three counts, each of its own value, one of them twice."""
    ids = sorted(Melding.objects.values_list("pk", flat=True))[:3]
    assert len(ids) == 3
    tellingen = Tellingen(
        "drie_waarden",
        lambda a, b, c: (
            Melding.objects.filter(pk=a),
            Melding.objects.filter(pk__in=[b, c]),
            Melding.objects.filter(pk__gte=c),
        ),
        waarden=3,
    )
    assert tellingen.tel(ids[0], ids[1], ids[2]) == (1, 2, Melding.objects.filter(pk__gte=ids[2]).count())
    assert tellingen.tel(ids[2], ids[2], ids[0]) == (1, 2, Melding.objects.filter(pk__gte=ids[0]).count())
    assert tellingen.tel(-1, ids[0], ids[0]) == (0, 1, Melding.objects.filter(pk__gte=ids[0]).count())


def test_the_account_requests_each_reader_sees_are_as_before(demo):
    """The reach of account requests, written out as it was before the header's counts were
    combined: a beheerder their regio's organisations, others their own, moving in or out."""
    from django.db.models import Q

    from netwerk.models import Accountaanvraag
    from toegang import policy

    get_user_model().objects.create_superuser("super-aanvragen", password="een-lang-wachtwoord-voor-de-kop-2026")
    gezien = 0
    for user in get_user_model().objects.all():
        medewerker = policy.medewerker_van(user)
        if not policy.mag_accountaanvragen_zien(user):
            verwacht = set()
        elif user.is_superuser:
            verwacht = set(Accountaanvraag.objects.values_list("pk", flat=True))
        elif medewerker.rol == "beheerder":
            regio = medewerker.organisatie.regio_id
            verwacht = set(
                Accountaanvraag.objects.filter(
                    Q(organisatie__regio_id=regio) | Q(vorige_organisatie__regio_id=regio)
                ).values_list("pk", flat=True)
            )
        else:
            org = medewerker.organisatie_id
            verwacht = set(
                Accountaanvraag.objects.filter(Q(organisatie_id=org) | Q(vorige_organisatie_id=org)).values_list(
                    "pk", flat=True
                )
            )
        assert set(policy.accountaanvragen_zichtbaar_voor(user).values_list("pk", flat=True)) == verwacht, user
        gezien += bool(verwacht)
    assert gezien >= 3  # the superuser, the beheerder, the verbindingsofficier at least
