"""A passkey (WebAuthn) as the second factor, on the server: the real ceremonies of
django-otp-webauthn and py_webauthn, answered by a software security key
(``tests/passkey_sleutel.py``).

The guards: a password alone cannot enrol a passkey (the library's own check would let a person
without a factor do it); signing in with a passkey is only the step after the password, and is
throttled like a code (a failure counts toward the lockout, during a lockout nothing is
checked). The library's own URLs are not mounted."""

from __future__ import annotations

import json
import logging

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticToken
from django_otp_webauthn.models import WebAuthnCredential

from jji_traject import beveiliging
from netwerk.constants import GebeurtenisSoort
from netwerk.middleware import is_open
from netwerk.models import Accountgebeurtenis
from netwerk.services import passkey, tweefactor

from ..passkey_sleutel import Sleutel
from ..tweefactor import apparaat, zonder_tweede_factor

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(settings.TWEE_FACTOR != "verplicht", reason="de tweede factor staat uit"),
]


@pytest.fixture
def beveiligingslog():
    """The events written to the security log during the test."""
    regels: list[dict] = []

    class Verzamelaar(logging.Handler):
        def emit(self, record):
            regels.append(record.beveiliging)

    handler = Verzamelaar()
    logger = logging.getLogger(beveiliging.LOGGER)
    logger.addHandler(handler)
    yield regels
    logger.removeHandler(handler)


def _post(client, naam, gegevens=None, *, volgende=""):
    url = reverse(naam) + (f"?next={volgende}" if volgende else "")
    return client.post(url, data=json.dumps(gegevens or {}), content_type="application/json")


def registreren(client, sleutel, *, volgende=""):
    """The browser's enrolment: options, the key's answer, and the server's verdict."""
    begin = _post(client, "passkey_instellen_begin")
    assert begin.status_code == 200, begin.content
    return _post(client, "passkey_instellen_voltooien", sleutel.maken(begin.json()), volgende=volgende)


def inloggen_met(client, sleutel, *, vervalst=False, volgende=""):
    begin = _post(client, "passkey_inloggen_begin")
    if begin.status_code != 200:
        return begin
    return _post(
        client, "passkey_inloggen_voltooien", sleutel.gebruiken(begin.json(), vervalst=vervalst), volgende=volgende
    )


@pytest.fixture
def met_passkey(demo):
    """mbo-intake with their app and a passkey on a software key."""
    user = demo.mbo_intake
    apparaat(user)
    sleutel = Sleutel()
    client = Client()
    client.force_login(user)  # completes the second factor with the app
    assert registreren(client, sleutel).status_code == 200
    return user, sleutel


def _verified(client) -> bool:
    return DEVICE_ID_SESSION_KEY in client.session


def _mislukt(user) -> int:
    return sum(AccessAttempt.objects.filter(username=user.username).values_list("failures_since_start", flat=True))


# Enrolment.


def test_a_password_alone_cannot_enrol_a_passkey_even_without_any_factor(client, demo, beveiligingslog):
    """The danger the library leaves open: a person without a factor, signed in with the
    password only, would enrol their own passkey. Here, refused and on record."""
    user = demo.mbo_intake
    tweefactor.alles_wissen(user)
    zonder_tweede_factor(client, user)
    begin = _post(client, "passkey_instellen_begin")
    assert begin.status_code == 403 and "tweede factor" in begin.json()["detail"]
    assert "otp_webauthn_register_state" not in client.session
    # Without the begin, and with a made-up answer: refused before anything is read.
    voltooien = _post(client, "passkey_instellen_voltooien", Sleutel().maken({"challenge": "AAAA"}))
    assert voltooien.status_code == 403
    assert not WebAuthnCredential.objects.filter(user=user).exists() and not _verified(client)
    assert [r["event"] for r in beveiligingslog].count("otp_enrol_refused") == 2
    assert beveiligingslog[-1]["device"] == "webauthn" and beveiligingslog[-1]["user_id"] == user.pk


def test_a_password_alone_cannot_add_a_passkey_beside_an_app(client, demo):
    user = demo.mbo_intake
    apparaat(user)
    zonder_tweede_factor(client, user)
    assert _post(client, "passkey_instellen_begin").status_code == 403
    assert _post(client, "passkey_instellen_voltooien", {}).status_code == 403
    assert not WebAuthnCredential.objects.filter(user=user).exists()


def test_the_endpoints_need_the_csrf_token(demo):
    client = Client(enforce_csrf_checks=True)
    client.force_login(demo.mbo_intake)
    assert _post(client, "passkey_instellen_begin").status_code == 403
    assert "otp_webauthn_register_state" not in client.session


def test_nobody_signed_out_enrols_or_signs_in(client):
    for naam in ("passkey_instellen_begin", "passkey_instellen_voltooien", "passkey_inloggen_begin"):
        assert _post(client, naam).status_code == 403, naam


