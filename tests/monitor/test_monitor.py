"""The regional monitor (issue 19) on a small hand-made cohort: every figure worked out by hand
in the comments; who may open it; bad input; the SQL touches no dossier part beyond the
outcomes, the school before placement and the ICT-fase, and no history; the CSV is the table."""

import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dossier.models import Schoolloopbaanstand
from dossier.services_stand import standen_bijwerken
from monitor import selectors
from monitor.perioden import Periode
from netwerk.constants import OrganisatieSoort
from netwerk.models import Organisatie, Regio
from toegang.models import Raadpleging

from .conftest import VANDAAG

pytestmark = pytest.mark.django_db
URL = reverse("monitor:monitor")


def _rijen(cijfers):
    return {rij[0]: rij[1:] for rij in cijfers.tabel}


def test_every_figure_on_a_hand_made_cohort(cohort):
    """Each cohort's row is suppressed on its own (no totals over the chosen years)."""
    cijfers = selectors.monitor([cohort], [Periode(2024), Periode(2025)], vandaag=VANDAAG)
    rijen = _rijen(cijfers)
    assert rijen["Cijfer"] == ["2024", "2025"]
    assert rijen["Aantal vrijgelaten jongeren"] == ["12", "6"]
    # Herkomst: 6 of 12 (6 not) shows; 1 of 6 hides the 1 and its complement 5.
    assert rijen["Vóór de plaatsing: ingeschreven bij een school"] == ["6 van 12 (50%)", "x van 6"]
    # Enrolled within 28 days: 8 of 12 (4 not: hidden, and with it the 8); 6 of 6 (0 not).
    assert rijen["Na de plaatsing: ingeschreven bij de vrijlating"] == ["x van 12", "x van 6"]
    # Onderbroken: 5 of 12 (7 not) shows; 0 of 6 does not. The headline is the last year's.
    assert rijen["Na de plaatsing: onderbroken schoolloopbanen"] == ["5 van 12 (42%)", "x van 6"]
    assert (str(cijfers.kopperiode), cijfers.koptekst) == ("2025", "x van 6")
    # Median days to the first school day: 10…60 → 35; two in 2025 → too few.
    assert rijen["Na de plaatsing: mediaan dagen van vrijlating tot eerste schooldag"] == ["35", "x"]
    # At school after 1 month: both years ended more than a month ago, so everyone counts.
    assert rijen["Na de plaatsing: na 1 maand nog op school"] == ["6 van 12 (50%)", "x van 6"]
    # Diploma within 12 months: 2024 has had its year (5 of 12). Of 2025 not everyone has been
    # released a year: the figure waits for the whole year ("nog niet"), so it never counts
    # part of a cohort that changes from day to day.
    assert rijen["Na de plaatsing: diploma binnen 12 maanden"] == ["5 van 12 (42%)", "nog niet"]
    # Nobody has a beslismodel decision: the statuses are 0 (hidden) and "geen besluit" — all
    # of them — would say so by subtraction: hidden too.
    assert rijen["Tijdens de plaatsing: geen besluit"] == ["x", "x"]
    assert rijen["Tijdens de plaatsing: beslismodel rood"] == ["x", "x"]


def test_the_stand_follows_the_rule_and_the_nightly_run(demo):
    """Liam's stand (demo: enrolled 10 days after release, first school day after 14) as the
    rule says; Thijs, released without any school record, counts as interrupted."""
    standen_bijwerken(op=VANDAAG)
    liam = Schoolloopbaanstand.objects.get(traject=demo.trajecten["Liam"])
    assert (liam.dagen_tot_eerste_schooldag, liam.onderbroken) == (14, False)
    jayden = Schoolloopbaanstand.objects.get(traject=demo.trajecten["Jayden"])
    assert jayden.onderbroken is True
    assert not Schoolloopbaanstand.objects.filter(traject=demo.trajecten["Noah"]).exists()  # not released


