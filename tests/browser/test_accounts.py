"""Browser journey for four eyes on accounts (Chromium, PostgreSQL, live server): the beheerder
requests a new intaker, the verbindingsofficier approves it, the intaker activates the account
from the e-mail link, enrols an authenticator app (the test computes its codes with pyotp from
the QR code's secret), keeps the backup codes and lands on "Mijn trajecten". Screenshots in
test-artifacts/."""

import re
from urllib.parse import urlsplit

import pyotp
import pytest

from .test_browser import browser, inloggen, pagina, screenshot  # noqa: F401 - fixtures and helpers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WACHTWOORD = "mijn-eigen-lang-wachtwoord-2026"


def test_beheerder_requests_verbindingsofficier_approves_intaker_activates(pagina, settings, mailoutbox):  # noqa: F811
    inloggen(pagina, "beheerder", settings.DEMO_PASSWORD)
    pagina.goto(f"{pagina.basis}/beheer/netwerk/medewerker/add/")
    assert pagina.locator("input[type=password]").count() == 0  # nobody sets another person's password
    pagina.get_by_label("Gebruikersnaam").fill("intaker-browser")
    pagina.get_by_label("Voornaam").fill("Bo")
    pagina.get_by_label("Achternaam").fill("de Groot")
    pagina.get_by_label("E-mail").fill("intaker-browser@example.org")
    pagina.get_by_label("Organisatie").select_option(label="ROC Lindewaard")
    pagina.get_by_label("Rol").select_option("intaker")
    screenshot(pagina, "beheerder-medewerker-aanvragen")
    pagina.get_by_role("button", name="Opslaan", exact=True).click()
    pagina.get_by_text("Aanvraag ingediend. Hij wacht op goedkeuring").wait_for()
    assert pagina.get_by_role("heading", name="Nieuw account: Bo de Groot").is_visible()
    assert pagina.get_by_role("button", name="Goedkeuren").count() == 0  # not by the requester
    screenshot(pagina, "beheerder-accountaanvraag-ingediend")
    pagina.get_by_role("button", name="Uitloggen").click()

    inloggen(pagina, "verbindingsofficier", settings.DEMO_PASSWORD)
    pagina.get_by_role("link", name=re.compile("^Accounts")).click()
    pagina.get_by_role("heading", name="Accountaanvragen").wait_for()
    screenshot(pagina, "verbindingsofficier-accountaanvragen")
    pagina.get_by_role("link", name="Bo de Groot").click()
    screenshot(pagina, "verbindingsofficier-accountaanvraag")
    pagina.get_by_role("button", name="Goedkeuren").click()
    pagina.get_by_text("Goedgekeurd. De wijziging geldt nu.").wait_for()
    pagina.get_by_role("button", name="Uitloggen").click()

    mail = next(m for m in mailoutbox if m.to == ["intaker-browser@example.org"])
    pad = urlsplit(re.search(r"https?://\S+", mail.body).group(0)).path
    pagina.goto(f"{pagina.basis}{pad}")
    pagina.get_by_role("heading", name="Account activeren").wait_for()
    assert "tweede factor" in pagina.content()
    pagina.get_by_label("Nieuw wachtwoord", exact=True).fill(WACHTWOORD)
    pagina.get_by_label("Nieuw wachtwoord bevestigen").fill(WACHTWOORD)
    screenshot(pagina, "intaker-account-activeren")
    pagina.get_by_role("button", name="Wachtwoord instellen").click()

    # The second factor, before any page with youth data: the QR code is drawn on the server as
    # inline SVG (no data: URI, no style attribute: the CSP holds); its secret is on the page too.
    pagina.get_by_role("heading", name="Tweede factor instellen").wait_for()
    assert pagina.locator("figure.qr svg").count() == 1
    screenshot(pagina, "intaker-tweede-factor-instellen")
    sleutel = pagina.locator("code.sleutel").inner_text().replace(" ", "")
    pagina.get_by_label("Code").fill("000000" if pyotp.TOTP(sleutel).now() != "000000" else "111111")
    pagina.get_by_role("button", name="App koppelen").click()
    pagina.locator("#id_code_error").get_by_text("Deze code klopt niet").wait_for()
    pagina.get_by_label("Code").fill(pyotp.TOTP(sleutel).now())
    pagina.get_by_role("button", name="App koppelen").click()
    pagina.get_by_role("heading", name="Reservecodes").wait_for()
    assert pagina.locator("ul.reservecodes li").count() == 10
    screenshot(pagina, "intaker-reservecodes")
    pagina.get_by_role("link", name="Ik heb ze bewaard, ga verder").click()
    pagina.get_by_role("heading", name="Mijn trajecten").wait_for()
    screenshot(pagina, "intaker-na-activatie")
