"""The FG's search of the raadplegingen log (issue 16, item 2): by person and period, recorded
with its reason before anything shows, only the readings done for the FG's own organisation,
no part opened (no raadpleging), nobody else reaches it, and the searches are append-only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from netwerk import services as netwerk_services
from netwerk.constants import Rol
from toegang import policy
from toegang.models import Logonderzoek, Raadpleging
from trajecten.constants import Categorie

from ..lezers import toestemming_geven

pytestmark = pytest.mark.django_db

URL = reverse("privacy:logonderzoek")


def _lezing(demo, traject, *, actor=None, organisatie=None, tijdstip=None, geweigerd=False, aantal=1, **extra):
    actor = actor or demo.mbo_intake
    return Raadpleging.objects.create(
        tijdstip=tijdstip or timezone.now() - dt.timedelta(hours=1),
        actor=actor,
        organisatie=organisatie or actor.medewerker.organisatie,
        rol=actor.medewerker.rol,
        jongere_id=traject.jongere_id,
        traject=traject,
        categorie=Categorie.ONDERWIJSINFORMATIE,
        actie="bekijken",
        geweigerd=geweigerd,
        aantal=aantal,
        **extra,
    )


def _zoek(client, persoon, *, van=None, tot=None, aanleiding="Incident 2026-041"):
    vandaag = timezone.localdate()
    return client.post(
        URL,
        {
            "persoon": persoon.pk,
            "van": (van or vandaag - dt.timedelta(days=7)).isoformat(),
            "tot": (tot or vandaag).isoformat(),
            "aanleiding": aanleiding,
        },
    )


def test_the_fg_finds_one_persons_readings_and_the_search_is_recorded_first(client, demo, noah):
    toestemming_geven(demo, noah, Categorie.ONDERWIJSINFORMATIE)
    # The intaker reads Noah's onderwijsinformatie on the page: a raadpleging of ROC Lindewaard.
    client.force_login(demo.mbo_intake)
    assert client.get(reverse("dossier:categorie", args=[noah.pk, Categorie.ONDERWIJSINFORMATIE])).status_code == 200
    sem = demo.trajecten["Sem"]
    _lezing(demo, sem, geweigerd=True, aantal=1)
    _lezing(demo, sem, geweigerd=True, aantal=41, tot=timezone.now())
    buiten_periode = _lezing(demo, demo.trajecten["Liam"], tijdstip=timezone.now() - dt.timedelta(days=40))
    collega = _lezing(demo, demo.trajecten["Liam"], actor=demo.verbindingsofficier)
    log_voor = Raadpleging.objects.count()

    client.force_login(demo.privacy)
    antwoord = _zoek(client, demo.mbo_intake)
    onderzoek = Logonderzoek.objects.get(aanleiding="Incident 2026-041")
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("privacy:logonderzoek_resultaat", args=[onderzoek.pk])
    assert (onderzoek.onderzoeker, onderzoek.persoon, onderzoek.aanleiding) == (
        demo.privacy,
        demo.mbo_intake,
        "Incident 2026-041",
    )
    assert onderzoek.organisatie == demo.privacy.medewerker.organisatie
    assert onderzoek.aantal == 3

    pagina = client.get(antwoord["Location"]).content.decode()
    assert noah.jongere.naam in pagina and sem.jongere.naam in pagina
    assert "nog 41 keer" in pagina  # counted repeats
    assert demo.trajecten["Liam"].jongere.naam not in pagina  # outside the period; a colleague's
    assert {r.pk for r in policy.onderzoek_resultaten(onderzoek)}.isdisjoint({buiten_periode.pk, collega.pk})
    # The search opened no part: no raadpleging was written.
    assert Raadpleging.objects.count() == log_voor
    # A reading after the search is not part of it: the result is the log as it was.
    _lezing(demo, sem, tijdstip=timezone.now() + dt.timedelta(seconds=1))
    assert policy.onderzoek_resultaten(onderzoek).count() == 3


def test_readings_for_another_organisation_are_that_organisations_fg_s(client, demo, noah):
    """The intaker moved to Techniekcollege Noordpolder: what he read there is not ROC
    Lindewaard's to search; what he read while at ROC Lindewaard still is."""
    _lezing(demo, noah)
    _lezing(demo, noah, organisatie=demo.mbo_intake_other.medewerker.organisatie)
    client.force_login(demo.privacy)
    _zoek(client, demo.mbo_intake)
    assert Logonderzoek.objects.get(aanleiding="Incident 2026-041").aantal == 1


def test_someone_who_left_is_still_searchable_someone_never_there_is_not(client, demo):
    """The verbindingsofficier moved to Techniekcollege Noordpolder: ROC Lindewaard's FG can
    still search what he read while he worked there."""
    medewerker = demo.verbindingsofficier.medewerker
    medewerker.organisatie = demo.mbo_intake_other.medewerker.organisatie
    medewerker.save()
    personen = set(policy.onderzoekbare_personen(demo.privacy))
    assert demo.mbo_intake in personen and demo.verbindingsofficier in personen
    assert demo.privacy not in personen
    assert demo.coordinator not in personen and demo.mbo_intake_other not in personen

    client.force_login(demo.privacy)
    antwoord = _zoek(client, demo.coordinator)
    assert antwoord.status_code == 200
    assert "Selecteer een geldige keuze" in antwoord.content.decode()
    assert not Logonderzoek.objects.filter(aanleiding__startswith="Incident").exists()


