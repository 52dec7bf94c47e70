"""Single sign-on with OpenID Connect (netwerk.sso), against a real provider with signed tokens
(tests/sso.py): mozilla-django-oidc and our backend run for real, through the whole code flow.

Found by (issuer, subject); bound once by a verified address; never an account created, nor a
system account, an inactive person or a user without a Medewerker signed in; the provider's
second factor counts only when the deployment lists its acr/amr. Every refused token (wrong
audience or issuer, expired, bad signature, unknown person) grants nothing, ends on the login
page with one message, and is on the security log.
"""

from __future__ import annotations

import io
import json
import logging
import time

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY, get_user_model
from django.urls import reverse

from jji_traject import beveiliging, inloggen
from jji_traject.middleware import BEGIN
from netwerk import sso
from netwerk.constants import GebeurtenisSoort
from netwerk.models import Accountgebeurtenis, Medewerker
from netwerk.services import tweefactor

from ..sso import Inlogdienst, andere_inhoud, andere_sleutel, inloggen_via_sso

pytestmark = pytest.mark.django_db

MFA_ACR = "urn:regio:loa:substantieel"
MELDING = "Inloggen via Regio-login is niet gelukt."


@pytest.fixture
def dienst(settings):
    with Inlogdienst() as inlogdienst:
        settings.SSO_ISSUER = inlogdienst.issuer
        settings.SSO_CLIENT_ID = "jji-traject"
        settings.SSO_CLIENT_SECRET = "geheim-van-de-test"  # noqa: S105
        settings.SSO_NAAM = "Regio-login"
        settings.SSO_MFA_ACR = [MFA_ACR]
        settings.SSO_MFA_AMR = ["mfa"]
        backends = list(settings.AUTHENTICATION_BACKENDS)
        settings.AUTHENTICATION_BACKENDS = [backends[0], sso.BACKEND, *backends[1:]]
        sso.vergeten()
        yield inlogdienst
    sso.vergeten()


@pytest.fixture
def logregels():
    stroom = io.StringIO()
    handler = logging.StreamHandler(stroom)
    handler.setFormatter(beveiliging.JsonRegel())
    logger = logging.getLogger(beveiliging.LOGGER)
    logger.addHandler(handler)
    yield lambda: [json.loads(regel) for regel in stroom.getvalue().splitlines()]
    logger.removeHandler(handler)


def koppelen(user, issuer: str, subject: str) -> Medewerker:
    medewerker = user.medewerker
    medewerker.sso_issuer, medewerker.sso_subject = issuer, subject
    medewerker.save(update_fields=["sso_issuer", "sso_subject"])
    return medewerker


def ingelogd_als(client):
    return client.session.get(SESSION_KEY)


def geweigerd(client, antwoord, logregels, reden: str) -> None:
    """Refused: nobody signed in, back on the login page with the one message, and the reason
    on the security log."""
    assert antwoord.status_code == 302 and antwoord["Location"] == reverse("login")
    assert ingelogd_als(client) is None
    pagina = client.get(antwoord["Location"])
    assert pagina.status_code == 200 and MELDING in pagina.content.decode()
    fouten = [r for r in logregels() if r["event"] == "sso_failure"]
    assert [r["reason"] for r in fouten] == [reden]


def test_a_bound_subject_signs_in_and_still_gets_the_local_second_factor(client, demo, dienst, logregels):
    koppelen(demo.coordinator, dienst.issuer, "k-123")
    dienst.gebruiker("k-123")  # no e-mail claim needed once bound

    antwoord = inloggen_via_sso(client, dienst, "k-123", volgende="/trajecten/")

    assert antwoord.status_code == 302 and antwoord["Location"] == "/trajecten/"
    assert ingelogd_als(client) == str(demo.coordinator.pk)
    assert client.session[BACKEND_SESSION_KEY] == sso.BACKEND
    assert BEGIN in client.session  # the absolute limit of the session counts from here
    assert tweefactor.SESSIE_EXTERN not in client.session
    [regel] = [r for r in logregels() if r["event"] == "sso_login"]
    assert regel["username"] == "coordinator" and regel["user_id"] == demo.coordinator.pk and regel["mfa"] is False
    # The provider did no second factor this deployment accepts: the local step is asked.
    pagina = client.get("/trajecten/")
    assert pagina.status_code == 302 and pagina["Location"].startswith(reverse("tweede_factor"))


