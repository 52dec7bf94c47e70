"""Tasks from the routekaart: instantiation per titel, the route following the stay, the
grondslag condition, who sees and updates which task, Mijn taken and query counts."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from toegang import policy
from trajecten import selectors, services
from trajecten.constants import Checkpoint, Fase, Grondslag, Partij, TaakStatus, Titel, Voorwaarde, Wijze
from trajecten.models import Routekaart, Taak, Verantwoordelijkheid

from ..aria import beschreven_door
from ..factories import TrajectFactory

pytestmark = pytest.mark.django_db
VANDAAG = timezone.localdate


def _start(actor, **traject):
    vandaag = VANDAAG()
    return services.traject_starten(
        actor=actor,
        jongere={"voornaam": "Route", "achternaam": "Test", "geboortedatum": vandaag.replace(year=vandaag.year - 17)},
        traject={"verblijfsduur": "lang", "startdatum": vandaag, **traject},
    )


def test_starting_a_traject_instantiates_every_line_of_its_regions_routekaart(demo):
    traject = _start(demo.itb, titel=Titel.JEUGDDETENTIE)
    kaart = Routekaart.objects.get(regio=traject.jji.regio)
    assert traject.taken.filter(verantwoordelijkheid__isnull=False).count() == 60
    assert Verantwoordelijkheid.objects.filter(stap__routekaart=kaart).count() == 60
    # Two activities become tasks too (the eerste nazorgtafel and the perspectiefplan), and
    # the contact moments after uitstroom (default every 14 days, 6 times) and the checkpoints
    # of the schoolloopbaan at 1, 3, 6 and 12 months after release (step 10).
    extra = set(traject.taken.filter(verantwoordelijkheid__isnull=True).values_list("tekst", flat=True))
    assert extra == (
        {"Eerste nazorgtafel", "Perspectiefplan vastgesteld"}
        | {f"Contactmoment {n} na uitstroom" for n in range(1, 7)}
        | {f"Checkpoint schoolloopbaan: {c.label}" for c in Checkpoint}
    )
    assert set(traject.taken.filter(checkpoint__isnull=False).values_list("stap", flat=True)) == {10}
    assert set(traject.taken.values_list("stap", flat=True)) == set(range(1, 11))
    # Lines the demo regio filled in give their task the organisation active in that role.
    onderwijsintake = traject.taken.get(tekst="Onderwijsintake")
    assert onderwijsintake.partij == Partij.JJI_SCHOOL
    assert onderwijsintake.organisatie.naam.startswith("Duinzicht")


def test_no_stp_after_voorlopige_hechtenis_and_back_when_the_titel_changes(demo):
    traject = _start(demo.itb, titel=Titel.VOORLOPIGE_HECHTENIS)
    stp = traject.taken.filter(voorwaarde=Voorwaarde.STP)
    assert stp.exists() and set(stp.values_list("status", flat=True)) == {TaakStatus.NVT}
    services.traject_wijzigen(actor=demo.itb, traject=traject, jongere={}, gegevens={"titel": Titel.JEUGDDETENTIE})
    assert set(stp.values_list("status", flat=True)) == {TaakStatus.OPEN}


def test_sudden_release_jumps_to_uitstroom_with_its_tasks_due_at_once(demo):
    traject = _start(demo.itb, titel=Titel.VOORLOPIGE_HECHTENIS)
    services.traject_fase_wijzigen(actor=demo.itb, traject=traject, fase=Fase.UITSTROOM)
    assert not traject.taken.filter(stap__in=[3, 4, 5, 6, 7], status=TaakStatus.OPEN).exists()
    net_buiten = traject.taken.filter(stap=8)
    assert set(net_buiten.values_list("deadline", flat=True)) == {VANDAAG()}


def test_informing_the_school_van_herkomst_needs_a_grondslag(demo):
    yara = demo.trajecten["Yara"]  # mbo van herkomst involved, awaiting a grondslag
    taak = yara.taken.filter(voorwaarde=Voorwaarde.KENNISGEVING_HERKOMST, status=TaakStatus.OPEN).first()
    with pytest.raises(ValidationError, match="grondslag"):
        services.taak_bijwerken(actor=demo.coordinator, taak=taak, status=TaakStatus.GEDAAN)
    assert Taak.objects.get(pk=taak.pk).status == TaakStatus.OPEN
    herkomst = demo.mbo_herkomst.medewerker.organisatie
    services.kennisgeving_vastleggen(
        actor=demo.coordinator,
        traject=yara,
        ontvanger=herkomst,
        gegevens={
            "grondslag": Grondslag.TOESTEMMING_JONGERE,
            "datum_gegeven": VANDAAG(),
            "wijze": Wijze.MONDELING,
            "weigeren_zonder_gevolgen": True,
        },
    )
    services.taak_bijwerken(actor=demo.coordinator, taak=taak, status=TaakStatus.GEDAAN)
    taak.refresh_from_db()
    assert (taak.status, taak.gedaan_op, taak.gedaan_door) == (TaakStatus.GEDAAN, VANDAAG(), demo.coordinator)


def test_niet_van_toepassing_needs_a_reason_and_registration_tasks_hold_no_content(demo):
    noah = demo.trajecten["Noah"]
    taak = noah.taken.filter(justitieel=False, stap=5).first()
    with pytest.raises(ValidationError, match="waarom"):
        services.taak_bijwerken(actor=demo.jji_school, taak=taak, status=TaakStatus.NVT, reden="  ")
    registratie = noah.taken.filter(alleen_registratie=True).first()
    with pytest.raises(ValidationError, match="dát het gebeurde"):
        services.taak_bijwerken(actor=demo.itb, taak=registratie, status=TaakStatus.GEDAAN, notitie="inhoud")


def test_schools_never_see_justice_tasks(demo):
    noah = demo.trajecten["Noah"]
    assert noah.taken.filter(justitieel=True).exists()
    for lezer in (demo.jji_school, demo.coordinator, demo.verbindingsofficier, demo.mbo_intake):
        assert not policy.taken_zichtbaar_voor(lezer, noah).filter(justitieel=True).exists()
        assert not policy.mijn_taken(lezer).filter(justitieel=True).exists()
    assert policy.taken_zichtbaar_voor(demo.itb, noah).filter(justitieel=True).exists()


def test_uninvolved_or_inactive_organisations_see_no_tasks(demo):
    for lezer, naam in ((demo.mbo_intake_other, "Noah"), (demo.verbindingsofficier, "Sem"), (demo.beheerder, "Noah")):
        traject = demo.trajecten[naam]
        assert not policy.taken_zichtbaar_voor(lezer, traject).exists()
        assert not policy.mijn_taken(lezer).filter(traject=traject).exists()


def test_mbo_updates_only_its_own_tasks(demo):
    noah = demo.trajecten["Noah"]
    eigen = policy.bijwerkbare_taken(demo.verbindingsofficier, noah)
    assert eigen.exists()
    assert set(eigen.values_list("organisatie__naam", flat=True)) == {"ROC Lindewaard"}
    ander = noah.taken.filter(justitieel=False).exclude(organisatie__naam="ROC Lindewaard").first()
    with pytest.raises(PermissionDenied):
        services.taak_bijwerken(actor=demo.verbindingsofficier, taak=ander, status=TaakStatus.GEDAAN)


def test_task_update_in_place_returns_the_timeline(client, demo):
    noah = demo.trajecten["Noah"]
    taak = noah.taken.filter(stap=3, justitieel=False, status=TaakStatus.OPEN).first()
    client.force_login(demo.jji_school)
    response = client.post(
        reverse("trajecten:taak_bijwerken", args=[noah.pk, taak.pk]),
        {f"taak-{taak.pk}-status": "gedaan", f"taak-{taak.pk}-reden": "", f"taak-{taak.pk}-notitie": ""},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert 'id="routekaart"' in response.content.decode() and "Opgeslagen." in response.content.decode()
    assert Taak.objects.get(pk=taak.pk).status == TaakStatus.GEDAAN
    response = client.post(
        reverse("trajecten:taak_bijwerken", args=[noah.pk, taak.pk]),
        {f"taak-{taak.pk}-status": "nvt", f"taak-{taak.pk}-reden": ""},
        HTTP_HX_REQUEST="true",
    )
    assert "Geef aan waarom" in response.content.decode()
    assert Taak.objects.get(pk=taak.pk).status == TaakStatus.GEDAAN


def test_timeline_moves_on_when_the_current_steps_tasks_are_done(demo):
    noah = demo.trajecten["Noah"]
    stappen, _ = selectors.tijdlijn(demo.itb, noah)
    huidig = next(s for s in stappen if s.staat == "huidig")
    for taak in huidig.taken:
        if not taak.is_afgerond:
            services.taak_bijwerken(actor=demo.itb, taak=taak, status=TaakStatus.GEDAAN)
    stappen, _ = selectors.tijdlijn(demo.itb, noah)
    assert next(s for s in stappen if s.staat == "huidig").nummer > huidig.nummer
    assert stappen[huidig.nummer - 1].staat == "gedaan"


def test_mijn_taken_lists_reached_steps_soonest_first(client, demo):
    client.force_login(demo.verbindingsofficier)
    taken = list(selectors.mijn_taken(demo.verbindingsofficier))
    assert taken and all(t.organisatie.naam == "ROC Lindewaard" for t in taken)
    assert all(t.stap <= {"instroom": 2, "verblijf": 7, "uitstroom": 10}[t.traject.fase] or t.deadline for t in taken)
    tekst = client.get(reverse("trajecten:mijn_taken")).content.decode()
    assert "Mijn taken" in tekst and "open ta" in tekst


def test_overdue_tasks_are_marked(client, demo):
    noah = demo.trajecten["Noah"]
    taak = noah.taken.filter(organisatie__naam="ROC Lindewaard", status=TaakStatus.OPEN).first()
    taak.deadline = noah.startdatum + dt.timedelta(days=1)
    taak.save(update_fields=["deadline"])
    client.force_login(demo.verbindingsofficier)
    assert "te laat" in client.get(reverse("trajecten:mijn_taken")).content.decode()


def test_ad_hoc_task_for_an_active_organisation_only(demo):
    noah = demo.trajecten["Noah"]
    ander = demo.mbo_intake_other.medewerker.organisatie
    with pytest.raises(ValidationError, match="actief betrokken"):
        services.taak_toevoegen(
            actor=demo.coordinator, traject=noah, stap=5, tekst="Extra", organisatie=ander, deadline=None
        )
    with pytest.raises(ValidationError, match="vóór de start"):
        services.taak_toevoegen(
            actor=demo.coordinator,
            traject=noah,
            stap=5,
            tekst="Extra",
            organisatie=None,
            deadline=noah.startdatum - dt.timedelta(days=1),
        )


def _tel(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_detail_and_mijn_taken_query_counts_are_flat(client, demo, django_assert_max_num_queries):
    # The verbindingsofficier of the mbo: fewer open tasks than one page, so added rows count.
    client.force_login(demo.verbindingsofficier)
    noah = demo.trajecten["Noah"]
    mbo = demo.verbindingsofficier.medewerker.organisatie
    detail = reverse("trajecten:detail", args=[noah.pk])
    taken_url = reverse("trajecten:mijn_taken")
    assert selectors.mijn_taken(demo.verbindingsofficier).count() < 40  # the open ones the page lists
    # One task with a person first: their place on the netwerkkaart is looked up once per page.
    eerste = services.taak_toevoegen(
        actor=demo.coordinator, traject=noah, stap=5, tekst="Eerste", organisatie=mbo, deadline=None
    )
    services.taak_bijwerken(
        actor=demo.verbindingsofficier, taak=eerste, status="bezig", medewerker=demo.mbo_intake.medewerker
    )
    weinig_detail, weinig_taken = _tel(client, detail), _tel(client, taken_url)
    for nummer in range(12):
        taak = services.taak_toevoegen(
            actor=demo.coordinator, traject=noah, stap=5, tekst=f"Extra {nummer}", organisatie=mbo, deadline=None
        )
        if nummer % 2:
            services.taak_bijwerken(
                actor=demo.verbindingsofficier, taak=taak, status="bezig", medewerker=demo.mbo_intake.medewerker
            )
        elif nummer % 3:
            services.taak_bijwerken(actor=demo.verbindingsofficier, taak=taak, status="gedaan")
    jji = demo.itb.medewerker.organisatie
    for _ in range(10):
        traject = TrajectFactory(jji=jji, betrokkenheden__toegewezen=demo.jji_school.medewerker)
        services.taken_aanmaken(actor=demo.jji_school, traject=traject)
    with django_assert_max_num_queries(weinig_detail):
        client.get(detail)
    with django_assert_max_num_queries(weinig_taken):
        assert "Extra 6" in client.get(taken_url).content.decode()


def test_deadlines_follow_the_events_of_the_stay(demo):
    start = VANDAAG() - dt.timedelta(days=5)
    traject = _start(
        demo.itb, titel=Titel.JEUGDDETENTIE, startdatum=start, verwachte_einddatum=start + dt.timedelta(days=400)
    )
    perspectiefplan = traject.taken.get(tekst="Perspectiefplan vastgesteld")
    assert perspectiefplan.deadline == start + dt.timedelta(days=21) and perspectiefplan.alleen_registratie
    assert traject.taken.get(tekst="Eerste nazorgtafel").deadline == start + dt.timedelta(days=7)
    nazorgtafel = traject.taken.get(stap=6, tekst="Nazorgtafel voor uitstroom organiseren")
    stp = start + dt.timedelta(days=400 - 91)
    assert nazorgtafel.deadline == stp - dt.timedelta(days=182)
    # The expected end date moves: open deadlines follow; the voorgeleiding moves: so does the nazorgtafel.
    services.traject_wijzigen(
        actor=demo.itb,
        traject=traject,
        jongere={},
        gegevens={
            "verwachte_einddatum": start + dt.timedelta(days=500),
            "voorgeleiding_op": start - dt.timedelta(days=2),
        },
    )
    nazorgtafel.refresh_from_db()
    assert nazorgtafel.deadline == start + dt.timedelta(days=500 - 91 - 182)
    assert traject.taken.get(tekst="Eerste nazorgtafel").deadline == start + dt.timedelta(days=5)
    # A done task keeps its date.
    services.taak_bijwerken(actor=demo.itb, taak=nazorgtafel, status=TaakStatus.GEDAAN)
    services.traject_wijzigen(
        actor=demo.itb, traject=traject, jongere={}, gegevens={"stp_start": start + dt.timedelta(days=60)}
    )
    nazorgtafel.refresh_from_db()
    assert nazorgtafel.deadline == start + dt.timedelta(days=500 - 91 - 182)
    stp_tafel = traject.taken.get(stap=7, tekst="Nazorgtafel voor uitstroom organiseren")
    assert stp_tafel.deadline == start + dt.timedelta(days=60)


def test_no_stp_deadline_after_voorlopige_hechtenis_and_never_before_the_start(demo):
    traject = _start(demo.itb, titel=Titel.VOORLOPIGE_HECHTENIS)
    assert traject.taken.get(stap=6, tekst="Nazorgtafel voor uitstroom organiseren").deadline is None
    kort = _start(demo.itb, titel=Titel.JEUGDDETENTIE, verwachte_einddatum=VANDAAG() + dt.timedelta(days=100))
    assert kort.taken.get(stap=6, tekst="Nazorgtafel voor uitstroom organiseren").deadline == kort.startdatum


def test_beheerder_fills_in_the_open_blanks_of_the_regions_routekaart(client, demo):
    client.force_login(demo.beheerder)
    tekst = client.get(reverse("trajecten:routekaart")).content.decode()
    kaart = Routekaart.objects.get(regio=demo.beheerder.medewerker.organisatie.regio)
    open_regels = [r for r in Verantwoordelijkheid.objects.filter(stap__routekaart=kaart) if r.is_open]
    assert open_regels and f"Nog {len(open_regels)} regels in te vullen" in tekst
    regel = open_regels[0]
    response = client.post(
        reverse("trajecten:regel_invullen", args=[regel.pk]),
        {f"regel-{regel.pk}-uitvoerder": Partij.JJI, f"regel-{regel.pk}-functie": "ITB'er"},
    )
    assert response.status_code == 302
    regel.refresh_from_db()
    assert (regel.uitvoerder, regel.functie) == (Partij.JJI, "ITB'er")
    tekst = client.get(reverse("trajecten:routekaart")).content.decode()
    assert f"Nog {len(open_regels) - 1} regel" in tekst


def test_locked_lines_cannot_be_changed(client, demo):
    client.force_login(demo.beheerder)
    kaart = Routekaart.objects.get(regio=demo.beheerder.medewerker.organisatie.regio)
    vast = Verantwoordelijkheid.objects.filter(stap__routekaart=kaart, vast=True).first()
    response = client.post(
        reverse("trajecten:regel_invullen", args=[vast.pk]), {f"regel-{vast.pk}-uitvoerder": Partij.JJI}, follow=True
    )
    assert "ligt vast in de handreiking" in response.content.decode()
    vast.refresh_from_db()
    assert vast.uitvoerder == Partij.RVDK or vast.uitvoerder in (Partij.RECLASSERING, Partij.GEMEENTE)


def test_only_the_beheerder_of_the_regio_reaches_its_routekaart(client, demo):
    client.force_login(demo.coordinator)
    assert client.get(reverse("trajecten:routekaart")).status_code == 404
    sjabloon_regel = Verantwoordelijkheid.objects.filter(stap__routekaart__regio__isnull=True).first()
    client.force_login(demo.beheerder)
    assert client.post(reverse("trajecten:regel_invullen", args=[sjabloon_regel.pk]), {}).status_code == 404
    with pytest.raises(PermissionDenied):  # the national template is not a regio's
        services.verantwoordelijkheid_invullen(actor=demo.beheerder, regel=sjabloon_regel, uitvoerder=Partij.JJI)


def test_fase_3_follows_the_routekaart_of_the_regio_of_return(demo):
    from netwerk.models import Regio

    noah = demo.trajecten["Noah"]
    gedaan = noah.taken.filter(stap=8, verantwoordelijkheid__isnull=False).first()
    services.taak_bijwerken(actor=demo.jji_school, taak=gedaan, status=TaakStatus.GEDAAN)
    elders = Regio.objects.create(naam="Regio Elders")
    kaart = services.routekaart_overnemen(actor=None, regio=elders, jaar=VANDAAG().year)
    regel = Verantwoordelijkheid.objects.get(stap__routekaart=kaart, stap__nummer=8, taak="Intake uitvoeren")
    services.verantwoordelijkheid_invullen(actor=None, regel=regel, uitvoerder=Partij.GEMEENTE)
    services.traject_wijzigen(actor=demo.itb, traject=noah, jongere={}, gegevens={"terugkeerregio": elders})
    stap8 = noah.taken.filter(stap=8, verantwoordelijkheid__isnull=False)
    assert stap8.get(tekst="Intake uitvoeren").partij == Partij.GEMEENTE
    assert stap8.get(tekst="Intake uitvoeren").verantwoordelijkheid.stap.routekaart == kaart
    assert stap8.filter(pk=gedaan.pk, status=TaakStatus.GEDAAN).exists()  # done work stays
    assert stap8.filter(tekst=gedaan.tekst).count() == 1
    # Steps before fase 3 keep the JJI regio's routekaart.
    assert not noah.taken.filter(stap__lt=8, verantwoordelijkheid__stap__routekaart=kaart).exists()


def test_return_to_the_mbo_van_herkomst_is_a_route_of_its_own(demo):
    sara = demo.trajecten["Sara"]  # mbo van herkomst active on leerplicht, no receiving mbo
    ontvangend = sara.taken.filter(partij=Partij.MBO_ONTVANGEND).exclude(status__in=[TaakStatus.GEDAAN, TaakStatus.NVT])
    assert ontvangend.exists() and not ontvangend.filter(organisatie__isnull=False).exists()
    services.traject_wijzigen(actor=demo.jji_school, traject=sara, jongere={}, gegevens={"terug_naar_herkomst": True})
    assert set(ontvangend.values_list("organisatie__naam", flat=True)) == {"Vakcollege Oostmeer"}
    assert policy.bijwerkbare_taken(demo.mbo_herkomst, sara).filter(pk__in=ontvangend.values("pk")).exists()
    services.traject_wijzigen(actor=demo.jji_school, traject=sara, jongere={}, gegevens={"terug_naar_herkomst": False})
    assert not ontvangend.filter(organisatie__isnull=False).exists()


@pytest.mark.parametrize(
    ("titel", "verblijfsduur", "stp"),
    [
        (Titel.VOORLOPIGE_HECHTENIS, "onbekend", False),
        (Titel.VOORLOPIGE_HECHTENIS, "lang", False),
        (Titel.JEUGDDETENTIE, "kort", False),
        (Titel.JEUGDDETENTIE, "lang", True),
        (Titel.PIJ, "kort", True),
        (Titel.PIJ, "lang", True),
    ],
)
def test_stp_tasks_by_titel_and_verblijfsduur(demo, titel, verblijfsduur, stp):
    traject = _start(demo.itb, titel=titel, verblijfsduur=verblijfsduur)
    statussen = set(traject.taken.filter(voorwaarde=Voorwaarde.STP).values_list("status", flat=True))
    assert statussen == ({TaakStatus.OPEN} if stp else {TaakStatus.NVT})


def test_a_task_is_given_to_a_person_of_the_acting_organisation(client, demo):
    noah = demo.trajecten["Noah"]
    taak = noah.taken.filter(organisatie__naam="ROC Lindewaard", status=TaakStatus.OPEN).first()
    client.force_login(demo.verbindingsofficier)
    velden = {f"taak-{taak.pk}-status": "bezig", f"taak-{taak.pk}-reden": "", f"taak-{taak.pk}-notitie": ""}
    client.post(
        reverse("trajecten:taak_bijwerken", args=[noah.pk, taak.pk]),
        {**velden, f"taak-{taak.pk}-medewerker": demo.mbo_intake.medewerker.pk},
    )
    taak.refresh_from_db()
    assert (taak.status, taak.medewerker) == (TaakStatus.BEZIG, demo.mbo_intake.medewerker)
    assert policy.mijn_taken(demo.mbo_intake).filter(pk=taak.pk).exists()
    response = client.post(
        reverse("trajecten:taak_bijwerken", args=[noah.pk, taak.pk]),
        {**velden, f"taak-{taak.pk}-medewerker": demo.coordinator.medewerker.pk},
        HTTP_HX_REQUEST="true",
    )
    assert "Kies" in response.content.decode()
    taak.refresh_from_db()
    assert taak.medewerker == demo.mbo_intake.medewerker


def test_the_regio_changes_default_deadlines_and_contact_moments(client, demo):
    client.force_login(demo.beheerder)
    kaart = Routekaart.objects.get(regio=demo.beheerder.medewerker.organisatie.regio)
    regel = Verantwoordelijkheid.objects.get(
        stap__routekaart=kaart, stap__nummer=6, taak="Nazorgtafel voor uitstroom organiseren"
    )
    client.post(
        reverse("trajecten:regel_invullen", args=[regel.pk]),
        {f"regel-{regel.pk}-uitvoerder": Partij.GEMEENTE, f"regel-{regel.pk}-termijn_dagen": "-120"},
    )
    regel.refresh_from_db()
    assert regel.termijn_dagen == -120
    client.post(
        reverse("trajecten:routekaart"),
        {"actie": "contactmomenten", "contact_interval_dagen": "7", "contact_aantal": "4"},
    )
    kaart.refresh_from_db()
    assert (kaart.contact_interval_dagen, kaart.contact_aantal) == (7, 4)
    start = VANDAAG()
    traject = _start(demo.itb, titel=Titel.JEUGDDETENTIE, verwachte_einddatum=start + dt.timedelta(days=400))
    tafel = traject.taken.get(stap=6, tekst="Nazorgtafel voor uitstroom organiseren")
    assert tafel.deadline == start + dt.timedelta(days=400 - 91 - 120)
    assert traject.taken.filter(tekst__startswith="Contactmoment").count() == 4
    response = client.post(
        reverse("trajecten:routekaart"),
        {"actie": "contactmomenten", "contact_interval_dagen": "0", "contact_aantal": "x"},
        follow=True,
    )
    assert "Vul een interval" in response.content.decode()
    # Each refused field names its message, and the message is on the page.
    genoemd = beschreven_door(response.content.decode())
    assert ("id_contact_interval_dagen_error", True) in genoemd and all(bestaat for _naam, bestaat in genoemd)
