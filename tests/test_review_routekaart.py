"""Regression tests for what the review of the routekaart, meetings and reminders found."""

import datetime as dt
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from jji_traject.geschiedenis import bijwerken
from netwerk import services as netwerk_services
from netwerk.constants import Rol
from signalering import services as signalering
from signalering.models import Melding
from toegang import policy
from trajecten import services
from trajecten.constants import Fase, OverlegSoort, Partij, TaakStatus, Titel, Voorwaarde
from trajecten.models import Routekaart, Taak, Traject, Verantwoordelijkheid

pytestmark = pytest.mark.django_db
VANDAAG = timezone.localdate


def test_jji_meetings_and_follow_ups_do_not_reach_the_mbo(client, demo):
    noah = demo.trajecten["Noah"]
    services.overleg_vastleggen(
        actor=demo.itb,
        traject=noah,
        soort=OverlegSoort.TRAJECTKNOOPPUNT,
        datum=VANDAAG(),
        uitkomst="Interne afspraak JJI",
        vervolgtaken=["Interne vervolgstap JJI"],
    )
    vervolg = noah.taken.get(tekst="Interne vervolgstap JJI")
    assert vervolg.justitieel
    client.force_login(demo.verbindingsofficier)
    tekst = client.get(reverse("trajecten:detail", args=[noah.pk])).content.decode()
    assert "Interne afspraak JJI" not in tekst and "Interne vervolgstap JJI" not in tekst
    client.force_login(demo.coordinator)
    assert "Interne afspraak JJI" in client.get(reverse("trajecten:detail", args=[noah.pk])).content.decode()


def test_mbo_sees_a_meeting_it_took_part_in(demo):
    noah = demo.trajecten["Noah"]
    services.overleg_vastleggen(
        actor=demo.coordinator,
        traject=noah,
        soort=OverlegSoort.WARME_OVERDRACHT,
        datum=VANDAAG(),
        jongere_aanwezig=True,
        deelnemers=[demo.verbindingsofficier.medewerker],
        uitkomst="Start in februari",
    )
    assert policy.overleggen_zichtbaar_voor(demo.verbindingsofficier, noah).count() == 1
    assert policy.overleggen_zichtbaar_voor(demo.mbo_herkomst, demo.trajecten["Mila"]).count() == 0


def test_a_school_cannot_read_the_titel_from_stp_or_reasons(client, demo):
    start = VANDAAG() - dt.timedelta(days=3)
    vandaag = VANDAAG()
    traject = services.traject_starten(
        actor=demo.itb,
        jongere={"voornaam": "Titel", "achternaam": "Test", "geboortedatum": vandaag.replace(year=vandaag.year - 17)},
        traject={"titel": Titel.VOORLOPIGE_HECHTENIS, "verblijfsduur": "lang", "startdatum": start},
    )
    services.toewijzing_toevoegen(actor=demo.itb, traject=traject, medewerker=demo.coordinator.medewerker)
    nvt = traject.taken.filter(voorwaarde=Voorwaarde.STP).first()
    assert nvt.route_nvt and "hechtenis" not in nvt.reden
    client.force_login(demo.coordinator)
    tekst = client.get(reverse("trajecten:detail", args=[traject.pk])).content.decode()
    i = tekst.find("Start STP")
    assert i == -1, tekst[i - 300 : i + 100]
    assert "hechtenis" not in tekst and "schorsing" not in tekst.lower()


def test_notifications_hide_a_justice_task_once_it_is_no_longer_visible(client, demo):
    bijwerken(Taak.objects.all(), deadline=None)
    noah = demo.trajecten["Noah"]
    taak = (
        noah.taken.filter(justitieel=True, organisatie__naam="JJI Duinzicht").exclude(status=TaakStatus.GEDAAN).first()
    )
    taak.medewerker, taak.deadline = demo.itb.medewerker, VANDAAG()
    taak.save(update_fields=["medewerker", "deadline"])
    signalering.herinneringen_versturen()
    assert Melding.objects.filter(ontvanger=demo.itb, taak=taak).exists()
    m = demo.itb.medewerker
    netwerk_services.medewerker_opslaan(
        actor=demo.beheerder,
        medewerker=m,
        gebruikersnaam=m.user.username,
        voornaam=m.user.first_name,
        achternaam=m.user.last_name,
        email=m.user.email,
        organisatie=demo.coordinator.medewerker.organisatie,
        rol=Rol.DOCENT,
    )
    client.force_login(demo.itb)
    tekst = client.get(reverse("signalering:meldingen")).content.decode()
    assert taak.tekst not in tekst and "geen toegang meer" in tekst


def test_a_justice_line_cannot_be_given_to_a_school(demo):
    kaart = Routekaart.objects.get(regio=demo.beheerder.medewerker.organisatie.regio)
    regel = Verantwoordelijkheid.objects.filter(stap__routekaart=kaart, justitieel=True, vast=False).first()
    with pytest.raises(ValidationError, match="justitiepartner"):
        services.verantwoordelijkheid_invullen(actor=demo.beheerder, regel=regel, uitvoerder=Partij.JJI_SCHOOL)


def test_filling_in_a_blank_reaches_running_trajecten(demo):
    kaart = Routekaart.objects.get(regio=demo.beheerder.medewerker.organisatie.regio)
    regel = Verantwoordelijkheid.objects.filter(
        stap__routekaart=kaart, stap__nummer=1, taak="Ouders op de hoogte brengen"
    ).get()
    assert regel.is_open
    services.verantwoordelijkheid_invullen(actor=demo.beheerder, regel=regel, uitvoerder=Partij.JJI)
    yara = demo.trajecten["Yara"]  # instroom: the task is still open
    taak = yara.taken.get(verantwoordelijkheid=regel)
    assert taak.partij == Partij.JJI and taak.organisatie.naam == "JJI Duinzicht"


