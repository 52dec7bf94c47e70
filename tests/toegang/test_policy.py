"""The one access door, on the demo data: who sees which traject, and what follows from
consent, revocation, expiry, assignment, rol, designation and deactivation."""

import pytest
from django.contrib.auth import get_user_model
from django.http import Http404
from django.utils import timezone

from netwerk import services as netwerk_services
from netwerk.constants import NIET_IN_TRAJECTEN, Rol
from netwerk.models import Medewerker, Organisatie
from toegang import policy
from toegang.models import TrajectGroupObjectPermission, TrajectUserObjectPermission
from toegang.tasks import verlopen_grondslagen_verwerken
from trajecten import services
from trajecten.constants import Grondslag, Wijze
from trajecten.models import Betrokkenheid, Traject

from ..accounts import wijzigen
from ..lezers import zichtbaar_vers

pytestmark = pytest.mark.django_db
ALLE = {"Noah", "Sem", "Liam", "Daan", "Mila", "Yara", "Luca", "Jayden", "Sara", "Finn", "Amira", "Thijs"}


def zichtbaar(user):
    return {t.jongere.voornaam for t in policy.zichtbaar_voor(user).select_related("jongere")}


def test_jji_school_docent_ziet_toegewezen_trajecten(demo):
    assert zichtbaar(demo.jji_school) == ALLE


def test_zorgcoordinator_en_verbindingsofficier_van_jji_school_zien_alles(demo):
    assert zichtbaar(demo.coordinator) == ALLE


def test_itb_ziet_alleen_toegewezen_trajecten(demo):
    assert zichtbaar(demo.itb) == ALLE - {"Mila", "Yara", "Amira"}


def test_uninvolved_mbo_never_sees_a_traject(demo):
    assert zichtbaar(demo.mbo_intake_other) == set()
    for traject in demo.trajecten.values():
        with pytest.raises(Http404):
            policy.traject_ophalen(demo.mbo_intake_other, traject.pk)


def test_intaker_only_when_mbo_active_and_assigned(demo):
    # Noah, Liam, Finn: active and assigned. Daan: active, not assigned. Sem: awaiting.
    # Luca: assigned, consent revoked. Jayden: consent expired.
    assert zichtbaar(demo.mbo_intake) == {"Noah", "Liam", "Finn"}


def test_verbindingsofficier_sees_all_active_trajecten_of_its_mbo(demo):
    assert zichtbaar(demo.verbindingsofficier) == {"Noah", "Liam", "Daan", "Finn"}


def test_mbo_van_herkomst_with_leerplicht_as_grondslag(demo):
    assert zichtbaar(demo.mbo_herkomst) == {"Mila", "Sara"}


def test_beheerder_sees_no_youth_data(demo):
    assert zichtbaar(demo.beheerder) == set()


def test_superuser_without_profile_sees_nothing(db, demo):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "x-lang-wachtwoord-123")
    assert zichtbaar(admin) == set()


def test_inactive_user_sees_nothing(demo):
    demo.verbindingsofficier.is_active = False
    assert zichtbaar(demo.verbindingsofficier) == set()


def test_schools_never_see_the_titel(demo):
    noah = demo.trajecten["Noah"]
    assert policy.mag_titel_zien(demo.itb, noah)
    for naam in ("jji-school", "coordinator", "verbindingsofficier", "mbo-intake"):
        assert not policy.mag_titel_zien(demo.users[naam], noah), naam


def test_role_groups_never_hold_view_permission(demo):
    from django.contrib.auth.models import Group

    for groep in Group.objects.filter(name__startswith="rol:"):
        assert not groep.permissions.filter(codename__startswith="view_traject").exists()
    assert not demo.mbo_intake.has_perm("trajecten.view_traject")


def _kennisgeving(traject, ontvanger, actor, **extra):
    gegevens = {
        "grondslag": Grondslag.TOESTEMMING_JONGERE,
        "datum_gegeven": timezone.localdate(),
        "wijze": Wijze.MONDELING,
        "weigeren_zonder_gevolgen": True,
        **extra,
    }
    return services.kennisgeving_vastleggen(actor=actor, traject=traject, ontvanger=ontvanger, gegevens=gegevens)


def test_grondslag_makes_awaiting_mbo_active_and_revocation_closes_at_once(demo):
    sem = demo.trajecten["Sem"]
    mbo = demo.verbindingsofficier.medewerker.organisatie
    assert "Sem" not in zichtbaar(demo.verbindingsofficier)
    toestemming = _kennisgeving(sem, mbo, demo.coordinator)
    assert "Sem" in zichtbaar(demo.verbindingsofficier)
    assert TrajectGroupObjectPermission.objects.filter(content_object=sem).exists()
    services.toestemming_intrekken(actor=demo.coordinator, toestemming=toestemming)
    assert "Sem" not in zichtbaar(demo.verbindingsofficier)
    with pytest.raises(Http404):
        policy.traject_ophalen(demo.verbindingsofficier, sem.pk)