def test_who_may_open_the_monitor(client, demo, landelijk):
    eigen = Regio.objects.get(naam="Regio Lindewaard")
    andere = Regio.objects.create(naam="Regio Elders")
    for user in (demo.regio, demo.beheerder, demo.verbindingsofficier, demo.coordinator):
        client.force_login(user)
        assert client.get(URL).status_code == 200, user
        assert client.get(URL, {"regio": eigen.pk}).status_code == 200
        assert client.get(URL, {"regio": andere.pk}).status_code == 404  # another regio's figures
        assert client.get(URL, {"regio": "abc"}).status_code == 404
    for user in (demo.mbo_intake, demo.jji_school, demo.itb, demo.gemeente, demo.leerplicht, demo.privacy):
        client.force_login(user)
        assert client.get(URL).status_code == 404, user
        assert client.get(reverse("monitor:csv")).status_code == 404
    # The national rol: all regios together, never one regio beside it (the others could be
    # subtracted); a regio's beheerder cannot make a national organisation.
    client.force_login(landelijk)
    assert "alle regio&#x27;s (landelijk)" in client.get(URL).content.decode()
    for regio in (eigen, andere):
        assert client.get(URL, {"regio": regio.pk}).status_code == 404
    assert client.get(URL, {"regio": "²"}).status_code == 404  # a digit Python's int() refuses
    from django.core.exceptions import ValidationError

    from netwerk.services import organisatie_opslaan

    with pytest.raises(ValidationError, match="systeembeheerder"):
        organisatie_opslaan(
            actor=demo.beheerder,
            organisatie=Organisatie(naam="Nep-landelijk", soort=OrganisatieSoort.LANDELIJK, regio=eigen),
        )


def test_the_regiocoordinator_lands_on_it_and_sees_no_youth(client, demo):
    client.force_login(demo.regio)
    assert client.get(reverse("start"))["Location"] == URL
    pagina = client.get(URL).content.decode()
    assert "Mijn trajecten" not in pagina
    for naam in ("Liam", "Finn", "Jayden", "Noah"):
        assert naam not in pagina
    for pad in (reverse("trajecten:lijst"), reverse("trajecten:detail", args=[demo.trajecten["Liam"].pk])):
        antwoord = client.get(pad)
        assert antwoord.status_code == 404 or "Liam" not in antwoord.content.decode()
    client.force_login(demo.verbindingsofficier)
    assert f'href="{URL}"' in client.get(reverse("trajecten:lijst")).content.decode()


@pytest.mark.parametrize(
    ("van", "tot", "bericht"),
    [
        ("2027", "", "toekomst"),
        ("2026", "2025", "eindigt vóór ze begint"),
        ("2025-K5", "", "heel kwartaal"),
        ("2027-K1", "", "toekomst"),
        ("2025", "2026-K1", "allebei als jaar of allebei als kwartaal"),
        ("2023-K1", "2026-K1", "hooguit 12 perioden"),
        ("2010", "2026", "hooguit 12 perioden"),
        ("x" * 50, "", "tekens"),
    ],
)
def test_a_bad_period_gets_a_clear_message_and_no_figures(client, demo, van, tot, bericht):
    client.force_login(demo.regio)
    antwoord = client.get(URL, {"van": van, "tot": tot})
    assert antwoord.status_code == 200
    pagina = antwoord.content.decode()
    assert bericht in pagina and 'id="ambitie"' not in pagina
    assert client.get(reverse("monitor:csv"), {"van": van, "tot": tot}).status_code == 404


def test_the_sql_touches_no_dossier_part_but_its_allowed_columns_and_no_history(client, cohort, demo):
    client.force_login(demo.regio)
    voor = Raadpleging.objects.count()
    with CaptureQueriesContext(connection) as vragen:
        assert client.get(URL, {"van": "2024", "tot": "2025"}).status_code == 200
        assert client.get(reverse("monitor:csv"), {"van": "2024", "tot": "2025"}).status_code == 200
    sql = " ".join(q["sql"].lower() for q in vragen.captured_queries)
    assert "schoolloopbaanstand" in sql and "dossier_inschrijving" in sql  # the walk saw the monitor's queries
    for verboden in ("veiligheidssignaal", "begeleidingsbehoefte", "historical", "toegang_raadpleging"):
        assert verboden not in sql, verboden
    # Of the onderwijsinformatie only whether a school is recorded and the ICT-fase.
    for kolom in re.findall(r'"dossier_onderwijsinformatie"\."(\w+)"', sql):
        assert kolom in ("traject_id", "ingeschreven_bij", "ict_fase_id"), kolom
    assert Raadpleging.objects.count() == voor  # nothing about any one young person was read