def test_open_tasks_follow_a_revoked_grondslag(demo):
    noah = demo.trajecten["Noah"]
    open_mbo = noah.taken.filter(partij=Partij.MBO_ONTVANGEND).exclude(status__in=[TaakStatus.GEDAAN, TaakStatus.NVT])
    assert open_mbo.filter(organisatie__naam="ROC Lindewaard").exists()
    services.toestemming_intrekken(actor=demo.coordinator, toestemming=noah.toestemmingen.get())
    assert not open_mbo.filter(organisatie__isnull=False).exists()


def test_shorter_stay_drops_the_stp_deadline(demo):
    noah = demo.trajecten["Noah"]
    tafel = noah.taken.get(stap=6, tekst="Nazorgtafel voor uitstroom organiseren")
    assert tafel.deadline is not None
    services.traject_wijzigen(actor=demo.itb, traject=noah, jongere={}, gegevens={"verblijfsduur": "kort"})
    tafel.refresh_from_db()
    assert tafel.deadline is None


def test_schorsing_from_verblijf(demo):
    noah = demo.trajecten["Noah"]
    services.traject_fase_wijzigen(actor=demo.itb, traject=noah, fase=Fase.UITSTROOM, schorsing=True)
    assert not noah.taken.filter(stap__in=[3, 4, 5, 6, 7], status=TaakStatus.OPEN).exists()
    assert set(noah.taken.filter(stap=8).exclude(status=TaakStatus.GEDAAN).values_list("deadline", flat=True)) == {
        VANDAAG()
    }


def test_meetings_respect_the_task_rules(demo):
    noah = demo.trajecten["Noah"]
    tafel = noah.taken.get(tekst="Eerste nazorgtafel")
    services.overleg_vastleggen(
        actor=demo.coordinator, traject=noah, soort=OverlegSoort.NAZORGTAFEL, datum=VANDAAG() + dt.timedelta(days=5)
    )
    tafel.refresh_from_db()
    assert tafel.status == TaakStatus.OPEN  # planned, not yet held
    with pytest.raises(ValidationError, match="uitstroombestemming"):
        services.overleg_vastleggen(
            actor=demo.verbindingsofficier,
            traject=noah,
            soort=OverlegSoort.NAZORGTAFEL,
            datum=VANDAAG(),
            uitstroombestemming="werk",
        )
    services.overleg_vastleggen(actor=demo.coordinator, traject=noah, soort=OverlegSoort.CONTACTMOMENT, datum=VANDAAG())
    assert not noah.taken.filter(overleg_soort=OverlegSoort.CONTACTMOMENT, status=TaakStatus.GEDAAN).exists()


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


def test_a_failed_mail_is_sent_on_the_next_run(demo):
    from django.core import mail

    bijwerken(Taak.objects.all(), deadline=None)
    noah = demo.trajecten["Noah"]
    taak = noah.taken.filter(organisatie__naam="ROC Lindewaard").exclude(status=TaakStatus.GEDAAN).first()
    taak.deadline = VANDAAG()
    taak.save(update_fields=["deadline"])
    with mock.patch("signalering.services.send_mail", side_effect=OSError("smtp weg")):
        assert signalering.herinneringen_versturen() == 1
    assert Melding.objects.filter(gemaild_op__isnull=True).count() == 1 and not mail.outbox
    assert signalering.herinneringen_versturen() == 0
    assert len(mail.outbox) == 1 and not Melding.objects.filter(gemaild_op__isnull=True).exists()


def test_closed_traject_tasks_stay_closed(demo):
    liam = demo.trajecten["Liam"]
    taak = liam.taken.exclude(status=TaakStatus.GEDAAN).filter(justitieel=False).first()
    services.traject_afsluiten(
        actor=demo.jji_school, traject=liam, datum=VANDAAG(), besluit="Stabiel.", advies="Mentor ROC"
    )
    with pytest.raises(ValidationError, match="afgesloten"):
        services.taak_bijwerken(actor=demo.jji_school, taak=taak, status=TaakStatus.GEDAAN)
    with pytest.raises(ValidationError, match="afgesloten"):
        services.taak_toevoegen(
            actor=demo.jji_school, traject=liam, stap=10, tekst="x", organisatie=None, deadline=None
        )
    assert Traject.objects.get(pk=liam.pk).is_afgesloten


def test_other_organisations_tasks_are_refused_with_permission_denied(demo):
    noah = demo.trajecten["Noah"]
    ander = noah.taken.filter(justitieel=False).exclude(organisatie__naam="ROC Lindewaard").first()
    with pytest.raises(PermissionDenied):
        services.taak_bijwerken(actor=demo.verbindingsofficier, taak=ander, status=TaakStatus.GEDAAN)


def test_a_person_who_moves_leaves_their_tasks_with_the_organisation(demo):
    noah = demo.trajecten["Noah"]
    taak = noah.taken.filter(organisatie__naam="ROC Lindewaard").exclude(status=TaakStatus.GEDAAN).first()
    services.taak_bijwerken(
        actor=demo.verbindingsofficier, taak=taak, status=TaakStatus.BEZIG, medewerker=demo.mbo_intake.medewerker
    )
    m = demo.mbo_intake.medewerker
    netwerk_services.medewerker_opslaan(
        actor=demo.beheerder,
        medewerker=m,
        gebruikersnaam=m.user.username,
        voornaam=m.user.first_name,
        achternaam=m.user.last_name,
        email=m.user.email,
        organisatie=demo.mbo_intake_other.medewerker.organisatie,
        rol=Rol.INTAKER,
    )
    taak.refresh_from_db()
    assert taak.medewerker is None and taak.organisatie.naam == "ROC Lindewaard"
