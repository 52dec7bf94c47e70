"""Each error shows at the field that caused it (issue 17, item 4): a measure's past date at
its date, a row with a date but no description refused, an end date before the start at the
end date, the beslismodel's required choices marked and linked from the Indienen page, the
word-list check at the field that holds the word; and saving a dossier part returns to the
dossier."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from beslismodel.constants import Stand
from beslismodel.models import Beslismodel, Besluit
from beslismodel.selectors import suggestie_van
from dossier.models import Onderwijsinformatie
from trajecten.constants import Categorie
from trajecten.forms import TrajectWijzigForm

from ..aria import beschreven_door

pytestmark = pytest.mark.django_db

VANDAAG = timezone.localdate


def besluit_gegevens(beslismodel, **rijen):
    gegevens = {
        "status": suggestie_van(beslismodel).status,
        "advies": "Een vaste mentor en een rustige plek.",
        "motivatie": "Past bij wat hij nodig heeft.",
        "maatregel-TOTAL_FORMS": "3",
        "maatregel-INITIAL_FORMS": "0",
        "maatregel-MIN_NUM_FORMS": "0",
        "maatregel-MAX_NUM_FORMS": "20",
    }
    gegevens.update({f"maatregel-{k}": v for k, v in rijen.items()})
    return gegevens


@pytest.fixture
def finn(demo):
    traject = demo.trajecten["Finn"]
    return traject, Beslismodel.objects.get(traject=traject, stand=Stand.INGEDIEND)


def test_a_measures_past_date_is_flagged_on_its_date_field(client, demo, finn):
    traject, beslismodel = finn
    voor = Besluit.objects.count()
    client.force_login(demo.mbo_intake)
    url = reverse("beslismodel:besluiten", args=[traject.pk, beslismodel.versie])
    antwoord = client.post(
        url,
        besluit_gegevens(
            beslismodel, **{"0-omschrijving": "Wekelijks gesprek met de mentor", "0-datum": VANDAAG() - dt.timedelta(1)}
        ),
    )
    assert antwoord.status_code == 200
    rij = antwoord.context["formset"].forms[0]
    assert rij.errors == {"datum": ["Deze datum ligt in het verleden."]}
    assert Besluit.objects.count() == voor


def test_a_measure_with_a_date_but_no_description_is_refused(client, demo, finn):
    traject, beslismodel = finn
    voor = Besluit.objects.count()
    client.force_login(demo.mbo_intake)
    url = reverse("beslismodel:besluiten", args=[traject.pk, beslismodel.versie])
    antwoord = client.post(url, besluit_gegevens(beslismodel, **{"1-datum": VANDAAG() + dt.timedelta(30)}))
    assert antwoord.status_code == 200
    assert antwoord.context["formset"].forms[1].errors == {
        "omschrijving": ["Beschrijf de afspraak, of maak de hele regel leeg."]
    }
    assert "Beschrijf de afspraak" in antwoord.content.decode()
    assert Besluit.objects.count() == voor


def test_an_end_date_before_the_start_is_flagged_on_the_end_date(demo):
    noah = demo.trajecten["Noah"]
    form = TrajectWijzigForm(
        {
            "traject-verblijfsduur": noah.verblijfsduur,
            "traject-startdatum": noah.startdatum,
            "traject-verwachte_einddatum": noah.startdatum - dt.timedelta(days=1),
        },
        user=demo.jji_school,
        instance=noah,
    )
    assert not form.is_valid()
    assert form.errors.get("verwachte_einddatum") == ["De verwachte einddatum ligt vóór de startdatum."]
    assert not form.non_field_errors()


def test_the_required_choices_are_marked_and_the_indienen_page_links_to_them(client, demo):
    daan = demo.trajecten["Daan"]
    concept = Beslismodel.objects.get(traject=daan, stand=Stand.CONCEPT)
    client.force_login(demo.jji_school)
    invullen = reverse("beslismodel:invullen", args=[daan.pk, concept.versie])
    tekst = client.get(invullen).content.decode()
    assert "Passend mbo-aanbod" in tekst and "(verplicht om in te dienen)" in tekst
    mbo = demo.mbo_intake.medewerker.organisatie
    antwoord = client.post(
        reverse("beslismodel:indienen", args=[daan.pk, concept.versie]),
        {"ontvanger": mbo.pk, "met_jongere_besproken": "on"},
    )
    tekst = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert f'href="{invullen}#item-aanbod"' in tekst and "Passend mbo-aanbod" in tekst
    concept.refresh_from_db()
    assert concept.stand == Stand.CONCEPT


def test_the_word_check_names_the_field_and_each_reason_once(client, demo, noah):
    client.force_login(demo.jji_school)
    url = reverse("dossier:bewerken", args=[noah.pk, Categorie.ONDERWIJSINFORMATIE])
    antwoord = client.post(url, {"opleiding": "Entree", "motivatie": "Na het delict wil de dader een nieuwe start."})
    assert antwoord.status_code == 200
    fouten = antwoord.context["formulieren"][0].errors
    assert len(fouten["motivatie"]) == 1
    melding = fouten["motivatie"][0]
    assert "'delict' en 'dader'" in melding and melding.count("Beschrijf wat de jongere nodig heeft") == 1
    assert fouten["formulering_toelichting"] == [
        "Pas de tekst aan in 'Motivatie', of leg hier uit waarom deze woorden nodig zijn."
    ]


def test_saving_a_dossier_part_returns_to_the_dossier(client, demo, noah):
    client.force_login(demo.jji_school)
    url = reverse("dossier:bewerken", args=[noah.pk, Categorie.ONDERWIJSINFORMATIE])
    dossier = reverse("dossier:dossier", args=[noah.pk])
    assert f'href="{dossier}"' in client.get(url).content.decode()  # back and cancel lead there too
    antwoord = client.post(url, {"opleiding": "Entree", "motivatie": "Wil verder in de logistiek."})
    assert antwoord.status_code == 302 and antwoord.url == dossier
    assert Onderwijsinformatie.objects.get(traject=noah).motivatie == "Wil verder in de logistiek."


def test_an_error_is_linked_to_its_field_by_an_id_that_exists(client, demo, finn, noah):
    """A field with an error names its message (aria-describedby): the general field template
    (a measure's past date), the ready-to-leave form written out by hand (on its own page and
    on the traject's) and the list's search. The message's id was once not the one Django's
    widget names."""
    traject, beslismodel = finn
    client.force_login(demo.mbo_intake)
    besluiten = client.post(
        reverse("beslismodel:besluiten", args=[traject.pk, beslismodel.versie]),
        besluit_gegevens(beslismodel, **{"0-omschrijving": "Gesprek", "0-datum": VANDAAG() - dt.timedelta(1)}),
    ).content.decode()
    assert ("id_maatregel-0-datum_error", True) in beschreven_door(besluiten)
    client.force_login(demo.jji_school)
    vertrek = client.post(
        reverse("trajecten:vertrek_bijwerken", args=[noah.pk]),
        {"vertrek-huisvesting_status": "verzonnen", "vertrek-inkomen_toelichting": "x" * 201},
    ).content.decode()
    genoemd = beschreven_door(vertrek)
    assert ("id_vertrek-huisvesting_status_error", True) in genoemd
    assert ("id_vertrek-inkomen_toelichting_error", True) in genoemd
    lijst = client.get(reverse("trajecten:lijst"), {"fase": "maan"}).content.decode()
    assert ("id_fase_error", True) in beschreven_door(lijst)
    for tekst in (besluiten, vertrek, lijst, client.get(reverse("trajecten:detail", args=[noah.pk])).content.decode()):
        assert all(bestaat for _naam, bestaat in beschreven_door(tekst)), beschreven_door(tekst)