def test_expired_grondslag_opens_nothing_before_the_task_runs(demo, klok):
    noah = demo.trajecten["Noah"]
    toestemming = noah.toestemmingen.get(ontvanger=demo.mbo_intake.medewerker.organisatie)
    toestemming.geldig_tot = timezone.localdate()  # recorded with today as its last day
    toestemming.save(update_fields=["geldig_tot"])
    policy.rechten_afleiden(noah)
    assert "Noah" in zichtbaar(demo.mbo_intake)
    klok(1)  # the day after: nothing has run
    # The guardian rows are still there, yet the door is closed.
    assert TrajectUserObjectPermission.objects.filter(content_object=noah, user=demo.mbo_intake).exists()
    assert "Noah" not in zichtbaar(demo.mbo_intake)
    assert "Noah" not in zichtbaar(demo.verbindingsofficier)
    with pytest.raises(Http404):
        policy.traject_ophalen(demo.mbo_intake, noah.pk)
    assert not policy.kijkers(noah).filter(user=demo.mbo_intake).exists()
    assert verlopen_grondslagen_verwerken() >= 1
    assert not TrajectUserObjectPermission.objects.filter(content_object=noah, user=demo.mbo_intake).exists()


def test_assignment_and_its_end(demo):
    daan = demo.trajecten["Daan"]
    assert "Daan" not in zichtbaar(demo.mbo_intake)
    toewijzing = services.toewijzing_toevoegen(
        actor=demo.verbindingsofficier, traject=daan, medewerker=demo.mbo_intake.medewerker
    )
    assert "Daan" in zichtbaar(demo.mbo_intake)
    services.toewijzing_beeindigen(actor=demo.verbindingsofficier, toewijzing=toewijzing)
    assert "Daan" not in zichtbaar(demo.mbo_intake)


def test_intaker_cannot_assign_and_uninvolved_cannot_be_assigned(demo):
    noah = demo.trajecten["Noah"]
    assert policy.is_zichtbaar(demo.mbo_intake, noah)  # sees it, yet may not assign
    assert not policy.mag_toewijzen(demo.mbo_intake, noah)
    kandidaten = policy.toewijsbare_medewerkers(demo.coordinator, noah)
    assert kandidaten.exists()
    assert not kandidaten.filter(pk=demo.mbo_intake_other.medewerker.pk).exists()


def test_designation_moves_visibility_without_touching_trajecten(demo):
    mbo = demo.verbindingsofficier.medewerker.organisatie
    netwerk_services.verbindingsofficier_aanwijzen(
        actor=demo.beheerder, organisatie=mbo, medewerker=demo.mbo_intake.medewerker
    )
    verbindingsofficier = get_user_model().objects.get(pk=demo.verbindingsofficier.pk)
    intake = get_user_model().objects.get(pk=demo.mbo_intake.pk)
    assert zichtbaar(verbindingsofficier) == set()
    assert zichtbaar(intake) == {"Noah", "Liam", "Daan", "Finn"}


def _wijzig_medewerker(demo, medewerker, **wijziging):
    # As the beheerder does it: a new rol or organisation is a request a second person approves.
    return wijzigen(demo, medewerker, **wijziging)


def test_rol_change_to_zorgcoordinator_opens_all_active_trajecten(demo):
    user = _wijzig_medewerker(demo, demo.mbo_intake.medewerker, rol=Rol.ZORGCOORDINATOR)
    assert zichtbaar(user) == {"Noah", "Liam", "Daan", "Finn"}


def test_moving_to_another_organisation_ends_assignments(demo):
    m = demo.mbo_intake.medewerker
    user = _wijzig_medewerker(demo, m, organisatie=demo.mbo_intake_other.medewerker.organisatie)
    assert zichtbaar(user) == set()
    assert not m.toewijzingen.exists()
    assert not TrajectUserObjectPermission.objects.filter(user_id=m.user_id).exists()


def test_deactivation_closes_every_door(demo):
    user = _wijzig_medewerker(demo, demo.verbindingsofficier.medewerker, actief=False)
    assert zichtbaar(user) == set()
    assert (
        demo.verbindingsofficier.medewerker.organisatie.__class__.objects.get(
            naam="ROC Lindewaard"
        ).verbindingsofficier_id
        is None
    )