def test_after_activation_a_passkey_is_the_first_factor_with_backup_codes(
    client, demo, beveiligingslog, django_capture_on_commit_callbacks, mailoutbox
):
    user = demo.mbo_intake
    tweefactor.alles_wissen(user)
    zonder_tweede_factor(client, user)
    sessie = client.session
    sessie[tweefactor.SESSIE_INSCHRIJVEN] = user.pk  # as the activation page leaves it
    sessie.save()
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = registreren(client, Sleutel(), volgende="/trajecten/")
    assert antwoord.status_code == 200, antwoord.content
    assert antwoord.json()["redirect_url"] == "/account/tweede-factor/reservecodes/?next=%2Ftrajecten%2F"
    device = WebAuthnCredential.objects.get(user=user)
    assert device.name.startswith("Passkey (") and device.confirmed
    assert tweefactor.heeft_factor(user) and passkey.heeft_passkey(user)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert tweefactor.SESSIE_INSCHRIJVEN not in client.session
    assert StaticToken.objects.filter(device__user=user).count() == settings.RESERVECODES_AANTAL
    assert "otp_enrolled" in [r["event"] for r in beveiligingslog]
    assert Accountgebeurtenis.objects.filter(medewerker__user=user, soort=GebeurtenisSoort.FACTOR_INGESTELD).exists()
    assert [m.subject for m in mailoutbox] == ["De tweede factor van je account is gewijzigd"]
    # The backup codes are shown once, on their page.
    assert "reservecode" in client.get(antwoord.json()["redirect_url"]).content.decode().lower()


def test_a_verified_person_adds_a_passkey_and_keeps_their_backup_codes(client, demo):
    user = demo.mbo_intake
    tweefactor.reservecodes_maken(user)
    codes = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    client.force_login(user)
    eerste = registreren(client, Sleutel(), volgende=reverse("tweede_factor_beheren"))
    assert eerste.status_code == 200 and eerste.json()["redirect_url"] == reverse("tweede_factor_beheren")
    assert set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True)) == codes
    # A second key gets a name of its own; the same key twice is refused.
    sleutel = Sleutel()
    assert registreren(client, sleutel).status_code == 200
    namen = list(WebAuthnCredential.objects.filter(user=user).order_by("pk").values_list("name", flat=True))
    assert len(set(namen)) == 2 and namen[1].endswith(" 2")
    pagina = client.get(reverse("tweede_factor_beheren")).content.decode()
    assert namen[0] in pagina and namen[1] in pagina and "Passkey toevoegen" in pagina


def test_an_answer_that_does_not_verify_enrols_nothing(client, demo, beveiligingslog):
    client.force_login(demo.mbo_intake)
    begin = _post(client, "passkey_instellen_begin")
    antwoord = Sleutel(origin="https://elders.example").maken(begin.json())
    fout = _post(client, "passkey_instellen_voltooien", antwoord)
    assert fout.status_code == 422 and fout.json()["detail"].startswith("Het instellen van de passkey is niet gelukt")
    assert not WebAuthnCredential.objects.exists()
    assert beveiligingslog[-1]["event"] == "otp_failure" and beveiligingslog[-1]["reason"] == "inschrijven"
    # The challenge is used up: the same answer again finds no state.
    assert _post(client, "passkey_instellen_voltooien", antwoord).status_code == 400


# The step after the password.


def test_the_passkey_completes_the_step_after_the_password(met_passkey, beveiligingslog):
    user, sleutel = met_passkey
    client = zonder_tweede_factor(Client(), user)
    assert client.get(reverse("start")).status_code == 302  # the step first
    pagina = client.get(reverse("tweede_factor")).content.decode()
    assert "Inloggen met passkey" in pagina and "js/passkey.js" in pagina
    antwoord = inloggen_met(client, sleutel, volgende="/trajecten/")
    assert antwoord.status_code == 200 and antwoord.json()["redirect_url"] == "/trajecten/"
    device = WebAuthnCredential.objects.get(user=user)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert device.last_used_at is not None
    assert beveiligingslog[-1]["event"] == "otp_success" and beveiligingslog[-1]["user_id"] == user.pk
    assert client.get(reverse("trajecten:lijst")).status_code == 200


def test_a_foreign_next_is_not_followed(met_passkey):
    user, sleutel = met_passkey
    client = zonder_tweede_factor(Client(), user)
    antwoord = inloggen_met(client, sleutel, volgende="https://elders.example/")
    assert antwoord.json()["redirect_url"] == reverse("start")


def test_the_step_offers_a_passkey_only_to_who_has_one(client, demo):
    zonder_tweede_factor(client, demo.mbo_intake)
    apparaat(demo.mbo_intake)
    assert "Inloggen met passkey" not in client.get(reverse("tweede_factor")).content.decode()
    assert _post(client, "passkey_inloggen_begin").status_code == 403