def test_a_verified_address_binds_once_and_the_subject_signs_in_after(client, demo, dienst, logregels):
    medewerker = demo.coordinator.medewerker
    dienst.gebruiker("k-456", email=demo.coordinator.email.upper(), email_verified=True)

    antwoord = inloggen_via_sso(client, dienst, "k-456")

    assert antwoord.status_code == 302 and ingelogd_als(client) == str(demo.coordinator.pk)
    medewerker.refresh_from_db()
    assert (medewerker.sso_issuer, medewerker.sso_subject) == (dienst.issuer, "k-456")
    gebeurtenis = Accountgebeurtenis.objects.get(soort=GebeurtenisSoort.SSO_GEKOPPELD, medewerker=medewerker)
    assert gebeurtenis.actor == demo.coordinator and "Regio-login" in gebeurtenis.omschrijving
    assert "sso_bound" in [r["event"] for r in logregels()]

    # Afterwards the subject is enough, whatever address the provider sends.
    client.logout()
    dienst.gebruiker("k-456", email="ander-adres@example.org", email_verified=True)
    inloggen_via_sso(client, dienst, "k-456")
    assert ingelogd_als(client) == str(demo.coordinator.pk)


def test_an_address_the_provider_did_not_verify_binds_nobody(client, demo, dienst, logregels):
    dienst.gebruiker("k-789", email=demo.coordinator.email, email_verified=False)

    antwoord = inloggen_via_sso(client, dienst, "k-789")

    geweigerd(client, antwoord, logregels, "email_not_verified")
    assert Medewerker.objects.filter(sso_subject="k-789").exists() is False


def test_an_unknown_person_gets_no_account(client, demo, dienst, logregels):
    aantal = get_user_model().objects.count()
    dienst.gebruiker("vreemde", email="vreemde@example.org", email_verified=True)

    antwoord = inloggen_via_sso(client, dienst, "vreemde")

    geweigerd(client, antwoord, logregels, "unknown_person")
    assert get_user_model().objects.count() == aantal
    # Counted toward the throttling of the address, like a wrong password.
    assert inloggen.stand_van(None, "127.0.0.1").pogingen_adres == 1


def test_a_user_without_a_medewerker_is_not_matched(client, demo, dienst, logregels):
    get_user_model().objects.create_superuser("noodbeheer", "noodbeheer@example.org", "een-lang-wachtwoord-123")
    dienst.gebruiker("nood", email="noodbeheer@example.org", email_verified=True)

    geweigerd(client, inloggen_via_sso(client, dienst, "nood"), logregels, "unknown_person")


def test_a_system_account_never_signs_in(client, demo, dienst, logregels, systeemaccount):
    koppelen(systeemaccount, dienst.issuer, "systeem-1")
    dienst.gebruiker("systeem-1")
    geweigerd(client, inloggen_via_sso(client, dienst, "systeem-1"), logregels, "system_account")


def test_a_system_account_is_not_bound_by_its_address(client, demo, dienst, logregels, systeemaccount):
    dienst.gebruiker("systeem-2", email=systeemaccount.email, email_verified=True)
    geweigerd(client, inloggen_via_sso(client, dienst, "systeem-2"), logregels, "unknown_person")
    assert Medewerker.objects.filter(sso_subject="systeem-2").exists() is False


def test_an_inactive_person_is_refused(client, demo, dienst, logregels):
    koppelen(demo.coordinator, dienst.issuer, "k-inactief")
    demo.coordinator.is_active = False
    demo.coordinator.save(update_fields=["is_active"])
    dienst.gebruiker("k-inactief")

    geweigerd(client, inloggen_via_sso(client, dienst, "k-inactief"), logregels, "inactive")


def test_a_binding_is_never_moved_to_another_subject(client, demo, dienst, logregels):
    koppelen(demo.coordinator, dienst.issuer, "k-eerste")
    dienst.gebruiker("k-tweede", email=demo.coordinator.email, email_verified=True)

    geweigerd(client, inloggen_via_sso(client, dienst, "k-tweede"), logregels, "bound_to_other_subject")
    assert Medewerker.objects.get(user=demo.coordinator).sso_subject == "k-eerste"


