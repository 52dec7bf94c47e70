"""The pages as a user meets them: list with search, filter and pagination; detail; the
forms with their Dutch messages for bad input; login; query counts at two sizes."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from toegang import policy
from trajecten.constants import BetrokkenheidSoort, Fase, Titel
from trajecten.models import Betrokkenheid, Jongere, Toestemming, Traject

from ..factories import TrajectFactory, trajecten_maken
from ..omgeving import naslag_queries, sessie_queries
from ..tweefactor import code_nu

pytestmark = pytest.mark.django_db
VANDAAG = timezone.localdate


def test_wrong_login_gets_one_clear_dutch_message(client, demo):
    response = client.post(reverse("login"), {"username": "jji-school", "password": "fout"})
    assert response.status_code == 200
    tekst = response.content.decode()
    assert "De combinatie van gebruikersnaam en wachtwoord klopt niet" in tekst
    onbekend = client.post(reverse("login"), {"username": "bestaat-niet", "password": "fout"}).content.decode()
    assert "De combinatie van gebruikersnaam en wachtwoord klopt niet" in onbekend


def test_login_lands_on_mijn_trajecten(client, demo, settings):
    response = client.post(
        reverse("login"), {"username": "jji-school", "password": settings.DEMO_PASSWORD}, follow=True
    )
    # First the second factor (TWEE_FACTOR=verplicht), then the work.
    assert response.redirect_chain[-1][0] == reverse("tweede_factor")
    response = client.post(reverse("tweede_factor"), {"code": code_nu(demo.jji_school)}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("trajecten:lijst")
    assert "Mijn trajecten" in response.content.decode()


def test_beheerder_lands_on_beheer(client, demo):
    client.force_login(demo.beheerder)
    assert client.get(reverse("start"))["Location"] == reverse("netwerk:beheer")


def test_list_search_and_filter(client, demo):
    client.force_login(demo.coordinator)
    tekst = client.get(reverse("trajecten:lijst"), {"q": "verbeek"}).content.decode()
    assert "Noah Verbeek" in tekst and "Sem Hoekstra" not in tekst
    tekst = client.get(reverse("trajecten:lijst"), {"fase": Fase.INSTROOM}).content.decode()
    assert "Mila de Groot" in tekst and "Noah Verbeek" not in tekst
    tekst = client.get(reverse("trajecten:lijst"), {"q": "niemand"}).content.decode()
    assert "Geen trajecten gevonden" in tekst


def test_list_with_an_unknown_fase_says_so(client, demo):
    client.force_login(demo.coordinator)
    response = client.get(reverse("trajecten:lijst"), {"fase": "gevangenis"})
    assert response.status_code == 200
    assert "De zoekopdracht klopt niet" in response.content.decode()


def test_list_paginates(client, demo):
    jji = demo.itb.medewerker.organisatie
    for _ in range(30):
        TrajectFactory(jji=jji, betrokkenheden__toegewezen=demo.jji_school.medewerker)
    client.force_login(demo.jji_school)
    eerste = client.get(reverse("trajecten:lijst")).content.decode()
    assert "Pagina 1" in eerste and "Trajecten 1–25" in eerste and 'rel="next"' in eerste
    tweede = client.get(reverse("trajecten:lijst"), {"pagina": 2}).content.decode()
    assert "Pagina 2" in tweede and "Trajecten 26–" in tweede and 'rel="next"' not in tweede
    assert client.get(reverse("trajecten:lijst"), {"pagina": "xyz"}).status_code == 200


def test_empty_list_explains_why(client, demo):
    client.force_login(demo.mbo_intake_other)
    tekst = client.get(reverse("trajecten:lijst")).content.decode()
    assert "Je ziet nog geen trajecten" in tekst
    assert "grondslag" in tekst


def test_detail_for_school_has_no_titel_and_for_itb_it_has(client, demo):
    noah = demo.trajecten["Noah"]
    client.force_login(demo.coordinator)
    tekst = client.get(reverse("trajecten:detail", args=[noah.pk])).content.decode()
    assert "Noah Verbeek" in tekst
    assert "Titel van het verblijf" not in tekst and "jeugddetentie" not in tekst
    assert "ROC Lindewaard" in tekst and "Grondslagen voor kennisgeving" in tekst
    client.force_login(demo.itb)
    tekst = client.get(reverse("trajecten:detail", args=[noah.pk])).content.decode()
    assert "Titel van het verblijf" in tekst and "jeugddetentie" in tekst
    assert "voorlopige hechtenis" in tekst  # the titel's history


def test_mbo_reader_sees_active_partners_not_awaiting_ones_or_grondslagen(client, demo):
    mila = demo.trajecten["Mila"]
    client.force_login(demo.mbo_herkomst)
    tekst = client.get(reverse("trajecten:detail", args=[mila.pk])).content.decode()
    assert "Vakcollege Oostmeer" in tekst
    assert "Grondslagen voor kennisgeving" not in tekst
    assert "Gegevens wijzigen" not in tekst


def _startgegevens(**anders):
    gegevens = {
        "jongere-voornaam": "Kim",
        "jongere-achternaam": "Testbeeld",
        "jongere-geboortedatum": "2009-04-01",
        "traject-titel": "voorlopige_hechtenis",
        "traject-verblijfsduur": "onbekend",
        "traject-startdatum": (timezone.localdate() - dt.timedelta(days=2)).isoformat(),
    }
    gegevens.update(anders)
    return gegevens


def test_start_traject(client, demo):
    client.force_login(demo.jji_school)
    response = client.post(reverse("trajecten:starten"), _startgegevens())
    traject = Traject.objects.get(jongere__achternaam="Testbeeld")
    assert response["Location"] == reverse("trajecten:detail", args=[traject.pk])
    assert set(traject.betrokkenheden.values_list("soort", flat=True)) == {
        BetrokkenheidSoort.JJI,
        BetrokkenheidSoort.JJI_SCHOOL,
    }


def test_start_date_in_the_future_is_refused_and_nothing_saved(client, demo):
    client.force_login(demo.jji_school)
    morgen = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = client.post(reverse("trajecten:starten"), _startgegevens(**{"traject-startdatum": morgen}))
    assert response.status_code == 200
    assert "De startdatum ligt in de toekomst" in response.content.decode()
    assert "Controleer het formulier" in response.content.decode()
    assert not Jongere.objects.filter(achternaam="Testbeeld").exists()


def test_mbo_cannot_start_a_traject(client, demo):
    client.force_login(demo.mbo_intake)
    assert client.get(reverse("trajecten:starten")).status_code == 404


def test_organisation_added_twice_is_refused(client, demo):
    noah = demo.trajecten["Noah"]
    mbo = demo.mbo_intake.medewerker.organisatie
    client.force_login(demo.coordinator)
    aantal = Betrokkenheid.objects.count()
    response = client.post(
        reverse("trajecten:organisatie_toevoegen", args=[noah.pk]),
        {"organisatie": mbo.pk, "soort": BetrokkenheidSoort.MBO_ONTVANGEND},
    )
    assert response.status_code == 200
    assert "al in deze rol bij het traject betrokken" in response.content.decode()
    assert Betrokkenheid.objects.count() == aantal


def test_grondslag_without_who_and_when_is_refused(client, demo):
    sem = demo.trajecten["Sem"]
    b = sem.betrokkenheden.get(soort=BetrokkenheidSoort.MBO_ONTVANGEND)
    client.force_login(demo.coordinator)
    url = reverse("trajecten:grondslag_vastleggen", args=[sem.pk, b.pk])
    response = client.post(url, {"grondslag": "toestemming_jongere", "wijze": "mondeling"})
    assert response.status_code == 200
    fouten = response.context["formulieren"][0].errors
    assert "datum_gegeven" in fouten and "weigeren_zonder_gevolgen" in fouten
    response = client.post(url, {"grondslag": "wettelijk", "wijze": "wettelijk", "datum_gegeven": "2026-01-01"})
    assert "Beschrijf de wettelijke grondslag" in response.content.decode()
    assert not Toestemming.objects.filter(traject=sem).exists()


def test_grondslag_recorded_makes_the_mbo_see_the_traject(client, demo):
    sem = demo.trajecten["Sem"]
    b = sem.betrokkenheden.get(soort=BetrokkenheidSoort.MBO_ONTVANGEND)
    client.force_login(demo.coordinator)
    response = client.post(
        reverse("trajecten:grondslag_vastleggen", args=[sem.pk, b.pk]),
        {
            "grondslag": "toestemming_jongere",
            "wijze": "mondeling",
            "datum_gegeven": timezone.localdate().isoformat(),
            "weigeren_zonder_gevolgen": "on",
        },
    )
    assert response.status_code == 302
    client.force_login(demo.verbindingsofficier)
    assert client.get(reverse("trajecten:detail", args=[sem.pk])).status_code == 200


def test_fase_only_goes_forward(client, demo):
    liam = demo.trajecten["Liam"]  # in uitstroom
    client.force_login(demo.jji_school)
    response = client.post(reverse("trajecten:fase", args=[liam.pk]), {"fase": Fase.INSTROOM})
    assert response.status_code == 302  # no later fase: sent back with a message
    liam.refresh_from_db()
    assert liam.fase == Fase.UITSTROOM
    mila = demo.trajecten["Mila"]
    response = client.post(reverse("trajecten:fase", args=[mila.pk]), {"fase": "onzin"})
    assert response.status_code == 200 and "Controleer het formulier" in response.content.decode()
    response = client.post(reverse("trajecten:fase", args=[mila.pk]), {"fase": Fase.UITSTROOM})
    assert "Bevestig dat je verder gaat" in response.content.decode()  # open tasks: confirm first
    mila.refresh_from_db()
    assert mila.fase == Fase.INSTROOM
    client.post(reverse("trajecten:fase", args=[mila.pk]), {"fase": Fase.UITSTROOM, "bevestig": "on"})
    mila.refresh_from_db()
    assert mila.fase == Fase.UITSTROOM


def test_revoke_after_one_confirmation(client, demo):
    noah = demo.trajecten["Noah"]
    toestemming = noah.toestemmingen.get()
    url = reverse("trajecten:toestemming_intrekken", args=[noah.pk, toestemming.pk])
    client.force_login(demo.coordinator)
    client.post(url)  # not from the confirmation page: nothing happens
    toestemming.refresh_from_db()
    assert toestemming.ingetrokken_op is None
    kenmerk = re.search(r'name="kenmerk" value="(\w+)"', client.get(url).content.decode()).group(1)
    client.post(url, {"kenmerk": kenmerk})
    toestemming.refresh_from_db()
    assert toestemming.ingetrokken_op is not None and toestemming.ingetrokken_door == demo.coordinator
    response = client.post(url, {"kenmerk": kenmerk}, follow=True)
    assert "al ingetrokken" in response.content.decode()
    client.force_login(demo.mbo_intake)
    assert client.get(reverse("trajecten:detail", args=[noah.pk])).status_code == 404


def _tel(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_list_query_count_is_flat(client, demo, django_assert_max_num_queries):
    client.force_login(demo.jji_school)
    # Five trajecten, and Liam's (its overdrachtsdocument and log rows protect it).
    blijven = [t.pk for t in demo.trajecten.values()][:5] + [demo.trajecten["Liam"].pk]
    Traject.objects.exclude(pk__in=blijven).delete()
    bij_vijf = _tel(client, reverse("trajecten:lijst"))
    trajecten_maken(demo, 45)
    with django_assert_max_num_queries(bij_vijf):
        client.get(reverse("trajecten:lijst"))


def test_detail_query_count_is_flat(client, demo, django_assert_max_num_queries):
    client.force_login(demo.coordinator)
    noah = demo.trajecten["Noah"]
    url = reverse("trajecten:detail", args=[noah.pk])
    weinig = _tel(client, url)
    trajecten_maken(demo, 45)
    from netwerk.models import Organisatie

    for org in Organisatie.objects.filter(soort="mbo").exclude(betrokkenheden__traject=noah):
        Betrokkenheid.objects.create(
            traject=noah, organisatie=org, soort=BetrokkenheidSoort.MBO_PARTNER, toegevoegd_door=demo.coordinator
        )
    with django_assert_max_num_queries(weinig):
        client.get(url)


def test_school_start_and_edit_forms_have_no_titel(client, demo):
    client.force_login(demo.jji_school)
    assert "traject-titel" not in client.get(reverse("trajecten:starten")).content.decode()
    noah = demo.trajecten["Noah"]
    tekst = client.get(reverse("trajecten:wijzigen", args=[noah.pk])).content.decode()
    assert "traject-titel" not in tekst and "jeugddetentie" not in tekst


def test_itb_records_the_titel_when_starting(client, demo):
    client.force_login(demo.itb)
    assert "traject-titel" in client.get(reverse("trajecten:starten")).content.decode()
    client.post(reverse("trajecten:starten"), _startgegevens(**{"traject-titel": "pij"}))
    assert Traject.objects.get(jongere__achternaam="Testbeeld").titel == "pij"


def test_dutch_first_whatever_the_browser_says(client, demo):
    client.force_login(demo.jji_school)
    tekst = client.get(reverse("trajecten:lijst"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Mijn trajecten" in tekst
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "My pathways" in client.get(reverse("trajecten:lijst")).content.decode()


def test_bad_dates_and_ids_give_messages_not_errors(client, demo):
    noah = demo.trajecten["Noah"]
    client.force_login(demo.itb)
    velden = {
        "jongere-voornaam": "Noah",
        "jongere-achternaam": "Verbeek",
        "jongere-geboortedatum": noah.jongere.geboortedatum.isoformat(),
        "traject-titel": noah.titel,
        "traject-verblijfsduur": noah.verblijfsduur,
        "traject-startdatum": noah.startdatum.isoformat(),
        "traject-uitstroombestemming": noah.uitstroombestemming,
    }
    for veld, waarde in (("traject-voorgeleiding_op", "9999-12-30"), ("traject-verwachte_einddatum", "9999-12-30")):
        response = client.post(reverse("trajecten:wijzigen", args=[noah.pk]), {**velden, veld: waarde})
        assert response.status_code == 200 and "Controleer het formulier" in response.content.decode()
    response = client.post(
        reverse("trajecten:overleg_vastleggen", args=[noah.pk]),
        {"soort": "nazorgtafel", "datum": VANDAAG().isoformat(), "deelnemers": "99999999999999999999999"},
    )
    assert response.status_code == 200 and "Controleer het formulier" in response.content.decode()


def test_edit_page_saves_and_records_the_titel_history(client, demo):
    noah = demo.trajecten["Noah"]
    client.force_login(demo.itb)
    detail = reverse("trajecten:detail", args=[noah.pk])
    response = client.post(
        reverse("trajecten:wijzigen", args=[noah.pk]),
        {
            "jongere-voornaam": "Noa",
            "jongere-achternaam": "Verbeek",
            "jongere-geboortedatum": noah.jongere.geboortedatum.isoformat(),
            "traject-titel": "pij",
            "traject-verblijfsduur": "kort",
            "traject-startdatum": noah.startdatum.isoformat(),
            "traject-uitstroombestemming": "werk",
        },
    )
    assert response.status_code == 302
    noah = Traject.objects.select_related("jongere").get(pk=noah.pk)
    assert (noah.jongere.voornaam, noah.titel, noah.verblijfsduur, noah.uitstroombestemming) == (
        "Noa",
        "pij",
        "kort",
        "werk",
    )
    assert noah.history.first().titel == "pij"
    tekst = client.get(detail).content.decode()
    assert 'class="geschiedenis"' in tekst and str(Titel("pij").label) in tekst.split('class="geschiedenis"')[1]


def test_the_titel_history_is_read_only_when_there_have_been_two_titels(client, demo):
    """The page lists the titels from two on; with one it spends no query on their history."""
    client.force_login(demo.itb)
    traject = TrajectFactory(jji=demo.itb.medewerker.organisatie, betrokkenheden__toegewezen=demo.itb.medewerker)
    detail = reverse("trajecten:detail", args=[traject.pk])

    def lezen():
        with CaptureQueriesContext(connection) as vastgelegd:
            tekst = client.get(detail).content.decode()
        apart = [q for q in vastgelegd.captured_queries if q["sql"].startswith('SELECT "trajecten_historicaltraject"')]
        return 'class="geschiedenis"' in tekst, len(apart)

    assert lezen() == (False, 0)
    ander = next(t for t in Titel.values if t and t != traject.titel)
    traject.titel = ander
    traject.save()
    assert lezen() == (True, 1)


@pytest.mark.parametrize(
    ("zoek", "gevonden"),
    [
        ("VERBEEK", True),  # case does not matter
        ("noah verb", True),  # every word must match a part of the name
        ("noah hoekstra", False),  # … every word
        ("oah", True),  # a part of a name
        ("%", False),  # a LIKE wildcard is a character, not a pattern
        ("_", False),
    ],
)
def test_the_name_search_reads_the_whole_name(client, demo, zoek, gevonden):
    client.force_login(demo.coordinator)
    noah = reverse("trajecten:detail", args=[demo.trajecten["Noah"].pk])
    tekst = client.get(reverse("trajecten:lijst"), {"q": zoek}).content.decode()
    assert (f'href="{noah}"' in tekst) is gevonden


@pytest.mark.parametrize(
    ("parameters", "melding"),
    [
        ({"q": "a" * 101}, "De zoekopdracht klopt niet"),
        ({"q": "Noah\x00"}, "De zoekopdracht klopt niet"),
        ({"q": "x", "pagina": "99999"}, ""),
        ({"q": "Noah", "pagina": "-1"}, ""),
    ],
)
def test_odd_search_input_gets_a_clear_answer(client, demo, parameters, melding):
    client.force_login(demo.verbindingsofficier)
    response = client.get(reverse("trajecten:lijst"), parameters)
    assert response.status_code == 200
    assert melding in response.content.decode()


def test_the_traject_and_dossier_pages_stay_within_their_query_ceilings(client, demo, django_assert_max_num_queries):
    """Issue 21: the traject page took 24 queries and the dossier page 27 (now more parts);
    the permissions are read once per request, visibility in the query itself, the routekaart
    in one query, a reading of the own dossier without a savepoint per part, the profile that
    came with the signed-in person found through the request's lazy user, the routekaart chosen
    in the query of its steps, the contact status read with the traject, and the traject's
    involvements read once for every question the policy asks of them (the dossier page's
    schools van herkomst and preview organisations too), the people active in the traject
    read once for its tasks and for who may be assigned, the session read from the cache, the
    routekaart's steps kept in the cache (filled by the first reader of a traject of the same
    regio and start year: in use, always), the header's counts in one query, the titel
    history read only when there have been two titels, no beslismodel query outside an mbo
    and the JJI-school. Every demo person who sees Noah's traject (it has had two titels)."""
    noah = demo.trajecten["Noah"]
    lezers = [user for user in demo.users.values() if policy.is_zichtbaar(user, noah)]
    assert {"coordinator", "verbindingsofficier", "jji-school", "mbo-intake", "itb"} <= {u.username for u in lezers}
    for user in lezers:
        client.force_login(user)
        client.get(reverse("trajecten:lijst"))  # the session's first request writes it
        client.get(reverse("trajecten:detail", args=[noah.pk]))  # a first reader keeps the routekaart
        with django_assert_max_num_queries(15 + sessie_queries() + naslag_queries()):
            assert client.get(reverse("trajecten:detail", args=[noah.pk])).status_code == 200
        with django_assert_max_num_queries(13 + sessie_queries()):
            assert client.get(reverse("dossier:dossier", args=[noah.pk])).status_code == 200


def test_the_traject_page_is_flat_in_parents_consents(client, demo, django_assert_max_num_queries):
    """A parent's consent lapses at 18: its validity reads the youth's birth date, from the
    traject the page has (it read the traject and the youth once more per record before)."""
    from netwerk.models import Organisatie
    from trajecten.constants import KENNISGEVING

    from ..lezers import ouders_toestemming

    noah = demo.trajecten["Noah"]
    client.force_login(demo.coordinator)
    url = reverse("trajecten:detail", args=[noah.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as vastgelegd:
        client.get(url)
    for organisatie in Organisatie.objects.exclude(soort__in=["jji", "jji_school"])[:3]:
        ouders_toestemming(demo, noah, organisatie, KENNISGEVING, dagen_geleden=4)
    with django_assert_max_num_queries(len(vastgelegd.captured_queries)):
        assert "Moeder (fictief)" in client.get(url).content.decode()