def test_a_failed_passkey_counts_toward_the_lockout(met_passkey, beveiligingslog):
    user, sleutel = met_passkey
    client = zonder_tweede_factor(Client(), user)
    antwoord = inloggen_met(client, sleutel, vervalst=True)
    assert antwoord.status_code == 422 and "niet gelukt" in antwoord.json()["detail"]
    assert not _verified(client) and _mislukt(user) == 1
    assert beveiligingslog[-1]["event"] == "otp_failure" and beveiligingslog[-1]["device"] == "webauthn"
    # Without a challenge of this session (a replayed answer): a failure too.
    assert _post(client, "passkey_inloggen_voltooien", sleutel.gebruiken({"challenge": "AAAA"})).status_code == 422
    assert _mislukt(user) == 2


def test_another_persons_passkey_is_a_failure(met_passkey, demo):
    _user, sleutel = met_passkey
    ander = demo.mbo_herkomst
    eigen = Client()
    eigen.force_login(ander)
    assert registreren(eigen, Sleutel()).status_code == 200
    # Signed in as her with the password, answered with mbo-intake's key: a failure.
    client = zonder_tweede_factor(Client(), ander)
    assert inloggen_met(client, sleutel).status_code == 422
    assert not _verified(client) and _mislukt(ander) == 1


def test_during_a_lockout_the_passkey_step_is_refused(met_passkey, settings):
    user, sleutel = met_passkey
    client = zonder_tweede_factor(Client(), user)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert inloggen_met(client, sleutel, vervalst=True).status_code == 422
    laatste = inloggen_met(client, sleutel, vervalst=True)
    assert laatste.status_code == 429 and "Te veel mislukte pogingen" in laatste.json()["detail"]
    # The right passkey is not even asked for, nor checked.
    begin = _post(client, "passkey_inloggen_begin")
    assert begin.status_code == 429 and "Te veel mislukte pogingen" in begin.json()["detail"]
    assert _post(client, "passkey_inloggen_voltooien", sleutel.gebruiken({"challenge": "AAAA"})).status_code == 429
    assert not _verified(client) and _mislukt(user) == settings.AXES_FAILURE_LIMIT


def test_a_challenge_begun_before_the_lockout_is_not_checked_during_it(met_passkey, settings):
    user, sleutel = met_passkey
    client = zonder_tweede_factor(Client(), user)
    tweede = zonder_tweede_factor(Client(), user)  # the same person in another tab
    begin = _post(client, "passkey_inloggen_begin")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        inloggen_met(tweede, sleutel, vervalst=True)
    antwoord = _post(client, "passkey_inloggen_voltooien", sleutel.gebruiken(begin.json()))
    assert antwoord.status_code == 429 and not _verified(client)


def test_a_verified_session_does_not_sign_in_again(met_passkey):
    user, sleutel = met_passkey
    client = Client()
    client.force_login(user)
    assert _post(client, "passkey_inloggen_begin").status_code == 403


# The endpoints and the own-factors page.


def test_the_endpoints_are_open_to_the_step_and_the_library_urls_are_not_mounted(rf):
    for naam in ("passkey_inloggen_begin", "passkey_inloggen_voltooien"):
        assert is_open(rf.post(reverse(naam)))
    with pytest.raises(NoReverseMatch):
        reverse("otp_webauthn:credential-registration-begin")


def test_a_passkey_is_removed_on_the_own_factors_page(met_passkey, beveiligingslog):
    user, _sleutel = met_passkey
    device = WebAuthnCredential.objects.get(user=user)
    client = Client()
    client.force_login(user)
    pagina = client.get(reverse("tweede_factor_beheren")).content.decode()
    assert device.name in pagina
    url = reverse("tweede_factor_verwijderen", args=[device.persistent_id])
    assert url in pagina
    antwoord = client.post(url, follow=True)
    assert f"{device.name} is verwijderd als tweede factor." in antwoord.content.decode()
    assert not WebAuthnCredential.objects.filter(user=user).exists()
    assert beveiligingslog[-1]["event"] == "otp_removed"


def test_the_only_passkey_is_not_removed(client, demo):
    user = demo.mbo_intake
    tweefactor.alles_wissen(user)
    zonder_tweede_factor(client, user)
    sessie = client.session
    sessie[tweefactor.SESSIE_INSCHRIJVEN] = user.pk
    sessie.save()
    assert registreren(client, Sleutel()).status_code == 200
    device = WebAuthnCredential.objects.get(user=user)
    client.post(reverse("tweede_factor_verwijderen", args=[device.persistent_id]))
    assert WebAuthnCredential.objects.filter(user=user).exists()
