"""The partners after release at work in the traject (issue 18, item 1): the gemeente (with the
regie over nazorg where the regio's routekaart says so), (jeugd)reclassering and leerplicht/RMC.
Need to know holds: each sees a traject only while active in it, its own organisation's tasks,
the meetings it recorded or joined, and reads a dossier part only on a grondslag. The INJUS
message is the gemeente's basis for the kennisgeving only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from netwerk.constants import OrganisatieSoort, Rol, rollen_voor_soort
from netwerk.models import Organisatie
from tests.api.klant import json_fout, klant
from tests.conftest import login
from toegang import policy
from toegang.models import Raadpleging
from trajecten import services
from trajecten.constants import (
    KENNISGEVING,
    BetrokkenheidSoort,
    Categorie,
    Fase,
    Grondslag,
    OverlegSoort,
    Wijze,
)
from trajecten.forms import KennisgevingForm
from trajecten.models import Overleg, Toestemming

pytestmark = pytest.mark.django_db

IN_UITSTROOM = {"Liam", "Jayden", "Finn", "Thijs"}


def _injus(**extra):
    return {
        "grondslag": Grondslag.INJUS,
        "datum_gegeven": timezone.localdate(),
        "wijze": Wijze.WETTELIJK,
        "bron": "INJUS-bericht 12-11-2026, kenmerk TEST-1",
        **extra,
    }


def _gemeente_erbij(traject, coordinator, **gegevens):
    gemeente = Organisatie.objects.get(naam="Gemeente Lindewaard")
    if not traject.betrokkenheden.filter(organisatie=gemeente).exists():
        services.betrokkenheid_toevoegen(
            actor=coordinator, traject=traject, organisatie=gemeente, soort=BetrokkenheidSoort.GEMEENTE
        )
    return services.kennisgeving_vastleggen(
        actor=coordinator, traject=traject, ontvanger=gemeente, gegevens=_injus(**gegevens)
    )


# --- roles --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("soort", "rollen"),
    [
        (OrganisatieSoort.GEMEENTE, {Rol.NAZORGCOORDINATOR, Rol.CASEMANAGER_NAZORG}),
        (OrganisatieSoort.JEUGDRECLASSERING, {Rol.JEUGDRECLASSEERDER, Rol.RECLASSERINGSWERKER}),
        (OrganisatieSoort.RECLASSERING, {Rol.JEUGDRECLASSEERDER, Rol.RECLASSERINGSWERKER}),
        (
            OrganisatieSoort.LEERPLICHT_RMC,
            {Rol.COORDINATOR_LEERPLICHT, Rol.LEERPLICHTAMBTENAAR, Rol.RMC_CONSULENT},
        ),
    ],
)
def test_each_nazorg_partner_has_its_own_roles_and_no_school_role(soort, rollen):
    toegestaan = rollen_voor_soort(soort)
    assert rollen <= toegestaan
    assert not {Rol.DOCENT, Rol.ZORGCOORDINATOR, Rol.INTAKER, Rol.ITB} & toegestaan
    # and no school or JJI takes these roles
    for school in (OrganisatieSoort.MBO, OrganisatieSoort.JJI_SCHOOL, OrganisatieSoort.JJI):
        assert not rollen & rollen_voor_soort(school)


def test_a_nazorg_role_at_a_school_is_refused(demo):
    medewerker = demo.mbo_intake.medewerker
    medewerker.rol = Rol.NAZORGCOORDINATOR
    with pytest.raises(ValidationError) as fout:
        medewerker.full_clean()
    assert "rol" in fout.value.message_dict


def test_leerplicht_rmc_is_an_organisation_of_its_own_not_the_gemeente(demo):
    traject = demo.trajecten["Liam"]
    gemeente = Organisatie.objects.get(naam="Gemeente Lindewaard")
    with pytest.raises(ValidationError):
        services.betrokkenheid_toevoegen(
            actor=demo.coordinator, traject=traject, organisatie=gemeente, soort=BetrokkenheidSoort.LEERPLICHT_RMC
        )


# --- who sees which traject -----------------------------------------------------------------


def test_the_nazorgcoordinator_sees_every_traject_where_the_gemeente_is_active_and_no_other(demo):
    gezien = {t.jongere.voornaam for t in policy.zichtbaar_voor(demo.gemeente)}
    assert gezien == IN_UITSTROOM
    assert all(t.fase == Fase.UITSTROOM for t in policy.zichtbaar_voor(demo.gemeente))


def test_assigned_roles_see_only_their_assigned_trajecten(demo):
    assert {t.jongere.voornaam for t in policy.zichtbaar_voor(demo.jeugdreclassering)} == {"Liam", "Thijs"}
    assert {t.jongere.voornaam for t in policy.zichtbaar_voor(demo.leerplicht)} == {"Finn", "Jayden"}
    # The demo jeugdreclassering is active in Liam's traject; a colleague not assigned sees nothing.
    from netwerk import services as netwerk_services

    collega = netwerk_services.medewerker_opslaan(
        actor=None,
        gebruikersnaam="collega-jr",
        voornaam="Kim",
        achternaam="Test",
        email="collega-jr@example.org",
        organisatie=demo.jeugdreclassering.medewerker.organisatie,
        rol=Rol.RECLASSERINGSWERKER,
        functietitel="Reclasseringswerker",
        telefoon="",
        wachtwoord="x-Kim-geheim-2026!",
    )
    assert not policy.zichtbaar_voor(collega.user).exists()


def test_a_revoked_kennisgeving_closes_the_traject_to_the_gemeente_at_once(demo):
    traject = demo.trajecten["Thijs"]
    injus = traject.toestemmingen.geldig().get(ontvanger__soort=OrganisatieSoort.GEMEENTE, categorie=KENNISGEVING)
    assert policy.is_zichtbaar(demo.gemeente, traject)
    services.toestemming_intrekken(actor=demo.coordinator, toestemming=injus)
    traject.__dict__.pop("_toegang_cache", None)
    assert not policy.is_zichtbaar(demo.gemeente, traject)


# --- what a nazorg partner sees in a traject ----------------------------------------------------


def test_a_nazorg_partner_sees_only_its_own_organisations_tasks(demo):
    traject = demo.trajecten["Liam"]
    for naam in ("gemeente", "jeugdreclassering"):
        user = demo.users[naam]
        taken = policy.taken_zichtbaar_voor(user, traject)
        assert taken.exists()
        assert set(taken.values_list("organisatie_id", flat=True)) == {user.medewerker.organisatie_id}
        mijn = policy.mijn_taken(user).filter(traject=traject)
        assert set(mijn.values_list("organisatie_id", flat=True)) <= {user.medewerker.organisatie_id}
    # The school still sees more than the gemeente's tasks.
    assert (
        policy.taken_zichtbaar_voor(demo.mbo_intake, traject)
        .exclude(organisatie=demo.gemeente.medewerker.organisatie)
        .exists()
    )


def test_the_gemeente_holds_the_regie_over_nazorg_in_the_demo_regio_and_reads_the_toekomstperspectief(demo, client):
    liam = demo.trajecten["Liam"]
    assert policy.heeft_regie_nazorg(demo.gemeente, liam)
    assert not policy.heeft_regie_nazorg(demo.jeugdreclassering, liam)
    assert policy.mag_toekomstperspectief_lezen(demo.gemeente, liam)
    assert not policy.mag_toekomstperspectief_lezen(demo.jeugdreclassering, liam)
    assert policy.mag_toekomstperspectief_lezen(demo.mbo_intake, liam)

    pagina = login(client, demo.gemeente).get(reverse("trajecten:detail", args=[liam.pk])).content.decode()
    assert 'id="toekomstperspectief"' in pagina
    client.logout()
    pagina = login(client, demo.jeugdreclassering).get(reverse("trajecten:detail", args=[liam.pk])).content.decode()
    assert 'id="toekomstperspectief"' not in pagina


def test_the_titel_only_for_the_justice_partner(demo, client):
    liam = demo.trajecten["Liam"]
    titel = liam.get_titel_display()
    assert policy.mag_titel_zien(demo.jeugdreclassering, liam)
    assert not policy.mag_titel_zien(demo.gemeente, liam)
    finn = demo.trajecten["Finn"]
    assert not policy.mag_titel_zien(demo.leerplicht, finn)
    pagina = login(client, demo.gemeente).get(reverse("trajecten:detail", args=[liam.pk])).content.decode()
    assert titel not in pagina
    client.logout()
    pagina = login(client, demo.jeugdreclassering).get(reverse("trajecten:detail", args=[liam.pk])).content.decode()
    assert titel in pagina


def test_meetings_the_nazorg_partner_joined_or_recorded_only(demo):
    liam = demo.trajecten["Liam"]
    vandaag = timezone.localdate()
    intern = Overleg.objects.create(
        traject=liam, soort=OverlegSoort.TRAJECTKNOOPPUNT, datum=vandaag, vastgelegd_door=demo.itb
    )
    met_jr = Overleg.objects.create(
        traject=liam, soort=OverlegSoort.NAZORGTAFEL, datum=vandaag, vastgelegd_door=demo.itb
    )
    met_jr.deelnemers.add(demo.jeugdreclassering.medewerker)
    zonder = Overleg.objects.create(
        traject=liam, soort=OverlegSoort.NAZORGTAFEL, datum=vandaag, vastgelegd_door=demo.itb
    )
    gezien = set(policy.overleggen_zichtbaar_voor(demo.jeugdreclassering, liam))
    assert met_jr in gezien and intern not in gezien and zonder not in gezien
    assert intern in set(policy.overleggen_zichtbaar_voor(demo.itb, liam))


def test_no_dossier_part_without_a_grondslag_page_api_and_log(demo, client):
    liam = demo.trajecten["Liam"]
    assert policy.leesbare_categorieen(demo.gemeente, liam) == {}
    voor = Raadpleging.objects.filter(actor=demo.gemeente, geweigerd=True).count()
    antwoord = klant(demo.gemeente).get(reverse("api:dossierdeel", args=[liam.pk, Categorie.ONDERWIJSINFORMATIE]))
    assert antwoord.status_code == 403
    json_fout(antwoord, "not_shared")
    assert Raadpleging.objects.filter(actor=demo.gemeente, geweigerd=True).count() == voor + 1


def test_the_gemeente_records_a_contact_moment_after_release(demo):
    liam = demo.trajecten["Liam"]
    assert policy.mag_overleg_vastleggen(demo.gemeente, liam)
    assert not policy.mag_traject_beheren(demo.gemeente, liam)
    assert not policy.mag_grondslag_vastleggen(demo.gemeente, liam)


def test_the_nazorgcoordinator_approves_account_requests_of_the_gemeente(demo):
    assert Rol.NAZORGCOORDINATOR in policy.accounts.BEOORDELAAR_ROLLEN


# --- the INJUS message --------------------------------------------------------------------------


def test_injus_makes_the_gemeente_active_with_its_source(demo):
    traject = demo.trajecten["Daan"]
    assert not policy.is_zichtbaar(demo.gemeente, traject)
    toestemming = _gemeente_erbij(traject, demo.coordinator)
    assert toestemming.bron.startswith("INJUS-bericht")
    traject.__dict__.pop("_toegang_cache", None)
    assert policy.is_zichtbaar(demo.gemeente, traject)
    assert policy.leesbare_categorieen(demo.gemeente, traject) == {}


@pytest.mark.parametrize(
    ("extra", "veld"),
    [
        ({"bron": "  "}, "bron"),
        ({"wijze": Wijze.MONDELING}, "wijze"),
    ],
)
def test_injus_needs_its_source_and_is_a_legal_basis(demo, extra, veld):
    with pytest.raises(ValidationError) as fout:
        _gemeente_erbij(demo.trajecten["Daan"], demo.coordinator, **extra)
    assert veld in fout.value.message_dict
    assert not demo.trajecten["Daan"].toestemmingen.filter(grondslag=Grondslag.INJUS).exists()


def test_injus_is_for_the_gemeente_only(demo):
    traject = demo.trajecten["Daan"]
    mbo = Organisatie.objects.get(naam="Techniekcollege Noordpolder")
    services.betrokkenheid_toevoegen(
        actor=demo.coordinator, traject=traject, organisatie=mbo, soort=BetrokkenheidSoort.MBO_PARTNER
    )
    with pytest.raises(ValidationError) as fout:
        services.kennisgeving_vastleggen(actor=demo.coordinator, traject=traject, ontvanger=mbo, gegevens=_injus())
    assert "grondslag" in fout.value.message_dict


def test_injus_opens_no_part_of_the_dossier(demo):
    traject = demo.trajecten["Liam"]
    gemeente = Organisatie.objects.get(naam="Gemeente Lindewaard")
    for categorie in (Categorie.ONDERWIJSINFORMATIE, Categorie.BEGELEIDINGSBEHOEFTE, Categorie.VEILIGHEIDSSIGNALEN):
        with pytest.raises(ValidationError):
            services.toestemming_vastleggen(
                actor=demo.coordinator, traject=traject, ontvanger=gemeente, categorie=categorie, gegevens=_injus()
            )
    # and the model refuses it on its own too (a second door)
    los = Toestemming(
        traject=traject,
        ontvanger=gemeente,
        categorie=Categorie.ONDERWIJSINFORMATIE,
        vastgelegd_door=demo.coordinator,
        **_injus(),
    )
    with pytest.raises(ValidationError) as fout:
        los.full_clean()
    assert "grondslag" in fout.value.message_dict


def test_the_kennisgeving_form_offers_injus_only_for_a_gemeente(demo):
    traject = demo.trajecten["Daan"]
    gemeente = Organisatie.objects.get(naam="Gemeente Lindewaard")
    mbo = Organisatie.objects.get(naam="ROC Lindewaard")
    voor_gemeente = KennisgevingForm(traject=traject, ontvanger=gemeente, actor=demo.coordinator)
    voor_mbo = KennisgevingForm(traject=traject, ontvanger=mbo, actor=demo.coordinator)
    assert Grondslag.INJUS in dict(voor_gemeente.fields["grondslag"].choices)
    assert "bron" in voor_gemeente.fields
    assert Grondslag.INJUS not in dict(voor_mbo.fields["grondslag"].choices)
    assert "bron" not in voor_mbo.fields


def test_the_injus_date_may_not_lie_in_the_future(demo):
    with pytest.raises(ValidationError):
        _gemeente_erbij(
            demo.trajecten["Daan"], demo.coordinator, datum_gegeven=timezone.localdate() + dt.timedelta(days=1)
        )


def test_the_gemeente_finds_its_youths_with_their_release_dates(demo, client):
    """UX journey 5: the youths coming out of a JJI, with release dates."""
    pagina = login(client, demo.gemeente).get(reverse("trajecten:lijst")).content.decode()
    liam = demo.trajecten["Liam"]
    assert "Vrijlating" in pagina and "In de JJI sinds" not in pagina
    assert date_format(liam.vrijgelaten_op, "j F Y") in pagina
    for naam in IN_UITSTROOM:
        assert demo.trajecten[naam].jongere.naam in pagina
    client.logout()
    pagina = login(client, demo.mbo_intake).get(reverse("trajecten:lijst")).content.decode()
    assert "In de JJI sinds" in pagina and ">Vrijlating<" not in pagina


def test_only_the_regie_records_the_internal_trajectknooppunt(demo):
    liam = demo.trajecten["Liam"]
    vandaag = timezone.localdate()
    with pytest.raises(ValidationError) as fout:
        services.overleg_vastleggen(
            actor=demo.gemeente, traject=liam, soort=OverlegSoort.TRAJECTKNOOPPUNT, datum=vandaag
        )
    assert "soort" in fout.value.message_dict
    assert not liam.overleggen.filter(soort=OverlegSoort.TRAJECTKNOOPPUNT, vastgelegd_door=demo.gemeente).exists()
    services.overleg_vastleggen(actor=demo.gemeente, traject=liam, soort=OverlegSoort.CONTACTMOMENT, datum=vandaag)
    services.overleg_vastleggen(actor=demo.itb, traject=liam, soort=OverlegSoort.TRAJECTKNOOPPUNT, datum=vandaag)


def test_the_meeting_page_offers_and_explains_the_trajectknooppunt_only_to_the_regie(client, demo):
    url = reverse("trajecten:overleg_vastleggen", args=[demo.trajecten["Liam"].pk])
    for user, ziet in ((demo.gemeente, False), (demo.jeugdreclassering, False), (demo.itb, True)):
        client.force_login(user)
        pagina = client.get(url).content.decode()
        assert ("trajectknooppunt" in pagina) == ziet, user
        assert "contactmoment na uitstroom" in pagina
