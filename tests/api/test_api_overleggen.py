"""Meetings (overleggen) through the API: read per reader as on the traject page, recorded by
whoever may record them on the page (the same policy and service), bad input a JSON 400 that
saves nothing, readers without access a 404 that saves nothing, lists flat in their rows."""

import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from toegang import policy
from trajecten import services
from trajecten.constants import OverlegSoort, TaakStatus

from .klant import json_fout, klant

pytestmark = pytest.mark.django_db
VANDAAG = timezone.localdate


def _overleggen(client, traject, **params):
    antwoord = client.get(reverse("api:overleggen", args=[traject.pk]), params)
    assert antwoord.status_code == 200, antwoord.content
    return antwoord.json()


def test_each_reader_gets_the_meetings_the_page_shows_them(demo):
    noah = demo.trajecten["Noah"]
    marco = demo.verbindingsofficier.medewerker
    services.overleg_vastleggen(
        actor=demo.itb,
        traject=noah,
        soort=OverlegSoort.TRAJECTKNOOPPUNT,
        datum=VANDAAG(),
        uitkomst="Interne afspraak JJI",
    )
    warm = services.overleg_vastleggen(
        actor=demo.coordinator,
        traject=noah,
        soort=OverlegSoort.WARME_OVERDRACHT,
        datum=VANDAAG(),
        jongere_aanwezig=True,
        deelnemers=[demo.coordinator.medewerker, marco],
        andere_deelnemers="Moeder",
        uitkomst="Start in februari",
        uitstroombestemming="mbo",
    )
    school = _overleggen(klant(demo.coordinator), noah)
    assert [o["soort"] for o in school["results"]] == ["warme_overdracht", "trajectknooppunt"]
    mbo = _overleggen(klant(demo.verbindingsofficier), noah)
    assert mbo == {"results": [mbo["results"][0]], "next": None, "previous": None}
    assert mbo["results"][0] == {
        "id": warm.pk,
        "soort": "warme_overdracht",
        "datum": VANDAAG().isoformat(),
        "deelnemers": [
            {
                "id": m.pk,
                "naam": m.naam,
                "organisatie": {"id": m.organisatie_id, "naam": m.organisatie.naam},
                "rol": m.rol,
                "verbindingsofficier": m.is_verbindingsofficier,
            }
            for m in sorted([demo.coordinator.medewerker, marco], key=lambda m: m.pk)
        ],
        "andere_deelnemers": "Moeder",
        "jongere_aanwezig": True,
        "uitkomst": "Start in februari",
        "uitstroombestemming": "mbo",
    }
    assert "Interne afspraak JJI" not in json.dumps(mbo)
    # The page shows this reader the same meetings.
    gezien = {o.pk for o in policy.overleggen_zichtbaar_voor(demo.verbindingsofficier, noah)}
    assert gezien == {o["id"] for o in mbo["results"]}
    # A reader of another organisation that took no part sees none; one who does not see Noah, a 404.
    assert _overleggen(klant(demo.mbo_herkomst), demo.trajecten["Mila"])["results"] == []
    json_fout(klant(demo.mbo_intake_other).get(reverse("api:overleggen", args=[noah.pk])), "not_found")


def test_meetings_are_paged(demo, monkeypatch):
    noah = demo.trajecten["Noah"]
    for i in range(5):
        services.overleg_vastleggen(
            actor=demo.coordinator,
            traject=noah,
            soort=OverlegSoort.TRAJECTKNOOPPUNT,
            datum=VANDAAG() - dt.timedelta(days=i),
        )
    monkeypatch.setattr("api.views.overleggen.PER_PAGINA", 2)
    client = klant(demo.coordinator)
    eerste = _overleggen(client, noah)
    assert len(eerste["results"]) == 2 and eerste["next"] and eerste["previous"] is None
    derde = _overleggen(client, noah, pagina=3)
    assert len(derde["results"]) == 1 and derde["next"] is None
    json_fout(client.get(reverse("api:overleggen", args=[noah.pk]), {"pagina": 4}), "not_found")
    json_fout(client.get(reverse("api:overleggen", args=[noah.pk]), {"pagina": "twee"}), "invalid")


