"""The security log: sign-in success, failure and sign-out as one JSON line each on the
logger jji_traject.beveiliging, with time, event, username, IP and request id, and never
the password."""

from __future__ import annotations

import io
import json
import logging

import pytest
from django.urls import reverse

from jji_traject import beveiliging

pytestmark = pytest.mark.django_db

WACHTWOORD_FOUT = "Zomer2026!-dit-mag-nooit-in-een-log"


@pytest.fixture
def logregels():
    """The lines the security logger writes, formatted as in production."""
    stroom = io.StringIO()
    handler = logging.StreamHandler(stroom)
    handler.setFormatter(beveiliging.JsonRegel())
    logger = logging.getLogger(beveiliging.LOGGER)
    logger.addHandler(handler)

    def lezen() -> list[dict]:
        tekst = stroom.getvalue()
        return [json.loads(regel) for regel in tekst.splitlines()]

    lezen.tekst = stroom.getvalue
    yield lezen
    logger.removeHandler(handler)


def test_mislukte_aanmelding_zonder_wachtwoord(client, demo, logregels):
    response = client.post(
        reverse("login"), {"username": "coordinator", "password": WACHTWOORD_FOUT}, REMOTE_ADDR="192.0.2.7"
    )
    assert response.status_code == 200  # the form again, with its message
    [regel] = logregels()
    assert regel["event"] == "login_failure"
    assert regel["username"] == "coordinator"
    assert regel["ip"] == "192.0.2.7"
    assert regel["request_id"] == response["X-Request-ID"]
    assert regel["logger"] == "jji_traject.beveiliging" and regel["level"] == "INFO"
    assert regel["timestamp"].endswith("+00:00")
    assert WACHTWOORD_FOUT not in logregels.tekst() and "password" not in logregels.tekst()


def test_gelukte_aanmelding_en_afmelding(client, demo, logregels, settings):
    client.post(
        reverse("login"),
        {"username": "jji-school", "password": settings.DEMO_PASSWORD},
        REMOTE_ADDR="198.51.100.4",
        HTTP_X_REQUEST_ID="verzoek-12345678",
    )
    client.post(reverse("logout"), REMOTE_ADDR="198.51.100.4")
    aanmelding, afmelding = logregels()
    assert aanmelding == aanmelding | {
        "event": "login_success",
        "username": "jji-school",
        "user_id": demo.jji_school.pk,
        "ip": "198.51.100.4",
        "request_id": "verzoek-12345678",
    }
    assert afmelding["event"] == "logout" and afmelding["user_id"] == demo.jji_school.pk
    assert settings.DEMO_PASSWORD not in logregels.tekst()


def test_onbekende_gebruiker_en_vreemde_invoer_blijven_een_regel(client, demo, logregels):
    client.post(reverse("login"), {"username": 'x"}\n{"event": "login_success', "password": WACHTWOORD_FOUT})
    client.post(reverse("login"), {"username": "a" * 500, "password": WACHTWOORD_FOUT})
    eerste, tweede = logregels()  # two lines, each valid JSON: input cannot forge a line
    assert eerste["event"] == "login_failure" and eerste["username"].startswith('x"}\n')
    assert len(tweede["username"]) == beveiliging.MAX_LENGTE
    assert WACHTWOORD_FOUT not in logregels.tekst()


def test_een_onbekend_veld_wordt_geweigerd():
    with pytest.raises(ValueError, match="unknown field"):
        beveiliging.vastleggen("login_failure", username="x", password="geheim")  # noqa: S106


def test_de_logger_schrijft_json_los_van_de_gewone_log(settings):
    instelling = settings.LOGGING["loggers"][beveiliging.LOGGER]
    assert instelling == {"handlers": ["beveiliging"], "level": "INFO", "propagate": False}
    assert settings.LOGGING["handlers"]["beveiliging"]["formatter"] == "json"
    assert settings.LOGGING["formatters"]["json"]["()"] == "jji_traject.beveiliging.JsonRegel"
    logger = logging.getLogger(beveiliging.LOGGER)
    assert logger.propagate is False
    assert any(isinstance(h.formatter, beveiliging.JsonRegel) for h in logger.handlers)
