"""The API for partner systems: hashed, expiring, revocable tokens; the dossier matrix through
the API (200 / 403 / 404 and exactly one raadpleging with action "api" per reading, a refused
attempt for a refused request); a system account never receives signalen voor veiligheid;
errors in one JSON shape; flat query counts on every list."""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from knox.models import AuthToken
from knox.settings import CONSTANTS
from rest_framework.test import APIClient

from beslismodel.constants import Setting, Status
from netwerk import services as netwerk_services
from netwerk.models import Organisatie
from toegang import policy
from toegang.models import Raadpleging
from trajecten.constants import DOSSIER_CATEGORIEEN, Categorie

from ..beslismodellen import ingediend
from ..factories import trajecten_maken
from ..lezers import DOSSIER_MARKERS, LEZERS, consent_zetten, raadplegingen_tellen, toestemming_geven
from .klant import json_fout, klant, token_voor

pytestmark = pytest.mark.django_db


def test_create_api_token_prints_a_token_that_works_and_is_stored_hashed(demo, capsys):
    call_command("create_api_token", "verbindingsofficier", "--dagen", "7")
    token = capsys.readouterr().out.strip()
    assert len(token) == 64
    opgeslagen = AuthToken.objects.get(user=demo.verbindingsofficier)
    assert token not in opgeslagen.digest and opgeslagen.expiry < timezone.now() + dt.timedelta(days=8)
    assert klant(token=token).get(reverse("api:trajecten")).status_code == 200
    call_command("create_api_token", "verbindingsofficier", "--intrekken")
    json_fout(klant(token=token).get(reverse("api:trajecten")), "authentication_failed")


def test_expired_and_malformed_tokens_are_refused_in_json(demo):
    token = token_voor(demo.verbindingsofficier)
    AuthToken.objects.filter(user=demo.verbindingsofficier).update(expiry=timezone.now() - dt.timedelta(seconds=1))
    json_fout(klant(token=token).get(reverse("api:trajecten")), "authentication_failed")
    for kop in ("Token", "Token a b", "Token " + "x" * 64, "Bearer abc"):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=kop)
        antwoord = client.get(reverse("api:trajecten"))
        assert antwoord.status_code == 401, kop
        assert set(antwoord.json()) == {"code", "message", "fields"}


def test_the_list_shows_only_what_the_caller_may_see_and_filters_by_fase(demo):
    client = klant(demo.verbindingsofficier)
    namen = {t["naam"] for t in client.get(reverse("api:trajecten")).json()["results"]}
    assert namen == {"Noah Verbeek", "Liam Mulder", "Daan Smit", "Finn Jacobs"}
    verblijf = {t["naam"] for t in client.get(reverse("api:trajecten"), {"fase": "verblijf"}).json()["results"]}
    assert verblijf == {"Noah Verbeek", "Daan Smit"}
    json_fout(client.get(reverse("api:trajecten"), {"fase": "maan"}), "invalid")
    assert klant(demo.mbo_intake_other).get(reverse("api:trajecten")).json()["results"] == []


def test_the_detail_names_the_involved_organisations_and_keeps_the_titel_from_schools(demo):
    noah = demo.trajecten["Noah"]
    detail = klant(demo.verbindingsofficier).get(reverse("api:traject", args=[noah.pk])).json()
    assert {(o["naam"], o["soort"]) for o in detail["organisaties"]} >= {
        ("ROC Lindewaard", "mbo_ontvangend"),
        ("Duinzichtcollege (JJI-school)", "jji_school"),
    }
    assert detail["titel"] is None and detail["naam"] == "Noah Verbeek"
    assert klant(demo.itb).get(reverse("api:traject", args=[noah.pk])).json()["titel"] == "jeugddetentie"
    json_fout(klant(demo.mbo_intake_other).get(reverse("api:traject", args=[noah.pk])), "not_found")


@pytest.mark.parametrize("categorie", DOSSIER_CATEGORIEEN)
@pytest.mark.parametrize("lezer", LEZERS)
def test_matrix_the_dossier_through_the_api(demo, noah, lezer, categorie):
    gebruiker, stand, leest = LEZERS[lezer]
    consent_zetten(demo, noah, stand)
    antwoord = klant(getattr(demo, gebruiker)).get(reverse("api:dossierdeel", args=[noah.pk, categorie]))
    tekst = antwoord.content.decode()
    if gebruiker == "mbo_intake_other":  # the traject is not visible: 404, and on record as an attempt
        json_fout(antwoord, "not_found")
        assert raadplegingen_tellen(noah, geweigerd=True) == 1 and raadplegingen_tellen(noah, geweigerd=False) == 0
    elif categorie in leest:
        assert antwoord.status_code == 200 and DOSSIER_MARKERS[categorie] in tekst
        verwacht = 0 if gebruiker == "jji_school" else 1
        assert Raadpleging.objects.filter(traject=noah, categorie=categorie, actie="api").count() == verwacht
        assert raadplegingen_tellen(noah, geweigerd=True) == 0
    else:  # visible traject, part not shared: 403, and the refusal on record
        json_fout(antwoord, "not_shared")
        assert DOSSIER_MARKERS[categorie] not in tekst
        assert raadplegingen_tellen(noah, geweigerd=True) == 1 and raadplegingen_tellen(noah, geweigerd=False) == 0


