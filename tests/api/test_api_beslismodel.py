"""The beslismodel through the API: each answer under the grondslag of its part of the dossier,
and exactly one raadpleging with action "api" per part read in one request — however many
versions the answer holds — and none for the JJI-school reading its own dossier."""

import pytest
from django.urls import reverse

from beslismodel import services
from toegang.models import Raadpleging
from trajecten.constants import DOSSIER_CATEGORIEEN

from ..beslismodellen import BESLISMODEL_MARKERS as MARKERS
from ..beslismodellen import antwoorden, ingediend, roc_lindewaard
from ..lezers import LEZERS, consent_zetten
from .klant import json_fout, klant

pytestmark = pytest.mark.django_db


def _api_rijen(traject, **filters):
    return Raadpleging.objects.filter(traject=traject, actie="api", **filters)


@pytest.mark.parametrize("lezer", LEZERS)
def test_matrix_the_beslismodel_through_the_api(demo, lezer):
    gebruiker, stand, leest = LEZERS[lezer]
    noah = demo.trajecten["Noah"]
    ingediend(demo, noah)
    consent_zetten(demo, noah, stand)
    antwoord = klant(getattr(demo, gebruiker)).get(reverse("api:beslismodel", args=[noah.pk]))
    if gebruiker == "mbo_intake_other":  # the traject is not visible to them
        json_fout(antwoord, "not_found")
        assert not Raadpleging.objects.filter(traject=noah).exists()
        return
    assert antwoord.status_code == 200
    tekst = antwoord.content.decode()
    gedeeld = {a["categorie"]: a["gedeeld"] for a in antwoord.json()[0]["antwoorden"] if a["categorie"]}
    for categorie in DOSSIER_CATEGORIEEN:
        assert (MARKERS[categorie] in tekst) == (categorie in leest), categorie
        assert gedeeld[categorie] == (categorie in leest), categorie
        verwacht = 1 if categorie in leest and gebruiker != "jji_school" else 0
        assert _api_rijen(noah, categorie=categorie, geweigerd=False).count() == verwacht, categorie
    assert not Raadpleging.objects.filter(traject=noah, geweigerd=True).exists()
    assert not Raadpleging.objects.filter(traject=noah).exclude(actie="api").exists()


def test_one_raadpleging_per_part_per_request_however_many_versions(demo):
    noah = demo.trajecten["Noah"]
    ingediend(demo, noah)
    tweede = services.beslismodel_beginnen(actor=demo.jji_school, traject=noah)
    services.antwoorden_opslaan(actor=demo.jji_school, beslismodel=tweede, gegevens=antwoorden())
    services.beslismodel_indienen(
        actor=demo.jji_school, beslismodel=tweede, ontvanger=roc_lindewaard(), met_jongere_besproken=True
    )
    consent_zetten(demo, noah, "gedeeld")
    for keer in (1, 2):
        versies = klant(demo.verbindingsofficier).get(reverse("api:beslismodel", args=[noah.pk])).json()
        assert [v["versie"] for v in versies] == [2, 1]
        for categorie in DOSSIER_CATEGORIEEN:
            assert _api_rijen(noah, categorie=categorie).count() == keer, categorie
        assert _api_rijen(noah).count() == keer * len(DOSSIER_CATEGORIEEN)
    # The JJI-school reads its own dossier: its drafts and versions write nothing.
    services.beslismodel_beginnen(actor=demo.jji_school, traject=noah)
    versies = klant(demo.jji_school).get(reverse("api:beslismodel", args=[noah.pk])).json()
    assert [v["stand"] for v in versies][0] == "concept" and len(versies) == 3
    assert _api_rijen(noah).count() == 2 * len(DOSSIER_CATEGORIEEN)
