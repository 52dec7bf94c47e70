"""Throttled sign-in (django-axes with the rules of ``jji_traject.inloggen``): 5 failures for
one username from one address lock it, also against the correct password, with a cooldown
that grows; an address alone is locked only after many more failures; the message says when
to try again and is the same for a username that does not exist; every failure and lockout is
logged without the password; API tokens are not affected; the admin has no login of its own;
a step the second factor will add can report its failures through the same door."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.signals import user_login_failed
from django.db.models import F
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from jji_traject import inloggen

from ..api.klant import klant
from ..tweefactor import code_nu

pytestmark = pytest.mark.django_db

ONJUIST = "De combinatie van gebruikersnaam en wachtwoord klopt niet"
TE_VEEL = "Te veel mislukte pogingen"
NAT = "198.51.100.7"


def aanmelden(client, naam, wachtwoord, ip="127.0.0.1", **extra):
    return client.post(reverse("login"), {"username": naam, "password": wachtwoord}, REMOTE_ADDR=ip, **extra)


def fouten(antwoord) -> list[str]:
    return list(antwoord.context["form"].non_field_errors())


def is_ingelogd(client) -> bool:
    return "_auth_user_id" in client.session


def verouderen(minuten: float, **filter) -> None:
    """Move failures back in time, as if the minutes had passed."""
    AccessAttempt.objects.filter(**filter).update(attempt_time=F("attempt_time") - dt.timedelta(minutes=minuten))


def test_five_failures_lock_and_even_the_correct_password_is_refused(client, demo, settings):
    for _ in range(4):
        antwoord = aanmelden(client, "coordinator", "verkeerd-wachtwoord")
        assert antwoord.status_code == 200
        assert ONJUIST in fouten(antwoord)[0]
    antwoord = aanmelden(client, "coordinator", "verkeerd-wachtwoord")
    assert antwoord.status_code == 429
    assert TE_VEEL in fouten(antwoord)[0]

    antwoord = aanmelden(client, "coordinator", settings.DEMO_PASSWORD)
    assert antwoord.status_code == 429
    assert TE_VEEL in fouten(antwoord)[0]
    assert not is_ingelogd(client)
    # Tries during the cooldown do not count: still five.
    assert inloggen.stand_van("coordinator", "127.0.0.1").pogingen == 5

    # The lockout is of this username from this address: from elsewhere the person signs in.
    anders = aanmelden(client, "coordinator", settings.DEMO_PASSWORD, ip="192.0.2.44")
    assert anders.status_code == 302 and is_ingelogd(client)


def test_after_the_cooldown_the_correct_password_signs_in_and_the_failures_are_forgotten(client, demo, settings):
    for _ in range(5):
        aanmelden(client, "coordinator", "verkeerd-wachtwoord")
    assert aanmelden(client, "coordinator", settings.DEMO_PASSWORD).status_code == 429
    verouderen(6)
    antwoord = aanmelden(client, "coordinator", settings.DEMO_PASSWORD)
    assert antwoord.status_code == 302 and is_ingelogd(client)
    # The password is half of it: the failures are forgotten once the second factor is done.
    assert AccessAttempt.objects.filter(username="coordinator").exists()
    client.post(reverse("tweede_factor"), {"code": code_nu(demo.coordinator)})
    assert not AccessAttempt.objects.filter(username="coordinator").exists()


@pytest.mark.parametrize(("pogingen", "minuten"), [(5, 5), (6, 15), (7, 60), (8, 60), (30, 60)])
def test_the_cooldown_grows_with_the_count(pogingen, minuten):
    assert inloggen.afkoeltijd(pogingen) == dt.timedelta(minutes=minuten)


def test_every_failure_after_a_cooldown_starts_a_longer_one(client, demo):
    verwacht = [5, 15, 60, 60]
    for _ in range(4):
        aanmelden(client, "itb", "verkeerd-wachtwoord")
    for minuten in verwacht:
        aanmelden(client, "itb", "verkeerd-wachtwoord")
        stand = inloggen.stand_van("itb", "127.0.0.1")
        laatste = AccessAttempt.objects.get(username="itb").attempt_time
        assert stand.blokkade is not None and stand.blokkade.soort == "gebruiker"
        assert stand.blokkade.tot == laatste + dt.timedelta(minutes=minuten)
        # Just before the end it still holds; then the cooldown passes.
        assert inloggen.stand_van("itb", "127.0.0.1", nu=stand.blokkade.tot - dt.timedelta(seconds=1)).blokkade
        verouderen(minuten)
        assert inloggen.stand_van("itb", "127.0.0.1").blokkade is None
    assert inloggen.stand_van("itb", "127.0.0.1").pogingen == 8


def test_the_message_says_when_to_try_again(client, demo):
    for _ in range(5):
        antwoord = aanmelden(client, "coordinator", "verkeerd-wachtwoord")
    laatste = AccessAttempt.objects.get(username="coordinator").attempt_time
    einde = timezone.localtime(laatste + dt.timedelta(minutes=5))
    if einde.second or einde.microsecond:
        einde = einde.replace(second=0, microsecond=0) + dt.timedelta(minutes=1)
    melding = fouten(antwoord)[0]
    tijd = f"{einde:%H:%M}"
    if einde.date() != timezone.localdate():  # the lockout ends after midnight: the day is said too
        tijd = f"{einde.day} {MAANDEN[einde.month - 1]} om {tijd}"
    assert f"Probeer het opnieuw om {tijd}." in melding
    assert "ook niet met het goede wachtwoord" in melding and "Wachtwoord vergeten?" in melding


MAANDEN = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def test_the_message_is_the_same_for_a_username_that_does_not_exist(client, demo, settings):
    bekend, onbekend = [], []
    for _ in range(5):
        bekend.append(fouten(aanmelden(client, "coordinator", "verkeerd-wachtwoord", ip="192.0.2.1")))
        onbekend.append(fouten(aanmelden(client, "niemand-met-deze-naam", "verkeerd-wachtwoord", ip="192.0.2.2")))
    assert bekend[:4] == onbekend[:4]
    # Same moment for both, so the time in the message is the same too.
    AccessAttempt.objects.update(attempt_time=timezone.now())
    goed = aanmelden(client, "coordinator", settings.DEMO_PASSWORD, ip="192.0.2.1")
    fout = aanmelden(client, "niemand-met-deze-naam", "wat-dan-ook", ip="192.0.2.2")
    assert goed.status_code == fout.status_code == 429
    assert fouten(goed) == fouten(fout)
    assert "coordinator" not in fouten(goed)[0]
    # The pages differ in nothing but the username typed and the (masked) CSRF tokens.
    weg = re.compile(
        r'name="csrfmiddlewaretoken" value="[^"]*"|"X-CSRFToken": "[^"]*"|coordinator|niemand-met-deze-naam'
    )
    assert weg.sub("", goed.content.decode()) == weg.sub("", fout.content.decode())


def test_an_address_alone_is_locked_only_after_many_failures(client, demo, settings):
    """A whole college behind one NAT address: 99 failures of many people lock none of the
    others; the 100th locks the address, for every username (also the correct password)."""
    assert settings.INLOG_DREMPEL_ADRES == 100
    for i in range(24):  # 96 failures of 24 students, none of them locked (4 each)
        AccessAttempt.objects.create(
            username=f"student{i}",
            ip_address=NAT,
            user_agent="browser",
            get_data="",
            post_data="",
            http_accept="*/*",
            path_info="/inloggen/",
            failures_since_start=4,
        )
    for naam in ("student-a", "student-b", "student-c"):
        assert aanmelden(client, naam, "verkeerd-wachtwoord", ip=NAT).status_code == 200
    assert inloggen.stand_van("coordinator", NAT).pogingen_adres == 99
    antwoord = aanmelden(client, "coordinator", settings.DEMO_PASSWORD, ip=NAT)
    assert antwoord.status_code == 302
    client.logout()

    antwoord = aanmelden(client, "student-d", "verkeerd-wachtwoord", ip=NAT)
    assert antwoord.status_code == 429 and TE_VEEL in fouten(antwoord)[0]
    antwoord = aanmelden(client, "coordinator", settings.DEMO_PASSWORD, ip=NAT)
    assert antwoord.status_code == 429 and not is_ingelogd(client)
    assert inloggen.stand_van("coordinator", NAT).blokkade.soort == "adres"
    # Another address is not affected.
    assert aanmelden(client, "coordinator", settings.DEMO_PASSWORD, ip="192.0.2.9").status_code == 302
    # The address is free again once enough failures have left the hour.
    verouderen(61, ip_address=NAT, username__startswith="student")
    client.logout()
    assert aanmelden(client, "coordinator", settings.DEMO_PASSWORD, ip=NAT).status_code == 302


def test_every_failure_and_lockout_is_logged_without_the_password(client, demo, settings, caplog):
    caplog.set_level("INFO")
    geheim = "mijn-geheime-poging-123"
    for _ in range(5):
        aanmelden(client, "coordinator", geheim)
    aanmelden(client, "coordinator", settings.DEMO_PASSWORD)
    regels = [r.getMessage() for r in caplog.records if r.name == "jji_traject.inloggen"]
    assert sum(r.startswith("inloggen_mislukt") for r in regels) == 4
    assert sum(r.startswith("inloggen_geblokkeerd") for r in regels) == 1
    assert sum(r.startswith("inloggen_geweigerd_tijdens_blokkade") for r in regels) == 1
    assert all('gebruikersnaam="coordinator"' in r and 'adres="127.0.0.1"' in r for r in regels)
    assert geheim not in caplog.text and settings.DEMO_PASSWORD not in caplog.text
    assert geheim not in "".join(AccessAttempt.objects.values_list("post_data", flat=True))


def test_an_api_token_is_not_affected_by_a_lockout(client, demo):
    for _ in range(5):
        aanmelden(client, "coordinator", "verkeerd-wachtwoord")
    assert inloggen.stand_van("coordinator", "127.0.0.1").blokkade is not None
    assert klant(demo.coordinator).get(reverse("api:trajecten")).status_code == 200


def test_the_admin_has_no_login_of_its_own(client, demo, settings):
    antwoord = client.get("/beheer/login/?next=/beheer/netwerk/")
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("login") + "?next=/beheer/netwerk/"
    # Posting a password there signs no one in.
    client.post("/beheer/login/", {"username": "beheerder", "password": settings.DEMO_PASSWORD})
    assert not is_ingelogd(client)
    # The one login page leads on to the admin.
    antwoord = client.post(
        reverse("login"), {"username": "beheerder", "password": settings.DEMO_PASSWORD, "next": "/beheer/"}
    )
    assert antwoord["Location"] == "/beheer/"


def test_a_step_that_authenticate_does_not_see_counts_through_the_same_door(client, demo, settings):
    """The second factor's step will call these: its failures lock like wrong passwords."""
    verzoeken = []
    ontvangen = []

    def ontvanger(sender, credentials, request=None, **kwargs):
        ontvangen.append(credentials)

    user_login_failed.connect(ontvanger)
    try:
        for _ in range(5):
            verzoek = RequestFactory().post("/code/", REMOTE_ADDR="127.0.0.1")
            verzoeken.append(inloggen.mislukte_poging_vastleggen(verzoek, "coordinator"))
    finally:
        user_login_failed.disconnect(ontvanger)
    assert ontvangen == [{"username": "coordinator"}] * 5
    assert verzoeken[:4] == [None] * 4 and verzoeken[4] is not None
    assert inloggen.blokkade_voor(RequestFactory().get("/", REMOTE_ADDR="127.0.0.1"), "coordinator") == verzoeken[4]
    assert aanmelden(client, "coordinator", settings.DEMO_PASSWORD).status_code == 429


def test_behind_a_proxy_the_address_the_proxy_saw_counts(client, demo, settings):
    settings.PROXY_AANTAL = 1
    maak = RequestFactory().get
    assert inloggen.client_ip(maak("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.5")) == "203.0.113.5"
    # Whatever the client put in front itself is ignored.
    verzoek = maak("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5")
    assert inloggen.client_ip(verzoek) == "203.0.113.5"
    assert inloggen.client_ip(maak("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="onzin")) == "10.0.0.2"
    assert inloggen.client_ip(maak("/", REMOTE_ADDR="10.0.0.2")) == "10.0.0.2"
    settings.PROXY_AANTAL = 0
    assert inloggen.client_ip(maak("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.5")) == "10.0.0.2"

    settings.PROXY_AANTAL = 1
    for _ in range(5):
        aanmelden(client, "coordinator", "verkeerd-wachtwoord", ip="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.5"}
    # Someone else behind the same proxy is not locked out.
    antwoord = aanmelden(
        client, "coordinator", settings.DEMO_PASSWORD, ip="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.6"
    )
    assert antwoord.status_code == 302