def test_the_mbo_records_a_meeting_with_participants_it_found_through_the_api(demo):
    noah = demo.trajecten["Noah"]
    client = klant(demo.verbindingsofficier)
    kiesbaar = client.get(reverse("api:overleg_deelnemers", args=[noah.pk])).json()
    assert {m["id"] for m in kiesbaar} == {m.pk for m in policy.actieve_medewerkers(demo.verbindingsofficier, noah)}
    intaker = next(m for m in kiesbaar if m["id"] == demo.mbo_intake.medewerker.pk)
    assert intaker["organisatie"]["naam"] == "ROC Lindewaard" and intaker["rol"] == "intaker"
    gegevens = {
        "soort": "nazorgtafel",
        "datum": VANDAAG().isoformat(),
        "deelnemers": [intaker["id"], demo.coordinator.medewerker.pk, intaker["id"]],
        "uitkomst": "Intake in januari.",
        "vervolgtaken": ["Rooster doorsturen"],
    }
    antwoord = client.post(reverse("api:overleggen", args=[noah.pk]), gegevens, format="json")
    assert antwoord.status_code == 201, antwoord.content
    nieuw = antwoord.json()
    assert nieuw["soort"] == "nazorgtafel" and nieuw["uitkomst"] == "Intake in januari."
    assert [d["id"] for d in nieuw["deelnemers"]] == sorted([intaker["id"], demo.coordinator.medewerker.pk])
    assert nieuw in _overleggen(client, noah)["results"]
    # The same service as the page: the follow-up is a task of the mbo; the regie's task stays open
    # (the mbo may not update it).
    vervolg = noah.taken.get(tekst="Rooster doorsturen")
    assert vervolg.organisatie == demo.verbindingsofficier.medewerker.organisatie
    assert noah.taken.get(tekst="Eerste nazorgtafel").status == TaakStatus.OPEN


def test_the_regie_records_a_meeting_that_completes_its_task_and_sets_the_destination(demo):
    noah = demo.trajecten["Noah"]
    gegevens = {"soort": "nazorgtafel", "datum": VANDAAG().isoformat(), "uitstroombestemming": "mbo"}
    antwoord = klant(demo.coordinator).post(reverse("api:overleggen", args=[noah.pk]), gegevens, format="json")
    assert antwoord.status_code == 201, antwoord.content
    assert noah.taken.get(tekst="Eerste nazorgtafel").status == TaakStatus.GEDAAN
    noah.refresh_from_db()
    assert noah.uitstroombestemming == "mbo"


def _fout(antwoord, veld):
    velden = json_fout(antwoord, "invalid")["fields"]
    # An item of a list is named by its place: "vervolgtaken.0".
    assert any(naam == veld or naam.startswith(f"{veld}.") for naam in velden), velden


@pytest.mark.parametrize(
    ("gegevens", "veld"),
    [
        ({"uitstroombestemming": "werk"}, "uitstroombestemming"),  # the regie sets the destination
        ({"soort": "warme_overdracht"}, "jongere_aanwezig"),  # with the young person
        ({"soort": "contactmoment", "datum": "2099-01-01"}, "datum"),  # recorded once it happened
        ({"datum": "2001-01-01"}, "datum"),  # before the traject started
        ({"deelnemers": ["mbo_intake_other"]}, "deelnemers"),  # not of an active organisation
        ({"deelnemers": [999999]}, "deelnemers"),
        ({"deelnemers": [0]}, "deelnemers"),
        ({"deelnemers": [2**70]}, "deelnemers"),
        ({"deelnemers": "3"}, "deelnemers"),
        ({"deelnemers": list(range(1, 60))}, "deelnemers"),
        ({"soort": "borrel"}, "soort"),
        ({"datum": "gisteren"}, "datum"),
        ({"uitkomst": "x" * 5001}, "uitkomst"),
        ({"uitkomst": 12}, "uitkomst"),
        ({"uitkomst": "Rust \u202eniet\u202c nodig."}, "uitkomst"),
        ({"andere_deelnemers": "x" * 301}, "andere_deelnemers"),
        ({"vervolgtaken": "Bellen"}, "vervolgtaken"),
        ({"vervolgtaken": [""]}, "vervolgtaken"),
        ({"vervolgtaken": ["x" * 301]}, "vervolgtaken"),
        ({"vervolgtaken": ["Bellen"] * 21}, "vervolgtaken"),
        ({"jongere_aanwezig": "misschien"}, "jongere_aanwezig"),
        ({"onbekend": 1}, "onbekend"),
    ],
)
def test_bad_input_is_a_400_on_its_field_and_saves_nothing(demo, gegevens, veld):
    noah = demo.trajecten["Noah"]
    if gegevens.get("deelnemers") == ["mbo_intake_other"]:
        gegevens = {"deelnemers": [demo.mbo_intake_other.medewerker.pk]}
    taken = noah.taken.count()
    basis = {"soort": "nazorgtafel", "datum": VANDAAG().isoformat(), "vervolgtaken": ["Bellen"]}
    antwoord = klant(demo.verbindingsofficier).post(
        reverse("api:overleggen", args=[noah.pk]), {**basis, **gegevens}, format="json"
    )
    _fout(antwoord, veld)
    assert not noah.overleggen.exists() and noah.taken.count() == taken


