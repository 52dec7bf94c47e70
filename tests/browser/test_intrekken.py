"""Browser journey of issue 17, item 5 (Chromium, PostgreSQL, live server): the zorgcoördinator
goes from the raadplegingen to the toestemmingen, where each row's Intrekken has its own name;
revoking the kennisgeving asks first and says it closes the whole traject to ROC Lindewaard; a
confirmation of a page that has changed since, or one given twice, is refused with nothing
changed; the message after revoking says what was revoked. Screenshots in test-artifacts/."""

from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model

from netwerk.models import Organisatie
from trajecten import services
from trajecten.constants import KENNISGEVING, Categorie
from trajecten.models import Traject

from ..lezers import toestemming_geven
from .test_browser import browser, inloggen, pagina, screenshot  # noqa: F401 - fixtures and helpers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KENNISGEVING_NAAM = "Intrekken: kennisgeving van de plaatsing voor ROC Lindewaard; dit sluit het hele traject"


def test_revoking_asks_first_and_refuses_a_stale_or_repeated_confirmation(pagina, settings):  # noqa: F811
    # What lezers.toestemming_geven needs: the zorgcoördinator, who records.
    demo = SimpleNamespace(coordinator=get_user_model().objects.get(username="coordinator"))
    noah = Traject.objects.get(jongere__voornaam="Noah")
    roc = Organisatie.objects.get(naam="ROC Lindewaard")
    onderwijs = toestemming_geven(demo, noah, Categorie.ONDERWIJSINFORMATIE)
    kennisgeving = noah.toestemmingen.get(categorie=KENNISGEVING, ontvanger=roc, ingetrokken_op__isnull=True)

    inloggen(pagina, "coordinator", settings.DEMO_PASSWORD)
    pagina.goto(f"{pagina.basis}/trajecten/{noah.pk}/raadplegingen/")
    pagina.get_by_role("link", name="Toestemmingen bekijken of intrekken").click()
    pagina.get_by_role("heading", name="Toestemmingen voor Noah Verbeek").wait_for()
    # Each row's Intrekken names its part and recipient; the kennisgeving's says what it closes.
    assert pagina.get_by_role("link", name="Intrekken: onderwijsinformatie voor ROC Lindewaard").count() == 1
    rij = pagina.locator("tr", has=pagina.get_by_role("link", name=KENNISGEVING_NAAM))
    assert "sluit het hele traject voor ROC Lindewaard" in rij.inner_text()
    screenshot(pagina, "intrekken-toestemmingen")

    pagina.get_by_role("link", name=KENNISGEVING_NAAM).click()
    pagina.get_by_role("heading", name="Kennisgeving voor ROC Lindewaard intrekken").wait_for()
    tekst = pagina.locator("main").inner_text()
    assert "Dit sluit het hele traject voor ROC Lindewaard." in tekst
    assert "Ook deze delen van het dossier worden ingetrokken: onderwijsinformatie." in tekst
    screenshot(pagina, "intrekken-bevestiging")

    # A second tab shows the same confirmation (a colleague, or the person twice).
    tweede = pagina.context.new_page()
    tweede.goto(pagina.url)

    # Meanwhile a second part is shared: this page no longer says everything that would go.
    begeleiding = toestemming_geven(demo, noah, Categorie.BEGELEIDINGSBEHOEFTE)
    pagina.get_by_role("button", name="Ja, intrekken").click()
    pagina.get_by_text("gewijzigd sinds je de bevestiging opende").wait_for()
    tekst = pagina.locator("main").inner_text()
    assert "Er is niets ingetrokken." in tekst
    assert "Ook deze delen van het dossier worden ingetrokken: onderwijsinformatie, begeleidingsbehoefte." in tekst
    for record in (kennisgeving, onderwijs, begeleiding):
        record.refresh_from_db()
        assert record.ingetrokken_op is None
    screenshot(pagina, "intrekken-gewijzigd")

    pagina.get_by_role("button", name="Ja, intrekken").click()
    melding = pagina.get_by_text("Ingetrokken: de kennisgeving van de plaatsing voor ROC Lindewaard")
    melding.wait_for()
    assert "Daarmee zijn ook ingetrokken: onderwijsinformatie, begeleidingsbehoefte." in melding.inner_text()
    pagina.get_by_role("heading", name="Toestemmingen voor Noah Verbeek").wait_for()  # back where it started
    assert pagina.get_by_role("link", name=KENNISGEVING_NAAM).count() == 0
    screenshot(pagina, "intrekken-gelukt")
    kennisgeving.refresh_from_db()
    eerst = kennisgeving.ingetrokken_op

    # The second tab confirms what is already revoked: refused, nothing changed.
    tweede.get_by_role("button", name="Ja, intrekken").click()
    tweede.get_by_text("Deze grondslag is al ingetrokken").first.wait_for()
    assert "Er is niets gewijzigd." in tweede.locator("main").inner_text()
    assert tweede.get_by_role("button", name="Ja, intrekken").count() == 0
    screenshot(tweede, "intrekken-al-ingetrokken")
    tweede.close()
    kennisgeving.refresh_from_db()
    assert kennisgeving.ingetrokken_op == eerst
    assert services.samen_ingetrokken(kennisgeving) == [onderwijs, begeleiding]
