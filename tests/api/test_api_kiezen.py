"""What a partner system needs to finish a task through the API alone: a task names its step (number
and title) and its fase; the people an overdrachtsdocument can be made for, found and then used
in the POST; an organisation's verbindingsofficier with the person's id. Lists are flat in the
number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from netwerk import services as netwerk_services
from netwerk.constants import Rol
from netwerk.models import Organisatie
from toegang import policy
from trajecten.constants import FASE_VAN_STAP, Stap

from .klant import json_fout, klant

pytestmark = pytest.mark.django_db


def test_a_task_names_its_step_by_number_and_title_and_its_fase(demo):
    noah = demo.trajecten["Noah"]
    taken = klant(demo.verbindingsofficier).get(reverse("api:taken", args=[noah.pk])).json()
    assert taken
    stappen = set()
    for taak in taken:
        assert taak["stap_titel"] == str(Stap(taak["stap"]).label)
        assert taak["fase"] == FASE_VAN_STAP[taak["stap"]]
        stappen.add((taak["stap"], taak["stap_titel"], taak["fase"]))
    # Tasks from each fase, the titles as the routekaart names them.
    assert {fase for _stap, _titel, fase in stappen} == {"instroom", "verblijf", "uitstroom"}
    assert (9, "Al even buiten", "uitstroom") in stappen
    # The PATCH answers with the same names.
    eigen = next(t for t in taken if t["organisatie"] and t["organisatie"]["naam"] == "ROC Lindewaard")
    antwoord = klant(demo.verbindingsofficier).patch(
        reverse("api:taak", args=[noah.pk, eigen["id"]]), {"status": "bezig"}, format="json"
    )
    assert antwoord.status_code == 200, antwoord.content
    assert (antwoord.json()["stap"], antwoord.json()["stap_titel"], antwoord.json()["fase"]) == (
        eigen["stap"],
        eigen["stap_titel"],
        eigen["fase"],
    )


def test_the_recipients_are_the_pages_choices_and_one_of_them_gets_a_document(
    demo, systeemaccount, django_capture_on_commit_callbacks
):
    liam = demo.trajecten["Liam"]
    maker = klant(demo.coordinator)
    ontvangers = maker.get(reverse("api:overdracht_ontvangers", args=[liam.pk])).json()
    verwacht = list(policy.overdracht_ontvangers(demo.coordinator, liam))
    assert [o["id"] for o in ontvangers] == [m.pk for m in verwacht]
    assert systeemaccount.medewerker.pk not in {o["id"] for o in ontvangers}  # a system account is no person
    school = demo.coordinator.medewerker.organisatie
    assert all(o["organisatie"]["id"] != school.pk for o in ontvangers)  # not the writing school itself
    marco = next(o for o in ontvangers if o["id"] == demo.verbindingsofficier.medewerker.pk)
    assert marco == {
        "id": demo.verbindingsofficier.medewerker.pk,
        "naam": "Marco Janssen",
        "organisatie": {"id": demo.verbindingsofficier.medewerker.organisatie_id, "naam": "ROC Lindewaard"},
        "rol": demo.verbindingsofficier.medewerker.rol,
        "verbindingsofficier": True,
    }
    # Found, then used: each listed id is a recipient the POST takes.
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = maker.post(
            reverse("api:overdracht_maken", args=[liam.pk]), {"ontvanger": marco["id"]}, format="json"
        )
    assert antwoord.status_code == 202, antwoord.content
    assert antwoord.json()["ontvanger"] == {"id": marco["id"], "naam": "Marco Janssen"}


def test_only_who_makes_documents_gets_the_recipients(demo):
    liam = demo.trajecten["Liam"]
    url = reverse("api:overdracht_ontvangers", args=[liam.pk])
    assert klant(demo.jji_school).get(url).status_code == 200
    json_fout(klant(demo.verbindingsofficier).get(url), "not_shared")  # sees Liam, makes no document
    json_fout(klant(demo.mbo_intake_other).get(url), "not_found")  # does not see Liam
    json_fout(klant(demo.beheerder).get(url), "not_found")
    json_fout(klant().get(url), "not_authenticated")
    json_fout(klant(demo.coordinator).get(reverse("api:overdracht_ontvangers", args=[999999])), "not_found")


def test_an_organisations_verbindingsofficier_comes_with_the_persons_id(demo):
    organisaties = {o["naam"]: o for o in klant(demo.coordinator).get(reverse("api:organisaties")).json()}
    marco = demo.verbindingsofficier.medewerker
    assert organisaties["ROC Lindewaard"]["verbindingsofficier"]["id"] == marco.pk
    # And that id is the one the overdracht takes, for a traject where Marco may receive one.
    liam = demo.trajecten["Liam"]
    ontvangers = klant(demo.coordinator).get(reverse("api:overdracht_ontvangers", args=[liam.pk])).json()
    assert marco.pk in {o["id"] for o in ontvangers}


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        antwoord = client.get(url)
    assert antwoord.status_code == 200, antwoord.content
    return len(ctx.captured_queries), len(antwoord.json())


def test_the_recipients_and_the_organisations_are_flat_in_the_number_of_people(demo):
    liam = demo.trajecten["Liam"]
    maker = klant(demo.coordinator)
    urls = [reverse("api:overdracht_ontvangers", args=[liam.pk]), reverse("api:organisaties")]
    voor = {url: _queries(maker, url) for url in urls}
    roc = Organisatie.objects.get(naam="ROC Lindewaard")
    # Zorgcoördinatoren see every traject their organisation is active in: each is a recipient more.
    for i in range(6):
        netwerk_services.medewerker_opslaan(
            actor=None,
            gebruikersnaam=f"zorg-roc-{i}",
            voornaam="Zorg",
            achternaam=f"Coördinator {i}",
            email=f"zorg-roc-{i}@example.org",
            organisatie=roc,
            rol=Rol.ZORGCOORDINATOR,
        )
    for i in range(4):
        netwerk_services.organisatie_opslaan(
            actor=None, organisatie=Organisatie(naam=f"Extra school {i}", soort="mbo", regio=roc.regio, plaats="X")
        )
    na = {url: _queries(maker, url) for url in urls}
    for url in urls:
        assert na[url][1] > voor[url][1], url  # more rows …
        assert na[url][0] <= voor[url][0], (url, voor[url], na[url])  # … not more queries
