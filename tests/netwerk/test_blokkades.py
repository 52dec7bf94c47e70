"""The lockouts page of the beheerder: the sign-in lockouts of the people of their own regio,
one lifted with a POST that stays on record (a row and a log line); another regio's people,
unknown usernames and addresses alone are not theirs (404), a superuser sees and lifts all."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.urls import reverse

from jji_traject import inloggen
from netwerk import services
from netwerk.constants import OrganisatieSoort, Rol
from netwerk.models import Blokkadeopheffing, Organisatie, Regio

pytestmark = pytest.mark.django_db


def vergrendelen(naam, ip="127.0.0.1", keer=5):
    """Lock ``naam`` out from ``ip`` through the login form."""
    from django.test import Client

    client = Client()
    for _ in range(keer):
        client.post(reverse("login"), {"username": naam, "password": "verkeerd-wachtwoord"}, REMOTE_ADDR=ip)
    assert inloggen.stand_van(naam, ip).blokkade is not None


@pytest.fixture
def verre_medewerker(demo):
    """A person in another regio, with a beheerder of their own."""
    regio = services.regio_opslaan(actor=None, regio=Regio(naam="Regio Verweg"))
    mbo = services.organisatie_opslaan(
        actor=None, organisatie=Organisatie(naam="Verweg College", soort=OrganisatieSoort.MBO, regio=regio)
    )
    return services.medewerker_opslaan(
        actor=None,
        gebruikersnaam="verre-intaker",
        voornaam="Vera",
        achternaam="Verweg",
        email="vera@example.org",
        organisatie=mbo,
        rol=Rol.INTAKER,
        wachtwoord="een-lang-en-sterk-wachtwoord-2026",
    )


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("opperbeheer", "opper@example.org", "een-lang-wachtwoord-2026")


def opheffen(client, naam, ip="127.0.0.1"):
    return client.post(reverse("netwerk:blokkade_opheffen"), {"gebruikersnaam": naam, "ip_adres": ip})


def test_the_beheerder_sees_a_lockout_in_their_regio_and_lifts_it(client, demo, settings, caplog):
    vergrendelen("mbo-intake")
    client.force_login(demo.beheerder)
    pagina = client.get(reverse("netwerk:blokkades"))
    assert pagina.status_code == 200
    tekst = pagina.content.decode()
    assert "Nu geblokkeerd" in tekst and "mbo-intake" in tekst and "127.0.0.1" in tekst
    [blokkade] = pagina.context["geldend"]
    assert blokkade.medewerker == demo.mbo_intake.medewerker and blokkade.pogingen == 5

    caplog.set_level("INFO")
    antwoord = opheffen(client, "mbo-intake")
    assert antwoord.status_code == 302 and antwoord["Location"] == reverse("netwerk:blokkades")
    assert not AccessAttempt.objects.filter(username="mbo-intake").exists()
    opheffing = Blokkadeopheffing.objects.get()
    assert (opheffing.opgeheven_door, opheffing.medewerker, opheffing.gebruikersnaam, opheffing.pogingen) == (
        demo.beheerder,
        demo.mbo_intake.medewerker,
        "mbo-intake",
        5,
    )
    assert opheffing.history.get().history_user == demo.beheerder
    assert any(
        r.getMessage().startswith('inlogblokkade_opgeheven door="beheerder" gebruikersnaam="mbo-intake"')
        for r in caplog.records
    )
    assert "is opgeheven" in client.get(reverse("netwerk:blokkades")).content.decode()
    # The person signs in at once.
    client.logout()
    antwoord = client.post(reverse("login"), {"username": "mbo-intake", "password": settings.DEMO_PASSWORD})
    assert antwoord.status_code == 302


def test_another_regios_lockout_is_not_the_beheerders(client, demo, verre_medewerker):
    vergrendelen("verre-intaker")
    client.force_login(demo.beheerder)
    assert client.get(reverse("netwerk:blokkades")).context["blokkades"] == []
    assert opheffen(client, "verre-intaker").status_code == 404
    assert inloggen.stand_van("verre-intaker", "127.0.0.1").blokkade is not None
    assert not Blokkadeopheffing.objects.exists()


def test_unknown_usernames_and_addresses_alone_are_for_a_superuser(client, demo, superuser, settings):
    settings.INLOG_DREMPEL_ADRES = 12
    vergrendelen("bestaat-niet", ip="203.0.113.9")
    vergrendelen("ook-niet", ip="203.0.113.9")
    vergrendelen("nog-een", ip="203.0.113.9", keer=2)  # the 12th failure locks the address
    client.force_login(demo.beheerder)
    assert client.get(reverse("netwerk:blokkades")).context["blokkades"] == []
    assert opheffen(client, "bestaat-niet", "203.0.113.9").status_code == 404
    assert opheffen(client, "", "203.0.113.9").status_code == 404

    client.force_login(superuser)
    pagina = client.get(reverse("netwerk:blokkades"))
    rijen = {(b.gebruikersnaam, b.ip_adres) for b in pagina.context["geldend"]}
    assert rijen == {("bestaat-niet", "203.0.113.9"), ("ook-niet", "203.0.113.9"), ("", "203.0.113.9")}
    assert "geen medewerker met deze gebruikersnaam" in pagina.content.decode()
    assert "alle gebruikersnamen vanaf dit adres" in pagina.content.decode()
    # Lifting the address forgets every failure from it.
    assert opheffen(client, "", "203.0.113.9").status_code == 302
    assert not AccessAttempt.objects.exists()
    opheffing = Blokkadeopheffing.objects.get()
    assert opheffing.gebruikersnaam == "" and opheffing.ip_adres == "203.0.113.9" and opheffing.pogingen == 12


def test_a_superuser_sees_every_regio(client, demo, superuser, verre_medewerker):
    vergrendelen("verre-intaker")
    vergrendelen("mbo-intake")
    client.force_login(superuser)
    namen = {b.gebruikersnaam for b in client.get(reverse("netwerk:blokkades")).context["geldend"]}
    assert namen == {"verre-intaker", "mbo-intake"}
    assert opheffen(client, "verre-intaker").status_code == 302


@pytest.mark.parametrize("lezer", ["coordinator", "verbindingsofficier", "mbo-intake"])
def test_the_page_does_not_exist_for_others(client, demo, lezer):
    vergrendelen("itb")
    client.force_login(demo.users[lezer])
    assert client.get(reverse("netwerk:blokkades")).status_code == 404
    assert opheffen(client, "itb").status_code == 404
    assert AccessAttempt.objects.filter(username="itb").exists()


def test_anonymous_is_sent_to_the_login_page(client, demo):
    antwoord = client.get(reverse("netwerk:blokkades"))
    assert antwoord.status_code == 302 and antwoord["Location"].startswith(reverse("login"))
    assert client.post(reverse("netwerk:blokkade_opheffen"), {"gebruikersnaam": "itb"}).status_code == 302


def test_a_lockout_that_is_over_is_shown_apart_and_can_be_forgotten(client, demo):
    from django.db.models import F
    from django.utils import timezone

    vergrendelen("itb")
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timezone.timedelta(minutes=10))
    client.force_login(demo.beheerder)
    pagina = client.get(reverse("netwerk:blokkades"))
    assert pagina.context["geldend"] == [] and len(pagina.context["voorbij"]) == 1
    assert "Wachttijd voorbij" in pagina.content.decode()
    assert opheffen(client, "itb").status_code == 302
    assert not AccessAttempt.objects.exists()


def test_lifting_a_lockout_that_is_gone_says_so(client, demo):
    client.force_login(demo.beheerder)
    antwoord = opheffen(client, "itb")
    assert antwoord.status_code == 302
    assert "Deze blokkade is er niet meer" in client.get(reverse("netwerk:blokkades")).content.decode()
    assert opheffen(client, "itb", ip="geen-adres").status_code == 302
    assert not Blokkadeopheffing.objects.exists()


def test_the_header_links_the_beheerder_to_the_page(client, demo):
    client.force_login(demo.beheerder)
    tekst = client.get(reverse("netwerk:netwerkkaart")).content.decode()
    assert f'href="{reverse("netwerk:blokkades")}"' in tekst
    client.force_login(demo.coordinator)
    assert reverse("netwerk:blokkades") not in client.get(reverse("netwerk:netwerkkaart")).content.decode()
