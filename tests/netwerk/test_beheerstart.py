"""The functioneel beheerder's home in the app's own look (issue 17, item 1): where the
beheerder lands, linking to every beheer page (people, organisations, the routekaart, the
beslismodel template, the word list, netwerkkaart import and export, lockouts and account
requests), with the admin's "Website bekijken" leading back to it; for nobody else."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jji_traject.geschiedenis import bijwerken
from netwerk.models import Contactpersoon, Organisatie

from ..accounts import open_aanvraag

pytestmark = pytest.mark.django_db

LINKS = [
    "admin:netwerk_medewerker_changelist",
    "admin:netwerk_organisatie_changelist",
    "trajecten:routekaart",
    "beslismodel:sjabloon",
    "admin:dossier_formuleringswoord_changelist",
    "netwerk:netwerkkaart",
    "netwerk:importeren",
    "netwerk:exporteren",
    "netwerk:blokkades",
    "netwerk:accountaanvragen",
    "netwerk:accountlog",
]


def test_the_beheerder_lands_on_the_home_and_every_link_works(client, demo):
    client.force_login(demo.beheerder)
    antwoord = client.get(reverse("start"), follow=True)
    assert antwoord.redirect_chain[-1][0] == reverse("netwerk:beheer")
    pagina = antwoord.content.decode()
    assert '<link rel="stylesheet" href="/static/css/jji-traject.css">' in pagina  # the app's own look
    assert '<h1 class="utrecht-heading-1">Beheer</h1>' in pagina
    for naam in LINKS:
        url = reverse(naam)
        assert f'href="{url}"' in pagina, naam
        assert client.get(url).status_code == 200, naam
    # What waits: the demo's account request, and no lockout.
    assert "1 wacht op een tweede persoon" in pagina and "niemand is nu geblokkeerd" in pagina


def test_the_admins_website_link_leads_to_the_home(client, demo):
    client.force_login(demo.beheerder)
    beheer = client.get(reverse("admin:index")).content.decode()
    assert f'<a href="{reverse("netwerk:beheer")}">Website bekijken</a>' in beheer
    assert 'href="/">Website bekijken' not in beheer


def test_the_home_is_for_the_beheerder_only(client, demo):
    for user in (demo.jji_school, demo.verbindingsofficier, demo.itb):
        client.force_login(user)
        assert client.get(reverse("netwerk:beheer")).status_code == 404
    client.logout()
    assert client.get(reverse("netwerk:beheer"))["Location"].startswith(reverse("login"))


def test_a_superuser_without_a_regio_sees_the_pages_that_need_none(client, demo):
    baas = get_user_model().objects.create_superuser("baas", "baas@example.org", "x-lang-wachtwoord-123")
    client.force_login(baas)
    pagina = client.get(reverse("netwerk:beheer")).content.decode()
    assert reverse("netwerk:blokkades") in pagina and reverse("admin:netwerk_medewerker_changelist") in pagina
    assert reverse("trajecten:routekaart") not in pagina  # a regio's own pages need a regio


def test_the_counts_come_at_a_flat_query_count(client, demo, django_assert_max_num_queries):
    client.force_login(demo.beheerder)
    url = reverse("netwerk:beheer")
    with CaptureQueriesContext(connection) as weinig:
        client.get(url)
    mbo = Organisatie.objects.get(naam="ROC Lindewaard")
    for i in range(5):
        open_aanvraag(demo, mbo, f"intaker-{i}", functietitel="Intaker")
    bijwerken(Contactpersoon.objects.all(), bevestigd_op=timezone.localdate() - dt.timedelta(days=400))
    with django_assert_max_num_queries(len(weinig)):
        pagina = client.get(url).content.decode()
    assert "6 wachten op een tweede persoon" in pagina and "langer dan een jaar niet bevestigd" in pagina
