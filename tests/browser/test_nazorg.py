"""Browser journey of the gemeente after release (UX journey 5, issue 18): the nazorgcoördinator
signs in, finds the youths coming out of the JJI with their release dates, opens one in which
the gemeente has the regie over nazorg, reads the gemeente's own tasks and the toekomstperspectief
(no dossier part, no titel), and records a contact moment. Screenshots in test-artifacts/."""

import pytest

from trajecten.constants import OverlegSoort
from trajecten.models import Overleg, Traject

from .test_browser import browser, inloggen, pagina, screenshot  # noqa: F401 - fixtures and helpers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_gemeente_opens_a_youth_in_uitstroom_and_records_a_contact_moment(pagina, settings):  # noqa: F811
    liam = Traject.objects.select_related("jongere").get(jongere__voornaam="Liam")
    inloggen(pagina, "gemeente", settings.DEMO_PASSWORD)
    pagina.get_by_role("heading", name="Mijn trajecten").wait_for()
    assert pagina.get_by_role("columnheader", name="Vrijlating").is_visible()
    for naam in ("Liam Mulder", "Finn Jacobs", "Jayden Meijer", "Thijs Brouwer"):
        assert pagina.get_by_role("link", name=naam).is_visible()
    assert pagina.get_by_role("link", name="Noah Verbeek").count() == 0
    screenshot(pagina, "gemeente-mijn-trajecten")

    pagina.get_by_role("link", name="Liam Mulder").click()
    pagina.get_by_role("heading", name="Liam Mulder", level=1).wait_for()
    inhoud = pagina.get_by_role("main").inner_text()
    assert "Toekomstperspectief" in inhoud and "Regie over de nazorg" in inhoud
    assert liam.get_titel_display() not in inhoud  # the titel is for the JJI and justice partners
    screenshot(pagina, "gemeente-traject-liam")

    pagina.get_by_role("link", name="Overleg vastleggen").click()
    pagina.get_by_role("heading", name="Overleg of contactmoment vastleggen").wait_for()
    # The internal trajectknooppunt of the JJI and the JJI-school is no choice here.
    assert pagina.get_by_label("trajectknooppunt (JJI en JJI-school)").count() == 0
    pagina.get_by_label("contactmoment na uitstroom").check()
    pagina.get_by_label("De jongere was erbij").check()
    pagina.get_by_label("Uitkomst en afspraken").fill("Woont bij zijn tante; start volgende week bij ROC Lindewaard.")
    screenshot(pagina, "gemeente-contactmoment")
    pagina.get_by_role("button", name="Vastleggen").click()
    pagina.get_by_text("Het overleg is vastgelegd.").wait_for()
    overleg = Overleg.objects.get(traject=liam, soort=OverlegSoort.CONTACTMOMENT)
    assert overleg.vastgelegd_door.username == "gemeente" and overleg.jongere_aanwezig
    assert pagina.get_by_text("contactmoment na uitstroom").first.is_visible()
