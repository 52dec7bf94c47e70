"""Browser journey of issue 17, item 6 (Chromium, PostgreSQL, live server): a task updated in
place with htmx gives the focus back to its row — to the field a refusal is about, with the
person's choice still there — and the keyboard goes on from there. Under the app's
Content-Security-Policy (the fixture fails on any violation). Screenshots in test-artifacts/."""

import pytest

from trajecten.constants import TaakStatus
from trajecten.models import Taak, Traject

from .test_browser import ARTEFACTEN, browser, inloggen, pagina  # noqa: F401 - fixtures and helpers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUS = "() => document.activeElement && document.activeElement.id"


def _routekaart(page, naam):
    """A screenshot of the routekaart only (the whole page is long): what the row shows."""
    ARTEFACTEN.mkdir(exist_ok=True)
    page.locator("#routekaart").screenshot(path=str(ARTEFACTEN / f"{naam}.png"))


def _na_swap(page, actie):
    """Do ``actie`` and wait until htmx has swapped the routekaart in and settled."""
    page.evaluate(
        """() => { window.__jjiGezet = false;
        document.addEventListener("htmx:afterSettle", () => { window.__jjiGezet = true; }, {once: true}); }"""
    )
    with page.expect_response(lambda r: "/taken/" in r.url and r.request.method == "POST"):
        actie()
    page.wait_for_function("() => window.__jjiGezet === true")


def test_focus_returns_to_the_updated_row_and_a_refusal_keeps_the_choice(pagina, settings):  # noqa: F811
    noah = Traject.objects.get(jongere__voornaam="Noah")
    inloggen(pagina, "jji-school", settings.DEMO_PASSWORD)
    pagina.get_by_role("link", name="Noah Verbeek").click()
    rij = pagina.locator(".tijdlijn__stap--huidig li.taak.taak--open").first
    rij_id = rij.get_attribute("id")
    taak = Taak.objects.get(pk=int(rij_id.removeprefix("taak-")), traject=noah)

    # "Niet van toepassing" without a reason: refused, the choice stays, the focus on the reason.
    rij.get_by_label("Status").select_option("nvt")
    rij.get_by_label("Notitie").fill("Besproken in het mentoruur")
    _na_swap(pagina, lambda: rij.get_by_role("button", name="Opslaan").click())
    rij = pagina.locator(f"#{rij_id}")
    assert pagina.evaluate(FOCUS) == f"{rij_id}-reden"
    assert rij.get_by_label("Status").input_value() == "nvt"  # not back to "open"
    assert rij.get_by_label("Notitie").input_value() == "Besproken in het mentoruur"
    assert rij.get_by_text("Geef aan waarom de taak niet van toepassing is.").is_visible()
    assert pagina.locator(f"#{rij_id}-reden").get_attribute("aria-describedby") == f"{rij_id}-melding"
    _routekaart(pagina, "taak-geweigerd-keuze-blijft")
    taak.refresh_from_db()
    assert taak.status == TaakStatus.OPEN

    # The person types the reason where the focus is and saves with the keyboard.
    pagina.keyboard.type("Al geregeld door de JJI")
    _na_swap(pagina, lambda: pagina.keyboard.press("Enter"))  # submits the row's form
    rij = pagina.locator(f"#{rij_id}")
    assert pagina.evaluate(FOCUS) == f"{rij_id}-status"
    assert rij.get_by_text("Opgeslagen.").is_visible()
    assert "taak--nvt" in rij.get_attribute("class")
    _routekaart(pagina, "taak-opgeslagen-focus")
    taak.refresh_from_db()
    assert (taak.status, taak.reden, taak.notitie) == (
        TaakStatus.NVT,
        "Al geregeld door de JJI",
        "Besproken in het mentoruur",
    )

    # From the focused status the keyboard changes it again, and the focus comes back once more.
    pagina.keyboard.press("Tab")  # the keyboard goes on within the row, not from the top of the page
    assert pagina.evaluate("() => document.activeElement.closest('li.taak').id") == rij_id
    rij.get_by_label("Status").select_option("bezig")
    _na_swap(pagina, lambda: rij.get_by_role("button", name="Opslaan").click())
    assert pagina.evaluate(FOCUS) == f"{rij_id}-status"
    taak.refresh_from_db()
    assert taak.status == TaakStatus.BEZIG
