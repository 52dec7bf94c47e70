"""Journey: a person adds a passkey on their own factors page and signs in with it after the
password, in Chromium with a virtual authenticator of the DevTools protocol (WebAuthn domain)
standing in for the fingerprint reader of a laptop. The page runs under the app's
Content-Security-Policy (the fixture fails on any violation)."""

import pytest

from .test_browser import browser, inloggen, pagina, screenshot  # noqa: F401 - fixtures and helpers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def authenticator(pagina, settings, live_server):  # noqa: F811
    """A platform authenticator with user verification (as Windows Hello or Touch ID) in this
    page's browser; the live server's origin is the relying party's (localhost, any port)."""
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    assert live_server.url.startswith("http://localhost:")
    cdp = pagina.context.new_cdp_session(pagina)
    cdp.send("WebAuthn.enable")
    antwoord = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    yield cdp, antwoord["authenticatorId"]
    cdp.detach()


def test_a_person_adds_a_passkey_and_signs_in_with_it(pagina, authenticator, settings):  # noqa: F811
    from django_otp_webauthn.models import WebAuthnCredential

    cdp, authenticator_id = authenticator
    inloggen(pagina, "jji-school", settings.DEMO_PASSWORD)  # password and the app's code
    pagina.get_by_role("link", name="Tweede factor").click()
    pagina.get_by_role("heading", name="Tweede factor").wait_for()
    knop = pagina.get_by_role("button", name="Passkey toevoegen")
    knop.wait_for()
    screenshot(pagina, "passkey-tweede-factor-beheren")
    knop.click()
    pagina.get_by_text("Je passkey is ingesteld.").wait_for()
    # The demo person had no backup codes yet: they come with the passkey, shown once.
    pagina.get_by_role("heading", name="Reservecodes").wait_for()
    assert pagina.locator("ul.reservecodes li").count() == settings.RESERVECODES_AANTAL
    pagina.get_by_role("link", name="Ik heb ze bewaard, ga verder").click()
    pagina.get_by_role("heading", name="Tweede factor").wait_for()
    naam = WebAuthnCredential.objects.get(user__username="jji-school").name
    assert naam.startswith("Passkey (")
    assert pagina.get_by_role("cell", name=naam, exact=True).is_visible()
    assert len(cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})["credentials"]) == 1
    screenshot(pagina, "passkey-toegevoegd")

    pagina.get_by_role("button", name="Uitloggen").click()
    inloggen(pagina, "jji-school", settings.DEMO_PASSWORD, tweede_factor=False)
    pagina.get_by_role("heading", name="Tweede factor").wait_for()
    knop = pagina.get_by_role("button", name="Inloggen met passkey")
    knop.wait_for()
    screenshot(pagina, "passkey-tweede-stap")
    knop.click()  # no code from the app: the passkey is the second factor
    pagina.get_by_role("heading", name="Mijn trajecten").wait_for()
    assert WebAuthnCredential.objects.get(user__username="jji-school").last_used_at is not None


def test_a_passkey_the_browser_cannot_give_leaves_the_step_calm(pagina, authenticator, settings):  # noqa: F811
    """The passkey is gone from the device (or the person cancels): a calm message, the code
    still works, and nothing counted toward the lockout (the server saw no answer)."""
    from axes.models import AccessAttempt
    from django.contrib.auth import get_user_model

    from ..tweefactor import code_nu

    cdp, authenticator_id = authenticator
    inloggen(pagina, "jji-school", settings.DEMO_PASSWORD)
    pagina.goto(f"{pagina.basis}/account/tweede-factor/")
    pagina.get_by_role("button", name="Passkey toevoegen").click()
    pagina.get_by_role("heading", name="Reservecodes").wait_for()
    pagina.get_by_role("button", name="Uitloggen").click()

    cdp.send("WebAuthn.clearCredentials", {"authenticatorId": authenticator_id})
    inloggen(pagina, "jji-school", settings.DEMO_PASSWORD, tweede_factor=False)
    pagina.get_by_role("button", name="Inloggen met passkey").click()
    pagina.get_by_text("Er is geen passkey gebruikt.").wait_for()
    screenshot(pagina, "passkey-niet-gebruikt")
    assert not AccessAttempt.objects.filter(username="jji-school").exists()
    # The app's code still works on the same page.
    pagina.get_by_label("Code").fill(code_nu(get_user_model().objects.get(username="jji-school")))
    pagina.get_by_role("button", name="Controleren").click()
    pagina.get_by_role("heading", name="Mijn trajecten").wait_for()


def test_the_enrol_page_offers_a_passkey_beside_the_app(pagina, authenticator, settings):  # noqa: F811
    inloggen(pagina, "jji-school", settings.DEMO_PASSWORD)
    pagina.get_by_role("link", name="Tweede factor").click()
    pagina.get_by_role("link", name="Authenticator-app toevoegen").click()
    pagina.get_by_role("heading", name="Met een passkey").wait_for()
    screenshot(pagina, "passkey-tweede-factor-instellen")
    pagina.get_by_role("button", name="Passkey instellen").click()
    pagina.get_by_role("heading", name="Reservecodes").wait_for()
    pagina.get_by_role("link", name="Ik heb ze bewaard, ga verder").click()
    pagina.get_by_role("heading", name="Mijn trajecten").wait_for()