def test_an_unknown_part_is_a_404_on_record(demo, noah):
    antwoord = klant(demo.verbindingsofficier).get(reverse("api:dossierdeel", args=[noah.pk, "strafblad"]))
    json_fout(antwoord, "not_found")
    assert Raadpleging.objects.get(traject=noah).categorie == "onbekend"


def _systeemaccount(organisatie, naam="roc-koppeling"):
    return netwerk_services.medewerker_opslaan(
        actor=None,
        gebruikersnaam=naam,
        voornaam="Koppeling",
        achternaam="Studentsysteem",
        email=f"{naam}@example.org",
        organisatie=organisatie,
        rol="systeem",
    )


def test_a_system_account_sees_its_organisations_trajecten_but_never_signals(demo, noah):
    for categorie in DOSSIER_CATEGORIEEN:
        toestemming_geven(demo, noah, categorie)
    roc = Organisatie.objects.get(naam="ROC Lindewaard")
    systeem = _systeemaccount(roc)
    client = klant(systeem.user)
    assert "Noah Verbeek" in {t["naam"] for t in client.get(reverse("api:trajecten")).json()["results"]}
    assert client.get(reverse("api:dossierdeel", args=[noah.pk, Categorie.ONDERWIJSINFORMATIE])).status_code == 200
    signalen = client.get(reverse("api:dossierdeel", args=[noah.pk, Categorie.VEILIGHEIDSSIGNALEN]))
    json_fout(signalen, "not_shared")
    assert DOSSIER_MARKERS[Categorie.VEILIGHEIDSSIGNALEN] not in signalen.content.decode()
    # Nor through the beslismodel: its safety item is kept back for a system account.
    ingediend(demo, noah)
    antwoorden = klant(systeem.user).get(reverse("api:beslismodel", args=[noah.pk])).json()[0]["antwoorden"]
    veiligheid = next(a for a in antwoorden if a["sleutel"] == "veiligheid")
    assert veiligheid["gedeeld"] is False and veiligheid["toelichting"] is None
    # The JJI-school's own system account does not read its signals either.
    school = _systeemaccount(demo.jji_school.medewerker.organisatie, "school-koppeling")
    json_fout(
        klant(school.user).get(reverse("api:dossierdeel", args=[noah.pk, Categorie.VEILIGHEIDSSIGNALEN])), "not_shared"
    )


def test_a_system_account_cannot_log_in_on_the_pages(client, demo, settings):
    roc = Organisatie.objects.get(naam="ROC Lindewaard")
    systeem = _systeemaccount(roc)
    systeem.user.set_password(settings.DEMO_PASSWORD)
    systeem.user.save()
    antwoord = client.post(reverse("login"), {"username": "roc-koppeling", "password": settings.DEMO_PASSWORD})
    assert antwoord.status_code == 200 and "klopt niet" in antwoord.content.decode()


def test_a_system_account_is_never_chosen_as_a_person(demo, noah):
    from trajecten.models import Taak

    roc = Organisatie.objects.get(naam="ROC Lindewaard")
    systeem = _systeemaccount(roc)
    coordinator = demo.coordinator
    assert systeem not in policy.toewijsbare_medewerkers(coordinator, noah)
    assert systeem not in policy.actieve_medewerkers(coordinator, noah)
    assert systeem in policy.kijkers(noah)  # it does see the traject …
    assert systeem not in policy.overdracht_ontvangers(coordinator, noah)  # … but gets no document
    # Nor is a task given to it through the API.
    taak = Taak.objects.filter(traject=noah, organisatie=roc).exclude(status="afgerond").first()
    assert taak is not None
    antwoord = klant(demo.verbindingsofficier).patch(
        reverse("api:taak", args=[noah.pk, taak.pk]), {"medewerker": systeem.pk}, format="json"
    )
    assert antwoord.status_code == 400 and antwoord.json()["code"] == "invalid", antwoord.content
    taak.refresh_from_db()
    assert taak.medewerker_id != systeem.pk


def test_the_jji_school_writes_a_part_and_others_cannot(demo, noah):
    url = reverse("api:dossierdeel", args=[noah.pk, Categorie.BEGELEIDINGSBEHOEFTE])
    antwoord = klant(demo.jji_school).put(url, {"structuur": "Vaste dagindeling.", "wat_helpt": "Rust."}, format="json")
    assert antwoord.status_code == 200, antwoord.content
    assert antwoord.json()["begeleidingsbehoefte"]["structuur"] == "Vaste dagindeling."
    assert antwoord.json()["begeleidingsbehoefte"]["praktisch"] == ""  # a PUT is the whole part
    json_fout(klant(demo.verbindingsofficier).put(url, {"structuur": "x"}, format="json"), "not_shared")
    json_fout(
        klant(demo.jji_school).put(
            reverse("api:dossierdeel", args=[noah.pk, Categorie.VEILIGHEIDSSIGNALEN]), {}, format="json"
        ),
        "invalid",
    )


