"""Forms as a person meets them (issue 17, item 4): a long unbroken word in a dossier part wraps
instead of widening the page, saving the part returns to the dossier, an error shows at the
field that caused it, and Klaar voor vertrek is one form with one button. Every page is also
checked by the shared fixture (axe-core, no sideways scrolling at 1280 and 390 px).
Screenshots in test-artifacts/."""

import datetime as dt

import pytest
from django.utils import timezone

from .test_browser import browser, inloggen, pagina, screenshot  # noqa: F401 - fixtures and helpers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCHUIFT_NIET = "() => document.documentElement.scrollWidth <= window.innerWidth"


def test_a_long_unbroken_word_wraps_and_saving_returns_to_the_dossier(pagina, settings):  # noqa: F811
    from trajecten.models import Traject

    noah = Traject.objects.get(jongere__voornaam="Noah")
    inloggen(pagina, "jji-school", settings.DEMO_PASSWORD)
    pagina.goto(f"{pagina.basis}/trajecten/{noah.pk}/dossier/onderwijsinformatie/bewerken/")
    veld = pagina.get_by_label("Motivatie")
    assert veld.get_attribute("maxlength") == "5000"
    veld.fill("Logistiek" + "a" * 4_900)
    pagina.get_by_role("button", name="Opslaan").click()
    pagina.wait_for_url(f"**/trajecten/{noah.pk}/dossier/")  # back to the dossier, not the traject
    pagina.get_by_text("Onderwijsinformatie is opgeslagen").wait_for()
    assert pagina.evaluate(SCHUIFT_NIET), pagina.evaluate("() => document.documentElement.scrollWidth")
    screenshot(pagina, "formulieren-lang-woord-dossier")


def test_an_error_shows_at_the_field_that_caused_it(pagina, settings):  # noqa: F811
    from beslismodel.constants import Stand
    from beslismodel.models import Beslismodel

    finn = Beslismodel.objects.get(traject__jongere__voornaam="Finn", stand=Stand.INGEDIEND)
    inloggen(pagina, "mbo-intake", settings.DEMO_PASSWORD)
    pagina.goto(f"{pagina.basis}/trajecten/{finn.traject_id}/beslismodel/{finn.versie}/besluiten/")
    pagina.get_by_label("Advies voor maatregelen en ondersteuning").fill("Een vaste mentor en een rustige plek.")
    pagina.locator("input[name=status]").first.check()
    pagina.get_by_label("Motivatie").fill("Past bij wat hij nodig heeft.")
    pagina.locator("#id_maatregel-0-omschrijving").fill("Wekelijks gesprek met de mentor")
    gisteren = timezone.localdate() - dt.timedelta(days=1)
    pagina.locator("#id_maatregel-0-datum").fill(gisteren.isoformat())
    pagina.locator("#id_maatregel-1-datum").fill((timezone.localdate() + dt.timedelta(days=30)).isoformat())
    pagina.get_by_role("button", name="Besluit vastleggen").click()
    pagina.get_by_role("heading", name="Controleer het formulier").wait_for()
    datumfout = pagina.locator("#id_maatregel-0-datum_error")
    assert datumfout.is_visible() and "verleden" in datumfout.inner_text()
    assert pagina.locator("#id_maatregel-0-omschrijving_error").count() == 0  # not on the text field
    omschrijving = pagina.locator("#id_maatregel-1-omschrijving_error")
    assert "Beschrijf de afspraak" in omschrijving.inner_text()
    screenshot(pagina, "formulieren-fout-bij-het-veld")


def test_klaar_voor_vertrek_is_one_form(pagina, settings):  # noqa: F811
    from trajecten.models import Traject

    noah = Traject.objects.get(jongere__voornaam="Noah")
    inloggen(pagina, "coordinator", settings.DEMO_PASSWORD)
    pagina.goto(f"{pagina.basis}/trajecten/{noah.pk}/")
    sectie = pagina.locator("#vertrek")
    assert sectie.locator("form").count() == 1
    assert sectie.get_by_role("button").count() == 1
    sectie.get_by_role("group", name="Huisvesting").get_by_label("Status").select_option("geregeld")
    sectie.get_by_role("group", name="Vervoer").get_by_label("Status").select_option("bezig")
    sectie.get_by_role("group", name="Vervoer").get_by_label("Toelichting").fill("OV-kaart aangevraagd")
    sectie.get_by_role("button", name="Klaar voor vertrek opslaan").click()
    pagina.get_by_text("Klaar voor vertrek is bijgewerkt").wait_for()
    assert pagina.url.endswith("#vertrek")
    assert dict(noah.vertrekitems.values_list("onderwerp", "status")) == {"huisvesting": "geregeld", "vervoer": "bezig"}
    screenshot(pagina, "formulieren-klaar-voor-vertrek")
