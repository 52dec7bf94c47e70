"""Browser tests in Debian's Chromium (Playwright), on PostgreSQL with a live server.

A screenshot per journey is kept in test-artifacts/ (CI keeps it as an artifact)."""

import os
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings

from ..omgeving import overslaan_of_falen, zaai_opnieuw
from ..tweefactor import code_nu
from .controle import Controle

CHROMIUM = "/usr/lib/chromium/chromium"
ARTEFACTEN = Path(__file__).resolve().parents[2] / "test-artifacts"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        overslaan_of_falen(f"Chromium ontbreekt ({CHROMIUM}): apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover
        overslaan_of_falen("Python Playwright ontbreekt")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


# Every page of every journey reports a Content-Security-Policy violation to the console
# (Chromium also logs each refusal there itself); a journey with one fails.
CSP_LUISTERAAR = """document.addEventListener("securitypolicyviolation", (e) => console.error(
  "CSP-schending: " + e.violatedDirective + " " + e.blockedURI + " in " + e.sourceFile + ":" + e.lineNumber));"""


BREED = {"width": 1280, "height": 900}


@contextmanager
def geopende_pagina(browser, live_server, *, venster=BREED):
    """A fresh context and page on the live server. When the journey is done: no
    Content-Security-Policy violation, and every page it visited passed axe-core and the width
    check at 390 px (controle.py)."""
    zaai_opnieuw()  # a transactional test starts from flushed tables
    context = browser.new_context(locale="nl-NL", viewport=venster)
    context.add_init_script(CSP_LUISTERAAR)
    page = context.new_page()
    schendingen = []

    def console(bericht):
        if bericht.type == "error" and ("CSP-schending" in bericht.text or "Content Security Policy" in bericht.text):
            schendingen.append(bericht.text)

    page.on("console", console)
    page.set_default_timeout(15000)
    page.basis = live_server.url
    controle = Controle(page)
    yield page
    controle.controleren()  # the journey's last page
    context.close()
    assert schendingen == [], "Content-Security-Policy geschonden:\n" + "\n".join(schendingen)
    assert controle.bevindingen == [], "Toegankelijkheid en breedte:\n" + "\n".join(controle.bevindingen)


@pytest.fixture
def pagina(browser, live_server, vereist_postgres, settings):
    with geopende_pagina(browser, live_server) as page:
        yield page


def inloggen(page, gebruiker, wachtwoord, *, tweede_factor=True):
    """Sign in as a person does: the password, then (TWEE_FACTOR=verplicht, as in make test)
    the code their authenticator app shows, computed with pyotp from their device's secret."""
    page.goto(f"{page.basis}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(gebruiker)
    page.get_by_label("Wachtwoord").fill(wachtwoord)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    # The step comes only after a right password (a wrong one, or a lockout, stays on the login page).
    if (
        tweede_factor
        and settings.TWEE_FACTOR == "verplicht"
        and page.get_by_role("heading", name="Tweede factor").count()
    ):
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.get(username=gebruiker)
        page.get_by_label("Code").fill(code_nu(user))
        page.get_by_role("button", name="Controleren").click()
        page.wait_for_load_state()


def screenshot(page, naam):
    ARTEFACTEN.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTEFACTEN / f"{naam}.png"), full_page=True)


def test_jji_school_logs_in_and_sees_mijn_trajecten(pagina, settings):
    inloggen(pagina, "jji-school", settings.DEMO_PASSWORD)
    pagina.get_by_role("heading", name="Mijn trajecten").wait_for()
    assert pagina.get_by_role("link", name="Noah Verbeek").is_visible()
    screenshot(pagina, "jji-school-mijn-trajecten")
    pagina.get_by_role("link", name="Noah Verbeek").click()
    pagina.get_by_role("heading", name="Noah Verbeek").wait_for()
    assert pagina.get_by_role("heading", name="Betrokken organisaties").is_visible()
    assert "Titel van het verblijf" not in pagina.content()
    screenshot(pagina, "jji-school-traject")


