"""The monitor's nightly summary (issue 19, item 5): the page reads a few rows per regio and
year instead of counting every traject; the rows are recounted nightly (after the stands) and,
when missing or counted on another day, on reading; the national view adds the regios up."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dossier.models import Schoolloopbaanstand
from monitor import selectors
from monitor.models import Cohortcijfers
from monitor.perioden import Periode
from monitor.services import cijfers_bijwerken
from monitor.tasks import cijfers_bijwerken as nachtelijk
from netwerk.constants import OrganisatieSoort
from netwerk.models import Organisatie, Regio

from ..factories import TrajectFactory

pytestmark = pytest.mark.django_db
URL = reverse("monitor:monitor")
KEUZE = {"van": "2024", "tot": "2025"}


def _rijen(cijfers):
    return {rij[0]: rij[1:] for rij in cijfers.tabel}


def _sql(client, *args) -> str:
    with CaptureQueriesContext(connection) as vragen:
        assert client.get(*args).status_code == 200
    return " ".join(q["sql"].lower() for q in vragen.captured_queries)


def test_the_page_reads_the_summary_and_says_when_it_was_counted(client, cohort, demo):
    vandaag = timezone.localdate()
    assert cijfers_bijwerken(peildatum=vandaag) == Regio.objects.count() * (vandaag.year - 2024 + 1)
    client.force_login(demo.regio)
    # With today's rows in place the page counts nothing: no release date, stand or outcome is read.
    sql = _sql(client, URL, KEUZE)
    for tabel in ("group by", "dossier_schoolloopbaanstand", "dossier_inschrijving"):
        assert tabel not in sql, tabel
    assert "monitor_cohortcijfers" in sql
    pagina = client.get(URL, KEUZE).content.decode()
    bijgewerkt = Cohortcijfers.objects.filter(regio=cohort).earliest("bijgewerkt_op").bijgewerkt_op
    datum = timezone.localtime(bijgewerkt)
    assert f"Cijfers bijgewerkt op {datum.day} " in pagina and f"om {datum:%H:%M}" in pagina

    # A change shows after the next count (nightly), not before: the figures of one day agree.
    Schoolloopbaanstand.objects.filter(traject__vrijgelaten_op__year=2024, onderbroken=False).update(onderbroken=True)
    cijfers = selectors.monitor([cohort], [Periode(2024)], vandaag=vandaag)
    assert _rijen(cijfers)["Na de plaatsing: onderbroken schoolloopbanen"] == ["5 van 12 (42%)"]
    cijfers_bijwerken(peildatum=vandaag)
    cijfers = selectors.monitor([cohort], [Periode(2024)], vandaag=vandaag)
    assert _rijen(cijfers)["Na de plaatsing: onderbroken schoolloopbanen"] == ["x van 12"]  # 12 of 12: 0 not


def test_rows_missing_or_of_another_day_are_counted_on_reading(client, cohort, demo):
    client.force_login(demo.regio)
    assert not Cohortcijfers.objects.exists()
    assert "dossier_schoolloopbaanstand" in _sql(client, URL, KEUZE)  # counted, once
    assert set(Cohortcijfers.objects.values_list("jaar", flat=True)) == {2024, 2025}
    assert "dossier_schoolloopbaanstand" not in _sql(client, URL, KEUZE)
    Cohortcijfers.objects.update(peildatum=timezone.localdate() - dt.timedelta(days=1))
    assert "dossier_schoolloopbaanstand" in _sql(client, URL, KEUZE)  # yesterday's: counted again
    assert set(Cohortcijfers.objects.values_list("peildatum", flat=True)) == {timezone.localdate()}


def test_the_nightly_task_derives_the_stands_then_counts(cohort, demo):
    """Jayden (demo: released, his school career interrupted) has no stand until the night."""
    Schoolloopbaanstand.objects.filter(traject=demo.trajecten["Jayden"]).delete()
    rijen = nachtelijk.apply().get()
    assert rijen == Cohortcijfers.objects.count() > 0
    assert Schoolloopbaanstand.objects.get(traject=demo.trajecten["Jayden"]).onderbroken is True
    jaar = demo.trajecten["Jayden"].vrijgelaten_op.year
    telling = Cohortcijfers.objects.get(regio=cohort, jaar=jaar).tellingen
    assert telling["kern"]["onderbroken_ja"] >= 1


def test_the_nightly_count_touches_no_dossier_part_but_its_allowed_columns_and_no_history(cohort):
    with CaptureQueriesContext(connection) as vragen:
        cijfers_bijwerken(peildatum=timezone.localdate())
    sql = " ".join(q["sql"].lower() for q in vragen.captured_queries)
    assert "dossier_schoolloopbaanstand" in sql
    for verboden in ("veiligheidssignaal", "begeleidingsbehoefte", "historical", "toegang_raadpleging"):
        assert verboden not in sql, verboden


def test_the_national_view_adds_the_regios_up_under_the_same_suppression(client, cohort, demo, landelijk):
    """Regio Elders releases 6 in 2024, 3 of them interrupted. Lindewaard alone: 5 of 12;
    together: 8 of 18 (44%), the median over all 6 + 6 first school days."""
    elders = Regio.objects.create(naam="Regio Elders")
    jji = Organisatie.objects.create(naam="JJI Elders", soort=OrganisatieSoort.JJI, regio=elders)
    for i in range(6):
        traject = TrajectFactory(
            jji=jji,
            startdatum=dt.date(2023, 12, 1),
            vrijgelaten_op=dt.date(2024, 3, 1 + i),
            betrokkenheden__toegewezen=demo.jji_school.medewerker,
        )
        Schoolloopbaanstand.objects.create(
            traject=traject, onderbroken=i < 3, dagen_tot_eerste_schooldag=100 + i, berekend_op=dt.date(2024, 4, 1)
        )
    vandaag = timezone.localdate()
    samen = _rijen(selectors.monitor([cohort, elders], [Periode(2024)], vandaag=vandaag))
    assert samen["Aantal vrijgelaten jongeren"] == ["18"]
    assert samen["Na de plaatsing: onderbroken schoolloopbanen"] == ["8 van 18 (44%)"]
    # 10, 20, …, 60 and 100…105: the middle two are 60 and 100.
    assert samen["Na de plaatsing: mediaan dagen van vrijlating tot eerste schooldag"] == ["80"]
    alleen = _rijen(selectors.monitor([elders], [Periode(2024)], vandaag=vandaag))
    assert alleen["Na de plaatsing: onderbroken schoolloopbanen"] == ["x van 6"]  # 3 of 6: both below 5
    client.force_login(landelijk)
    pagina = client.get(URL, {"van": "2024", "tot": "2024"}).content.decode()
    assert "Onderbroken schoolloopbanen in 2024: 8 van 18 (44%)" in pagina
    client.force_login(demo.regio)
    pagina = client.get(URL, {"van": "2024", "tot": "2024"}).content.decode()
    assert "Onderbroken schoolloopbanen in 2024: 5 van 12 (42%)" in pagina