@pytest.mark.parametrize(
    ("van_dagen", "tot_dagen", "aanleiding", "melding"),
    [
        (-10, 1, "Incident", "Kies een einddatum tot en met vandaag."),
        (-1, -5, "Incident", "De einddatum ligt voor de begindatum."),
        (-400, 0, "Incident", "Zoek over hoogstens 366 dagen tegelijk"),
        (-5, 0, "", "Dit veld is verplicht."),
        (-5, 0, "Incident\u202e140", "onzichtbare"),
    ],
)
def test_a_wrong_search_is_refused_with_a_message_and_not_recorded(
    client, demo, van_dagen, tot_dagen, aanleiding, melding
):
    vandaag = timezone.localdate()
    client.force_login(demo.privacy)
    antwoord = _zoek(
        client,
        demo.mbo_intake,
        van=vandaag + dt.timedelta(days=van_dagen),
        tot=vandaag + dt.timedelta(days=tot_dagen),
        aanleiding=aanleiding,
    )
    assert antwoord.status_code == 200
    assert melding in antwoord.content.decode()
    assert not Logonderzoek.objects.filter(aanleiding__startswith="Incident").exists()


@pytest.mark.parametrize("naam", ["beheerder", "verbindingsofficier", "mbo-intake", "coordinator"])
def test_nobody_else_reaches_the_search(client, demo, naam):
    onderzoek = policy.log_onderzoeken(
        demo.privacy,
        persoon=demo.mbo_intake,
        van=timezone.localdate() - dt.timedelta(days=3),
        tot=timezone.localdate(),
        aanleiding="Klacht 17",
    )
    client.force_login(demo.users[naam])
    assert client.get(URL).status_code == 404
    assert _zoek(client, demo.mbo_intake).status_code == 404
    assert client.get(reverse("privacy:logonderzoek_resultaat", args=[onderzoek.pk])).status_code == 404
    assert not Logonderzoek.objects.filter(aanleiding="Incident 2026-041").exists()
    vandaag = timezone.localdate()
    with pytest.raises(PermissionDenied):
        policy.log_onderzoeken(demo.users[naam], persoon=demo.mbo_intake, van=vandaag, tot=vandaag, aanleiding="x")


def test_an_fg_of_another_organisation_sees_neither_the_search_nor_its_people(client, demo):
    vandaag = timezone.localdate()
    onderzoek = policy.log_onderzoeken(
        demo.privacy, persoon=demo.mbo_intake, van=vandaag, tot=vandaag, aanleiding="Incident 9"
    )
    ander = netwerk_services.medewerker_opslaan(
        actor=None,
        gebruikersnaam="fg-noordpolder",
        voornaam="Femke",
        achternaam="Post",
        email="fg-noordpolder@example.org",
        organisatie=demo.mbo_intake_other.medewerker.organisatie,
        rol=Rol.FG,
    ).user
    client.force_login(ander)
    assert client.get(reverse("privacy:logonderzoek_resultaat", args=[onderzoek.pk])).status_code == 404
    assert "Incident 9" not in client.get(URL).content.decode()
    with pytest.raises(ValidationError):
        policy.log_onderzoeken(ander, persoon=demo.mbo_intake, van=vandaag, tot=vandaag, aanleiding="x")


def test_the_fg_lands_on_the_search_and_is_never_a_person_in_a_traject(client, demo, noah):
    client.force_login(demo.privacy)
    assert client.get(reverse("start"))["Location"] == URL
    assert not policy.zichtbaar_voor(demo.privacy).exists()
    assert client.get(reverse("trajecten:detail", args=[noah.pk])).status_code == 404
    assert demo.privacy.medewerker not in policy.toewijsbare_medewerkers(demo.coordinator, noah)
    pagina = client.get(URL).content.decode()
    assert "Logonderzoek" in pagina and "Mijn trajecten" not in pagina


def test_the_result_page_costs_the_same_for_ten_or_a_hundred_rows(client, demo, noah):
    client.force_login(demo.privacy)
    vandaag = timezone.localdate()

    def tellen(aantal):
        for i in range(aantal):
            _lezing(demo, demo.trajecten[("Noah", "Sem", "Liam")[i % 3]], tijdstip=timezone.now() - dt.timedelta(i))
        onderzoek = policy.log_onderzoeken(
            demo.privacy, persoon=demo.mbo_intake, van=vandaag - dt.timedelta(days=200), tot=vandaag, aanleiding="x"
        )
        with CaptureQueriesContext(connection) as vastgelegd:
            assert client.get(reverse("privacy:logonderzoek_resultaat", args=[onderzoek.pk])).status_code == 200
        return len(vastgelegd)

    tellen(1)  # the first request of a session reads more (session, second factor)
    assert tellen(10) == tellen(90)


@pytest.mark.postgres
def test_a_recorded_search_cannot_be_changed_or_removed(demo, vereist_postgres):
    vandaag = timezone.localdate()
    onderzoek = policy.log_onderzoeken(demo.privacy, persoon=demo.mbo_intake, van=vandaag, tot=vandaag, aanleiding="x")
    for sql in ("UPDATE toegang_logonderzoek SET aanleiding = 'weg'", "DELETE FROM toegang_logonderzoek"):
        with pytest.raises(DatabaseError), transaction.atomic():
            connection.cursor().execute(sql)
    onderzoek.refresh_from_db()
    assert onderzoek.aanleiding == "x"