@pytest.mark.parametrize(
    "claims",
    [{"acr": MFA_ACR}, {"amr": ["pwd", "mfa"]}],
    ids=["acr", "amr"],
)
def test_the_providers_second_factor_counts_when_the_deployment_lists_it(client, demo, dienst, logregels, claims):
    koppelen(demo.coordinator, dienst.issuer, "k-mfa")
    dienst.gebruiker("k-mfa", **claims)

    inloggen_via_sso(client, dienst, "k-mfa")

    assert client.session[tweefactor.SESSIE_EXTERN] == {"user": demo.coordinator.pk, "bron": "sso"}
    assert client.get(reverse("trajecten:lijst")).status_code == 200  # no local step
    [regel] = [r for r in logregels() if r["event"] == "sso_login"]
    assert regel["mfa"] is True


@pytest.mark.parametrize(
    ("claims", "acr_lijst", "amr_lijst"),
    [
        ({"acr": "urn:regio:loa:laag", "amr": ["pwd"]}, [MFA_ACR], ["mfa"]),
        ({"acr": MFA_ACR, "amr": ["mfa"]}, [], []),  # this deployment accepts none
    ],
    ids=["niet-genoemd", "uitgezet"],
)
def test_otherwise_the_local_second_factor_is_asked(client, demo, dienst, settings, claims, acr_lijst, amr_lijst):
    settings.SSO_MFA_ACR, settings.SSO_MFA_AMR = acr_lijst, amr_lijst
    koppelen(demo.coordinator, dienst.issuer, "k-geen-mfa")
    dienst.gebruiker("k-geen-mfa", **claims)

    inloggen_via_sso(client, dienst, "k-geen-mfa")

    assert ingelogd_als(client) == str(demo.coordinator.pk)
    assert tweefactor.SESSIE_EXTERN not in client.session
    pagina = client.get(reverse("trajecten:lijst"))
    assert pagina.status_code == 302 and pagina["Location"].startswith(reverse("tweede_factor"))


@pytest.mark.parametrize(
    ("claims", "reden"),
    [
        ({"aud": "een-andere-app"}, "wrong_audience"),
        ({"aud": ["jji-traject", "een-andere-app"]}, "wrong_audience"),  # more than one: azp must be ours
        ({"aud": ["jji-traject", "een-andere-app"], "azp": "een-andere-app"}, "wrong_audience"),
        ({"iss": "https://nep-inlogdienst.example.org"}, "wrong_issuer"),
        ({"exp": int(time.time()) - 3600}, "expired"),
    ],
    ids=["aud", "aud-zonder-azp", "azp", "iss", "exp"],
)
def test_a_signed_token_with_a_wrong_claim_is_refused(client, demo, dienst, logregels, claims, reden):
    # Genuinely signed by the provider, for a person who is bound: only the claim is wrong.
    koppelen(demo.coordinator, dienst.issuer, "k-claim")
    dienst.gebruiker("k-claim", **claims)

    geweigerd(client, inloggen_via_sso(client, dienst, "k-claim"), logregels, reden)


@pytest.mark.parametrize("vervalsing", ["inhoud", "sleutel"])
def test_a_token_with_a_bad_signature_is_refused(client, demo, dienst, logregels, vervalsing):
    # The attacker signs in as themselves and swaps in the subject of a bound person.
    koppelen(demo.coordinator, dienst.issuer, "k-slachtoffer")
    dienst.gebruiker("aanvaller")
    dienst.vervalsen((andere_inhoud if vervalsing == "inhoud" else andere_sleutel)(sub="k-slachtoffer"))

    geweigerd(client, inloggen_via_sso(client, dienst, "aanvaller"), logregels, "bad_signature")
    assert Medewerker.objects.get(user=demo.coordinator).sso_subject == "k-slachtoffer"


def test_a_callback_this_session_did_not_start_is_refused(client, demo, dienst, logregels):
    antwoord = client.get(reverse("sso_terug"), {"code": "gestolen", "state": "verzonnen"})
    geweigerd(client, antwoord, logregels, "unknown_state")


def test_a_state_of_another_flow_is_refused_without_a_500(client, demo, dienst, logregels):
    client.get(reverse("sso_begin"))  # this session has a state, but not this one
    antwoord = client.get(reverse("sso_terug"), {"code": "gestolen", "state": "verzonnen"})
    geweigerd(client, antwoord, logregels, "unknown_state")


def test_the_provider_refusing_or_the_person_cancelling_ends_on_the_login_page(client, demo, dienst, logregels):
    client.get(reverse("sso_begin"))
    antwoord = client.get(reverse("sso_terug"), {"error": "access_denied", "state": "x"})
    geweigerd(client, antwoord, logregels, "provider_error")


