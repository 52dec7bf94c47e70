"""Tasks follow the traject and the routekaart: no titel read from an STP task or its reason,
justice lines stay with justice partners, a filled-in blank reaches running trajecten, open
tasks follow a revoked grondslag, a shorter stay or a schorsing; a closed traject's tasks stay
closed, another organisation's task is refused, and a person who moves leaves their tasks."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from trajecten import services
from trajecten.constants import Fase, Partij, TaakStatus, Titel, Voorwaarde
from trajecten.models import Routekaart, Traject, Verantwoordelijkheid

from ..accounts import wijzigen

pytestmark = pytest.mark.django_db
VANDAAG = timezone.localdate


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
    # The move is a request that the receiving organisation's side approves (four eyes).
    wijzigen(demo, demo.mbo_intake.medewerker, organisatie=demo.mbo_intake_other.medewerker.organisatie)
    taak.refresh_from_db()
    assert taak.medewerker is None and taak.organisatie.naam == "ROC Lindewaard"
