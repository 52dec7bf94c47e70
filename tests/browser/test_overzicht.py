"""Browser journey of issue 18, item 4: the verbindingsofficier signs in and lands on his
overview; its sections are there, its links open, and from the header he comes back to it.
Every page is checked by the shared fixture (axe-core, no sideways scroll at 390 px).
Screenshots in test-artifacts/."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from trajecten import services as traject_services
from trajecten.models import Traject

from .test_browser import browser, inloggen, pagina, screenshot  # noqa: F401 - fixtures and helpers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_verbindingsofficier_sees_his_overview(pagina, settings):  # noqa: F811
    from django.contrib.auth import get_user_model

    itb = get_user_model().objects.get(username="itb")
    vandaag = timezone.localdate()
    noah = Traject.objects.get(jongere__voornaam="Noah")
    liam = Traject.objects.get(jongere__voornaam="Liam")
    traject_services.traject_wijzigen(
        actor=itb, traject=noah, jongere={}, gegevens={"verwachte_einddatum": vandaag + dt.timedelta(days=20)}
    )
    traject_services.traject_wijzigen(
        actor=itb, traject=liam, jongere={}, gegevens={"vrijgelaten_op": vandaag - dt.timedelta(days=40)}
    )

    inloggen(pagina, "verbindingsofficier", settings.DEMO_PASSWORD)
    pagina.get_by_role("heading", name="Overzicht", exact=True).wait_for()
    thuis = pagina.url
    assert thuis.endswith("/overzicht/")
    for kop in ("Verwacht in de komende 8 weken (1)", "Beslismodellen die wachten", "Geplande warme overdrachten"):
        pagina.get_by_role("heading", name=kop).first.wait_for()
    # Liam among the youths uit beeld (others of the demo, released long ago, may be too).
    pagina.get_by_role("heading", name=re.compile(r"^Uit beeld \(\d+\)$")).wait_for()
    pagina.locator("#uit-beeld").get_by_role("link", name="Liam Mulder", exact=True).wait_for()
    screenshot(pagina, "verbindingsofficier-overzicht")
    venster = pagina.viewport_size
    pagina.set_viewport_size({"width": 390, "height": 844})  # on a phone: no sideways scroll
    assert pagina.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(pagina, "smal-verbindingsofficier-overzicht")
    pagina.set_viewport_size(venster)
    inhoud = pagina.get_by_role("main")

    inhoud.get_by_role("link", name="Noah Verbeek").click()
    pagina.get_by_role("heading", name="Noah Verbeek").first.wait_for()
    pagina.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Overzicht").click()
    pagina.get_by_role("heading", name="Overzicht", exact=True).wait_for()

    inhoud.get_by_role("link", name="Een contactmoment met Liam Mulder vastleggen").click()
    pagina.get_by_role("button", name="Vastleggen").wait_for()
    pagina.goto(thuis)

    inhoud.get_by_role("link", name="Naar Te beoordelen").click()
    pagina.get_by_role("heading", name="Te beoordelen").wait_for()
    pagina.goto(thuis)

    inhoud.get_by_role("link", name="Alle jongeren uit beeld").click()
    pagina.get_by_role("heading", name="Mijn trajecten").wait_for()
    assert pagina.get_by_role("link", name="Liam Mulder").is_visible()
