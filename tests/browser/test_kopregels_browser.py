"""The headers as Chromium applies them: the policy really stops inline style and the
journeys' listener sees it (so a journey without reports proves something); Swagger UI
works under its own policy; Chromium knows every feature the Permissions-Policy names.
On PostgreSQL with a live server, like test_browser.py."""

from __future__ import annotations

import os

import pytest

from ..omgeving import overslaan_of_falen, zaai_opnieuw
from .test_browser import inloggen as met_tweede_factor_inloggen

CHROMIUM = "/usr/lib/chromium/chromium"
LUISTERAAR = """document.addEventListener("securitypolicyviolation", (e) => console.error(
  "CSP-schending: " + e.violatedDirective + " " + e.blockedURI));"""

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        overslaan_of_falen(f"Chromium ontbreekt ({CHROMIUM}): apt-get install chromium")
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def pagina(browser, live_server, vereist_postgres):
    zaai_opnieuw()
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.add_init_script(LUISTERAAR)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.basis = live_server.url
    page.meldingen = []
    page.on("console", lambda m: page.meldingen.append((m.type, m.text)))
    yield page
    context.close()


def inloggen(page, gebruiker, wachtwoord):
    """Both steps (the code from the person's app, as in test_browser), then the signed-in page."""
    met_tweede_factor_inloggen(page, gebruiker, wachtwoord)
    page.get_by_role("button", name="Uitloggen", exact=True).wait_for()


def schendingen(page):
    return [tekst for soort, tekst in page.meldingen if soort == "error" and "CSP-schending" in tekst]


def test_het_beleid_houdt_inline_stijl_en_script_tegen_en_de_luisteraar_ziet_het(pagina, settings):
    inloggen(pagina, "jji-school", settings.DEMO_PASSWORD)
    assert schendingen(pagina) == []
    kleur = pagina.evaluate("getComputedStyle(document.body).color")
    pagina.evaluate(
        """() => {
        document.body.setAttribute("style", "color: rgb(255, 0, 0)");
        const s = document.createElement("script");
        s.textContent = "window.ingevoegd = true";
        document.body.appendChild(s);
    }"""
    )
    pagina.wait_for_function("() => true")
    pagina.wait_for_timeout(200)  # the reports are queued as tasks
    assert pagina.evaluate("getComputedStyle(document.body).color") == kleur
    assert pagina.evaluate("window.ingevoegd === undefined")
    gemeld = " ".join(schendingen(pagina))
    assert "style-src" in gemeld and "script-src" in gemeld


def test_swagger_ui_werkt_onder_zijn_eigen_beleid(pagina, settings):
    inloggen(pagina, "coordinator", settings.DEMO_PASSWORD)
    pagina.goto(f"{pagina.basis}/api/docs/")
    pagina.get_by_role("heading", name="jji-traject API").wait_for()
    blok = pagina.locator(".opblock", has_text="/api/v1/trajecten/").first
    blok.locator(".opblock-summary").click()
    blok.get_by_role("button", name="Try it out").click()
    with pagina.expect_response(lambda r: r.url.endswith("/api/v1/trajecten/")) as antwoord:
        blok.get_by_role("button", name="Execute").click()
    assert antwoord.value.status == 200  # connect-src 'self': the session's request gets through
    blok.locator(".live-responses-table").wait_for()
    pagina.wait_for_timeout(200)
    assert schendingen(pagina) == []


def test_chromium_kent_elke_functie_in_het_permissions_policy(pagina):
    pagina.goto(f"{pagina.basis}/inloggen/")
    pagina.get_by_role("button", name="Inloggen").wait_for()
    assert [t for _s, t in pagina.meldingen if "Permissions-Policy" in t] == []
    toegestaan = pagina.evaluate(
        "['camera', 'microphone', 'geolocation', 'payment', 'publickey-credentials-get']"
        ".map((f) => document.featurePolicy.allowsFeature(f))"
    )
    assert toegestaan == [False, False, False, False, True]
