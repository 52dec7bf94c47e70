"""The activation link of an approved account: the person chooses their own password (Django's
validators), the link works once and for 72 hours, a newer link replaces older ones, and every
refusal is logged with a clear message. The page shows no youth data."""

import datetime as dt
import re
from urllib.parse import urlsplit

import pyotp
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from netwerk import activatie
from netwerk.constants import GebeurtenisSoort, Rol
from netwerk.models import Accountgebeurtenis, Organisatie
from netwerk.services import accounts

from ..accounts import goedkeuren
from ..tweefactor import base64_sleutel, inloggen

pytestmark = pytest.mark.django_db

User = get_user_model()
WACHTWOORD = "mijn-eigen-lang-wachtwoord-2026"


@pytest.fixture
def goedgekeurd(demo, mailoutbox, django_capture_on_commit_callbacks):
    """A new intaker at ROC Lindewaard, approved by its verbindingsofficier; the mail's link."""
    with django_capture_on_commit_callbacks(execute=True):
        aanvraag = accounts.accountaanvraag_indienen(
            actor=demo.beheerder,
            gebruikersnaam="intaker-drie",
            voornaam="Kim",
            achternaam="Smit",
            email="intaker-drie@example.org",
            organisatie=Organisatie.objects.get(naam="ROC Lindewaard"),
            rol=Rol.INTAKER,
        )
        goedkeuren(aanvraag, demo.verbindingsofficier)
    return User.objects.get(username="intaker-drie")


def _link(mailoutbox, email="intaker-drie@example.org"):
    """The path of the link in the latest activation mail to this address."""
    mail = [m for m in mailoutbox if m.to == [email]][-1]
    return urlsplit(re.search(r"https?://\S+", mail.body).group(0)).path


def _geweigerd(user):
    return Accountgebeurtenis.objects.filter(medewerker__user=user, soort=GebeurtenisSoort.ACTIVATIE_GEWEIGERD).count()


def test_the_link_works_once_and_the_person_chooses_their_own_password(client, goedgekeurd, mailoutbox):
    mail = next(m for m in mailoutbox if m.to == ["intaker-drie@example.org"])
    assert mail.subject == "Kies je wachtwoord" and "72 uur" in mail.body and "intaker-drie" in mail.body
    link = _link(mailoutbox)
    response = client.get(link)
    # The token leaves the address for the session (no leak through a Referer).
    assert response.status_code == 302 and response["Location"].endswith("/wachtwoord-kiezen/")
    pagina = client.get(response["Location"])
    tekst = pagina.content.decode()
    assert pagina.status_code == 200 and "Kies een eigen wachtwoord" in tekst and "tweede factor" in tekst
    assert "Verbeek" not in tekst and "Noah" not in tekst  # no youth data on the way in
    # Django's validators hold: too short, or too common, is refused.
    zwak = client.post(response["Location"], {"new_password1": "kort", "new_password2": "kort"})
    assert zwak.status_code == 200 and not User.objects.get(pk=goedgekeurd.pk).has_usable_password()
    klaar = client.post(response["Location"], {"new_password1": WACHTWOORD, "new_password2": WACHTWOORD})
    # Next: the second factor, before any page with youth data (this session may enrol it).
    assert klaar.status_code == 302 and klaar["Location"] == reverse("tweede_factor_instellen")
    user = User.objects.get(pk=goedgekeurd.pk)
    assert user.check_password(WACHTWOORD)
    assert client.session["_auth_user_id"] == str(user.pk)
    assert Accountgebeurtenis.objects.filter(medewerker__user=user, soort=GebeurtenisSoort.GEACTIVEERD).exists()
    # Used: the same link again is refused, with what to do, and logged.
    client.logout()
    nogmaals = client.get(link)
    assert nogmaals.status_code == 400
    assert "werkt niet (meer)" in nogmaals.content.decode() and "Log dan gewoon in" in nogmaals.content.decode()
    assert _geweigerd(user) == 1
    antwoord = client.post(reverse("login"), {"username": "intaker-drie", "password": WACHTWOORD})
    assert antwoord.status_code == 302 and "_auth_user_id" in client.session


