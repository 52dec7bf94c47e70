"""The beheer pages (Django admin) of the functioneel beheerder: people and organisations of
their own regio, saved through the services, never youth data."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

from netwerk.constants import AanvraagSoort, AanvraagStatus, OrganisatieSoort, Rol
from netwerk.models import Accountaanvraag, Medewerker, Organisatie, Regio
from toegang import policy
from trajecten import models as traject_models

from ..accounts import goedkeuren
from ..lezers import zichtbaar_vers

pytestmark = pytest.mark.django_db


def test_no_youth_model_is_registered_in_the_admin():
    geregistreerd = set(admin.site._registry)
    for model in (
        traject_models.Jongere,
        traject_models.Traject,
        traject_models.Betrokkenheid,
        traject_models.Toewijzing,
        traject_models.Toestemming,
    ):
        assert model not in geregistreerd
        assert model.history.model not in geregistreerd


def _nieuwe_medewerker(client, **velden):
    gegevens = {"voornaam": "Nora", "achternaam": "Nieuw", "email": "nora@example.org", "actief": "on", **velden}
    return client.post(reverse("admin:netwerk_medewerker_add"), gegevens)


def test_beheerder_adds_a_person_as_a_request_and_it_takes_effect_on_approval(client, demo):
    client.force_login(demo.beheerder)
    mbo = Organisatie.objects.get(naam="ROC Lindewaard")
    response = _nieuwe_medewerker(
        client,
        gebruikersnaam="nieuwe-zorg",
        organisatie=mbo.pk,
        rol=Rol.ZORGCOORDINATOR,
        functietitel="Zorgcoördinator",
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    aanvraag = Accountaanvraag.objects.get(gebruikersnaam="nieuwe-zorg")
    assert response["Location"] == reverse("netwerk:accountaanvraag", args=[aanvraag.pk])
    assert not get_user_model().objects.filter(username="nieuwe-zorg").exists()  # nothing yet
    goedkeuren(aanvraag, demo.verbindingsofficier)
    user = get_user_model().objects.get(username="nieuwe-zorg")
    assert not user.has_usable_password()  # they choose it through the activation link
    assert set(user.groups.values_list("name", flat=True)) == {
        "rol:zorgcoordinator",
        f"org:{mbo.pk}:rol:zorgcoordinator",
    }
    # A zorgcoördinator of the mbo sees every traject in which the mbo is active.
    assert {t.jongere.voornaam for t in policy.zichtbaar_voor(user)} == {"Noah", "Liam", "Daan", "Finn"}


def test_beheerder_requests_a_system_account_without_a_password(client, demo):
    client.force_login(demo.beheerder)
    mbo = Organisatie.objects.get(naam="ROC Lindewaard")
    velden = {"gebruikersnaam": "roc-koppeling", "organisatie": mbo.pk, "rol": Rol.SYSTEEM}
    response = _nieuwe_medewerker(client, **velden, functietitel="Koppeling studentadministratie")
    assert response.status_code == 302, response.content.decode()[:2000]
    aanvraag = Accountaanvraag.objects.get(gebruikersnaam="roc-koppeling")
    assert aanvraag.soort == AanvraagSoort.SYSTEEMACCOUNT
    goedkeuren(aanvraag, demo.verbindingsofficier)
    user = get_user_model().objects.get(username="roc-koppeling")
    assert not user.has_usable_password() and not user.is_staff
    assert {t.jongere.voornaam for t in policy.zichtbaar_voor(user)} == {"Noah", "Liam", "Daan", "Finn"}


def test_rol_that_does_not_fit_the_organisation_is_refused(client, demo):
    client.force_login(demo.beheerder)
    mbo = Organisatie.objects.get(naam="ROC Lindewaard")
    response = _nieuwe_medewerker(client, gebruikersnaam="fout", organisatie=mbo.pk, rol=Rol.ITB)
    assert response.status_code == 200
    assert "past niet bij een organisatie" in response.content.decode()
    assert not get_user_model().objects.filter(username="fout").exists()
    assert not Accountaanvraag.objects.filter(gebruikersnaam="fout").exists()


def test_duplicate_username_is_refused_and_there_is_no_password_field(client, demo):
    client.force_login(demo.beheerder)
    mbo = Organisatie.objects.get(naam="ROC Lindewaard")
    response = _nieuwe_medewerker(
        client, gebruikersnaam="mbo-intake", organisatie=mbo.pk, rol=Rol.INTAKER, wachtwoord="kort"
    )
    tekst = response.content.decode()
    assert response.status_code == 200
    assert "al in gebruik" in tekst
    assert "wachtwoord" not in response.context["adminform"].form.fields


def test_designation_through_the_admin(client, demo):
    client.force_login(demo.beheerder)
    mbo = Organisatie.objects.get(naam="ROC Lindewaard")
    response = client.post(
        reverse("admin:netwerk_organisatie_change", args=[mbo.pk]),
        {
            "naam": mbo.naam,
            "soort": mbo.soort,
            "regio": mbo.regio_id,
            "plaats": mbo.plaats,
            "jji": "",
            "verbindingsofficier": demo.mbo_intake.medewerker.pk,
            "actief": "on",
        },
    )
    assert response.status_code == 302
    intake = get_user_model().objects.get(pk=demo.mbo_intake.pk)
    assert {t.jongere.voornaam for t in policy.zichtbaar_voor(intake)} == {"Noah", "Liam", "Daan", "Finn"}
    oud = get_user_model().objects.get(pk=demo.verbindingsofficier.pk)
    assert set(policy.zichtbaar_voor(oud)) == set()


def test_verbindingsofficier_must_work_at_the_organisation(client, demo):
    mbo = Organisatie.objects.get(naam="ROC Lindewaard")
    mbo.verbindingsofficier = demo.mbo_intake_other.medewerker
    with pytest.raises(Exception, match="moet bij deze organisatie werken"):
        mbo.full_clean()


def test_beheerder_sees_only_its_own_regio(client, demo):
    elders = Regio.objects.create(naam="Regio Elders")
    Organisatie.objects.create(naam="Verre JJI", soort=OrganisatieSoort.JJI, regio=elders)
    client.force_login(demo.beheerder)
    tekst = client.get(reverse("admin:netwerk_organisatie_changelist")).content.decode()
    assert "ROC Lindewaard" in tekst and "Verre JJI" not in tekst
    verre = Organisatie.objects.get(naam="Verre JJI")
    assert client.get(reverse("admin:netwerk_organisatie_change", args=[verre.pk])).status_code == 302


def test_nothing_is_deleted_through_the_admin(client, demo):
    client.force_login(demo.beheerder)
    m = Medewerker.objects.get(user__username="mbo-intake")
    assert client.get(reverse("admin:netwerk_medewerker_delete", args=[m.pk])).status_code == 403


def test_ordinary_staff_cannot_reach_the_admin(client, demo):
    client.force_login(demo.coordinator)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_beheerder_has_no_user_or_guardian_admin(client, demo):
    client.force_login(demo.beheerder)
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403


def test_moving_a_person_through_the_admin_ends_assignments_and_designation_once_approved(client, demo):
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
    # A request: nothing moved yet.
    assert Organisatie.objects.get(naam="ROC Lindewaard").verbindingsofficier_id == vo.pk
    assert zichtbaar_vers(demo.verbindingsofficier)
    goedkeuren(Accountaanvraag.objects.get(medewerker=vo, status=AanvraagStatus.AANGEVRAAGD))
    assert Organisatie.objects.get(naam="ROC Lindewaard").verbindingsofficier_id is None
    assert zichtbaar_vers(demo.verbindingsofficier) == set()
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
    assert Medewerker.objects.get(pk=intake.pk).toewijzingen.exists()
    goedkeuren(Accountaanvraag.objects.get(medewerker=intake, status=AanvraagStatus.AANGEVRAAGD))
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
    # The beheer page takes no password at all: the field is ignored.
    assert response.status_code == 302
    assert not get_user_model().objects.get(pk=vo.user_id).check_password("een-nieuw-lang-wachtwoord-2026")
