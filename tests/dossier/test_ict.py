"""Bijlage 3 in the onderwijsinformatie (issue 17, item 10): the ICT-fase is one of the regio's
phases, the student's own ICT restrictions are free text of the same part — read only under a
grondslag for onderwijsinformatie, on record, never on the traject page — and an official exam
location is named beside the exams. The demo enrols at an mbo, never at the JJI-school."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dossier import services as dossier_services
from dossier.models import Onderwijsinformatie
from netwerk import services as netwerk_services
from netwerk.constants import OrganisatieSoort
from netwerk.models import IctFase, Organisatie, Regio
from toegang import policy
from trajecten.constants import BetrokkenheidSoort, Categorie

from ..api.klant import json_fout, klant
from ..lezers import LEZERS, consent_zetten, raadplegingen_tellen

pytestmark = pytest.mark.django_db

BEPERKING = "Werkt op de schoolcomputer met ICTBEPERKINGMARKER, niet op een eigen laptop."


def _schrijven(demo, traject, **gegevens):
    return dossier_services.onderwijsinformatie_opslaan(actor=demo.jji_school, traject=traject, gegevens=gegevens)


def _lindewaard(demo):
    return demo.beheerder.medewerker.organisatie.regio


@pytest.mark.parametrize("lezer", LEZERS)
def test_matrix_the_ict_restrictions_go_where_the_onderwijsinformatie_goes(client, demo, noah, lezer):
    _schrijven(demo, noah, ict_fase="B2/D1-2", ict_beperkingen=BEPERKING)
    gebruiker, stand, leest = LEZERS[lezer]
    consent_zetten(demo, noah, stand)
    client.force_login(getattr(demo, gebruiker))
    pagina = client.get(reverse("dossier:dossier", args=[noah.pk]))
    traject = client.get(reverse("trajecten:detail", args=[noah.pk]))
    if gebruiker == "mbo_intake_other":
        assert pagina.status_code == traject.status_code == 404
        return
    tekst = pagina.content.decode()
    mag = Categorie.ONDERWIJSINFORMATIE in leest
    assert ("ICTBEPERKINGMARKER" in tekst) == mag
    assert ("B2/D1-2 (volledige bevoegdheden)" in tekst) == mag
    assert "ICTBEPERKINGMARKER" not in traject.content.decode()  # not basic traject data
    verwacht = 1 if mag and gebruiker != "jji_school" else 0
    assert raadplegingen_tellen(noah, Categorie.ONDERWIJSINFORMATIE) == verwacht


def test_the_api_gives_and_takes_the_phase_by_its_name(demo, noah):
    url = reverse("api:dossierdeel", args=[noah.pk, Categorie.ONDERWIJSINFORMATIE])
    antwoord = klant(demo.jji_school).put(
        url, {"opleiding": "Logistiek", "ict_fase": "b2/d1-2", "ict_beperkingen": BEPERKING}, format="json"
    )
    assert antwoord.status_code == 200, antwoord.content
    deel = antwoord.json()["onderwijsinformatie"]
    assert (deel["ict_fase"], deel["ict_beperkingen"]) == ("B2/D1-2", BEPERKING)
    fout = json_fout(klant(demo.jji_school).put(url, {"ict_fase": "Z9"}, format="json"), "invalid")
    assert set(fout["fields"]) == {"ict_fase"} and "Kies uit: A1, A2, B1, B2/D1-2" in fout["fields"]["ict_fase"][0]
    assert Onderwijsinformatie.objects.get(traject=noah).ict_fase.naam == "B2/D1-2"  # nothing half-saved
    leeg = klant(demo.jji_school).put(url, {"opleiding": "Logistiek"}, format="json").json()["onderwijsinformatie"]
    assert leeg["ict_fase"] == "" and leeg["ict_beperkingen"] == ""  # a PUT is the whole part

    _schrijven(demo, noah, ict_fase="A1", ict_beperkingen=BEPERKING)
    ontvangen = klant(demo.mbo_intake).get(url)
    json_fout(ontvangen, "not_shared")  # no grondslag for the onderwijsinformatie yet
    consent_zetten(demo, noah, "gedeeld")
    gelezen = klant(demo.mbo_intake).get(url).json()["onderwijsinformatie"]
    assert (gelezen["ict_fase"], gelezen["ict_beperkingen"]) == ("A1", BEPERKING)


def test_a_phase_is_one_of_the_regio_of_the_jji_and_in_use(demo, noah):
    lindewaard = _lindewaard(demo)
    assert _schrijven(demo, noah, ict_fase="a2").ict_fase == IctFase.objects.get(regio=lindewaard, naam="A2")
    with pytest.raises(ValidationError, match="Onbekende ICT-fase 'Z9'. Kies uit: A1, A2, B1, B2/D1-2"):
        _schrijven(demo, noah, ict_fase="Z9")
    elders = netwerk_services.regio_opslaan(actor=None, regio=Regio(naam="Regio Elders"))
    vreemd = IctFase.objects.get(regio=elders, naam="A1")
    with pytest.raises(ValidationError, match="van de regio van de JJI"):
        _schrijven(demo, noah, ict_fase=vreemd)

    b1 = IctFase.objects.get(regio=lindewaard, naam="B1")
    _schrijven(demo, noah, ict_fase=b1)
    b1.actief = False
    netwerk_services.ict_fase_opslaan(actor=demo.beheerder, fase=b1)
    _schrijven(demo, noah, ict_fase="B1", leerdoelen="Plannen.")  # whoever has it keeps it
    liam = demo.trajecten["Liam"]
    assert Onderwijsinformatie.objects.get(traject=liam).ict_fase.naam == "B1"  # the demo's, kept too
    with pytest.raises(ValidationError, match="B1 wordt in deze regio niet meer gebruikt"):
        _schrijven(demo, demo.trajecten["Sem"], ict_fase=b1)


def test_the_form_offers_the_regios_phases_in_use_and_saves_them(client, demo, noah):
    lindewaard = _lindewaard(demo)
    a2 = IctFase.objects.get(regio=lindewaard, naam="A2")
    a2.actief = False
    netwerk_services.ict_fase_opslaan(actor=demo.beheerder, fase=a2)
    netwerk_services.regio_opslaan(actor=None, regio=Regio(naam="Regio Elders"))
    client.force_login(demo.jji_school)
    url = reverse("dossier:bewerken", args=[noah.pk, Categorie.ONDERWIJSINFORMATIE])
    veld = client.get(url).context["form"].fields["ict_fase"]
    assert [str(f) for f in veld.queryset] == ["A1 (weinig bevoegdheden)", "B1", "B2/D1-2 (volledige bevoegdheden)"]
    a1 = IctFase.objects.get(regio=lindewaard, naam="A1")  # the demo gave Noah B1
    antwoord = client.post(url, {"opleiding": "Logistiek", "ict_fase": a1.pk, "ict_beperkingen": BEPERKING})
    assert antwoord.status_code == 302
    info = Onderwijsinformatie.objects.get(traject=noah)
    assert (info.ict_fase, info.ict_beperkingen) == (a1, BEPERKING)
    geschiedenis = client.get(reverse("dossier:geschiedenis", args=[noah.pk, Categorie.ONDERWIJSINFORMATIE]))
    tekst = geschiedenis.content.decode()
    assert "ICT-fase (bijlage 3)" in tekst and "A1 (weinig bevoegdheden)" in tekst
    assert "Individuele ICT-beperkingen" in tekst and "ICTBEPERKINGMARKER" in tekst

    vreemd = IctFase.objects.get(regio__naam="Regio Elders", naam="A1")
    fout = client.post(url, {"opleiding": "Logistiek", "ict_fase": vreemd.pk})
    assert fout.status_code == 200 and "ict_fase" in fout.context["form"].errors
    assert Onderwijsinformatie.objects.get(traject=noah).ict_fase == a1


@pytest.mark.parametrize(
    ("tekst", "fout"),
    [
        ("Geen internet\u202e na het incident.", "onzichtbare of sturende tekens"),
        ("x" * 5_001, "5000"),
    ],
)
def test_the_restrictions_are_free_text_like_any_other(client, demo, noah, tekst, fout):
    voor = Onderwijsinformatie.objects.get(traject=noah).ict_beperkingen
    client.force_login(demo.jji_school)
    url = reverse("dossier:bewerken", args=[noah.pk, Categorie.ONDERWIJSINFORMATIE])
    antwoord = client.post(url, {"opleiding": "Logistiek", "ict_beperkingen": tekst})
    assert antwoord.status_code == 200
    assert fout in " ".join(antwoord.context["form"].errors["ict_beperkingen"])
    assert Onderwijsinformatie.objects.get(traject=noah).ict_beperkingen == voor


def test_the_restrictions_are_checked_for_wording_like_the_rest_of_the_part(demo, noah):
    with pytest.raises(ValidationError) as fout:
        _schrijven(demo, noah, ict_beperkingen="Na zijn delict geen toegang tot internet.")
    assert "formulering_toelichting" in fout.value.message_dict


def test_an_official_exam_location_is_named_beside_the_exams(client, demo, noah):
    client.force_login(demo.jji_school)
    url = reverse("dossier:dossier", args=[noah.pk])
    assert "JJI Duinzicht is een officiële examenlocatie." in client.get(url).content.decode()
    jji = Organisatie.objects.get(naam="JJI Duinzicht")
    jji.officiele_examenlocatie = False
    netwerk_services.organisatie_opslaan(actor=demo.beheerder, organisatie=jji)
    assert "officiële examenlocatie" not in client.get(url).content.decode()


def test_the_demo_enrols_at_an_mbo_never_with_a_crebo_at_the_jji_school(demo):
    liam = demo.trajecten["Liam"]
    info = policy.categorie_lezen(
        actor=demo.jji_school, traject=liam, categorie=Categorie.ONDERWIJSINFORMATIE, actie="bekijken"
    )
    ingeschreven = Organisatie.objects.get(naam=info.ingeschreven_bij)
    assert ingeschreven.soort == OrganisatieSoort.MBO and info.crebo
    assert Organisatie.objects.get(naam=info.examinerende_instelling).soort == OrganisatieSoort.MBO
    scholen = set(Organisatie.objects.filter(soort=OrganisatieSoort.JJI_SCHOOL).values_list("naam", flat=True))
    for onderwijs in Onderwijsinformatie.objects.exclude(crebo=""):
        assert onderwijs.ingeschreven_bij not in scholen and "JJI-school" not in onderwijs.ingeschreven_bij
    # ROC Lindewaard is an mbo of the traject (ontvangend), not a school the youth is unknown to.
    assert liam.betrokkenheden.filter(organisatie=ingeschreven, soort=BetrokkenheidSoort.MBO_ONTVANGEND).exists()
    assert info.ict_fase.naam == "B1" and info.ict_beperkingen
