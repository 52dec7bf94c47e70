"""Asking the school van herkomst for its onderwijsinformatie on leerplicht, without telling it
about the placement (issue 17, item 10): the JJI-school asks; the school van herkomst sees the
student, the asking school, the grondslag and the question — never the traject — and answers;
the JJI-school reads the answer with its raadpleging; a revoked or lapsed grondslag closes the
request at once; nobody else reaches it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from dossier import services
from dossier.models import HerkomstOnderwijsinformatie, Herkomstverzoek
from toegang import policy
from toegang.models import Raadpleging
from trajecten import services as traject_services
from trajecten.models import Betrokkenheid

pytestmark = pytest.mark.django_db

ANTWOORD = "HERKOMSTANTWOORD-7731"


@pytest.fixture
def yara(demo):
    """Yara: Vakcollege Oostmeer is her school van herkomst, not told of the placement; the
    JJI-school holds leerplicht to receive its onderwijsinformatie and asked for it (demo)."""
    return demo.trajecten["Yara"]


def test_the_school_van_herkomst_answers_without_seeing_the_traject(client, demo, yara):
    herkomst = demo.mbo_herkomst.medewerker.organisatie
    verzoek = yara.herkomstverzoeken.get()
    assert (verzoek.organisatie, verzoek.grondslag.grondslag) == (herkomst, "leerplicht")
    assert not Betrokkenheid.objects.actief().filter(traject=yara, organisatie=herkomst).exists()

    client.force_login(demo.mbo_herkomst)
    lijst = client.get(reverse("dossier:herkomstverzoeken")).content.decode()
    assert yara.jongere.naam in lijst and "Duinzichtcollege" in lijst and "leerplicht" in lijst
    assert "Verzoeken" in lijst  # the menu shows the requests
    pagina = client.get(reverse("dossier:herkomstverzoek", args=[verzoek.pk])).content.decode()
    assert "Welke modules" in pagina  # the question
    for geheim in ("JJI Duinzicht", yara.get_fase_display(), reverse("trajecten:detail", args=[yara.pk])):
        assert geheim not in pagina
    # The traject stays closed to the school van herkomst.
    assert client.get(reverse("trajecten:detail", args=[yara.pk])).status_code == 404

    antwoord = client.post(
        reverse("dossier:herkomstverzoek", args=[verzoek.pk]),
        {"opleiding": "Metselaar niveau 2", "resultaten": ANTWOORD, "lopende_modules": "", "toelichting": ""},
    )
    assert antwoord.status_code == 302
    verzoek.refresh_from_db()
    assert verzoek.beantwoord_door == demo.mbo_herkomst and verzoek.beantwoord_op is not None
    deel = HerkomstOnderwijsinformatie.objects.get(traject=yara, organisatie=herkomst)
    assert deel.resultaten == ANTWOORD and deel.history.count() == 1

    # The JJI-school reads it on its dossier page, on record.
    client.force_login(demo.jji_school)
    voor = Raadpleging.objects.filter(traject=yara).count()
    tekst = client.get(reverse("dossier:dossier", args=[yara.pk])).content.decode()
    assert ANTWOORD in tekst and "beantwoord op" in tekst
    nieuw = Raadpleging.objects.filter(traject=yara).order_by("pk")[voor:]
    assert [r.categorie for r in nieuw] == ["onderwijsinformatie_herkomst"]


def test_a_revoked_grondslag_closes_the_request_at_once(client, demo, yara):
    verzoek = yara.herkomstverzoeken.get()
    traject_services.toestemming_intrekken(actor=demo.coordinator, toestemming=verzoek.grondslag)
    client.force_login(demo.mbo_herkomst)
    assert yara.jongere.naam not in client.get(reverse("dossier:herkomstverzoeken")).content.decode()
    assert client.get(reverse("dossier:herkomstverzoek", args=[verzoek.pk])).status_code == 404
    antwoord = client.post(
        reverse("dossier:herkomstverzoek", args=[verzoek.pk]),
        {"opleiding": "x", "resultaten": ANTWOORD, "lopende_modules": "", "toelichting": ""},
    )
    assert antwoord.status_code == 404
    assert not HerkomstOnderwijsinformatie.objects.filter(traject=yara).exists()


@pytest.mark.parametrize(
    "naam", ["mbo-intake", "verbindingsofficier", "mbo-intake-other", "itb", "beheerder", "privacy"]
)
def test_nobody_else_sees_or_answers_the_request(client, demo, yara, naam):
    verzoek = yara.herkomstverzoeken.get()
    client.force_login(demo.users[naam])
    assert yara.jongere.naam not in client.get(reverse("dossier:herkomstverzoeken")).content.decode()
    assert client.get(reverse("dossier:herkomstverzoek", args=[verzoek.pk])).status_code == 404
    assert not policy.herkomstverzoeken_voor(demo.users[naam]).exists()


def test_the_jji_school_asks_once_per_school_and_only_with_a_grondslag(client, demo, yara):
    herkomst = demo.mbo_herkomst.medewerker.organisatie
    client.force_login(demo.coordinator)
    url = reverse("dossier:herkomst_opvragen", args=[yara.pk])
    # One open request per school: a second is refused with a message, nothing saved.
    antwoord = client.post(url, {"organisatie": herkomst.pk, "vraag": "Nog een vraag"}, follow=True)
    assert "Er staat al een verzoek open bij Vakcollege Oostmeer" in antwoord.content.decode()
    assert yara.herkomstverzoeken.count() == 1
    # Bad input: not a school van herkomst of this traject, or no number at all.
    for keuze in (demo.mbo_intake.medewerker.organisatie.pk, "abc", ""):
        antwoord = client.post(url, {"organisatie": keuze}, follow=True)
        assert antwoord.status_code == 200
        assert "Kies een school van herkomst die bij dit traject hoort" in antwoord.content.decode()
    assert yara.herkomstverzoeken.count() == 1
    # Without the grondslag the JJI-school cannot ask.
    grondslag = yara.herkomstverzoeken.get().grondslag
    traject_services.toestemming_intrekken(actor=demo.coordinator, toestemming=grondslag)
    Herkomstverzoek.objects.filter(traject=yara).delete()
    assert not policy.mag_herkomst_opvragen(demo.coordinator, yara)
    assert client.post(url, {"organisatie": herkomst.pk}).status_code == 404
    assert not yara.herkomstverzoeken.exists()


def test_the_receiving_mbo_cannot_ask(client, demo, yara):
    client.force_login(demo.verbindingsofficier)
    antwoord = client.post(
        reverse("dossier:herkomst_opvragen", args=[yara.pk]),
        {"organisatie": demo.mbo_herkomst.medewerker.organisatie.pk},
    )
    assert antwoord.status_code == 404


def test_the_request_list_costs_the_same_for_one_or_many(client, demo, yara):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(demo.mbo_herkomst)
    url = reverse("dossier:herkomstverzoeken")
    client.get(url)
    with CaptureQueriesContext(connection) as een:
        client.get(url)
    verzoek = yara.herkomstverzoeken.get()
    for _ in range(5):
        Herkomstverzoek.objects.create(
            traject=yara,
            organisatie=verzoek.organisatie,
            grondslag=verzoek.grondslag,
            gevraagd_door=demo.coordinator,
            gevraagd_op=timezone.now(),
        )
    with CaptureQueriesContext(connection) as zes:
        assert client.get(url).content.decode().count(yara.jongere.naam) >= 6
    assert len(zes) == len(een)


def test_services_refuse_who_may_not(demo, yara):
    from django.core.exceptions import PermissionDenied

    verzoek = yara.herkomstverzoeken.get()
    with pytest.raises(PermissionDenied):
        services.herkomst_opvragen(actor=demo.mbo_herkomst, traject=yara, organisatie=verzoek.organisatie, vraag="")
    from django.http import Http404

    with pytest.raises(Http404):
        services.herkomstverzoek_beantwoorden(actor=demo.mbo_intake, verzoek=verzoek, gegevens={"resultaten": "x"})