def test_the_intaker_enrols_an_app_signs_in_with_both_steps_and_sees_mijn_trajecten(client, goedgekeurd, mailoutbox):
    response = client.get(_link(mailoutbox))
    client.post(response["Location"], {"new_password1": WACHTWOORD, "new_password2": WACHTWOORD})
    # Youth pages wait for the factor; the enrolment page shows the app's QR code.
    assert client.get(reverse("trajecten:lijst"))["Location"].startswith(reverse("tweede_factor_instellen"))
    assert "<svg" in client.get(reverse("tweede_factor_instellen")).content.decode()
    device = TOTPDevice.objects.get(user=goedgekeurd, confirmed=False)
    klaar = client.post(reverse("tweede_factor_instellen"), {"code": pyotp.TOTP(base64_sleutel(device)).now()})
    assert klaar["Location"].startswith(reverse("tweede_factor_reservecodes"))
    client.logout()
    assert inloggen(client, "intaker-drie", WACHTWOORD).status_code == 302
    pagina = client.get(reverse("start"), follow=True)
    assert pagina.redirect_chain[-1][0] == reverse("trajecten:lijst")
    assert '<h1 class="utrecht-heading-1">Mijn trajecten' in pagina.content.decode()


def test_the_link_expires_after_72_hours(client, goedgekeurd, mailoutbox, monkeypatch):
    link = _link(mailoutbox)
    nu = activatie.tokens._now()
    monkeypatch.setattr(activatie.tokens, "_now", lambda: nu + dt.timedelta(hours=71, minutes=59))
    assert client.get(link).status_code == 302  # still valid just before
    monkeypatch.setattr(activatie.tokens, "_now", lambda: nu + dt.timedelta(hours=72, minutes=1))
    response = client.get(link)
    assert response.status_code == 400 and "verlopen" in response.content.decode()
    # Also on the page behind the link: expired in between, nothing is set.
    response = client.post(
        link.rsplit("/", 2)[0] + "/wachtwoord-kiezen/", {"new_password1": WACHTWOORD, "new_password2": WACHTWOORD}
    )
    assert response.status_code == 400
    assert not User.objects.get(pk=goedgekeurd.pk).has_usable_password()
    assert _geweigerd(goedgekeurd) == 2


def test_a_new_link_replaces_the_old_one(client, demo, goedgekeurd, mailoutbox, django_capture_on_commit_callbacks):
    oud = _link(mailoutbox)
    with django_capture_on_commit_callbacks(execute=True):
        accounts.activatielink_versturen(actor=demo.beheerder, medewerker=goedgekeurd.medewerker)
    nieuw = _link(mailoutbox)
    assert nieuw != oud
    assert client.get(oud).status_code == 400
    assert client.get(nieuw).status_code == 302


def test_the_beheerder_resends_a_link_only_before_a_password_is_chosen(client, demo, goedgekeurd, mailoutbox):
    aanvraag = goedgekeurd.medewerker.accountaanvragen.get()
    client.force_login(demo.beheerder)
    pagina = client.get(reverse("netwerk:accountaanvraag", args=[aanvraag.pk])).content.decode()
    assert "Nieuwe activatielink versturen" in pagina
    goedgekeurd.set_password(WACHTWOORD)
    goedgekeurd.save()
    response = client.post(
        reverse("netwerk:accountaanvraag", args=[aanvraag.pk]), {"actie": "link_versturen"}, follow=True
    )
    assert "al een eigen wachtwoord" in response.content.decode()


def test_a_made_up_or_foreign_link_is_refused_and_logged(client, demo, goedgekeurd, mailoutbox):
    link = _link(mailoutbox)
    uid = link.split("/")[-3]
    for pad in (
        reverse("netwerk:activeren", kwargs={"uidb64": uid, "token": "abc-123"}),
        reverse("netwerk:activeren", kwargs={"uidb64": "bm9wZQ", "token": link.split("/")[-2]}),
        reverse("netwerk:activeren", kwargs={"uidb64": uid, "token": "wachtwoord-kiezen"}),  # no session token
    ):
        response = client.get(pad)
        assert response.status_code == 400 and "werkt niet (meer)" in response.content.decode()
    # A demo user who has a password never gets in through a link for them.
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    jji = urlsafe_base64_encode(force_bytes(demo.jji_school.pk))
    assert (
        client.get(reverse("netwerk:activeren", kwargs={"uidb64": jji, "token": link.split("/")[-2]})).status_code
        == 400
    )
    assert Accountgebeurtenis.objects.filter(soort=GebeurtenisSoort.ACTIVATIE_GEWEIGERD).count() == 4