def test_wrong_password_keeps_you_out_with_a_clear_message(pagina):
    inloggen(pagina, "jji-school", "verkeerd-wachtwoord", tweede_factor=False)
    assert pagina.get_by_text("De combinatie van gebruikersnaam en wachtwoord klopt niet").is_visible()


def test_coordinator_involves_the_mbo_and_the_verbindingsofficier_then_sees_it(pagina, settings):
    """Journey: the JJI-school records the youth's consent to tell the receiving mbo; the
    mbo's verbindingsofficier then finds the youth in Mijn trajecten."""
    inloggen(pagina, "coordinator", settings.DEMO_PASSWORD)
    pagina.get_by_role("link", name="Sem Hoekstra").click()
    pagina.get_by_role("link", name="Grondslag vastleggen voor ROC Lindewaard").click()
    pagina.get_by_label("toestemming van de jongere").check()
    pagina.get_by_label("mondeling gegeven en vastgelegd").check()
    pagina.get_by_label("uitgelegd dat weigeren geen gevolgen heeft").check()
    pagina.get_by_role("button", name="Grondslag vastleggen").click()
    pagina.get_by_text("ROC Lindewaard is nu actief betrokken").wait_for()
    screenshot(pagina, "coordinator-grondslag-vastgelegd")
    pagina.get_by_role("button", name="Uitloggen").click()
    inloggen(pagina, "verbindingsofficier", settings.DEMO_PASSWORD)
    pagina.get_by_role("heading", name="Overzicht", exact=True).wait_for()  # his home (issue 18)
    pagina.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mijn trajecten").click()
    pagina.get_by_role("heading", name="Mijn trajecten").wait_for()
    assert pagina.get_by_role("link", name="Sem Hoekstra").is_visible()
    screenshot(pagina, "verbindingsofficier-mijn-trajecten")


def test_keyboard_only_skip_link(pagina, settings):
    inloggen(pagina, "jji-school", settings.DEMO_PASSWORD)
    pagina.keyboard.press("Tab")
    focus = pagina.evaluate("document.activeElement.textContent")
    assert "Naar de inhoud" in focus


def test_error_summary_gets_focus(pagina, settings):
    inloggen(pagina, "itb", settings.DEMO_PASSWORD)
    pagina.goto(f"{pagina.basis}/trajecten/nieuw/")
    pagina.get_by_role("button", name="Traject starten").click()
    pagina.get_by_role("heading", name="Controleer het formulier").wait_for()
    assert pagina.evaluate("document.activeElement.id") == "foutoverzicht"
    screenshot(pagina, "itb-formulier-met-fouten")


def test_jji_school_marks_tasks_done_and_the_timeline_moves_on(pagina, settings):
    inloggen(pagina, "jji-school", settings.DEMO_PASSWORD)
    pagina.get_by_role("link", name="Noah Verbeek").click()
    huidig = pagina.locator(".tijdlijn__stap--huidig")
    stap_voor = huidig.locator(".tijdlijn__titel").inner_text()
    aantal = huidig.locator("li.taak").count()
    assert aantal > 0
    for _ in range(aantal):
        if pagina.locator(".tijdlijn__stap--huidig li.taak.taak--open").count() == 0:
            break
        taak = pagina.locator(".tijdlijn__stap--huidig li.taak.taak--open").first
        taak_id = taak.get_attribute("id")
        taak.get_by_label("Status").select_option("gedaan")
        with pagina.expect_response(lambda r: "/taken/" in r.url and r.request.method == "POST"):
            taak.get_by_role("button", name="Opslaan").click()
        # Wait for the swapped-in routekaart to show this task done (an earlier "Opgeslagen."
        # may still be on the page until htmx has swapped).
        pagina.locator(f"#{taak_id}.taak--gedaan").wait_for()
    stap_na = pagina.locator(".tijdlijn__stap--huidig .tijdlijn__titel").inner_text()
    assert stap_na != stap_voor
    screenshot(pagina, "jji-school-tijdlijn-verder")


