"""Browser journeys at the entrance (Chromium via Playwright, like tests/browser/test_browser.py,
whose fixtures these reuse): a locked-out person reads when to try again and the beheerder
lifts the lockout; a person changes their own password from the header. Screenshots in
test-artifacts/."""

import pytest

from . import test_browser as basis

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

browser = basis.browser
pagina = basis.pagina
inloggen = basis.inloggen
screenshot = basis.screenshot


def uitloggen(page):
    page.get_by_role("button", name="Uitloggen").click()
    page.get_by_role("heading", name="Inloggen").wait_for()


def test_a_locked_out_person_reads_when_to_try_again_and_the_beheerder_lifts_it(pagina, settings):
    for _ in range(5):
        inloggen(pagina, "mbo-intake", "verkeerd-wachtwoord")
    melding = pagina.get_by_role("alert")
    melding.wait_for()
    assert "Te veel mislukte pogingen" in melding.inner_text()
    assert "Probeer het opnieuw om" in melding.inner_text()
    screenshot(pagina, "inloggen-geblokkeerd")
    # Even the correct password does not sign in now.
    inloggen(pagina, "mbo-intake", settings.DEMO_PASSWORD)
    assert "Te veel mislukte pogingen" in pagina.get_by_role("alert").inner_text()

    inloggen(pagina, "beheerder", settings.DEMO_PASSWORD)  # lands on the beheer home
    pagina.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Inlogblokkades").click()
    pagina.get_by_role("heading", name="Nu geblokkeerd").wait_for()
    tabel = pagina.get_by_role("table").inner_text()
    assert "mbo-intake" in tabel and "ROC Lindewaard" in tabel
    screenshot(pagina, "inlogblokkades")
    pagina.get_by_role("button", name="Opheffen").click()
    pagina.get_by_text("is opgeheven").wait_for()
    assert "Niemand is nu geblokkeerd" in pagina.content()

    uitloggen(pagina)
    inloggen(pagina, "mbo-intake", settings.DEMO_PASSWORD)
    pagina.get_by_role("button", name="Uitloggen").wait_for()


def test_a_person_changes_their_own_password_from_the_header(pagina, settings):
    inloggen(pagina, "coordinator", settings.DEMO_PASSWORD)
    pagina.get_by_role("link", name="Wachtwoord wijzigen").click()
    pagina.get_by_label("Huidig wachtwoord").fill(settings.DEMO_PASSWORD)
    pagina.get_by_label("Nieuw wachtwoord", exact=True).fill("een-nieuw-lang-wachtwoord-2026")
    pagina.get_by_label("Nieuw wachtwoord, nog een keer").fill("een-nieuw-lang-wachtwoord-2026")
    screenshot(pagina, "wachtwoord-wijzigen")
    pagina.get_by_role("button", name="Wachtwoord wijzigen").click()
    pagina.get_by_role("heading", name="Wachtwoord gewijzigd").wait_for()
    uitloggen(pagina)
    inloggen(pagina, "coordinator", "een-nieuw-lang-wachtwoord-2026")
    pagina.get_by_role("button", name="Uitloggen").wait_for()