@pytest.mark.parametrize(
    ("inhoud", "soort", "code"),
    [
        (b"{kapot", "application/json", "parse_error"),
        (b"[1, 2]", "application/json", "invalid"),
        (json.dumps({"structuur": 12}).encode(), "application/json", "invalid"),
        (json.dumps({"structuur": ["a"]}).encode(), "application/json", "invalid"),
        (json.dumps({"onbekend_veld": "x"}).encode(), "application/json", "invalid"),
        (json.dumps({"structuur": "x" * 6000}).encode(), "application/json", "invalid"),
        (json.dumps({"structuur": "Bij de diefstal"}).encode(), "application/json", "invalid"),
        (b"structuur=x", "application/x-www-form-urlencoded", "unsupported_media_type"),
        (json.dumps({"structuur": "x" * 3_000_000}).encode(), "application/json", "too_large"),
        (b"[" * 10_000 + b"]" * 10_000, "application/json", "parse_error"),  # Python's json: RecursionError
        (b'{"structuur": ' + b"[" * 10_000 + b"]" * 10_000 + b"}", "application/json", "parse_error"),
        (b'{"structuur": ' + b"[" * 21 + b"]" * 21 + b"}", "application/json", "parse_error"),
        (json.dumps({"structuur": "Rust \u202eniet\u202c nodig."}).encode(), "application/json", "invalid"),
        (json.dumps({"structuur": "a\u200bb"}).encode(), "application/json", "invalid"),
        (b'{"structuur": "a\\ud800b"}', "application/json", "invalid"),  # a lone surrogate
        (b'{"structuur": "a\\u0000b"}', "application/json", "invalid"),
    ],
)
def test_bad_input_gets_a_json_error_and_saves_nothing(demo, noah, inhoud, soort, code):
    from dossier.models import Begeleidingsbehoefte

    voor = Begeleidingsbehoefte.objects.get(traject=noah).structuur
    antwoord = klant(demo.jji_school).put(
        reverse("api:dossierdeel", args=[noah.pk, Categorie.BEGELEIDINGSBEHOEFTE]), data=inhoud, content_type=soort
    )
    assert 400 <= antwoord.status_code < 500
    json_fout(antwoord, code)
    assert Begeleidingsbehoefte.objects.get(traject=noah).structuur == voor


@pytest.mark.parametrize("teken", ["\u202e", "\u2066", "\u200b", "\ufeff", "\x1b"])
def test_hidden_characters_are_refused_on_their_field(demo, noah, teken):
    from dossier.models import Begeleidingsbehoefte

    voor = Begeleidingsbehoefte.objects.get(traject=noah).wat_helpt
    antwoord = klant(demo.jji_school).put(
        reverse("api:dossierdeel", args=[noah.pk, Categorie.BEGELEIDINGSBEHOEFTE]),
        {"structuur": "Vaste dagindeling.", "wat_helpt": f"Rust{teken} en ruimte."},
        format="json",
    )
    velden = json_fout(antwoord, "invalid")["fields"]
    assert set(velden) == {"wat_helpt"} and "onzichtbare of sturende tekens" in velden["wat_helpt"][0]
    assert Begeleidingsbehoefte.objects.get(traject=noah).wat_helpt == voor


def test_json_within_the_depth_limit_is_read(demo, noah):
    antwoord = klant(demo.jji_school).put(
        reverse("api:dossierdeel", args=[noah.pk, Categorie.BEGELEIDINGSBEHOEFTE]),
        data=b'{"structuur": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ in tekst telt niet", "wat_helpt": "Rust."}',
        content_type="application/json",
    )
    assert antwoord.status_code == 200, antwoord.content


def test_field_errors_name_the_field(demo, noah):
    antwoord = klant(demo.jji_school).put(
        reverse("api:dossierdeel", args=[noah.pk, Categorie.ONDERWIJSINFORMATIE]),
        {"crebo": "12", "niveau": 9, "bestaat_niet": 1},
        format="json",
    )
    velden = json_fout(antwoord, "invalid")["fields"]
    assert set(velden) >= {"bestaat_niet"}
    antwoord = klant(demo.jji_school).put(
        reverse("api:dossierdeel", args=[noah.pk, Categorie.ONDERWIJSINFORMATIE]), {"crebo": "12"}, format="json"
    )
    assert "crebo" in json_fout(antwoord, "invalid")["fields"]


def test_unknown_paths_and_methods_answer_in_json(demo, settings):
    settings.DEBUG = False
    client = klant(demo.verbindingsofficier)
    antwoord = client.get("/api/v1/bestaat-niet/")
    assert antwoord.status_code == 404 and antwoord.json()["code"] == "not_found"
    json_fout(client.delete(reverse("api:trajecten")), "method_not_allowed")


def test_other_trajecten_ids_are_404_not_403(demo):
    sem = demo.trajecten["Sem"]  # ROC Lindewaard awaiting its grondslag: the youth does not exist for it
    client = klant(demo.verbindingsofficier)
    for naam in ("api:traject", "api:taken", "api:toestemmingen", "api:raadplegingen", "api:beslismodel"):
        json_fout(client.get(reverse(naam, args=[sem.pk])), "not_found")
    json_fout(client.get(reverse("api:traject", args=[999999])), "not_found")