@pytest.mark.parametrize(
    ("inhoud", "soort", "code"),
    [
        (b"{kapot", "application/json", "parse_error"),
        (b"[]", "application/json", "invalid"),
        (b"", "application/json", "invalid"),
        (b"soort=nazorgtafel", "application/x-www-form-urlencoded", "unsupported_media_type"),
        (b'{"soort": ' + b"[" * 30 + b"]" * 30 + b"}", "application/json", "parse_error"),
    ],
)
def test_a_broken_body_saves_nothing(demo, inhoud, soort, code):
    noah = demo.trajecten["Noah"]
    antwoord = klant(demo.coordinator).generic(
        "POST", reverse("api:overleggen", args=[noah.pk]), inhoud, content_type=soort
    )
    assert 400 <= antwoord.status_code < 500
    json_fout(antwoord, code)
    assert not noah.overleggen.exists()


# (reader, youth): readers who do not see that traject (as in the URL matrix of tests/toegang).
ZONDER_TOEGANG = [
    ("mbo_intake_other", "Noah"),  # uninvolved organisation
    ("beheerder", "Noah"),  # manages people, never youth data
    ("mbo_intake", "Sem"),  # involved, awaiting a grondslag
    ("mbo_intake", "Luca"),  # assigned, grondslag revoked
    ("verbindingsofficier", "Jayden"),  # grondslag expired
    ("mbo_intake", "Daan"),  # organisation active, person not assigned
]


@pytest.mark.parametrize(("lezer", "jongere"), ZONDER_TOEGANG)
def test_a_reader_without_access_records_nothing_and_learns_nothing(demo, lezer, jongere):
    traject = demo.trajecten[jongere]
    client = klant(getattr(demo, lezer))
    gegevens = {"soort": "nazorgtafel", "datum": VANDAAG().isoformat(), "vervolgtaken": ["Bellen"]}
    for antwoord in (
        client.post(reverse("api:overleggen", args=[traject.pk]), gegevens, format="json"),
        client.post(reverse("api:overleggen", args=[traject.pk]), {"soort": "borrel"}, format="json"),
        client.get(reverse("api:overleggen", args=[traject.pk])),
        client.get(reverse("api:overleg_deelnemers", args=[traject.pk])),
    ):
        json_fout(antwoord, "not_found")  # the same answer with good and bad input: nothing confirmed
        assert traject.jongere.naam not in antwoord.content.decode()
    assert not traject.overleggen.exists()


def test_anonymous_records_nothing(demo):
    noah = demo.trajecten["Noah"]
    gegevens = {"soort": "nazorgtafel", "datum": VANDAAG().isoformat()}
    json_fout(klant().post(reverse("api:overleggen", args=[noah.pk]), gegevens, format="json"), "not_authenticated")
    assert not noah.overleggen.exists()


def test_a_closed_traject_takes_no_meeting_but_keeps_its_meetings_readable(demo):
    liam = demo.trajecten["Liam"]
    services.overleg_vastleggen(actor=demo.coordinator, traject=liam, soort=OverlegSoort.NAZORGTAFEL, datum=VANDAAG())
    services.traject_afsluiten(
        actor=demo.coordinator, traject=liam, datum=VANDAAG(), besluit="Stabiel.", advies="Gemeente."
    )
    client = klant(demo.coordinator)
    gegevens = {"soort": "contactmoment", "datum": VANDAAG().isoformat()}
    json_fout(client.post(reverse("api:overleggen", args=[liam.pk]), gegevens, format="json"), "not_shared")
    json_fout(client.get(reverse("api:overleg_deelnemers", args=[liam.pk])), "not_shared")
    assert liam.overleggen.count() == 1
    assert len(_overleggen(client, liam)["results"]) == 1