def test_deactivated_organisation_closes_every_door(demo):
    mbo = Organisatie.objects.get(naam="ROC Lindewaard")
    assert zichtbaar_vers(demo.verbindingsofficier)
    mbo.actief = False
    netwerk_services.organisatie_opslaan(actor=demo.beheerder, organisatie=mbo)
    assert zichtbaar_vers(demo.verbindingsofficier) == set()
    assert zichtbaar_vers(demo.mbo_intake) == set()


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
    assert "Noah" in zichtbaar_vers(demo.verbindingsofficier)
    assert "Noah" not in zichtbaar_vers(demo.mbo_intake)
    assert not TrajectUserObjectPermission.objects.filter(content_object=noah, user=demo.mbo_intake).exists()


def test_a_traject_instance_forgets_what_the_policy_read_when_a_service_changes_it(demo):
    """The policy reads a traject's involvements once per request and answers every question
    from them (issue 21); a service that changes them through its own locked copy makes the
    caller's instance forget, so the same page never answers from the old involvements."""
    from trajecten.constants import BetrokkenheidSoort
    from trajecten.models import Traject

    noah = Traject.objects.get(pk=demo.trajecten["Noah"].pk)
    gemeente = Organisatie.objects.get(naam="Gemeente Lindewaard")
    noah.betrokkenheden.filter(organisatie=gemeente).delete()
    policy.rechten_afleiden(noah)
    assert gemeente.pk not in {b.organisatie_id for b in policy.betrokkenheden_van(noah)}
    services.betrokkenheid_toevoegen(
        actor=demo.coordinator, traject=noah, organisatie=gemeente, soort=BetrokkenheidSoort.GEMEENTE
    )
    assert {b.organisatie_id: b.is_actief for b in policy.betrokkenheden_van(noah)}[gemeente.pk] is False
    _kennisgeving(
        noah, gemeente, demo.coordinator, grondslag=Grondslag.INJUS, wijze=Wijze.WETTELIJK, bron="INJUS (fictief)"
    )
    assert {b.organisatie_id: b.is_actief for b in policy.betrokkenheden_van(noah)}[gemeente.pk] is True
    assert policy.betrokkenheden_van(noah) is policy.betrokkenheden_van(noah)  # read once, then remembered


@pytest.mark.parametrize(
    "naam", ["coordinator", "jji-school", "itb", "verbindingsofficier", "mbo-intake", "leerplicht", "beheerder"]
)
def test_the_lists_read_once_per_request_follow_the_rules(demo, naam):
    """The traject's and dossier page answer from the involvements and people read once; what
    they give equals the rules written out here as queries of their own: the organisations
    with an active involvement, their active people in a role within trajecten, and whom the
    reader assigns (the regie everyone of them, a verbindingsofficier or zorgcoördinator their
    own organisation's)."""
    user = demo.users[naam]
    medewerker = getattr(user, "medewerker", None)
    gezien = 0
    for traject in Traject.objects.all():
        zichtbaar = policy.is_zichtbaar(user, traject)
        actief = Betrokkenheid.objects.actief().filter(traject=traject).values("organisatie_id")
        organisaties = (
            set(Organisatie.objects.filter(pk__in=actief).values_list("pk", flat=True)) if zichtbaar else set()
        )
        mensen = (
            set(
                Medewerker.objects.filter(organisatie_id__in=actief, user__is_active=True)
                .exclude(rol__in=NIET_IN_TRAJECTEN | {Rol.SYSTEEM})
                .values_list("pk", flat=True)
            )
            if zichtbaar
            else set()
        )
        assert {o.pk for o in policy.organisaties_actief_in(user, traject)} == organisaties, traject
        assert {m.pk for m in policy.mensen_actief_in(user, traject)} == mensen, traject
        if not zichtbaar or medewerker.rol == Rol.SYSTEEM:
            toewijsbaar = set()
        elif policy.mag_traject_beheren(user, traject):
            toewijsbaar = mensen
        elif medewerker.is_verbindingsofficier or medewerker.rol in policy.ALLE_TRAJECTEN_ROLLEN:
            toewijsbaar = {
                pk for pk in mensen if Medewerker.objects.get(pk=pk).organisatie_id == medewerker.organisatie_id
            }
        else:
            toewijsbaar = set()
        assert policy.toewijsbaar(user, traject) == toewijsbaar, traject
        assert toewijsbaar == set(
            policy.toewijsbare_medewerkers(user, traject, ook_toegewezen=True).values_list("pk", flat=True)
        )
        gezien += bool(mensen)
    assert gezien == len(policy.zichtbaar_voor(user))