def test_throttling_per_token_answers_429_in_json(demo, settings):
    settings.API_LIMIET = "3/min"
    client = klant(demo.verbindingsofficier)
    for _ in range(3):
        assert client.get(reverse("api:organisaties")).status_code == 200
    antwoord = client.get(reverse("api:organisaties"))
    json_fout(antwoord, "throttled")
    assert antwoord.status_code == 429 and "Retry-After" in antwoord
    # Another token counts on its own.
    assert klant(demo.mbo_intake).get(reverse("api:organisaties")).status_code == 200


def test_the_browser_uses_the_session_with_csrf(demo):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(demo.jji_school)
    assert client.get(reverse("api:trajecten")).status_code == 200
    noah = demo.trajecten["Noah"]
    taak = noah.taken.filter(justitieel=False).first()
    antwoord = client.patch(reverse("api:taak", args=[noah.pk, taak.pk]), {"status": "bezig"}, format="json")
    assert antwoord.status_code == 403 and set(antwoord.json()) == {"code", "message", "fields"}


def test_tasks_are_read_and_updated_under_the_rules(demo):
    noah = demo.trajecten["Noah"]
    client = klant(demo.mbo_intake)
    taken = client.get(reverse("api:taken", args=[noah.pk])).json()
    eigen = next(t for t in taken if t["organisatie"] and t["organisatie"]["naam"] == "ROC Lindewaard")
    vreemd = next(t for t in taken if t["organisatie"] and t["organisatie"]["naam"] != "ROC Lindewaard")
    antwoord = client.patch(reverse("api:taak", args=[noah.pk, eigen["id"]]), {"status": "bezig"}, format="json")
    assert antwoord.status_code == 200 and antwoord.json()["status"] == "bezig"
    json_fout(
        client.patch(reverse("api:taak", args=[noah.pk, vreemd["id"]]), {"status": "bezig"}, format="json"),
        "not_shared",
    )
    json_fout(
        client.patch(reverse("api:taak", args=[noah.pk, eigen["id"]]), {"status": "klaar"}, format="json"), "invalid"
    )
    json_fout(
        client.patch(reverse("api:taak", args=[noah.pk, eigen["id"]]), {"status": "nvt", "reden": ""}, format="json"),
        "invalid",
    )
    assert not any(t["tekst"] == "RvdK informeren" for t in taken)  # a justice task never reaches a school


def test_consent_is_recorded_and_revoked_through_the_api(demo, noah):
    client = klant(demo.coordinator)
    roc = Organisatie.objects.get(naam="ROC Lindewaard")
    gegevens = {
        "ontvanger": roc.pk,
        "categorie": "onderwijsinformatie",
        "grondslag": "toestemming_jongere",
        "datum_gegeven": timezone.localdate().isoformat(),
        "wijze": "mondeling",
        "weigeren_zonder_gevolgen": True,
    }
    antwoord = client.post(reverse("api:toestemmingen", args=[noah.pk]), gegevens, format="json")
    assert antwoord.status_code == 201, antwoord.content
    nieuw = antwoord.json()
    assert (
        klant(demo.mbo_intake).get(reverse("api:dossierdeel", args=[noah.pk, "onderwijsinformatie"])).status_code == 200
    )
    assert client.post(reverse("api:intrekken", args=[nieuw["id"]])).json()["geldig"] is False
    json_fout(client.post(reverse("api:intrekken", args=[nieuw["id"]])), "invalid")  # already revoked
    json_fout(klant(demo.mbo_intake).post(reverse("api:intrekken", args=[nieuw["id"]])), "not_found")
    json_fout(klant(demo.mbo_intake).get(reverse("api:toestemmingen", args=[noah.pk])), "not_shared")
    # Bad input: leerplicht for begeleidingsbehoefte, an uninvolved organisation, a date in the future.
    ander = Organisatie.objects.get(naam="Techniekcollege Noordpolder")
    for fout in (
        {"categorie": "begeleidingsbehoefte", "grondslag": "leerplicht"},
        {"ontvanger": ander.pk},
        {"ontvanger": 999999},
        {"datum_gegeven": (timezone.localdate() + dt.timedelta(days=3)).isoformat()},
        {"weigeren_zonder_gevolgen": "misschien"},
    ):
        json_fout(
            client.post(reverse("api:toestemmingen", args=[noah.pk]), {**gegevens, **fout}, format="json"), "invalid"
        )


def test_the_log_is_for_the_jji_school(demo, noah):
    toestemming_geven(demo, noah, Categorie.ONDERWIJSINFORMATIE)
    klant(demo.mbo_intake).get(reverse("api:dossierdeel", args=[noah.pk, "onderwijsinformatie"]))
    log = klant(demo.jji_school).get(reverse("api:raadplegingen", args=[noah.pk])).json()["results"]
    assert [(r["wie"], r["actie"], r["categorie"]) for r in log] == [("Linda Vermeulen", "api", "onderwijsinformatie")]
    json_fout(klant(demo.mbo_intake).get(reverse("api:raadplegingen", args=[noah.pk])), "not_shared")