def test_verbindingsofficier_finds_the_jji_schools_verbindingsofficier_in_one_search(pagina, settings):
    inloggen(pagina, "verbindingsofficier", settings.DEMO_PASSWORD)
    pagina.get_by_role("link", name="Netwerkkaart").click()
    pagina.get_by_label("Wie is de verbindingsofficier van …?").fill("Duinzicht")
    pagina.get_by_role("button", name="Zoeken").click()
    pagina.get_by_role("heading", name="Duinzichtcollege (JJI-school)").wait_for()
    assert pagina.get_by_role("link", name="Peter Aydin").is_visible()
    screenshot(pagina, "verbindingsofficier-netwerkkaart")


def test_beheerder_imports_an_excel_csv_after_a_dry_run(pagina, settings, tmp_path):
    kop = (
        "organisatie;soort organisatie;plaats;hoort bij JJI;rol;naam;functie;telefoon;e-mail;bereikbaarheid;"
        "niveau;gebruikersnaam;laatst bevestigd op"
    )
    bestand = tmp_path / "netwerkkaart.csv"
    regel = "Sportclub De Meeuwen;sportvereniging;Lindewaard;;sportvereniging;José Müller;Trainer;06-12345678;;;;;"
    bestand.write_bytes(f"{kop}\r\n{regel}\r\n".encode("cp1252"))  # as Excel on Windows saves it
    inloggen(pagina, "beheerder", settings.DEMO_PASSWORD)  # lands in the beheer pages
    pagina.goto(f"{pagina.basis}/netwerk/")
    pagina.get_by_role("link", name="Importeren (CSV)").click()
    pagina.get_by_label("CSV-bestand").set_input_files(str(bestand))
    pagina.get_by_role("button", name="Controleren (proef)").click()
    pagina.get_by_role("heading", name="Proef: dit zou er veranderen").wait_for()
    assert pagina.get_by_text("José Müller").is_visible()
    screenshot(pagina, "beheerder-netwerkkaart-proef")
    pagina.get_by_role("button", name="Importeren").click()
    pagina.get_by_role("heading", name="Geïmporteerd").wait_for()
    pagina.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Netwerkkaart").click()
    pagina.get_by_role("heading", name="Sportclub De Meeuwen").wait_for()
    assert pagina.get_by_text("José Müller").is_visible()


