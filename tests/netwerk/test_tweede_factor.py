"""The second factor (TWEE_FACTOR=verplicht, as in production and make test): the step after
the password, its throttling, backup codes, enrolment only with a second proof, one's own
factors, and the API with a session. Codes are computed with pyotp from the device's secret."""

from __future__ import annotations

import io
import re
from urllib.parse import urlsplit

import pyotp
import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from demo.regio import DEMO_TOTP_SLEUTEL
from netwerk.constants import AanvraagSoort, GebeurtenisSoort
from netwerk.models import Accountaanvraag, Accountgebeurtenis
from netwerk.services import accounts, tweefactor

from ..api.klant import klant
from ..tweefactor import apparaat, base64_sleutel, code_nu

pytestmark = pytest.mark.django_db

JONGERENPAGINA = "/trajecten/"
User = get_user_model()


def met_wachtwoord(naam: str, wachtwoord: str | None = None, ip: str = "127.0.0.1") -> Client:
    """A client signed in with the password only (the first step)."""
    client = Client(REMOTE_ADDR=ip)
    antwoord = client.post(reverse("login"), {"username": naam, "password": wachtwoord or settings.DEMO_PASSWORD})
    assert antwoord.status_code == 302
    return client


def test_after_the_password_only_the_step_of_the_second_factor_opens(demo, noah):
    client = met_wachtwoord("coordinator")
    antwoord = client.get(JONGERENPAGINA)
    assert antwoord.status_code == 302
    assert antwoord["Location"] == f"{reverse('tweede_factor')}?next=%2Ftrajecten%2F"
    # Every page with youth data, the beheer pages and the API with the session are closed.
    for pad in (f"/trajecten/{noah.pk}/", f"/trajecten/{noah.pk}/dossier/", "/beheer/", "/netwerk/", "/meldingen/"):
        assert client.get(pad).status_code == 302, pad
    api = client.get("/api/v1/trajecten/")
    assert api.status_code == 403
    assert api.json()["code"] == "tweede_factor_nodig"
    assert client.get("/api/docs/").status_code == 302
    htmx = client.get(f"/trajecten/{noah.pk}/", HTTP_HX_REQUEST="true")
    assert htmx["HX-Redirect"].startswith(reverse("tweede_factor"))
    # The step itself names no youth and no traject.
    stap = client.get(reverse("tweede_factor"))
    assert stap.status_code == 200 and "Verbeek" not in stap.content.decode()

    antwoord = client.post(reverse("tweede_factor"), {"code": code_nu(demo.coordinator), "next": JONGERENPAGINA})
    assert antwoord.status_code == 302 and antwoord["Location"] == JONGERENPAGINA
    assert client.get(JONGERENPAGINA).status_code == 200
    assert client.get("/api/v1/trajecten/").status_code == 200


def test_a_session_api_call_with_another_authorization_header_is_still_refused(demo):
    client = met_wachtwoord("coordinator")
    antwoord = client.get("/api/v1/trajecten/", HTTP_AUTHORIZATION="Basic eDp5")
    assert antwoord.status_code == 403
    assert "tweede factor" in antwoord.json()["message"]


def test_a_wrong_code_is_refused_counted_and_locks_like_a_wrong_password(demo):
    client = met_wachtwoord("coordinator")
    device = apparaat(demo.coordinator)
    goed = code_nu(demo.coordinator)
    fout = "000000" if goed != "000000" else "111111"
    antwoord = client.post(reverse("tweede_factor"), {"code": fout})
    assert antwoord.status_code == 200
    assert "Deze code klopt niet" in antwoord.content.decode()
    assert AccessAttempt.objects.get(username="coordinator").failures_since_start == 1
    for _ in range(4):
        antwoord = client.post(reverse("tweede_factor"), {"code": fout})
    assert antwoord.status_code == 429
    assert "Te veel mislukte pogingen" in antwoord.content.decode()
    # During the cooldown the right code does not complete the step either.
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1, throttling_failure_count=0)
    antwoord = client.post(reverse("tweede_factor"), {"code": goed})
    assert antwoord.status_code == 429
    assert client.get(JONGERENPAGINA).status_code == 302


