"""One's own password: a change page for everyone signed in (linked from the header) that ends
the person's other sessions; a reset by e-mail link with neutral mails that answers the same
for an unknown address, works once and lifts a lockout; the validators stay; a system account
has none of it; the admin's text points to these pages."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from jji_traject import inloggen
from netwerk import services

from ..tweefactor import inloggen as met_tweede_factor_inloggen

pytestmark = pytest.mark.django_db

NIEUW = "een-nieuw-lang-wachtwoord-2026"


def aangemeld(naam, wachtwoord, ip="127.0.0.1") -> Client:
    """A client signed in through the login form, as a browser would."""
    client = Client(REMOTE_ADDR=ip)
    antwoord = met_tweede_factor_inloggen(client, naam, wachtwoord)
    assert antwoord.status_code == 302, antwoord.content.decode()[:500]
    return client


def wijzigen(client, oud, nieuw=NIEUW, herhaling=None):
    return client.post(
        reverse("password_change"),
        {"old_password": oud, "new_password1": nieuw, "new_password2": herhaling or nieuw},
    )


def herstellen(client, email):
    return client.post(reverse("password_reset"), {"email": email})


def link_uit(mail) -> str:
    [link] = re.findall(r"https?://\S+", mail.body)
    return link


def test_the_header_links_to_the_change_page(client, demo):
    client.force_login(demo.coordinator)
    tekst = client.get(reverse("trajecten:lijst")).content.decode()
    assert f'href="{reverse("password_change")}"' in tekst and "Wachtwoord wijzigen" in tekst
    pagina = client.get(reverse("password_change"))
    assert pagina.status_code == 200 and "Huidig wachtwoord" in pagina.content.decode()


def test_changing_the_password_keeps_this_session_and_ends_the_others(
    demo, settings, mailoutbox, django_capture_on_commit_callbacks
):
    hier = aangemeld("coordinator", settings.DEMO_PASSWORD)
    elders = aangemeld("coordinator", settings.DEMO_PASSWORD, ip="192.0.2.20")
    assert elders.get(reverse("trajecten:lijst")).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        antwoord = wijzigen(hier, settings.DEMO_PASSWORD)
    assert antwoord.status_code == 302 and antwoord["Location"] == reverse("password_change_done")
    assert "Op andere apparaten ben je uitgelogd" in hier.get(antwoord["Location"]).content.decode()

    assert hier.get(reverse("trajecten:lijst")).status_code == 200
    weg = elders.get(reverse("trajecten:lijst"))
    assert weg.status_code == 302 and weg["Location"].startswith(reverse("login"))
    demo.coordinator.refresh_from_db()
    assert demo.coordinator.check_password(NIEUW) and not demo.coordinator.check_password(settings.DEMO_PASSWORD)
    # A neutral mail tells the person.
    [mail] = mailoutbox
    assert mail.to == [demo.coordinator.email] and mail.subject == "Je wachtwoord is gewijzigd"
    assert "JJI" not in mail.subject + mail.body and "Noah" not in mail.body


def test_the_validators_stay_and_a_wrong_current_password_changes_nothing(client, demo, settings):
    client.force_login(demo.coordinator)
    kort = wijzigen(client, settings.DEMO_PASSWORD, nieuw="kort")
    assert kort.status_code == 200 and "te kort" in kort.content.decode(), kort.context["form"].errors
    fout = wijzigen(client, "niet-mijn-wachtwoord")
    assert fout.status_code == 200 and "Je huidige wachtwoord klopt niet" in fout.content.decode()
    demo.coordinator.refresh_from_db()
    assert demo.coordinator.check_password(settings.DEMO_PASSWORD)


def test_wrong_current_passwords_count_toward_the_lockout(client, demo, settings):
    client.force_login(demo.coordinator)
    for _ in range(4):
        assert wijzigen(client, "niet-mijn-wachtwoord").status_code == 200
    antwoord = wijzigen(client, "niet-mijn-wachtwoord")
    assert antwoord.status_code == 429 and "Te veel mislukte pogingen" in antwoord.content.decode()
    # During the cooldown the correct current password is not even checked.
    antwoord = wijzigen(client, settings.DEMO_PASSWORD)
    assert antwoord.status_code == 200 and "Te veel mislukte pogingen" in antwoord.content.decode()
    demo.coordinator.refresh_from_db()
    assert demo.coordinator.check_password(settings.DEMO_PASSWORD)
    # The same lockout as at the login page.
    anoniem = Client()
    assert (
        anoniem.post(reverse("login"), {"username": "coordinator", "password": settings.DEMO_PASSWORD}).status_code
        == 429
    )


def test_a_reset_for_an_unknown_address_says_the_same_and_sends_nothing(
    client, demo, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        bekend = herstellen(client, demo.coordinator.email)
    assert len(mailoutbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        onbekend = herstellen(client, "niemand@example.org")
    assert len(mailoutbox) == 1
    assert bekend.status_code == onbekend.status_code == 302
    assert bekend["Location"] == onbekend["Location"] == reverse("password_reset_done")
    assert "Hoort het adres bij een account" in client.get(bekend["Location"]).content.decode()

    [mail] = mailoutbox
    assert mail.to == [demo.coordinator.email]
    assert mail.subject == "Nieuw wachtwoord instellen"
    assert "JJI" not in mail.subject + mail.body and "Noah" not in mail.body
    assert link_uit(mail).startswith("http://127.0.0.1:8000/wachtwoord/nieuw/")
    assert "één keer" in mail.body and "60 minuten" in mail.body


def test_the_page_answers_before_anything_is_looked_up(client, demo, mailoutbox, django_assert_num_queries):
    """The lookup and the mail happen in the background, so the answer's timing cannot tell
    whether the address is known: the request itself only writes the job (the outbox row, the
    same for any address) and looks nobody up."""
    for adres in (demo.coordinator.email, "niemand@example.org"):
        with django_assert_num_queries(1) as vragen:
            herstellen(client, adres)
        assert "jji_traject_opdracht" in vragen.captured_queries[0]["sql"]
    assert mailoutbox == []  # still waiting for the end of the transaction


def test_the_reset_link_works_once(client, demo, settings, mailoutbox, django_capture_on_commit_callbacks):
    elders = aangemeld("coordinator", settings.DEMO_PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        herstellen(client, demo.coordinator.email)
    link = link_uit(mailoutbox[0]).removeprefix("http://127.0.0.1:8000")

    formulier = client.get(link, follow=True)
    assert formulier.status_code == 200 and "Nieuw wachtwoord kiezen" in formulier.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(formulier.redirect_chain[-1][0], {"new_password1": NIEUW, "new_password2": NIEUW})
    assert antwoord["Location"] == reverse("password_reset_complete")
    assert mailoutbox[-1].subject == "Je wachtwoord is gewijzigd"

    # The other session ended; the new password works; the link does not, a second time.
    assert elders.get(reverse("trajecten:lijst")).status_code == 302
    assert aangemeld("coordinator", NIEUW)
    nogmaals = Client().get(link, follow=True)
    assert "Deze link werkt niet meer" in nogmaals.content.decode()
    assert "new_password1" not in nogmaals.content.decode()


def test_a_reset_lifts_the_lockout(client, demo, mailoutbox, django_capture_on_commit_callbacks):
    for _ in range(5):
        client.post(reverse("login"), {"username": "coordinator", "password": "verkeerd-wachtwoord"})
    assert inloggen.stand_van("coordinator", "127.0.0.1").blokkade is not None
    with django_capture_on_commit_callbacks(execute=True):
        herstellen(client, demo.coordinator.email)
    formulier = client.get(link_uit(mailoutbox[0]).removeprefix("http://127.0.0.1:8000"), follow=True)
    client.post(formulier.redirect_chain[-1][0], {"new_password1": NIEUW, "new_password2": NIEUW})
    assert inloggen.stand_van("coordinator", "127.0.0.1").pogingen == 0
    assert aangemeld("coordinator", NIEUW)


def test_a_system_account_cannot_reset_or_change_a_password(
    client, demo, systeemaccount, mailoutbox, django_capture_on_commit_callbacks
):
    # Even with a usable password (which the services never give it) no link is sent.
    get_user_model().objects.filter(pk=systeemaccount.pk).update(password=demo.coordinator.password)
    systeemaccount.refresh_from_db()
    assert systeemaccount.has_usable_password()
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = herstellen(client, systeemaccount.email)
    assert antwoord["Location"] == reverse("password_reset_done") and mailoutbox == []

    # A link made for it some other way does not open.
    uid = urlsafe_base64_encode(force_bytes(systeemaccount.pk))
    link = reverse("password_reset_confirm", args=[uid, default_token_generator.make_token(systeemaccount)])
    pagina = client.get(link, follow=True)
    assert "Deze link werkt niet meer" in pagina.content.decode()

    # Its pages do not exist for it, and the header does not offer them.
    client.force_login(systeemaccount)
    assert client.get(reverse("password_change")).status_code == 404
    assert wijzigen(client, "wat-dan-ook").status_code == 404
    assert client.get(reverse("password_change_done")).status_code == 404
    with pytest.raises(PermissionDenied):
        services.eigen_wachtwoord_instellen(user=systeemaccount, wachtwoord=NIEUW, via="wijzigen")


def test_the_pages_the_admin_text_points_to_exist(client, demo):
    """The beheer page takes no password (four eyes); what it says about passwords names the
    two pages a person uses themselves, and both exist."""
    assert "Wachtwoord vergeten?" in client.get(reverse("login")).content.decode()
    client.force_login(demo.coordinator)
    assert "Wachtwoord wijzigen" in client.get(reverse("trajecten:lijst")).content.decode()


def test_the_admins_own_password_page_sends_to_the_apps(client, demo):
    client.force_login(demo.beheerder)
    antwoord = client.get(reverse("admin:password_change"))
    assert antwoord.status_code == 302 and antwoord["Location"] == reverse("password_change")
    beheer = client.get(reverse("admin:index")).content.decode()
    assert f'href="{reverse("netwerk:blokkades")}"' in beheer