def test_consent_for_one_part_opens_it_for_the_mbo_and_revocation_closes_it(pagina, settings):
    from trajecten.models import Traject

    noah = Traject.objects.get(jongere__voornaam="Noah")
    dossier = f"{pagina.basis}/trajecten/{noah.pk}/dossier/"
    inloggen(pagina, "jji-school", settings.DEMO_PASSWORD)
    pagina.goto(dossier)
    pagina.get_by_role("link", name="Toestemmingen").click()
    pagina.get_by_role("link", name="Toestemming per deel vastleggen").click()
    pagina.get_by_label("Ontvanger").select_option(label="ROC Lindewaard")
    pagina.get_by_label("onderwijsinformatie", exact=True).check()
    pagina.get_by_label("toestemming van de jongere").check()
    pagina.get_by_label("mondeling gegeven en vastgelegd").check()
    pagina.get_by_label("uitgelegd dat weigeren geen gevolgen heeft").check()
    pagina.get_by_role("button", name="Toestemming vastleggen").click()
    pagina.get_by_text("De toestemming is vastgelegd").wait_for()
    screenshot(pagina, "jji-school-toestemming-per-deel")
    pagina.context.clear_cookies()

    inloggen(pagina, "mbo-intake", settings.DEMO_PASSWORD)
    pagina.goto(dossier)
    pagina.get_by_role("heading", name="Onderwijsinformatie").wait_for()
    tekst = pagina.locator("main").inner_text()
    assert "Medewerker logistiek" in tekst  # onderwijsinformatie
    assert "vast dagritme" not in tekst and "dezelfde klas" not in tekst  # not the other two parts
    assert tekst.count("niet gedeeld") == 2
    screenshot(pagina, "mbo-intake-dossier-onderwijsinformatie")
    pagina.context.clear_cookies()

    inloggen(pagina, "coordinator", settings.DEMO_PASSWORD)
    pagina.goto(f"{pagina.basis}/trajecten/{noah.pk}/toestemmingen/")
    pagina.get_by_role("link", name="Intrekken: onderwijsinformatie voor ROC Lindewaard").click()
    pagina.get_by_role("button", name="Ja, intrekken").click()
    pagina.get_by_text("Ingetrokken: onderwijsinformatie voor ROC Lindewaard").wait_for()
    pagina.context.clear_cookies()

    inloggen(pagina, "mbo-intake", settings.DEMO_PASSWORD)
    pagina.goto(dossier)
    pagina.get_by_role("heading", name="Onderwijsinformatie").wait_for()
    assert "Medewerker logistiek" not in pagina.locator("main").inner_text()
    pagina.context.clear_cookies()

    inloggen(pagina, "jji-school", settings.DEMO_PASSWORD)
    pagina.goto(f"{pagina.basis}/trajecten/{noah.pk}/raadplegingen/")
    rijen = pagina.locator("tbody tr")
    assert rijen.count() == 1
    assert "Linda Vermeulen" in rijen.first.inner_text() and "onderwijsinformatie" in rijen.first.inner_text()
    screenshot(pagina, "jji-school-raadplegingen")


def test_beslismodel_from_the_jji_school_to_a_confirmed_status(pagina, settings):
    """Journey: the JJI-school fills in and submits a beslismodel; the mbo's intaker finds it
    under "Te beoordelen" and decides oranje with a motivation; the verbindingsofficier
    confirms; the traject shows the status."""
    inloggen(pagina, "jji-school", settings.DEMO_PASSWORD)
    pagina.get_by_role("link", name="Noah Verbeek").click()
    pagina.get_by_role("link", name="Naar het beslismodel").click()
    pagina.get_by_role("button", name="Beslismodel invullen").click()
    pagina.get_by_text("alleen de JJI-school ziet het").wait_for()
    item = pagina.locator("#item-opleidingsniveau")
    item.get_by_label("Extra aandacht nodig").check()
    item.get_by_label("Toelichting; wat is nodig").fill("Extra oefentijd rekenen in de eerste maanden.")
    item = pagina.locator("#item-inbedding")
    item.get_by_label("Extra aandacht nodig").check()
    item.get_by_label("Toelichting; wat draagt bij").fill("Start in een kleine groep met een vaste docent.")
    pagina.locator("#item-aanbod").get_by_label("regulier", exact=True).check()
    pagina.locator("#item-setting").get_by_label("extra ondersteuning in een kleinschalige setting").check()
    screenshot(pagina, "jji-school-beslismodel-invullen")
    pagina.get_by_role("button", name="Opslaan en naar indienen").click()
    pagina.get_by_label("Indienen bij").select_option(label="ROC Lindewaard")
    pagina.get_by_label("Ik heb het beslismodel samen met de jongere voorbereid").check()
    pagina.get_by_role("button", name="Indienen").click()
    pagina.get_by_text("is ingediend bij ROC Lindewaard").wait_for()
    pagina.context.clear_cookies()

    inloggen(pagina, "mbo-intake", settings.DEMO_PASSWORD)
    pagina.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Te beoordelen").click()
    pagina.get_by_role("heading", name="Te beoordelen").wait_for()
    screenshot(pagina, "mbo-intake-te-beoordelen")
    pagina.get_by_role("link", name="Noah Verbeek").click()
    pagina.get_by_role("heading", name="Suggestie uit de antwoorden").wait_for()
    assert "niet gedeeld" in pagina.locator("main").inner_text()  # no consent for the parts yet
    pagina.get_by_label("Advies voor maatregelen en ondersteuning").fill(
        "Start in een kleine groep met een vaste mentor; extra rekenen."
    )
    pagina.get_by_label("oranje", exact=False).check()
    pagina.get_by_label("Motivatie").fill("Een kleine groep geeft Noah rust om te wennen; daarna regulier.")
    pagina.get_by_label("Eerste aanspreekpunt voor de jongere").select_option(label="Linda Vermeulen")
    pagina.locator("#id_maatregel-0-omschrijving").fill("Wekelijks gesprek met de mentor")
    screenshot(pagina, "mbo-intake-besluit")
    pagina.get_by_role("button", name="Besluit vastleggen").click()
    pagina.get_by_text("De verbindingsofficier bevestigt de status oranje").wait_for()
    pagina.context.clear_cookies()

    inloggen(pagina, "verbindingsofficier", settings.DEMO_PASSWORD)
    pagina.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Te beoordelen").click()
    pagina.get_by_role("link", name="Noah Verbeek").click()
    pagina.get_by_role("button", name="Status bevestigen").click()
    pagina.get_by_text("De status is bevestigd").wait_for()
    pagina.get_by_role("link", name="Terug naar het beslismodel").click()
    pagina.get_by_role("link", name="Terug naar Noah Verbeek").click()
    sectie = pagina.locator("#beslismodel")
    assert "oranje" in sectie.inner_text() and "bevestigd" in sectie.inner_text()
    stap9 = pagina.locator(".tijdlijn__stap", has_text="Stap 9")
    stap9.locator("summary").click()  # a step still to come is folded: its tasks load when opened
    stap9.locator(".taak__tekst", has_text="Wekelijks gesprek met de mentor").wait_for()  # now a task
    screenshot(pagina, "verbindingsofficier-traject-met-status")


