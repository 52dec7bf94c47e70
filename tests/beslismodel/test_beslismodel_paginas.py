"""The beslismodel pages: the dossier matrix on the version page (markers and raadplegingen per
reader), the forms with bad input, the status off what the young person sees, and query counts."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from beslismodel import selectors, services
from beslismodel.constants import Setting, Stand, Status, veldnaam
from beslismodel.models import Beslismodel
from toegang import policy
from trajecten.constants import DOSSIER_CATEGORIEEN

from ..beslismodellen import BESLISMODEL_MARKERS, antwoorden, besluiten, ingediend
from ..lezers import LEZERS, consent_zetten, raadplegingen_tellen

pytestmark = pytest.mark.django_db


def _main(antwoord) -> str:
    tekst = antwoord.content.decode()
    return tekst[tekst.index("<main") : tekst.index("</main>")]


@pytest.mark.parametrize("naam", ["beslismodel:versie", "beslismodel:besluiten"])
@pytest.mark.parametrize("lezer", LEZERS)
def test_matrix_version_pages(client, demo, lezer, naam):
    """Each answer reaches a reader only under the grondslag of its part of the dossier; each
    part read outside the JJI-school is one raadpleging; a refusal of another traject is on
    record. The placement advice reaches the receiving school always."""
    gebruiker, stand, leest = LEZERS[lezer]
    noah = demo.trajecten["Noah"]
    versie = ingediend(demo)
    consent_zetten(demo, noah, stand)
    client.force_login(getattr(demo, gebruiker))
    antwoord = client.get(reverse(naam, args=[noah.pk, versie.versie]))
    if gebruiker == "mbo_intake_other":
        assert antwoord.status_code == 404
        assert raadplegingen_tellen(noah, geweigerd=True) == 1 and raadplegingen_tellen(noah, geweigerd=False) == 0
        return
    if naam == "beslismodel:besluiten" and gebruiker == "jji_school":
        assert antwoord.status_code == 404  # the JJI-school does not decide
        return
    assert antwoord.status_code == 200
    tekst = antwoord.content.decode()
    assert "extra ondersteuning in een kleinschalige setting" not in tekst  # the demo's choice is regular
    assert "instromen in regulier mbo met (lichte) ondersteuning" in tekst  # the placement advice
    for categorie in DOSSIER_CATEGORIEEN:
        assert (BESLISMODEL_MARKERS[categorie] in tekst) == (categorie in leest), categorie
        assert raadplegingen_tellen(noah, categorie) == (
            1 if categorie in leest and gebruiker != "jji_school" else 0
        ), categorie
    assert raadplegingen_tellen(noah, geweigerd=True) == 0


def test_the_page_of_a_draft_and_its_form_are_the_jji_schools_alone(client, demo):
    noah = demo.trajecten["Noah"]
    concept = services.beslismodel_beginnen(actor=demo.jji_school, traject=noah)
    services.antwoorden_opslaan(actor=demo.jji_school, beslismodel=concept, gegevens=antwoorden())
    for gebruiker in ("mbo_intake", "verbindingsofficier", "itb"):
        client.force_login(getattr(demo, gebruiker))
        for naam in ("beslismodel:versie", "beslismodel:invullen", "beslismodel:indienen"):
            antwoord = client.get(reverse(naam, args=[noah.pk, concept.versie]))
            assert antwoord.status_code == 404, (gebruiker, naam)
            assert BESLISMODEL_MARKERS["onderwijsinformatie"] not in antwoord.content.decode()
        assert client.get(reverse("beslismodel:overzicht", args=[noah.pk])).status_code == 404
        assert "Beslismodel" not in _main(client.get(reverse("trajecten:detail", args=[noah.pk])))


STATUSWOORDEN = re.compile(r"\b(groen|oranje|rood|green|orange|red)\b", re.IGNORECASE)


def test_the_status_word_stays_off_what_the_young_person_sees(client, demo):
    """The draft is filled in with the young person, and the afspraken are printed for them:
    neither carries a status."""
    liam = demo.trajecten["Liam"]  # decided groen in the demo data
    client.force_login(demo.jji_school)
    afspraken = client.get(reverse("beslismodel:voor_jongere", args=[liam.pk, 1]))
    assert afspraken.status_code == 200
    tekst = afspraken.content.decode()
    assert "Start in de reguliere klas logistiek" in tekst and "De mentor is het eerste aanspreekpunt" in tekst
    assert not STATUSWOORDEN.search(tekst)
    pdf = client.get(reverse("beslismodel:voor_jongere", args=[liam.pk, 1]), {"formaat": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    daan = demo.trajecten["Daan"]  # a draft in the demo data
    concept = Beslismodel.objects.get(traject=daan, stand=Stand.CONCEPT)
    invullen = client.get(reverse("beslismodel:invullen", args=[daan.pk, concept.versie]))
    assert invullen.status_code == 200 and not STATUSWOORDEN.search(_main(invullen))


def test_the_afspraken_print_only_once_the_decision_stands(client, demo):
    finn = demo.trajecten["Finn"]  # waiting for a decision
    client.force_login(demo.jji_school)
    assert client.get(reverse("beslismodel:voor_jongere", args=[finn.pk, 1])).status_code == 404
    client.force_login(demo.mbo_intake)
    liam = demo.trajecten["Liam"]
    assert client.get(reverse("beslismodel:voor_jongere", args=[liam.pk, 1])).status_code == 404


def test_the_jji_school_fills_in_and_submits_through_the_pages(client, demo):
    noah = demo.trajecten["Noah"]
    client.force_login(demo.jji_school)
    antwoord = client.post(reverse("beslismodel:beginnen", args=[noah.pk]))
    versie = Beslismodel.objects.get(traject=noah)
    assert antwoord["Location"] == reverse("beslismodel:invullen", args=[noah.pk, versie.versie])
    gegevens = {k: v for k, v in antwoorden(setting=Setting.KLEINSCHALIG).items() if v is not False}
    gegevens["stempel"] = selectors.stempel_van(versie)
    formulier = client.get(reverse("beslismodel:invullen", args=[noah.pk, versie.versie])).content.decode()
    assert f'value="{gegevens["stempel"]}"' in formulier
    antwoord = client.post(
        reverse("beslismodel:invullen", args=[noah.pk, versie.versie]), {**gegevens, "naar_indienen": "1"}
    )
    assert antwoord["Location"] == reverse("beslismodel:indienen", args=[noah.pk, versie.versie])
    pagina = client.get(antwoord["Location"]).content.decode()
    assert "ROC Lindewaard" in pagina and "plaatsingsadvies" in pagina
    # Without the young person: refused, on the form.
    roc = selectors.ontvangers(noah).get(naam="ROC Lindewaard")
    fout = client.post(reverse("beslismodel:indienen", args=[noah.pk, versie.versie]), {"ontvanger": roc.pk})
    assert fout.status_code == 200 and "Controleer het formulier" in fout.content.decode()
    assert "samen met de jongere" in fout.content.decode()
    klaar = client.post(
        reverse("beslismodel:indienen", args=[noah.pk, versie.versie]),
        {"ontvanger": roc.pk, "met_jongere_besproken": "on"},
    )
    assert klaar["Location"] == reverse("beslismodel:versie", args=[noah.pk, versie.versie])
    versie.refresh_from_db()
    assert versie.stand == Stand.INGEDIEND and versie.ontvanger == roc
    # The submitted version cannot be changed through its form.
    veld = veldnaam("opleidingsniveau", "toelichting")
    client.post(reverse("beslismodel:invullen", args=[noah.pk, versie.versie]), {**gegevens, veld: "anders"})
    assert (
        versie.antwoorden.get(item__sleutel="opleidingsniveau").toelichting
        == BESLISMODEL_MARKERS["onderwijsinformatie"]
    )


@pytest.mark.parametrize(
    "gegevens",
    [
        {"ontvanger": "999999", "met_jongere_besproken": "on"},
        {"ontvanger": "geen getal", "met_jongere_besproken": "on"},
        {},
    ],
)
def test_bad_submissions_get_a_message_and_change_nothing(client, demo, gegevens):
    concept = Beslismodel.objects.get(traject=demo.trajecten["Daan"], stand=Stand.CONCEPT)
    client.force_login(demo.jji_school)
    antwoord = client.post(reverse("beslismodel:indienen", args=[concept.traject_id, concept.versie]), gegevens)
    assert antwoord.status_code == 200 and "Controleer het formulier" in antwoord.content.decode()
    concept.refresh_from_db()
    assert concept.stand == Stand.CONCEPT


def test_submitting_without_the_placement_choices_names_them(client, demo):
    daan = demo.trajecten["Daan"]  # a draft without choices; ROC Lindewaard is active
    concept = Beslismodel.objects.get(traject=daan, stand=Stand.CONCEPT)
    roc = selectors.ontvangers(daan).get(naam="ROC Lindewaard")
    client.force_login(demo.jji_school)
    antwoord = client.post(
        reverse("beslismodel:indienen", args=[daan.pk, concept.versie]),
        {"ontvanger": roc.pk, "met_jongere_besproken": "on"},
    )
    tekst = antwoord.content.decode()
    assert antwoord.status_code == 200 and "Passend mbo-aanbod" in tekst and "Waar kan de jongere nu leren?" in tekst


def test_a_post_without_the_forms_fields_saves_nothing(client, demo):
    daan = demo.trajecten["Daan"]
    concept = Beslismodel.objects.get(traject=daan, stand=Stand.CONCEPT)
    voor = list(concept.antwoorden.values_list("item_id", "toelichting"))
    assert voor
    client.force_login(demo.jji_school)
    antwoord = client.post(reverse("beslismodel:invullen", args=[daan.pk, concept.versie]), {"opslaan": ""})
    assert antwoord.status_code == 200 and "niet compleet" in antwoord.content.decode()
    assert list(concept.antwoorden.values_list("item_id", "toelichting")) == voor


def test_a_reason_to_send_back_that_is_refused_says_why(client, demo):
    noah = demo.trajecten["Noah"]
    versie = ingediend(demo, setting=Setting.ZORG)
    besluiten(demo, versie, Status.ROOD)
    client.force_login(demo.verbindingsofficier)
    url = reverse("beslismodel:bevestigen", args=[noah.pk, versie.versie])
    tekst = client.get(client.post(url, {"actie": "terugleggen", "reactie": "x" * 6000})["Location"]).content.decode()
    assert "5000" in tekst
    versie.refresh_from_db()
    assert versie.stand == Stand.BESLOTEN


def test_a_huge_or_odd_answer_gets_a_message_not_a_500(client, demo):
    daan = demo.trajecten["Daan"]
    concept = Beslismodel.objects.get(traject=daan, stand=Stand.CONCEPT)
    client.force_login(demo.jji_school)
    url = reverse("beslismodel:invullen", args=[daan.pk, concept.versie])
    veld = veldnaam("grenzen", "toelichting")
    stempel = selectors.stempel_van(concept)
    groot = client.post(url, {veld: "woord " * 2000, "stempel": stempel})
    assert groot.status_code == 200 and "Controleer het formulier" in groot.content.decode()
    vreemd = client.post(
        url, {veldnaam("setting", "keuze"): "<script>alert(1)</script>", veld: "🙂 مرحبا\x00", "stempel": stempel}
    )
    assert vreemd.status_code == 200 and "<script>alert(1)</script>" not in vreemd.content.decode()
    concept.refresh_from_db()
    assert not concept.antwoorden.filter(item__sleutel="grenzen", toelichting__contains="woord").exists()


def _besluit_post(**extra):
    return {
        "advies": "Mentor XXL en een rustige klas.",
        "status": Status.ORANJE,
        "motivatie": "Een kleine groep helpt in het begin.",
        "maatregel-TOTAL_FORMS": "3",
        "maatregel-INITIAL_FORMS": "0",
        **extra,
    }


def test_the_intaker_decides_through_the_page_and_bad_input_is_refused(client, demo):
    noah = demo.trajecten["Noah"]
    versie = ingediend(demo, setting=Setting.KLEINSCHALIG)
    url = reverse("beslismodel:besluiten", args=[noah.pk, versie.versie])
    client.force_login(demo.mbo_intake)
    pagina = client.get(url).content.decode()
    assert "Suggestie uit de antwoorden" in pagina and "oranje" in pagina
    for slecht in (
        _besluit_post(motivatie=""),
        _besluit_post(status="paars"),
        _besluit_post(status=Status.GROEN),  # differs from the suggestion, no reason
        _besluit_post(
            **{"maatregel-0-omschrijving": "Gesprek", "maatregel-0-medewerker": demo.jji_school.medewerker.pk}
        ),
        _besluit_post(**{"maatregel-0-omschrijving": "Kennismaking", "maatregel-0-datum": "2020-01-01"}),
        _besluit_post(**{"maatregel-0-omschrijving": "Geen contact met het slachtoffer"}),
        _besluit_post(evaluatie_op="niet een datum"),
        {k: v for k, v in _besluit_post().items() if not k.startswith("maatregel-")},  # tampered formset
    ):
        antwoord = client.post(url, slecht)
        assert antwoord.status_code == 200, slecht
        assert "Controleer het formulier" in antwoord.content.decode()
        versie.refresh_from_db()
        assert versie.stand == Stand.INGEDIEND and not versie.besluiten.exists()
    antwoord = client.post(
        url,
        _besluit_post(
            aanspreekpunt=demo.mbo_intake.medewerker.pk,
            evaluatie_op=(timezone.localdate() + dt.timedelta(days=30)).isoformat(),
            **{"maatregel-0-omschrijving": "Wekelijks gesprek met de mentor"},
        ),
    )
    assert antwoord["Location"] == reverse("beslismodel:versie", args=[noah.pk, versie.versie])
    versie.refresh_from_db()
    assert versie.stand == Stand.BESLOTEN
    # A decided version: the decision page sends back to the version.
    assert client.get(url)["Location"] == reverse("beslismodel:versie", args=[noah.pk, versie.versie])


def test_the_verbindingsofficier_confirms_on_the_page_but_not_their_own(client, demo):
    from netwerk import services as netwerk_services

    noah = demo.trajecten["Noah"]
    versie = ingediend(demo, setting=Setting.ZORG)
    client.force_login(demo.verbindingsofficier)
    url = reverse("beslismodel:besluiten", args=[noah.pk, versie.versie])
    assert "niemand anders die kan bevestigen" in client.post(url, _besluit_post(status=Status.ROOD)).content.decode()
    besluiten(demo, versie, Status.ROOD)  # by the intaker
    netwerk_services.verbindingsofficier_aanwijzen(
        actor=None, organisatie=versie.ontvanger, medewerker=demo.mbo_intake.medewerker
    )
    client.force_login(demo.mbo_intake)  # now the verbindingsofficier, and the one who decided
    pagina = client.get(reverse("beslismodel:versie", args=[noah.pk, versie.versie])).content.decode()
    assert "Je nam dit besluit zelf" in pagina and "Status bevestigen" not in pagina and "Besluit terugleggen" in pagina
    bevestigen = reverse("beslismodel:bevestigen", args=[noah.pk, versie.versie])
    antwoord = client.post(bevestigen, {"actie": "bevestigen"})
    assert "zelf genomen" in client.get(antwoord["Location"]).content.decode()
    versie.refresh_from_db()
    assert versie.stand == Stand.BESLOTEN
    client.post(bevestigen, {"actie": "terugleggen", "reactie": "Terug."})
    versie.refresh_from_db()
    assert versie.stand == Stand.INGEDIEND


def test_sending_back_on_the_page(client, demo):
    noah = demo.trajecten["Noah"]
    versie = ingediend(demo, setting=Setting.ZORG)
    besluiten(demo, versie, Status.ROOD)
    client.force_login(demo.verbindingsofficier)
    url = reverse("beslismodel:bevestigen", args=[noah.pk, versie.versie])
    zonder = client.get(client.post(url, {"actie": "terugleggen", "reactie": ""})["Location"]).content.decode()
    assert "Leg uit waarom" in zonder
    client.post(url, {"actie": "onzin"})
    versie.refresh_from_db()
    assert versie.stand == Stand.BESLOTEN
    client.post(url, {"actie": "terugleggen", "reactie": "Eerst een proefdag."})
    versie.refresh_from_db()
    assert versie.stand == Stand.INGEDIEND


def test_a_resubmission_shows_what_changed_within_what_the_reader_may_read(client, demo):
    noah = demo.trajecten["Noah"]
    eerste = ingediend(demo)
    tweede = services.beslismodel_beginnen(actor=demo.jji_school, traject=noah)
    nieuw = {
        veldnaam("opleidingsniveau", "toelichting"): "NIEUW ONDERWIJS extra taal",
        veldnaam("kaders-en-afspraken", "toelichting"): "NIEUW AFSPRAAK mentor belt",
    }
    services.antwoorden_opslaan(
        actor=demo.jji_school, beslismodel=tweede, gegevens=antwoorden(setting=Setting.KLEINSCHALIG, **nieuw)
    )
    services.beslismodel_indienen(
        actor=demo.jji_school, beslismodel=tweede, ontvanger=eerste.ontvanger, met_jongere_besproken=True
    )
    client.force_login(demo.mbo_intake)  # no consent for any part yet: only the placement advice
    tekst = client.get(reverse("beslismodel:versie", args=[noah.pk, 2])).content.decode()
    assert "Wat is veranderd sinds versie 1" in tekst
    assert "extra ondersteuning in een kleinschalige setting" in tekst
    assert "NIEUW ONDERWIJS" not in tekst and BESLISMODEL_MARKERS["onderwijsinformatie"] not in tekst
    client.force_login(demo.jji_school)
    tekst = client.get(reverse("beslismodel:versie", args=[noah.pk, 2])).content.decode()
    assert (
        "NIEUW ONDERWIJS" in tekst and BESLISMODEL_MARKERS["onderwijsinformatie"] in tekst and "NIEUW AFSPRAAK" in tekst
    )


def test_the_traject_page_shows_the_status_to_the_jji_school_and_the_receiving_mbo_only(client, demo):
    liam = demo.trajecten["Liam"]  # decided groen in the demo
    for gebruiker in ("jji_school", "coordinator", "mbo_intake", "verbindingsofficier"):
        client.force_login(getattr(demo, gebruiker))
        tekst = _main(client.get(reverse("trajecten:detail", args=[liam.pk])))
        assert "beslis-status--groen" in tekst and "● groen" in tekst, gebruiker
    client.force_login(demo.itb)
    tekst = _main(client.get(reverse("trajecten:detail", args=[liam.pk])))
    assert "beslis-status" not in tekst and "Beslismodel" not in tekst


@pytest.mark.parametrize("params", [{"wacht": "abc"}, {"wacht": "-5"}, {"wat": "alles"}, {"pagina": "x"}, {}])
def test_te_beoordelen_takes_odd_filters(client, demo, params):
    client.force_login(demo.mbo_intake)
    antwoord = client.get(reverse("beslismodel:te_beoordelen"), params)
    assert antwoord.status_code == 200 and "Finn Jacobs" in antwoord.content.decode()


def test_te_beoordelen_filters(client, demo):
    versie = ingediend(demo, setting=Setting.ZORG)
    besluiten(demo, versie, Status.ROOD)
    client.force_login(demo.verbindingsofficier)
    url = reverse("beslismodel:te_beoordelen")
    alles = client.get(url).content.decode()
    assert "Noah Verbeek" in alles and "Finn Jacobs" in alles
    bevestigen = client.get(url, {"wat": "bevestigen"}).content.decode()
    assert "Noah Verbeek" in bevestigen and "Finn Jacobs" not in bevestigen
    assert "Finn Jacobs" not in client.get(url, {"wacht": "7"}).content.decode()
    client.force_login(demo.mbo_intake)
    assert "Noah Verbeek" not in client.get(url).content.decode()  # confirming is not the intaker's
    client.force_login(demo.mbo_intake_other)
    leeg = client.get(url).content.decode()
    # An intaker sees only what they are assigned to: the empty page says so, not "nothing waits".
    assert "Er wacht niets op je" not in leeg and "waaraan je bent toegewezen" in leeg and "Finn" not in leeg


def _aantal_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_te_beoordelen_query_count_is_flat(client, demo, django_assert_max_num_queries):
    from tests.factories import TrajectFactory
    from trajecten.constants import BetrokkenheidSoort
    from trajecten.services import betrokkenheid_toevoegen, kennisgeving_vastleggen

    client.force_login(demo.verbindingsofficier)
    url = reverse("beslismodel:te_beoordelen")
    weinig = _aantal_queries(client, url)
    roc = selectors.ontvangers(demo.trajecten["Noah"]).get(naam="ROC Lindewaard")
    jji = demo.trajecten["Noah"].jji
    for _ in range(6):
        traject = TrajectFactory(jji=jji, betrokkenheden__toegewezen=demo.jji_school.medewerker)
        betrokkenheid_toevoegen(
            actor=demo.coordinator, traject=traject, organisatie=roc, soort=BetrokkenheidSoort.MBO_ONTVANGEND
        )
        kennisgeving_vastleggen(
            actor=demo.coordinator,
            traject=traject,
            ontvanger=roc,
            gegevens={
                "grondslag": "toestemming_jongere",
                "datum_gegeven": timezone.localdate(),
                "wijze": "mondeling",
                "weigeren_zonder_gevolgen": True,
            },
        )
        ingediend(demo, traject, setting=Setting.KLEINSCHALIG)
    assert policy.beslismodellen_te_beoordelen(demo.verbindingsofficier).count() == 7
    with django_assert_max_num_queries(weinig):
        assert client.get(url).content.decode().count("versie 1") == 7


def test_version_page_query_count_is_flat(client, demo, django_assert_max_num_queries):
    noah = demo.trajecten["Noah"]
    versie = ingediend(demo, setting=Setting.ZORG)
    besluiten(demo, versie, Status.ROOD, maatregelen=[{"omschrijving": "Eerste afspraak"}])
    client.force_login(demo.verbindingsofficier)
    url = reverse("beslismodel:versie", args=[noah.pk, versie.versie])
    weinig = _aantal_queries(client, url)
    services.besluit_terugleggen(actor=demo.verbindingsofficier, beslismodel=versie, reactie="Nog eens kijken.")
    besluiten(
        demo,
        versie,
        Status.ORANJE,
        afwijkingsreden="Na overleg.",
        maatregelen=[{"omschrijving": f"Afspraak {i}"} for i in range(8)],
    )
    with django_assert_max_num_queries(weinig):
        client.get(url)


def test_the_intaker_lands_on_what_waits_and_the_verbindingsofficier_is_told(client, demo, settings):
    client.force_login(demo.mbo_intake)  # Finn's beslismodel waits at ROC Lindewaard
    assert client.get(reverse("start"))["Location"] == reverse("beslismodel:te_beoordelen")
    client.force_login(demo.verbindingsofficier)  # his home is his overview (issue 18), which says so too
    assert client.get(reverse("start"))["Location"] == reverse("overzicht:verbindingsofficier")
    assert "Beslismodellen die wachten (1)" in client.get(reverse("overzicht:verbindingsofficier")).content.decode()
    tekst = client.get(reverse("trajecten:lijst")).content.decode()
    assert "Er wacht 1 beslismodel op jouw besluit of bevestiging." in tekst
    client.force_login(demo.mbo_intake_other)  # nothing waits: the list as ever
    assert client.get(reverse("start"))["Location"] == reverse("trajecten:lijst")
    assert "beslismodel op jouw" not in client.get(reverse("trajecten:lijst")).content.decode()