PAGINA_EN_API = [
    ("coordinator", "Noah"),
    ("jji_school", "Noah"),
    ("itb", "Noah"),
    ("verbindingsofficier", "Noah"),
    ("mbo_intake", "Noah"),
    ("mbo_herkomst", "Mila"),
    ("mbo_intake", "Daan"),
    ("mbo_intake_other", "Noah"),
    ("beheerder", "Noah"),
    ("coordinator", "Liam"),
    ("verbindingsofficier", "Liam"),
]


@pytest.mark.parametrize(("lezer", "jongere"), PAGINA_EN_API)
def test_who_records_on_the_page_records_through_the_api_and_no_one_else(client, demo, lezer, jongere):
    """The page's form and the API answer from the same policy function: both open, or both shut
    (404 on the page; 404 or 403 in the API, as the traject is visible or not)."""
    traject = demo.trajecten[jongere]
    if jongere == "Liam":  # closed: visible, but no new meeting on the page either
        services.traject_afsluiten(
            actor=demo.coordinator, traject=traject, datum=VANDAAG(), besluit="Stabiel.", advies="Gemeente."
        )
    gebruiker = getattr(demo, lezer)
    client.force_login(gebruiker)
    pagina = client.get(reverse("trajecten:overleg_vastleggen", args=[traject.pk])).status_code
    gegevens = {"soort": "nazorgtafel", "datum": VANDAAG().isoformat()}
    api = klant(gebruiker).post(reverse("api:overleggen", args=[traject.pk]), gegevens, format="json")
    assert pagina in (200, 404)
    if pagina == 200:
        assert api.status_code == 201, api.content
    else:
        verwacht = "not_shared" if policy.is_zichtbaar(gebruiker, traject) else "not_found"
        json_fout(api, verwacht)
        assert not traject.overleggen.filter(vastgelegd_door=gebruiker).exists()


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        antwoord = client.get(url)
    assert antwoord.status_code == 200, antwoord.content
    return len(ctx.captured_queries), antwoord.json()


def rijen(gegevens) -> int:
    return len(gegevens["results"]) if isinstance(gegevens, dict) else len(gegevens)


def test_the_meetings_and_participants_are_flat_in_their_rows(demo):
    from netwerk import services as netwerk_services
    from netwerk.constants import Rol

    noah = demo.trajecten["Noah"]
    marco = demo.verbindingsofficier.medewerker
    for client_user in (demo.coordinator, demo.verbindingsofficier):
        services.overleg_vastleggen(
            actor=client_user,
            traject=noah,
            soort=OverlegSoort.NAZORGTAFEL,
            datum=VANDAAG(),
            deelnemers=[marco],
        )
    lezers = [klant(demo.coordinator), klant(demo.verbindingsofficier)]
    urls = [reverse("api:overleggen", args=[noah.pk]), reverse("api:overleg_deelnemers", args=[noah.pk])]
    voor = {(i, url): _queries(lezer, url) for i, lezer in enumerate(lezers) for url in urls}
    roc = marco.organisatie
    nieuw = [
        netwerk_services.medewerker_opslaan(
            actor=None,
            gebruikersnaam=f"intake-roc-{i}",
            voornaam="Intake",
            achternaam=f"Medewerker {i}",
            email=f"intake-roc-{i}@example.org",
            organisatie=roc,
            rol=Rol.INTAKER,
        )
        for i in range(5)
    ]
    for i in range(12):
        services.overleg_vastleggen(
            actor=demo.verbindingsofficier,
            traject=noah,
            soort=OverlegSoort.NAZORGTAFEL,
            datum=VANDAAG() - dt.timedelta(days=i),
            deelnemers=[marco, *nieuw[: 1 + i % 5], demo.coordinator.medewerker],
        )
    for (i, url), (aantal, gegevens) in voor.items():
        na, meer = _queries(lezers[i], url)
        assert rijen(meer) > rijen(gegevens), url
        assert na <= aantal, (url, aantal, na)