def test_coordinator_previews_exports_and_downloads_an_overdrachtsdocument(pagina, settings, tmp_path):
    """Journey: the zorgcoördinator previews what the receiving mbo's verbindingsofficier will
    get, exports the document and downloads the PDF."""
    import io

    from pypdf import PdfReader

    inloggen(pagina, "coordinator", settings.DEMO_PASSWORD)
    pagina.get_by_role("link", name="Liam Mulder").click()
    pagina.get_by_role("link", name="Overdrachtsdocument maken").click()
    pagina.get_by_label("Voor wie").select_option(label="Marco Janssen — veiligheidscoördinator, ROC Lindewaard")
    pagina.get_by_role("button", name="Voorbeeld bekijken").click()
    pagina.get_by_role("heading", name="Voorbeeld van het overdrachtsdocument").wait_for()
    voorbeeld = pagina.locator("main").inner_text()
    assert "Medewerker logistiek" in voorbeeld  # onderwijsinformatie, shared with ROC Lindewaard
    assert "dezelfde klas" not in voorbeeld  # signalen voor veiligheid never go into a document
    screenshot(pagina, "coordinator-overdracht-voorbeeld")
    pagina.get_by_role("button", name="Exporteren voor Marco Janssen").click()
    pagina.get_by_role("link", name="Downloaden (PDF)").wait_for()
    screenshot(pagina, "coordinator-overdracht-klaar")
    with pagina.expect_download() as download:
        pagina.get_by_role("link", name="Downloaden (PDF)").click()
    pad = tmp_path / "overdracht.pdf"
    download.value.save_as(pad)
    inhoud = pad.read_bytes()
    assert inhoud.startswith(b"%PDF")
    tekst = " ".join(p.extract_text().replace("\x00", "") for p in PdfReader(io.BytesIO(inhoud)).pages)
    assert "Vertrouwelijk" in tekst and "Marco Janssen" in tekst and "Medewerker logistiek" in tekst
