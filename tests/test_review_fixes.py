"""Regression tests for the access and save bugs found in review of the foundation."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from netwerk import services as netwerk_services
from netwerk.constants import Rol
from netwerk.models import Medewerker, Organisatie
from toegang import policy
from toegang.models import TrajectUserObjectPermission
from trajecten import services
from trajecten.constants import BetrokkenheidSoort, Grondslag, Wijze
from trajecten.models import Jongere, Traject

pytestmark = pytest.mark.django_db


def zichtbaar(user):
    user = get_user_model().objects.get(pk=user.pk)
    return {t.jongere.voornaam for t in policy.zichtbaar_voor(user).select_related("jongere")}


def test_edit_page_saves_and_records_the_titel_history(client, demo):
    noah = demo.trajecten["Noah"]
    client.force_login(demo.itb)
    response = client.post(
        reverse("trajecten:wijzigen", args=[noah.pk]),
        {
            "jongere-voornaam": "Noa",
            "jongere-achternaam": "Verbeek",
            "jongere-geboortedatum": noah.jongere.geboortedatum.isoformat(),
            "traject-titel": "pij",
            "traject-verblijfsduur": "kort",
            "traject-startdatum": noah.startdatum.isoformat(),
            "traject-uitstroombestemming": "werk",
        },
    )
    assert response.status_code == 302
    noah = Traject.objects.select_related("jongere").get(pk=noah.pk)
    assert (noah.jongere.voornaam, noah.titel, noah.verblijfsduur, noah.uitstroombestemming) == (
        "Noa",
        "pij",
        "kort",
        "werk",
    )
    assert noah.history.first().titel == "pij"


def test_moving_a_person_through_the_admin_ends_assignments_and_designation(client, demo):
    client.force_login(demo.beheerder)
    vo = demo.verbindingsofficier.medewerker
    herkomst = demo.mbo_herkomst.medewerker.organisatie
    response = client.post(
        reverse("admin:netwerk_medewerker_change", args=[vo.pk]),
        {
            "gebruikersnaam": "verbindingsofficier",
            "voornaam": "Marco",
            "achternaam": "Janssen",
            "email": "verbindingsofficier@example.org",
            "actief": "on",
            "organisatie": herkomst.pk,
            "rol": Rol.INTAKER,
        },
    )
    assert response.status_code == 302
    assert Organisatie.objects.get(naam="ROC Lindewaard").verbindingsofficier_id is None
    assert zichtbaar(demo.verbindingsofficier) == set()
    intake = demo.mbo_intake.medewerker
    client.post(
        reverse("admin:netwerk_medewerker_change", args=[intake.pk]),
        {
            "gebruikersnaam": "mbo-intake",
            "voornaam": "Linda",
            "achternaam": "Vermeulen",
            "email": "mbo-intake@example.org",
            "actief": "on",
            "organisatie": herkomst.pk,
            "rol": Rol.INTAKER,
        },
    )
    assert not Medewerker.objects.get(pk=intake.pk).toewijzingen.exists()


def test_beheerder_cannot_escalate_to_youth_data_or_take_over_accounts(client, demo):
    client.force_login(demo.beheerder)
    eigen = demo.beheerder.medewerker
    response = client.post(
        reverse("admin:netwerk_medewerker_change", args=[eigen.pk]),
        {
            "gebruikersnaam": "beheerder",
            "voornaam": "Bram",
            "achternaam": "Visser",
            "email": "beheerder@example.org",
            "actief": "on",
            "organisatie": eigen.organisatie_id,
            "rol": Rol.ZORGCOORDINATOR,
        },
    )
    assert response.status_code == 200 and "niet zelf" in response.content.decode()
    assert Medewerker.objects.get(pk=eigen.pk).rol == Rol.BEHEERDER
    vo = demo.verbindingsofficier.medewerker
    response = client.post(
        reverse("admin:netwerk_medewerker_change", args=[vo.pk]),
        {
            "gebruikersnaam": "verbindingsofficier",
            "voornaam": "Marco",
            "achternaam": "Janssen",
            "email": "verbindingsofficier@example.org",
            "actief": "on",
            "organisatie": vo.organisatie_id,
            "rol": vo.rol,
            "wachtwoord": "een-nieuw-lang-wachtwoord-2026",
        },
    )
    assert response.status_code == 200 and "eerste wachtwoord" in response.content.decode()
    assert not get_user_model().objects.get(pk=vo.user_id).check_password("een-nieuw-lang-wachtwoord-2026")


def test_deactivated_organisation_closes_every_door(demo):
    mbo = Organisatie.objects.get(naam="ROC Lindewaard")
    assert zichtbaar(demo.verbindingsofficier)
    mbo.actief = False
    netwerk_services.organisatie_opslaan(actor=demo.beheerder, organisatie=mbo)
    assert zichtbaar(demo.verbindingsofficier) == set()
    assert zichtbaar(demo.mbo_intake) == set()


def test_leerplicht_grondslag_lapses_with_kwalificatieplicht(demo):
    mila = demo.trajecten["Mila"]
    toestemming = mila.toestemmingen.get()
    assert toestemming.grondslag == Grondslag.LEERPLICHT
    assert toestemming.geldig_tot is not None
    assert toestemming.geldig_tot < mila.jongere.geboortedatum.replace(year=mila.jongere.geboortedatum.year + 18)


def test_revocation_ends_the_organisations_assignments(demo):
    noah = demo.trajecten["Noah"]
    toestemming = noah.toestemmingen.get()
    services.toestemming_intrekken(actor=demo.coordinator, toestemming=toestemming)
    assert not noah.toewijzingen.filter(medewerker__user=demo.mbo_intake).exists()
    services.kennisgeving_vastleggen(
        actor=demo.coordinator,
        traject=noah,
        ontvanger=toestemming.ontvanger,
        gegevens={
            "grondslag": Grondslag.TOESTEMMING_JONGERE,
            "datum_gegeven": timezone.localdate(),
            "wijze": Wijze.MONDELING,
            "weigeren_zonder_gevolgen": True,
        },
    )
    # A new grondslag reopens the traject to the organisation's VO, not silently to the intaker.
    assert "Noah" in zichtbaar(demo.verbindingsofficier)
    assert "Noah" not in zichtbaar(demo.mbo_intake)
    assert not TrajectUserObjectPermission.objects.filter(content_object=noah, user=demo.mbo_intake).exists()


def test_second_valid_grondslag_for_the_same_organisation_is_refused(demo):
    from django.core.exceptions import ValidationError

    noah = demo.trajecten["Noah"]
    with pytest.raises(ValidationError, match="al een geldige grondslag"):
        services.kennisgeving_vastleggen(
            actor=demo.coordinator,
            traject=noah,
            ontvanger=noah.toestemmingen.get().ontvanger,
            gegevens={
                "grondslag": Grondslag.TOESTEMMING_JONGERE,
                "datum_gegeven": timezone.localdate(),
                "wijze": Wijze.MONDELING,
                "weigeren_zonder_gevolgen": True,
            },
        )


def test_regie_cannot_reach_another_trajects_sub_objects(client, demo):
    noah, sem = demo.trajecten["Noah"], demo.trajecten["Sem"]
    client.force_login(demo.coordinator)
    sem_b = sem.betrokkenheden.get(soort=BetrokkenheidSoort.MBO_ONTVANGEND)
    noah_toestemming = noah.toestemmingen.get()
    assert client.get(reverse("trajecten:grondslag_vastleggen", args=[noah.pk, sem_b.pk])).status_code == 404
    assert (
        client.post(reverse("trajecten:toestemming_intrekken", args=[sem.pk, noah_toestemming.pk])).status_code == 404
    )
    noah_toestemming.refresh_from_db()
    assert noah_toestemming.ingetrokken_op is None
    sem_toewijzing = sem.toewijzingen.first()
    assert client.post(reverse("trajecten:toewijzing_beeindigen", args=[noah.pk, sem_toewijzing.pk])).status_code == 404
    sem_taak = sem.taken.filter(justitieel=False).first()
    response = client.post(reverse("trajecten:taak_bijwerken", args=[noah.pk, sem_taak.pk]), {})
    assert response.status_code == 404


def test_closed_traject_cannot_be_changed(demo):
    from django.core.exceptions import ValidationError

    liam = demo.trajecten["Liam"]
    services.traject_afsluiten(
        actor=demo.jji_school,
        traject=liam,
        datum=timezone.localdate(),
        besluit="Stabiel op school.",
        advies="Mentor ROC",
    )
    with pytest.raises(ValidationError, match="afgesloten"):
        services.betrokkenheid_toevoegen(
            actor=demo.coordinator,
            traject=liam,
            organisatie=demo.mbo_herkomst.medewerker.organisatie,
            soort=BetrokkenheidSoort.MBO_HERKOMST,
        )


def test_implausible_dates_are_refused(demo):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        Jongere(voornaam="A", achternaam="B", geboortedatum=dt.date(1, 1, 1)).full_clean()


def test_messages_do_not_travel_in_a_cookie(client, demo, settings):
    assert settings.MESSAGE_STORAGE.endswith("SessionStorage")