def test_the_beslismodel_and_its_decision_through_the_api(demo, noah):
    versie = ingediend(demo, noah, setting=Setting.KLEINSCHALIG)
    intaker = klant(demo.mbo_intake)
    versies = intaker.get(reverse("api:beslismodel", args=[noah.pk])).json()
    assert versies[0]["suggestie"] == Status.ORANJE and versies[0]["stand"] == "ingediend"
    assert {a["sleutel"]: a["gedeeld"] for a in versies[0]["antwoorden"]}["opleidingsniveau"] is False
    besluit = {"status": "oranje", "advies": "Kleine groep.", "motivatie": "Rust in het begin."}
    antwoord = intaker.post(reverse("api:besluit", args=[noah.pk, versie.versie]), besluit, format="json")
    assert antwoord.status_code == 201 and antwoord.json()["bevestiging"] == "gevraagd"
    json_fout(intaker.post(reverse("api:besluit", args=[noah.pk, versie.versie]), besluit, format="json"), "invalid")
    json_fout(klant(demo.itb).get(reverse("api:beslismodel", args=[noah.pk])), "not_shared")
    json_fout(
        klant(demo.verbindingsofficier).post(reverse("api:besluit", args=[noah.pk, 99]), besluit, format="json"),
        "not_found",
    )


def test_an_overdracht_through_the_api_is_for_its_maker(demo, django_capture_on_commit_callbacks):
    liam = demo.trajecten["Liam"]
    maker = klant(demo.coordinator)
    marco = demo.verbindingsofficier.medewerker
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = maker.post(reverse("api:overdracht_maken", args=[liam.pk]), {"ontvanger": marco.pk}, format="json")
    assert antwoord.status_code == 202
    overdracht = antwoord.json()
    status = maker.get(reverse("api:overdracht", args=[overdracht["id"]])).json()
    assert status["status"] == "klaar" and set(status["categorieen"]) == {"onderwijsinformatie", "begeleidingsbehoefte"}
    bestand = maker.get(reverse("api:overdracht_bestand", args=[overdracht["id"]]))
    assert bestand.status_code == 200 and bestand.content.startswith(b"%PDF")
    for ander in ("jji_school", "verbindingsofficier", "mbo_intake"):
        json_fout(
            klant(getattr(demo, ander)).get(reverse("api:overdracht_bestand", args=[overdracht["id"]])), "not_found"
        )
    json_fout(
        maker.post(
            reverse("api:overdracht_maken", args=[liam.pk]),
            {"ontvanger": demo.mbo_intake_other.medewerker.pk},
            format="json",
        ),
        "invalid",
    )


def test_organisations_and_the_netwerkkaart(demo):
    client = klant(demo.mbo_intake)
    organisaties = {o["naam"]: o for o in client.get(reverse("api:organisaties")).json()}
    assert organisaties["ROC Lindewaard"]["verbindingsofficier"]["naam"] == "Marco Janssen"
    contacten = client.get(reverse("api:netwerkkaart")).json()
    assert any(c["naam"] == "Rik de Vries" for c in contacten)
    json_fout(client.get(reverse("api:netwerkkaart"), {"regio": "abc"}), "invalid")
    json_fout(client.get(reverse("api:netwerkkaart"), {"regio": "999999"}), "not_found")


