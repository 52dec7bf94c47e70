"""A journey at a phone's width (390×844) through the pages the other journeys do not visit.
The shared fixture checks each page before it is left (controle.py): axe-core finds nothing and
``document.documentElement.scrollWidth <= window.innerWidth``. The other journeys get the same
check at 390 px on every page they visit. Screenshots in test-artifacts/."""

import re

import pytest

from .controle import Controle
from .test_browser import BREED, browser, geopende_pagina, inloggen, screenshot  # noqa: F401 - fixtures and helpers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SMAL = {"width": 390, "height": 844}


@pytest.fixture
def smal(browser, live_server, vereist_postgres, settings):  # noqa: F811
    with geopende_pagina(browser, live_server, venster=SMAL) as page:
        yield page


def uitloggen(page):
    page.get_by_role("button", name="Uitloggen").click()
    page.get_by_role("heading", name="Inloggen").wait_for()


def in_beeld(page, locator) -> bool:
    """The element is on the screen, not pushed off to the right."""
    doos = locator.bounding_box()
    return doos is not None and doos["x"] >= 0 and doos["x"] + doos["width"] <= page.viewport_size["width"]


def test_every_page_fits_a_phone(smal, settings):
    from beslismodel.constants import Stand
    from beslismodel.models import Beslismodel
    from netwerk.models import Organisatie
    from trajecten.models import Traject

    liam = Traject.objects.get(jongere__voornaam="Liam")
    vastgesteld = Beslismodel.objects.get(traject=liam, stand=Stand.VASTGESTELD)
    school = Organisatie.objects.get(naam="Duinzichtcollege (JJI-school)")
    basis = smal.basis

    smal.goto(f"{basis}/wachtwoord/vergeten/")
    smal.get_by_role("heading", name="Wachtwoord vergeten").wait_for()
    smal.goto(f"{basis}/bestaat-niet/")

    # The ITB'er: the header wraps, so every menu item stays on the screen.
    inloggen(smal, "itb", settings.DEMO_PASSWORD)
    smal.get_by_role("heading", name="Mijn trajecten").wait_for()
    menu = smal.get_by_role("navigation", name="Hoofdmenu")
    for naam in ("Mijn trajecten", "Mijn taken", "Netwerkkaart", "Meldingen", "Nieuw traject"):
        assert in_beeld(smal, menu.get_by_role("link", name=naam)), naam
    assert in_beeld(smal, smal.get_by_role("button", name="Uitloggen"))
    screenshot(smal, "smal-itb-mijn-trajecten")
    menu.get_by_role("link", name="Nieuw traject").click()
    smal.get_by_role("button", name="Traject starten").wait_for()
    screenshot(smal, "smal-itb-nieuw-traject")
    uitloggen(smal)

    # The JJI-school's zorgcoördinator: the beslismodel and what the youth takes along, consents and
    # their receipt, a dossier part and its history, the youth's reading list, own tasks and notices.
    inloggen(smal, "coordinator", settings.DEMO_PASSWORD)
    smal.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Meldingen").click()
    smal.get_by_role("heading", name="Meldingen").wait_for()
    smal.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mijn taken").click()
    smal.get_by_role("heading", name="Mijn taken").wait_for()
    screenshot(smal, "smal-coordinator-mijn-taken")
    smal.goto(f"{basis}/trajecten/{liam.pk}/beslismodel/")
    smal.goto(f"{basis}/trajecten/{liam.pk}/beslismodel/{vastgesteld.versie}/")
    smal.goto(f"{basis}/trajecten/{liam.pk}/beslismodel/{vastgesteld.versie}/voor-de-jongere/")
    smal.get_by_role("heading", name="Wat we afspraken voor je start op school").wait_for()
    assert smal.get_by_role("main").count() == 1  # the young person's page has its landmarks
    screenshot(smal, "smal-voor-de-jongere")
    smal.goto(f"{basis}/trajecten/{liam.pk}/toestemmingen/")
    screenshot(smal, "smal-coordinator-toestemmingen")
    smal.get_by_role("link", name="Bewijs").first.click()
    smal.get_by_role("heading", name=re.compile("^Bewijs van")).wait_for()
    smal.goto(f"{basis}/trajecten/{liam.pk}/toestemmingen/geschiedenis/")
    smal.goto(f"{basis}/trajecten/{liam.pk}/dossier/onderwijsinformatie/")
    smal.goto(f"{basis}/trajecten/{liam.pk}/dossier/onderwijsinformatie/geschiedenis/")
    smal.goto(f"{basis}/trajecten/{liam.pk}/raadplegingen/voor-de-jongere/")
    smal.goto(f"{basis}/netwerk/organisaties/{school.pk}/verbindingsofficier/")
    uitloggen(smal)

    # The functioneel beheerder: the regio's routekaart, the beslismodel template, the map.
    inloggen(smal, "beheerder", settings.DEMO_PASSWORD)
    smal.goto(f"{basis}/trajecten/routekaart/")
    smal.get_by_role("heading", name="Routekaart").first.wait_for()
    # Icons are SVG, not emoji (an empty box without an emoji font): the padlock of a fixed line…
    assert smal.locator(".voorwaarde svg.icoon").count() > 0 and "🔒" not in smal.content()
    screenshot(smal, "smal-beheerder-routekaart")
    smal.goto(f"{basis}/netwerk/accounts/aanvragen/")
    assert smal.locator(".status--wacht svg.icoon").count() == 1 and "⏳" not in smal.content()  # …the hourglass
    smal.goto(f"{basis}/beslismodel/sjabloon/")
    smal.goto(f"{basis}/netwerk/accounts/log/")
    smal.goto(f"{basis}/netwerk/organisaties/{school.pk}/contacten/")
    screenshot(smal, "smal-beheerder-contacten")
    smal.goto(f"{basis}/netwerk/afdrukken/")


def test_the_check_finds_an_axe_violation_and_a_page_too_wide_for_a_phone(browser, live_server, vereist_postgres):  # noqa: F811
    """The check on every page can fail: on a sound page it finds nothing; after an htmx swap
    that brings an image without a text alternative and a 600 px wide block, the next action
    on the page (here a fill) checks it again and reports both, the width at 390 px only."""
    context = browser.new_context(locale="nl-NL", viewport=BREED)
    try:
        page = context.new_page()
        page.basis = live_server.url
        controle = Controle(page)
        page.goto(f"{live_server.url}/inloggen/")
        page.get_by_label("Gebruikersnaam").fill("iemand")  # the first action checks the page
        assert controle.bekeken == ["/inloggen/"] and controle.bevindingen == []
        page.get_by_label("Gebruikersnaam").fill("iemand anders")  # checked once, until it changes
        assert controle.bekeken == ["/inloggen/"]
        page.evaluate(
            """() => {
            const blok = document.createElement("div");
            blok.style.width = "600px";  // CSSOM, not a style attribute: the CSP allows it
            blok.appendChild(document.createElement("img")).src = "/static/geen-plaatje.png";
            document.querySelector("main").appendChild(blok);
            document.dispatchEvent(new Event("htmx:afterSettle"));
        }"""
        )
        page.get_by_label("Wachtwoord").fill("geheim")
        assert controle.bekeken == ["/inloggen/", "/inloggen/"]
        gevonden = "\n".join(controle.bevindingen)
        assert "axe image-alt (critical)" in gevonden
        assert "in een venster van 390 px" in gevonden and "venster van 1280 px" not in gevonden
        assert page.viewport_size == BREED  # the journey's window is given back
    finally:
        context.close()
