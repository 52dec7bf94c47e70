"""Browser journey of issue 19: the regiocoördinator signs in, opens the monitor from the
menu, chooses years and downloads the table as CSV. Every page is checked by the shared
fixture (axe-core, no sideways scroll at 390 px). Screenshots in test-artifacts/."""

import csv
import io

import pytest

from .test_browser import browser, inloggen, pagina, screenshot  # noqa: F401 - fixtures and helpers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_regio_filters_a_period_and_downloads_the_csv(pagina, settings):  # noqa: F811
    inloggen(pagina, "regio", settings.DEMO_PASSWORD)
    pagina.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Monitor").click()
    pagina.get_by_role("heading", name="Monitor schoolloopbanen").wait_for()
    pagina.get_by_role("heading", name="Onderbroken schoolloopbanen in 2026:").wait_for()

    pagina.get_by_role("textbox", name="Van (niet verplicht)").fill("2025")
    pagina.get_by_role("textbox", name="Tot en met (niet verplicht)").fill("2026")
    pagina.get_by_role("button", name="Tonen").click()
    pagina.get_by_role("columnheader", name="2025").wait_for()
    assert pagina.get_by_role("columnheader", name="2024").count() == 0
    screenshot(pagina, "regio-monitor")

    with pagina.expect_download() as wacht:
        pagina.get_by_role("link", name="Tabel downloaden (CSV)").click()
    inhoud = open(wacht.value.path(), encoding="utf-8-sig").read()  # noqa: PTH123, SIM115
    rijen = list(csv.reader(io.StringIO(inhoud), delimiter=";"))
    assert rijen[0] == ["Cijfer", "2025", "2026"]
    assert any(rij[0] == "Na de plaatsing: onderbroken schoolloopbanen" for rij in rijen)

    # Quarters: each one a column, suppressed together with its year; no breakdowns.
    pagina.get_by_role("textbox", name="Van (niet verplicht)").fill("2026-K1")
    pagina.get_by_role("textbox", name="Tot en met (niet verplicht)").fill("2026-K3")
    pagina.get_by_role("button", name="Tonen").click()
    pagina.get_by_role("columnheader", name="3e kwartaal 2026").wait_for()
    pagina.get_by_text("Uitsplitsingen zijn er per heel jaar").wait_for()
    screenshot(pagina, "regio-monitor-kwartalen")

    # A period in the future: a clear message at the field, no figures.
    pagina.get_by_role("textbox", name="Van (niet verplicht)").fill("2030")
    pagina.get_by_role("textbox", name="Tot en met (niet verplicht)").fill("")
    pagina.get_by_role("button", name="Tonen").click()
    pagina.get_by_text("Deze periode ligt in de toekomst").first.wait_for()
    assert pagina.get_by_role("heading", name="Onderbroken schoolloopbanen in").count() == 0
    screenshot(pagina, "regio-monitor-fout")