def test_the_schema_and_its_documentation_are_served_without_a_cdn(client, demo):
    schema = client.get(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    tekst = schema.content.decode()
    assert "/api/v1/trajecten/{id}/dossier/{categorie}/" in tekst
    client.force_login(demo.coordinator)  # the documentation is for signed-in people (and tokens)
    docs = client.get(reverse("api:docs")).content.decode()
    assert "cdn" not in docs.lower() and "drf_spectacular_sidecar" in docs


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_every_list_is_flat_in_the_number_of_rows(demo, django_assert_max_num_queries, noah):
    from trajecten.services import taak_toevoegen

    toestemming_geven(demo, noah, Categorie.ONDERWIJSINFORMATIE)
    docent = klant(demo.jji_school)
    urls = [
        reverse("api:trajecten"),
        reverse("api:taken", args=[noah.pk]),
        reverse("api:toestemmingen", args=[noah.pk]),
        reverse("api:raadplegingen", args=[noah.pk]),
        reverse("api:beslismodel", args=[noah.pk]),
        reverse("api:organisaties"),
        reverse("api:netwerkkaart"),
    ]
    ingediend(demo, noah)
    voor = {url: _queries(docent, url) for url in urls}
    trajecten_maken(demo, 10)
    for i in range(8):
        taak_toevoegen(
            actor=demo.jji_school, traject=noah, stap=9, tekst=f"Extra taak {i}", organisatie=None, deadline=None
        )
    lezer = klant(demo.mbo_intake)
    for _ in range(5):
        lezer.get(reverse("api:dossierdeel", args=[noah.pk, "onderwijsinformatie"]))
    for i in range(4):
        netwerk_services.organisatie_opslaan(
            actor=None,
            organisatie=Organisatie(naam=f"Extra school {i}", soort="mbo", regio=noah.jji.regio, plaats="X"),
        )
    from beslismodel import services as beslismodel_services

    tweede = beslismodel_services.beslismodel_beginnen(actor=demo.jji_school, traject=noah)
    assert tweede.versie == 2
    for url in urls:
        assert _queries(docent, url) <= voor[url], url


def test_the_api_never_answers_with_a_stack_trace(demo, settings, monkeypatch):
    from api.views import trajecten as views

    def stuk(*args, **kwargs):
        raise RuntimeError("intern")

    monkeypatch.setattr(views, "huidige_stap", stuk)
    noah = demo.trajecten["Noah"]
    antwoord = klant(demo.jji_school).get(reverse("api:traject", args=[noah.pk]))
    assert antwoord.status_code == 500 and "Traceback" not in antwoord.content.decode()
    json_fout(antwoord, "server_error")


# --- Edge cases that once answered wrongly: system accounts, tokens, odd input, paging -----


def test_a_verbindingsofficier_does_not_become_a_system_account(demo, noah):
    """Else the organisation's designation would keep reading signalen voor veiligheid."""
    from django.core.exceptions import ValidationError as DjangoValidationError

    marco = demo.verbindingsofficier.medewerker
    with pytest.raises(DjangoValidationError, match="verbindingsofficier"):
        netwerk_services.medewerker_opslaan(
            actor=None,
            gebruikersnaam=marco.user.username,
            voornaam="Marco",
            achternaam="Janssen",
            email=marco.user.email,
            organisatie=marco.organisatie,
            rol="systeem",
            medewerker=marco,
        )
    marco.refresh_from_db()
    assert marco.rol == "veiligheidscoordinator"


def test_signals_are_never_derived_for_the_system_group(demo, noah):
    from toegang.models import TrajectGroupObjectPermission

    school = demo.jji_school.medewerker.organisatie
    _systeemaccount(school, "school-koppeling")
    rijen = TrajectGroupObjectPermission.objects.filter(
        content_object=noah, permission__codename=f"lees_{Categorie.VEILIGHEIDSSIGNALEN}"
    ).values_list("group__name", flat=True)
    assert rijen and not any(naam.endswith(":rol:systeem") for naam in rijen)
    onderwijs = TrajectGroupObjectPermission.objects.filter(
        content_object=noah, permission__codename=f"lees_{Categorie.ONDERWIJSINFORMATIE}"
    ).values_list("group__name", flat=True)
    assert any(naam.endswith(":rol:systeem") for naam in onderwijs)  # the positive control


def test_a_system_account_has_no_password_and_loses_its_session(client, demo):
    """Becoming a system account ends the session on the pages (the password hash changes)."""
    intaker = demo.mbo_intake
    client.force_login(intaker)
    assert client.get(reverse("trajecten:lijst")).status_code == 200
    m = intaker.medewerker
    netwerk_services.medewerker_opslaan(
        actor=None,
        gebruikersnaam=intaker.username,
        voornaam="Linda",
        achternaam="Vermeulen",
        email=intaker.email,
        organisatie=m.organisatie,
        rol="systeem",
        medewerker=m,
    )
    intaker.refresh_from_db()
    assert not intaker.has_usable_password()
    assert client.get(reverse("trajecten:lijst")).status_code == 302  # to the login page
    with pytest.raises(Exception, match="geen wachtwoord"):
        netwerk_services.medewerker_opslaan(
            actor=None,
            gebruikersnaam="koppeling-2",
            voornaam="Koppeling",
            achternaam="Twee",
            email="k2@example.org",
            organisatie=m.organisatie,
            rol="systeem",
            wachtwoord="een-nieuw-wachtwoord-2026",
        )


def test_tokens_end_with_the_person_their_organisation_or_rol(demo):
    from netwerk.constants import Rol

    m = demo.mbo_intake.medewerker
    velden = {
        "gebruikersnaam": m.user.username,
        "voornaam": "Linda",
        "achternaam": "Vermeulen",
        "email": m.user.email,
        "organisatie": m.organisatie,
        "medewerker": m,
    }
    token = token_voor(demo.mbo_intake)
    netwerk_services.medewerker_opslaan(actor=None, rol=Rol.INTAKER, **velden)  # nothing changed: it stays
    assert klant(token=token).get(reverse("api:trajecten")).status_code == 200
    netwerk_services.medewerker_opslaan(actor=None, rol=Rol.INTAKER, actief=False, **velden)
    netwerk_services.medewerker_opslaan(actor=None, rol=Rol.INTAKER, actief=True, **velden)
    json_fout(klant(token=token).get(reverse("api:trajecten")), "authentication_failed")  # reactivated: still gone
    token = token_voor(demo.mbo_intake)
    netwerk_services.medewerker_opslaan(actor=None, rol=Rol.ZORGCOORDINATOR, **velden)
    json_fout(klant(token=token).get(reverse("api:trajecten")), "authentication_failed")
    token = token_voor(demo.mbo_intake)
    organisatie = m.organisatie
    organisatie.actief = False
    netwerk_services.organisatie_opslaan(actor=None, organisatie=organisatie)
    assert not AuthToken.objects.filter(user=demo.mbo_intake).exists()
    del token


def test_create_api_token_revokes_one_token_or_those_of_an_inactive_user(demo, capsys):
    call_command("create_api_token", "mbo-intake")
    eerste = capsys.readouterr().out.strip()
    call_command("create_api_token", "mbo-intake")
    tweede = capsys.readouterr().out.strip()
    call_command("create_api_token", "mbo-intake", "--lijst")
    regels = capsys.readouterr().out.strip().splitlines()
    sleutel = eerste[: CONSTANTS.TOKEN_KEY_LENGTH]
    assert len(regels) == 2 and regels[0].split()[0] == sleutel
    call_command("create_api_token", "mbo-intake", "--intrekken", "--sleutel", sleutel)
    json_fout(klant(token=eerste).get(reverse("api:trajecten")), "authentication_failed")
    assert klant(token=tweede).get(reverse("api:trajecten")).status_code == 200
    with pytest.raises(Exception, match="geen token"):
        call_command("create_api_token", "mbo-intake", "--intrekken", "--sleutel", "onbekend")
    demo.mbo_intake.is_active = False
    demo.mbo_intake.save()
    call_command("create_api_token", "mbo-intake", "--intrekken")
    assert not AuthToken.objects.filter(user=demo.mbo_intake).exists()
    with pytest.raises(Exception, match="niet actief"):
        call_command("create_api_token", "mbo-intake")


@pytest.mark.parametrize(
    ("meta", "status_code", "code"),
    [
        ({}, 400, "invalid"),  # no body at all
        ({"CONTENT_LENGTH": "0"}, 400, "invalid"),
        ({"CONTENT_LENGTH": "", "HTTP_TRANSFER_ENCODING": "chunked"}, 411, "length_required"),
    ],
)
def test_a_write_without_a_body_saves_nothing(demo, noah, meta, status_code, code):
    from dossier.models import Begeleidingsbehoefte

    voor = Begeleidingsbehoefte.objects.get(traject=noah).structuur
    assert voor
    url = reverse("api:dossierdeel", args=[noah.pk, Categorie.BEGELEIDINGSBEHOEFTE])
    if meta:
        antwoord = klant(demo.jji_school).generic(
            "PUT",
            url,
            json.dumps({"structuur": "x"}) if "HTTP_TRANSFER_ENCODING" in meta else "",
            content_type="application/json",
            **meta,
        )
    else:
        antwoord = klant(demo.jji_school).put(url)
    assert antwoord.status_code == status_code, antwoord.content
    json_fout(antwoord, code)
    assert Begeleidingsbehoefte.objects.get(traject=noah).structuur == voor


@pytest.mark.parametrize("kop", ["Token éaaaa", "Token ÿ" + "a" * 63])
def test_a_token_in_another_encoding_is_a_401(demo, kop):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=kop)
    antwoord = client.get(reverse("api:trajecten"))
    assert antwoord.status_code == 401
    json_fout(antwoord, "authentication_failed")