def test_a_backup_code_works_once(demo):
    codes = tweefactor.reservecodes_maken(demo.itb)
    client = met_wachtwoord("itb")
    assert client.post(reverse("tweede_factor"), {"code": tweefactor.code_tekst(codes[0]).upper()}).status_code == 302
    assert client.get(JONGERENPAGINA).status_code == 200
    assert StaticToken.objects.filter(device__user=demo.itb).count() == 9

    opnieuw = met_wachtwoord("itb")
    antwoord = opnieuw.post(reverse("tweede_factor"), {"code": codes[0]})
    assert antwoord.status_code == 200 and "Deze code klopt niet" in antwoord.content.decode()
    assert opnieuw.get(JONGERENPAGINA).status_code == 302


def test_without_a_factor_the_password_alone_cannot_enrol_one(demo, mailoutbox, django_capture_on_commit_callbacks):
    TOTPDevice.objects.filter(user=demo.mbo_intake).delete()
    client = met_wachtwoord("mbo-intake")
    assert client.get(JONGERENPAGINA)["Location"].startswith(reverse("tweede_factor_instellen"))
    pagina = client.get(reverse("tweede_factor_instellen"))
    assert pagina.status_code == 200
    assert "<svg" not in pagina.content.decode() and not TOTPDevice.objects.filter(user=demo.mbo_intake).exists()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("tweede_factor_instellen"))
    [mail] = mailoutbox
    assert mail.to == ["mbo-intake@example.org"] and "JJI" not in mail.subject + mail.body
    pad = urlsplit(re.search(r"https?://\S+", mail.body).group(0)).path

    # Someone else's session cannot use the link; a made-up one is refused.
    ander = met_wachtwoord("itb")
    assert ander.get(pad).status_code == 400
    assert client.get(pad[:-3] + "abc/").status_code == 400

    assert client.get(pad)["Location"] == reverse("tweede_factor_instellen")
    pagina = client.get(reverse("tweede_factor_instellen")).content.decode()
    svg = re.search(r"<svg.*?</svg>", pagina, re.S).group(0)
    assert "style=" not in svg and "data:" not in pagina
    device = TOTPDevice.objects.get(user=demo.mbo_intake, confirmed=False)
    assert "".join(re.search(r'<code class="sleutel">([A-Z2-7 ]+)</code>', pagina).group(1).split()) == (
        base64_sleutel(device).rstrip("=")
    )

    antwoord = client.post(reverse("tweede_factor_instellen"), {"code": pyotp.TOTP(base64_sleutel(device)).now()})
    assert antwoord.status_code == 302 and antwoord["Location"].startswith(reverse("tweede_factor_reservecodes"))
    codes = re.findall(r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>", client.get(antwoord["Location"]).content.decode())
    assert len(codes) == 10
    # Shown once.
    assert re.findall(r"<code>[a-z2-7]{4}-", client.get(reverse("tweede_factor_reservecodes")).content.decode()) == []
    assert client.get(JONGERENPAGINA).status_code == 200
    # The link died with the enrolment.
    assert client.get(pad).status_code == 400
    assert Accountgebeurtenis.objects.filter(
        soort=GebeurtenisSoort.FACTOR_INGESTELD, medewerker__user=demo.mbo_intake
    ).exists()


def test_a_completed_factor_may_add_another_and_that_ends_the_other_sessions(demo, client):
    elders = Client()
    elders.force_login(demo.jji_school)
    client.force_login(demo.jji_school)
    assert elders.get(JONGERENPAGINA).status_code == 200
    pagina = client.get(reverse("tweede_factor_instellen"))
    assert pagina.status_code == 200 and "<svg" in pagina.content.decode()
    device = TOTPDevice.objects.get(user=demo.jji_school, confirmed=False)
    antwoord = client.post(reverse("tweede_factor_instellen"), {"code": pyotp.TOTP(base64_sleutel(device)).now()})
    assert antwoord.status_code == 302
    assert elders.get(JONGERENPAGINA).status_code == 302  # signed out elsewhere
    assert client.get(JONGERENPAGINA).status_code == 200
    assert Session.objects.count() >= 1


def test_the_last_factor_cannot_be_removed_but_a_second_one_can(demo, client):
    client.force_login(demo.verbindingsofficier)
    enige = apparaat(demo.verbindingsofficier)
    antwoord = client.post(reverse("tweede_factor_verwijderen", args=[enige.persistent_id]), follow=True)
    assert "enige tweede factor" in antwoord.content.decode()
    assert TOTPDevice.objects.filter(pk=enige.pk).exists()
    tweede = TOTPDevice.objects.create(user=demo.verbindingsofficier, name="Tweede telefoon", confirmed=True)
    client.post(reverse("tweede_factor_verwijderen", args=[tweede.persistent_id]))
    assert not TOTPDevice.objects.filter(pk=tweede.pk).exists()
    # Another person's device is not one's own to remove.
    ander = apparaat(demo.itb)
    assert client.post(reverse("tweede_factor_verwijderen", args=[ander.persistent_id])).status_code == 404


def test_new_backup_codes_only_after_the_second_factor(demo):
    client = met_wachtwoord("coordinator")
    assert client.post(reverse("tweede_factor_reservecodes")).status_code == 404
    client.post(reverse("tweede_factor"), {"code": code_nu(demo.coordinator)})
    antwoord = client.post(reverse("tweede_factor_reservecodes"), follow=True)
    assert len(re.findall(r"<code>[a-z2-7]{4}-[a-z2-7]{4}</code>", antwoord.content.decode())) == 10


def test_a_system_account_with_a_token_is_not_affected(systeemaccount):
    assert not tweefactor.vereist(systeemaccount)
    assert klant(systeemaccount).get("/api/v1/trajecten/").status_code == 200


def test_with_factors_off_the_step_is_not_asked(demo, settings):
    settings.TWEE_FACTOR = "uit"
    client = met_wachtwoord("coordinator")
    assert client.get(JONGERENPAGINA).status_code == 200
    assert client.get(reverse("tweede_factor"))["Location"] == reverse("start")


def test_the_security_log_has_factor_events_without_codes(demo, caplog):
    client = met_wachtwoord("coordinator")
    code = code_nu(demo.coordinator)
    with caplog.at_level("INFO", logger="jji_traject.beveiliging"):
        client.post(reverse("tweede_factor"), {"code": "999999" if code != "999999" else "888888"})
        client.post(reverse("tweede_factor"), {"code": code})
    regels = [r.beveiliging for r in caplog.records if hasattr(r, "beveiliging")]
    assert [r["event"] for r in regels if r["event"].startswith("otp_")] == ["otp_failure", "otp_success"]
    assert code not in caplog.text


def test_a_lost_device_is_reset_only_through_four_eyes(demo, mailoutbox, django_capture_on_commit_callbacks):
    persoon = demo.mbo_intake.medewerker
    beheerder = Client()
    beheerder.force_login(demo.beheerder)
    pagina = f"/beheer/netwerk/medewerker/{persoon.pk}/change/"
    formulier = {
        "gebruikersnaam": "mbo-intake",
        "voornaam": demo.mbo_intake.first_name,
        "achternaam": demo.mbo_intake.last_name,
        "email": demo.mbo_intake.email,
        "telefoon": persoon.telefoon,
        "actief": "on",
        "organisatie": persoon.organisatie_id,
        "rol": persoon.rol,
        "functietitel": persoon.functietitel,
        "tweede_factor_herstellen": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert beheerder.post(pagina, formulier).status_code == 302
    aanvraag = Accountaanvraag.objects.get(medewerker=persoon, soort=AanvraagSoort.TWEEDE_FACTOR)
    # Nothing changed yet: the person still signs in with their app.
    assert tweefactor.heeft_factor(demo.mbo_intake) and demo.mbo_intake.has_usable_password()
    # Not by the requester, not by the person it is about.
    for wie in (demo.beheerder, demo.mbo_intake):
        with pytest.raises(accounts.BeoordelingGeweigerd):
            accounts.accountaanvraag_goedkeuren(actor=wie, aanvraag=aanvraag)
    elders = Client()
    elders.force_login(demo.mbo_intake)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        accounts.accountaanvraag_goedkeuren(actor=demo.verbindingsofficier, aanvraag=aanvraag)
    demo.mbo_intake.refresh_from_db()
    assert not tweefactor.heeft_factor(demo.mbo_intake) and not demo.mbo_intake.has_usable_password()
    assert not StaticToken.objects.filter(device__user=demo.mbo_intake).exists()
    assert elders.get(JONGERENPAGINA).status_code == 302  # every session ended
    [mail] = [m for m in mailoutbox if m.to == ["mbo-intake@example.org"]]
    assert mail.subject == "Kies je wachtwoord"
    assert Accountgebeurtenis.objects.filter(soort=GebeurtenisSoort.FACTOR_GEWIST, aanvraag=aanvraag).exists()


def test_the_beheerder_cannot_reset_their_own_factor(demo, client):
    client.force_login(demo.beheerder)
    persoon = demo.beheerder.medewerker
    antwoord = client.post(
        f"/beheer/netwerk/medewerker/{persoon.pk}/change/",
        {
            "gebruikersnaam": "beheerder",
            "voornaam": demo.beheerder.first_name,
            "achternaam": demo.beheerder.last_name,
            "email": demo.beheerder.email,
            "actief": "on",
            "organisatie": persoon.organisatie_id,
            "rol": persoon.rol,
            "tweede_factor_herstellen": "on",
        },
    )
    assert antwoord.status_code == 200 and "andere functioneel beheerder" in antwoord.content.decode()
    assert not Accountaanvraag.objects.filter(soort=AanvraagSoort.TWEEDE_FACTOR).exists()


def test_demo_data_refuses_a_database_that_is_not_local_or_holds_real_people(demo, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG staat uit"):
        call_command("demo_data", stdout=io.StringIO())
    settings.DEBUG = True
    User.objects.create_user("echte-persoon", "iemand@gemeente-lindewaard.nl")
    with pytest.raises(CommandError, match="niet van de demo"):
        call_command("demo_data", stdout=io.StringIO())


def test_demo_data_gives_every_demo_user_the_printed_demo_secret(demo, settings):
    settings.DEBUG = True
    uit = io.StringIO()
    call_command("demo_data", stdout=uit)
    assert DEMO_TOTP_SLEUTEL in uit.getvalue()
    for user in demo.users.values():
        device = TOTPDevice.objects.get(user=user, name="Demo-app")
        assert base64_sleutel(device).rstrip("=") == DEMO_TOTP_SLEUTEL


def test_signing_in_again_with_the_password_gives_no_new_tries_at_the_code(demo):
    fout = "000000" if code_nu(demo.coordinator) != "000000" else "111111"
    for _ in range(4):
        met_wachtwoord("coordinator").post(reverse("tweede_factor"), {"code": fout})
    client = met_wachtwoord("coordinator")  # a right password forgets nothing
    antwoord = client.post(reverse("tweede_factor"), {"code": fout})
    assert antwoord.status_code == 429
    # The second factor done (after the cooldown) forgets the failures.
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.first().attempt_time - settings.AXES_COOLOFF_TIME)
    client = met_wachtwoord("coordinator")
    assert client.post(reverse("tweede_factor"), {"code": code_nu(demo.coordinator)}).status_code == 302
    assert not AccessAttempt.objects.filter(username="coordinator").exists()


def test_the_own_factors_page_says_when_there_are_no_backup_codes(demo, client):
    client.force_login(demo.itb)
    tekst = client.get(reverse("tweede_factor_beheren")).content.decode()
    assert "Je hebt geen reservecodes" in tekst and "Demo-app" in tekst
    tweefactor.reservecodes_maken(demo.itb)
    assert "Je hebt nog 10 ongebruikte reservecodes" in client.get(reverse("tweede_factor_beheren")).content.decode()