def test_a_session_of_single_sign_on_ends_when_the_person_is_deactivated(client, demo, dienst):
    koppelen(demo.coordinator, dienst.issuer, "k-sessie")
    dienst.gebruiker("k-sessie", acr=MFA_ACR)
    inloggen_via_sso(client, dienst, "k-sessie")
    assert client.get(reverse("trajecten:lijst")).status_code == 200

    demo.coordinator.is_active = False
    demo.coordinator.save(update_fields=["is_active"])

    pagina = client.get(reverse("trajecten:lijst"))
    assert pagina.status_code == 302 and pagina["Location"].startswith(reverse("login"))


def test_a_discovery_document_for_another_issuer_is_refused(client, demo, dienst, settings, logregels):
    settings.SSO_ISSUER = dienst.issuer + "/"  # the provider names itself without the slash

    antwoord = client.get(reverse("sso_begin"))

    assert antwoord.status_code == 302 and antwoord["Location"] == reverse("login")
    assert "lukt nu niet" in client.get(reverse("login")).content.decode()
    assert [r["reason"] for r in logregels() if r["event"] == "sso_failure"] == ["discovery_invalid"]


def test_the_login_page_offers_single_sign_on_only_when_configured(client, settings, db):
    settings.SSO_ISSUER = ""
    assert "Inloggen via" not in client.get(reverse("login")).content.decode()
    assert client.get(reverse("sso_begin")).status_code == 404
    assert client.get(reverse("sso_terug"), {"code": "x", "state": "y"}).status_code == 404

    settings.SSO_ISSUER, settings.SSO_CLIENT_ID, settings.SSO_CLIENT_SECRET = "https://login.example.org", "a", "b"
    settings.SSO_NAAM = "Regio-login"
    pagina = client.get(reverse("login"), {"next": "/trajecten/"}).content.decode()
    assert f'action="{reverse("sso_begin")}"' in pagina and "Inloggen via Regio-login" in pagina
    assert 'name="next" value="/trajecten/"' in pagina


def test_a_password_sign_in_never_reaches_the_provider(client, demo, dienst, settings):
    # A code and state on the login URL do not make the backend exchange anything.
    settings.SSO_ISSUER = "https://onbereikbaar.invalid"
    antwoord = client.post(
        reverse("login") + "?code=x&state=y", {"username": "coordinator", "password": settings.DEMO_PASSWORD}
    )
    assert antwoord.status_code == 302 and ingelogd_als(client) == str(demo.coordinator.pk)
    assert client.session[BACKEND_SESSION_KEY] != sso.BACKEND


def _instellingen(**omgeving: str):
    from tests.jji_traject.test_deploy import manage, productie_omgeving

    code = (
        "from django.conf import settings as s; import json; "
        "print(json.dumps([s.AUTHENTICATION_BACKENDS, s.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action']]))"
    )
    return manage("shell", "-c", code, env=productie_omgeving(DEBUG="true", **omgeving))


def test_settings_install_the_backend_and_let_forms_go_to_the_issuer_only_when_configured():
    uit = _instellingen()
    assert uit.returncode == 0, uit.stderr
    backends, form_action = json.loads(uit.stdout.strip().splitlines()[-1])
    assert sso.BACKEND not in backends and form_action == ["'self'"]

    aan = _instellingen(
        SSO_ISSUER="https://login.example.org/realms/regio", SSO_CLIENT_ID="jji", SSO_CLIENT_SECRET="geheim"
    )
    assert aan.returncode == 0, aan.stderr
    backends, form_action = json.loads(aan.stdout.strip().splitlines()[-1])
    assert backends[:2] == ["axes.backends.AxesStandaloneBackend", sso.BACKEND]
    assert form_action == ["'self'", "https://login.example.org"]


@pytest.mark.parametrize(
    "omgeving",
    [
        {"SSO_ISSUER": "https://login.example.org", "SSO_CLIENT_ID": "jji"},  # no secret
        {"SSO_ISSUER": "http://login.example.org", "SSO_CLIENT_ID": "jji", "SSO_CLIENT_SECRET": "g"},  # no https
    ],
    ids=["zonder-secret", "zonder-https"],
)
def test_an_incomplete_configuration_stops_with_one_line(omgeving):
    resultaat = _instellingen(**omgeving)
    assert resultaat.returncode != 0 and "Traceback" not in resultaat.stderr
    assert resultaat.stderr.strip().splitlines()[-1].startswith("jji-traject: SSO_")