def _cellen(html: str) -> list[str]:
    return [re.sub(r"\s+", " ", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", html, flags=re.S)]


@pytest.mark.parametrize("keuze", [{"van": "2024", "tot": "2025"}, {"van": "2024", "tot": "2024"}])
def test_the_csv_is_the_pages_tables(client, cohort, demo, keuze):
    """The figures per period, then — when the headline's year can be split (2024: 5 of 12) —
    each breakdown after an empty line, cell for cell as the page shows them."""
    client.force_login(demo.regio)
    antwoord = client.get(reverse("monitor:csv"), keuze)
    codes = f"{keuze['van']}_{keuze['tot']}"
    assert antwoord["Content-Type"].startswith("text/csv") and f"monitor-{codes}.csv" in antwoord["Content-Disposition"]
    blokken = antwoord.content.decode("utf-8-sig").split("\r\n\r\n")
    rijen, *splitsingen = [list(csv.reader(io.StringIO(blok), delimiter=";")) for blok in blokken]
    jaren = range(int(keuze["van"]), int(keuze["tot"]) + 1)
    cijfers = selectors.monitor([cohort], [Periode(j) for j in jaren], vandaag=timezone.localdate())
    assert rijen == cijfers.tabel
    pagina = client.get(URL, keuze).content.decode()
    tabel = pagina[pagina.index('<table class="utrecht-table utrecht-table--html-table monitor">') :]
    assert _cellen(tabel) == [cel.replace("<", "&lt;") for rij in rijen[1:] for cel in rij[1:]]
    paginadelen = re.findall(r'<table [^>]*id="uitsplitsing-[^"]+">.*?</table>', pagina, flags=re.S)
    assert len(splitsingen) == len(paginadelen) == (6 if keuze["tot"] == "2024" else 0)
    for splitsing, html in zip(splitsingen, paginadelen, strict=True):
        assert splitsing[0][0].endswith("(2024)") and splitsing[-1] == ["Totaal", "5 van 12 (42%)"]
        assert _cellen(html) == [rij[1] for rij in splitsing[1:]]


def test_the_demo_cohorts_fill_the_monitor_and_stay_out_of_every_demo_users_sight(client, demo):
    from demo.monitor import cohorten_genereren
    from toegang import policy

    regio = Regio.objects.get(naam="Regio Lindewaard")
    assert cohorten_genereren(regio, actor=demo.beheerder) == 160
    assert cohorten_genereren(regio, actor=demo.beheerder) == 0  # once
    horst = Organisatie.objects.get(naam="JJI De Horst")
    for user in demo.users.values():
        assert not policy.zichtbaar_voor(user).filter(jji=horst).exists(), user
    cijfers = selectors.monitor([regio], [Periode(2024), Periode(2025)], vandaag=timezone.localdate())
    cellen = [cel for rij in cijfers.tabel[1:] for cel in rij[1:]]
    assert sum("%" in cel for cel in cellen) >= 10  # figures shown
    assert any(cel.startswith("x") for cel in cellen)  # and some hidden
    assert "%" in cijfers.koptekst


def test_the_charts_are_svg_with_title_description_and_their_numbers_beside(client, cohort, demo):
    from monitor.grafieken import grafieken

    cijfers = selectors.monitor([cohort], [Periode(2024), Periode(2025)], vandaag=VANDAAG)
    onderbroken, ingeschreven, op_school = grafieken(cijfers)
    # The interrupted careers per cohort as the table shows them: 2024 42%, 2025 hidden.
    assert [(s.label, s.procent, s.tekst) for s in onderbroken.staven] == [
        ("2024", 42, "42%"),
        ("2025", None, "niet getoond (te weinig jongeren)"),
    ]
    # Still at school, in the headline's cohort (2025: 0 of 6 after a month, hidden).
    assert [s.label for s in op_school.staven][0] == "1 maand na uitstroom"
    assert op_school.staven[0].procent is None and "2025" in op_school.titel
    client.force_login(demo.regio)
    pagina = client.get(URL, {"van": "2024", "tot": "2025"}).content.decode()
    grafiekdeel = pagina[pagina.index('id="grafieken"') : pagina.index('id="uitsplitsingen"')]
    assert grafiekdeel.count("<svg") == 3 and grafiekdeel.count("<title") == 3 and grafiekdeel.count("<desc") == 3
    assert 'role="img"' in grafiekdeel and grafiekdeel.count("<table") == 3
    # A hidden figure draws no bar: one bar in the first chart (2024).
    eerste = grafiekdeel[: grafiekdeel.index("</figure>")]
    assert eerste.count("<rect") == 1 and 'width="151"' in eerste  # 42% of 360
    for verboden in ("style=", "<script", "http://", "https://"):
        assert verboden not in grafiekdeel, verboden


def test_the_breakdowns_and_the_titel_only_for_the_regiocoordinator(client, cohort, demo):
    from monitor.uitsplitsingen import uitsplitsingen

    cijfers = selectors.monitor([cohort], [Periode(2024)], vandaag=VANDAAG)
    gesplitst = {u.sleutel: dict(u.regels) for u in uitsplitsingen([cohort], cijfers, met_titel=True)}
    # All twelve are jeugddetentie (the factory's titel) without a receiving school: each
    # breakdown has one group with everyone and empty ones. The headline (5 of 12) is shown,
    # so the empty groups (0, hidden) would say, by subtraction, that the one group is the
    # headline: that group is hidden too, and nothing is told.
    assert set(gesplitst["titel"].values()) == {"x van x"}
    assert set(gesplitst["school"].values()) == {"x van x"}
    assert "PIJ-maatregel" in gesplitst["titel"] and "titel onbekend" in gesplitst["titel"]
    assert "ROC Lindewaard" in gesplitst["school"]  # every mbo of the regio, received or not
    assert "titel" not in {u.sleutel for u in uitsplitsingen([cohort], cijfers, met_titel=False)}
    # A headline that is hidden (2025: 0 of 6) gets no breakdown.
    cijfers_2025 = selectors.monitor([cohort], [Periode(2025)], vandaag=VANDAAG)
    assert uitsplitsingen([cohort], cijfers_2025, met_titel=True) == []
    keuze = {"van": "2024", "tot": "2024"}
    client.force_login(demo.regio)
    assert 'id="uitsplitsing-titel"' in client.get(URL, keuze).content.decode()
    for school in (demo.verbindingsofficier, demo.coordinator, demo.beheerder):
        client.force_login(school)
        pagina = client.get(URL, keuze).content.decode()
        assert 'id="uitsplitsing-school"' in pagina
        assert 'id="uitsplitsing-titel"' not in pagina and "PIJ" not in pagina and "hechtenis" not in pagina


def test_the_print_page_and_the_pdf_carry_the_same_figures(client, cohort, demo):
    from ..pdf import pdf_tekst

    keuze = {"van": "2024", "tot": "2024"}
    client.force_login(demo.regio)
    afdruk = reverse("monitor:afdruk")
    pagina = client.get(afdruk, keuze).content.decode()
    assert "Onderbroken schoolloopbanen in 2024: 5 van 12 (42%)" in pagina and pagina.count("<svg") == 3
    antwoord = client.get(afdruk, {**keuze, "formaat": "pdf"})
    assert antwoord["Content-Type"] == "application/pdf" and "monitor-2024_2024.pdf" in antwoord["Content-Disposition"]
    tekst = pdf_tekst(antwoord.content)
    assert "5 van 12 (42%)" in tekst and "Naar ontvangende school" in tekst
    for naam in ("Liam", "Finn", "Jayden", "Test"):  # no young person's name (the cohort's are "Test…")
        assert naam not in tekst
    assert client.get(afdruk, {"van": "2030"}).status_code == 404  # a bad period: no document
    client.force_login(demo.mbo_intake)
    assert client.get(afdruk, keuze).status_code == 404