@pytest.mark.parametrize("regio", ["²", "١٢", "9" * 30, "-1"])
def test_odd_numbers_in_the_query_are_400s(demo, regio):
    client = klant(demo.mbo_intake)
    for naam in ("api:organisaties", "api:netwerkkaart"):
        json_fout(client.get(reverse(naam), {"regio": regio}), "invalid")
    json_fout(client.get(reverse("api:trajecten"), {"pagina": regio}), "invalid")


def test_too_many_query_parameters_is_a_400(demo):
    query = "&".join(f"x{i}=1" for i in range(1100))
    json_fout(klant(demo.mbo_intake).get(reverse("api:trajecten") + "?" + query), "invalid")


def test_a_person_of_a_deactivated_organisation_reads_no_map(demo):
    token = token_voor(demo.mbo_intake_other)
    organisatie = demo.mbo_intake_other.medewerker.organisatie
    organisatie.actief = False
    organisatie.save()  # not through the service: the token would be gone; the door must close too
    regio = organisatie.regio_id
    for naam in ("api:organisaties", "api:netwerkkaart"):
        json_fout(klant(token=token).get(reverse(naam), {"regio": regio}), "not_found")
        json_fout(klant(token=token).get(reverse(naam)), "not_found")


def test_pages_end_at_the_end_and_at_the_cap(demo, monkeypatch):
    from jji_traject import paginering

    client = klant(demo.jji_school)  # all 12 demo youths
    monkeypatch.setattr("api.views.trajecten.PER_PAGINA", 5)
    eerste = client.get(reverse("api:trajecten")).json()
    assert len(eerste["results"]) == 5 and eerste["next"] and eerste["previous"] is None
    derde = client.get(reverse("api:trajecten"), {"pagina": 3}).json()
    assert len(derde["results"]) == 2 and derde["next"] is None
    json_fout(client.get(reverse("api:trajecten"), {"pagina": 4}), "not_found")  # never page 1 again
    json_fout(client.get(reverse("api:trajecten"), {"pagina": 0}), "invalid")
    monkeypatch.setattr(paginering, "MAX_PAGINA", 2)
    tweede = client.get(reverse("api:trajecten"), {"pagina": 2}).json()
    assert tweede["next"] is None  # the cap: no "next" that leads back to the same page
    json_fout(client.get(reverse("api:trajecten"), {"pagina": 3}), "invalid")


def test_a_refused_dossier_request_through_the_api_is_on_record_as_api(demo, noah):
    url = reverse("api:dossierdeel", args=[noah.pk, Categorie.ONDERWIJSINFORMATIE])
    json_fout(klant(demo.mbo_intake_other).get(url), "not_found")
    json_fout(klant(demo.mbo_intake_other).put(url, {"niveau": 2}, format="json"), "not_found")
    geweigerd = Raadpleging.objects.filter(traject=noah, geweigerd=True)
    # The first at once; the repeat within the hour is counted and appended when the hour is over.
    assert list(geweigerd.values_list("actie", "aantal")) == [("api", 1)]
    policy.herhalingen_bijschrijven(timezone.now() + dt.timedelta(hours=1, seconds=1))
    assert sorted(geweigerd.values_list("actie", "aantal")) == [("api", 1), ("api", 1)]


def test_who_may_not_decide_a_visible_version_gets_a_403(demo, noah):
    versie = ingediend(demo, noah)
    besluit = {"status": "groen", "advies": "Gewone start.", "motivatie": "Past."}
    url = reverse("api:besluit", args=[noah.pk, versie.versie])
    json_fout(klant(demo.jji_school).post(url, besluit, format="json"), "not_shared")
    json_fout(klant(demo.mbo_herkomst).post(url, besluit, format="json"), "not_found")  # not its version


def test_a_broken_body_on_a_revocation_revokes_nothing(demo, noah):
    toestemming = toestemming_geven(demo, noah, Categorie.ONDERWIJSINFORMATIE)
    antwoord = klant(demo.jji_school).generic(
        "POST", reverse("api:intrekken", args=[toestemming.pk]), "{kapot", content_type="application/json"
    )
    json_fout(antwoord, "parse_error")
    toestemming.refresh_from_db()
    assert toestemming.ingetrokken_op is None


def test_the_schema_documents_both_parts_for_the_put(client):
    schema = client.get(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    body = schema["paths"]["/api/v1/trajecten/{id}/dossier/{categorie}/"]["put"]["requestBody"]
    verwijzing = body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    varianten = {v["$ref"].rsplit("/", 1)[1] for v in schema["components"]["schemas"][verwijzing]["oneOf"]}
    assert varianten == {"OnderwijsinformatieInRequest", "BegeleidingsbehoefteInRequest"}
    assert "token" in schema["components"]["securitySchemes"]


def test_the_log_is_paged_by_cursor_and_new_rows_shift_nothing(demo, noah, monkeypatch):
    toestemming_geven(demo, noah, Categorie.ONDERWIJSINFORMATIE)
    url = reverse("api:dossierdeel", args=[noah.pk, Categorie.ONDERWIJSINFORMATIE])
    lezer = klant(demo.mbo_intake)
    for _ in range(7):
        lezer.get(url)
    monkeypatch.setattr("api.views.trajecten.PER_PAGINA", 3)
    school = klant(demo.jji_school)
    eerste = school.get(reverse("api:raadplegingen", args=[noah.pk])).json()
    assert len(eerste["results"]) == 3 and eerste["next"]
    lezer.get(url)  # a new reading arrives between two pages
    gezien = [r["id"] for r in eerste["results"]]
    volgende = eerste["next"]
    while volgende:
        pagina = school.get(volgende).json()
        gezien += [r["id"] for r in pagina["results"]]
        volgende = pagina["next"]
    alle = list(Raadpleging.objects.filter(traject=noah).order_by("-tijdstip", "-pk").values_list("pk", flat=True))
    assert gezien == alle[1:]  # every row once, newest first; the new one is on a fresh first page
    json_fout(school.get(reverse("api:raadplegingen", args=[noah.pk]), {"voor": "abc"}), "invalid")
    ander = Raadpleging.objects.exclude(traject=noah).values_list("pk", flat=True).first() or 999999
    json_fout(school.get(reverse("api:raadplegingen", args=[noah.pk]), {"voor": ander}), "invalid")


def test_a_maker_who_left_the_school_no_longer_fetches_the_document(demo, django_capture_on_commit_callbacks):
    liam = demo.trajecten["Liam"]
    maker = klant(demo.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = maker.post(
            reverse("api:overdracht_maken", args=[liam.pk]),
            {"ontvanger": demo.verbindingsofficier.medewerker.pk},
            format="json",
        )
    nummer = antwoord.json()["id"]
    m = demo.coordinator.medewerker
    netwerk_services.medewerker_opslaan(
        actor=None,
        gebruikersnaam=demo.coordinator.username,
        voornaam="Peter",
        achternaam="Aydin",
        email=demo.coordinator.email,
        organisatie=Organisatie.objects.get(naam="ROC Lindewaard"),
        rol="zorgcoordinator",
        medewerker=m,
    )
    client = klant(demo.coordinator)  # the old token ended with the move
    for naam in ("api:overdracht", "api:overdracht_bestand"):
        json_fout(client.get(reverse(naam, args=[nummer])), "not_found")
