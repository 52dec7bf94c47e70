"""The visibility rows of the lists (``toegang.Zicht``): written with guardian's view rows by
the same derivation, checked and repaired by ``zicht_controleren``, and never more than the
live rules allow (an expired grondslag closes the lists before the hourly task has run)."""

import datetime as dt
import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from toegang import policy
from toegang.models import TrajectGroupObjectPermission, TrajectUserObjectPermission, Zicht
from toegang.tasks import zicht_controleren
from trajecten import regels, services
from trajecten.constants import BetrokkenheidSoort, Grondslag
from trajecten.models import Traject

from ..lezers import zichtbaar_vers

pytestmark = pytest.mark.django_db


def _view_rijen():
    groep = set(
        TrajectGroupObjectPermission.objects.filter(permission__codename="view_traject").values_list(
            "content_object_id", "group_id"
        )
    )
    persoon = set(
        TrajectUserObjectPermission.objects.filter(permission__codename="view_traject").values_list(
            "content_object_id", "user_id"
        )
    )
    return groep, persoon


def test_the_visibility_rows_are_guardians_view_rows(demo):
    groep, persoon = _view_rijen()
    assert groep and persoon
    assert set(Zicht.objects.filter(groep__isnull=False).values_list("traject_id", "groep_id")) == groep
    assert set(Zicht.objects.filter(persoon__isnull=False).values_list("traject_id", "persoon_id")) == persoon
    assert policy.zicht_controleren() == (0, 0)


def test_a_drift_is_found_and_repaired(demo, capsys):
    noah, sem = demo.trajecten["Noah"], demo.trajecten["Sem"]
    weg = Zicht.objects.filter(traject=noah, persoon=demo.mbo_intake).get()
    weg.delete()
    # A row that no rule derives: Sem for the intaker of the mbo (Sem has no grondslag for it).
    Zicht.objects.create(traject=sem, persoon=demo.mbo_intake)
    assert "Noah" not in zichtbaar_vers(demo.mbo_intake)

    with pytest.raises(SystemExit) as uitgang:
        call_command("zicht_controleren")
    assert uitgang.value.code == 1
    assert "2 traject(en) met 2 afwijkende regel(s)" in capsys.readouterr().err
    assert not Zicht.objects.filter(traject=noah, persoon=demo.mbo_intake).exists()  # only a check

    call_command("zicht_controleren", "--herstellen")
    assert "2 traject(en) met 2 afwijkende regel(s) opnieuw afgeleid" in capsys.readouterr().out
    assert Zicht.objects.filter(traject=noah, persoon=demo.mbo_intake).exists()
    assert not Zicht.objects.filter(traject=sem, persoon=demo.mbo_intake).exists()
    assert "Noah" in zichtbaar_vers(demo.mbo_intake)
    call_command("zicht_controleren")
    assert "geen afwijkingen" in capsys.readouterr().out


def test_the_nightly_task_repairs_and_counts(demo):
    Zicht.objects.filter(traject=demo.trajecten["Liam"], groep__isnull=False).delete()
    uitkomst = zicht_controleren.apply().get()
    assert uitkomst["trajecten"] == 1 and uitkomst["regels"] > 0
    assert zicht_controleren.apply().get() == {"trajecten": 0, "regels": 0}


def test_an_expired_grondslag_closes_every_list_at_once(client, demo, klok):
    """The rows stay until the hourly task runs; the lists close the day the grondslag has expired."""
    noah = demo.trajecten["Noah"]
    intaker = demo.mbo_intake
    toestemming = noah.toestemmingen.get(ontvanger=intaker.medewerker.organisatie, categorie="kennisgeving")
    toestemming.geldig_tot = timezone.localdate()  # recorded with today as its last day
    toestemming.save(update_fields=["geldig_tot"])
    policy.rechten_afleiden(noah)
    assert Zicht.objects.get(traject=noah, persoon=intaker).tot == timezone.localdate()
    client.force_login(intaker)
    assert (
        f'href="{reverse("trajecten:detail", args=[noah.pk])}"'
        in client.get(reverse("trajecten:lijst"), {"q": "Noah"}).content.decode()
    )
    assert client.get(reverse("trajecten:mijn_taken")).status_code == 200

    klok(1)  # the day after: the hourly task has not run
    assert Zicht.objects.filter(traject=noah, persoon=intaker).exists()

    rij = f'href="{reverse("trajecten:detail", args=[noah.pk])}"'
    assert "Noah" not in client.get(reverse("trajecten:lijst")).content.decode()
    assert rij not in client.get(reverse("trajecten:lijst"), {"q": "Noah"}).content.decode()
    assert noah.jongere.achternaam not in client.get(reverse("trajecten:mijn_taken")).content.decode()
    assert client.get(reverse("trajecten:detail", args=[noah.pk])).status_code == 404
    assert noah.pk not in {t["id"] for t in client.get(reverse("api:trajecten")).json()["results"]}


def _eigen_rijen(traject, user):
    """The visibility rows of ``user``'s organisation in the traject: its groups' and its people's."""
    organisatie = user.medewerker.organisatie
    return Zicht.objects.filter(traject=traject).filter(
        Q(persoon__medewerker__organisatie=organisatie) | Q(groep__name__startswith=f"org:{organisatie.pk}:")
    )


def _kennisgeving(traject, user):
    return traject.toestemmingen.get(ontvanger=user.medewerker.organisatie, categorie="kennisgeving")


def test_each_row_holds_until_its_organisations_kennisgeving_ends(demo):
    """JJI and JJI-school without end; another organisation up to the latest end among its valid
    kennisgevingen."""
    noah, intaker = demo.trajecten["Noah"], demo.mbo_intake
    vandaag = timezone.localdate()
    jji_school = noah.betrokkenheden.get(soort=BetrokkenheidSoort.JJI_SCHOOL).organisatie
    assert set(
        Zicht.objects.filter(traject=noah, groep__name__startswith=f"org:{jji_school.pk}:").values_list(
            "tot", flat=True
        )
    ) == {Zicht.ONBEPAALD}

    kennisgeving = _kennisgeving(noah, intaker)
    kennisgeving.geldig_tot = vandaag + dt.timedelta(days=30)
    kennisgeving.save(update_fields=["geldig_tot"])
    policy.rechten_afleiden(noah)
    assert set(_eigen_rijen(noah, intaker).values_list("tot", flat=True)) == {vandaag + dt.timedelta(days=30)}

    # A second valid kennisgeving without end (the service refuses one; the rule still holds): the organisation stays.
    kennisgeving.pk = None
    kennisgeving.geldig_tot = None
    kennisgeving.save()
    policy.rechten_afleiden(noah)
    assert set(_eigen_rijen(noah, intaker).values_list("tot", flat=True)) == {Zicht.ONBEPAALD}
    assert policy.zicht_controleren() == (0, 0)


def test_a_parents_consent_holds_the_lists_up_to_the_18th_birthday(demo, klok):
    """A kennisgeving on a parent's consent: the rows end the day before the 18th birthday;
    correcting the birth date moves that day at once (the service derives again)."""
    noah, intaker = demo.trajecten["Noah"], demo.mbo_intake
    vandaag = timezone.localdate()
    kennisgeving = _kennisgeving(noah, intaker)
    kennisgeving.grondslag, kennisgeving.geldig_tot = Grondslag.TOESTEMMING_OUDER, None
    kennisgeving.gegeven_door = "Moeder (fictief)"
    kennisgeving.save(update_fields=["grondslag", "geldig_tot", "gegeven_door"])
    geboren = regels.verjaardag(vandaag + dt.timedelta(days=10), -regels.MEERDERJARIG)
    achttien = regels.verjaardag(geboren, regels.MEERDERJARIG)  # 1 March for 29 February
    services.traject_wijzigen(actor=demo.coordinator, traject=noah, jongere={"geboortedatum": geboren}, gegevens={})
    assert set(_eigen_rijen(noah, intaker).values_list("tot", flat=True)) == {achttien - dt.timedelta(days=1)}

    klok((achttien - vandaag).days - 1)
    assert "Noah" in zichtbaar_vers(intaker)
    klok((achttien - vandaag).days)  # the birthday: the parent's consent has lapsed, nothing has run
    assert "Noah" not in zichtbaar_vers(intaker)
    assert not policy.kijkers(noah).filter(user=intaker).exists()


def test_a_drifted_end_date_is_found_and_repaired(demo):
    noah, intaker = demo.trajecten["Noah"], demo.mbo_intake
    einde = timezone.localdate() + dt.timedelta(days=5)
    kennisgeving = _kennisgeving(noah, intaker)
    kennisgeving.geldig_tot = einde
    kennisgeving.save(update_fields=["geldig_tot"])  # recorded past the service: the rows drift
    assert policy.zicht_controleren() == (1, 2 * _eigen_rijen(noah, intaker).count())
    assert policy.zicht_controleren(herstellen=True)[0] == 1
    assert set(_eigen_rijen(noah, intaker).values_list("tot", flat=True)) == {einde}
    assert policy.zicht_controleren() == (0, 0)


def test_the_migration_gives_existing_rows_their_end_dates(demo):
    """``toegang 0016`` fills ``tot`` for rows made before it, by the same rules."""
    noah, intaker = demo.trajecten["Noah"], demo.mbo_intake
    kennisgeving = _kennisgeving(noah, intaker)
    kennisgeving.geldig_tot = timezone.localdate() + dt.timedelta(days=3)
    kennisgeving.save(update_fields=["geldig_tot"])
    policy.rechten_afleiden(noah)
    verwacht = set(Zicht.objects.values_list("pk", "tot"))
    assert any(tot != Zicht.ONBEPAALD for _, tot in verwacht)

    # A parent's consent for another organisation's kennisgeving (Liam's, ending before the 18th birthday).
    liam = demo.trajecten["Liam"]
    ouder = liam.toestemmingen.filter(categorie="kennisgeving").exclude(ontvanger=liam.jji).first()
    assert ouder is not None
    ouder.grondslag, ouder.gegeven_door, ouder.geldig_tot = Grondslag.TOESTEMMING_OUDER, "Vader (fictief)", None
    ouder.save(update_fields=["grondslag", "gegeven_door", "geldig_tot"])
    policy.rechten_afleiden(liam)
    verwacht = set(Zicht.objects.values_list("pk", "tot"))
    assert {tot for _, tot in verwacht} - {Zicht.ONBEPAALD, kennisgeving.geldig_tot}  # the 18th birthday's eve
    # A row that nothing holds (no valid kennisgeving), as a drift would have left it.
    los = Zicht.objects.create(traject=demo.trajecten["Sem"], persoon=intaker)

    Zicht.objects.update(tot=Zicht.ONBEPAALD)  # as the added column left them
    migratie = importlib.import_module("toegang.migrations.0016_zicht_tot")
    migratie.tot_vullen(django_apps, None)
    assert set(Zicht.objects.exclude(pk=los.pk).values_list("pk", "tot")) == verwacht
    assert Zicht.objects.get(pk=los.pk).tot == timezone.localdate() - dt.timedelta(days=1)
    assert "Sem" not in zichtbaar_vers(intaker)


def test_a_row_that_drifted_opens_no_page_action_or_notification(client, demo):
    """The lists read the rows; one traject — its page, what may be done in it, who is told of
    it — also checks that the reader's organisation is active in it. A revocation written past
    the service leaves the rows until the nightly check; the rest of the house is closed."""
    noah, intaker = demo.trajecten["Noah"], demo.mbo_intake
    kennisgeving = _kennisgeving(noah, intaker)
    kennisgeving.ingetrokken_op, kennisgeving.ingetrokken_door = timezone.now(), demo.coordinator
    kennisgeving.save(update_fields=["ingetrokken_op", "ingetrokken_door"])  # past the service: nothing derived
    noah = Traject.objects.get(pk=noah.pk)
    assert not policy.is_zichtbaar(intaker, noah)
    assert not policy.kijkers(noah).filter(user=intaker).exists()
    client.force_login(intaker)
    assert client.get(reverse("trajecten:detail", args=[noah.pk])).status_code == 404
    assert policy.zicht_controleren(herstellen=True)[0] == 1
    assert "Noah" not in zichtbaar_vers(intaker)


def test_a_group_of_another_organisation_opens_nothing(demo):
    """Put by hand (the admin's break-glass) into another organisation's group, a person sees
    nothing of its trajecten: only their own organisation's groups count."""
    vreemde, intaker = demo.mbo_intake_other, demo.mbo_intake
    organisatie = intaker.medewerker.organisatie
    assert vreemde.medewerker.organisatie != organisatie
    voor = zichtbaar_vers(vreemde)
    vreemde.groups.add(*Group.objects.filter(name__startswith=f"org:{organisatie.pk}:"))
    assert zichtbaar_vers(vreemde) == voor
    assert "Noah" not in voor
    noah = Traject.objects.get(pk=demo.trajecten["Noah"].pk)
    assert not policy.is_zichtbaar(vreemde, noah)
    assert not policy.kijkers(noah).filter(user=vreemde).exists()


def test_the_hourly_task_handles_each_lapsed_record_once(demo, klok):
    """National scale: the hourly task remembers the day it handled up to, so a record that
    lapsed is derived again on the first run after it lapsed, and never again; a parent's
    consent the same, on the 18th birthday."""
    from jji_traject.models import Taakstand
    from toegang.tasks import VERLOPEN, verlopen_grondslagen_verwerken

    noah, intaker = demo.trajecten["Noah"], demo.mbo_intake
    vandaag = timezone.localdate()
    verlopen_grondslagen_verwerken()  # the first run: whatever lapsed before
    assert Taakstand.objects.get(naam=VERLOPEN).dag == vandaag
    assert verlopen_grondslagen_verwerken() == 0  # the same day again: nothing new
    kennisgeving = _kennisgeving(noah, intaker)
    kennisgeving.geldig_tot = vandaag + dt.timedelta(days=1)
    kennisgeving.save(update_fields=["geldig_tot"])
    policy.rechten_afleiden(noah)
    klok(1)
    assert verlopen_grondslagen_verwerken() == 0  # its last day: still valid
    klok(2)
    assert _eigen_rijen(noah, intaker).exists()  # the rows are there, the lists closed (tot)
    assert verlopen_grondslagen_verwerken() == 1
    assert not _eigen_rijen(noah, intaker).exists()
    assert not TrajectUserObjectPermission.objects.filter(content_object=noah, user=intaker).exists()
    assert verlopen_grondslagen_verwerken() == 0  # handled: the next hour does not look again
    klok(3)
    assert verlopen_grondslagen_verwerken() == 0
    assert Taakstand.objects.get(naam=VERLOPEN).dag == vandaag + dt.timedelta(days=3)

    # A parent's consent lapses on the 18th birthday, and is handled on the first run after it.
    liam = demo.trajecten["Liam"]
    ouders = liam.toestemmingen.filter(ingetrokken_op__isnull=True).exclude(categorie="kennisgeving").first()
    ouders.grondslag, ouders.geldig_tot, ouders.gegeven_door = Grondslag.TOESTEMMING_OUDER, None, "Vader (fictief)"
    ouders.save(update_fields=["grondslag", "geldig_tot", "gegeven_door"])
    geboren = regels.verjaardag(vandaag + dt.timedelta(days=5), -regels.MEERDERJARIG)
    achttien = (regels.verjaardag(geboren, regels.MEERDERJARIG) - vandaag).days  # 5, or 6 from 29 February
    jongere = liam.jongere
    jongere.geboortedatum = geboren
    jongere.save(update_fields=["geboortedatum"])
    klok(achttien - 1)
    assert verlopen_grondslagen_verwerken() == 0
    klok(achttien)  # the birthday
    assert verlopen_grondslagen_verwerken() == 1
    assert verlopen_grondslagen_verwerken() == 0


def _taken_per_traject(user) -> set[int]:
    """The tasks the rule for one traject gives the reader, traject by traject, for a user
    loaded afresh (a new request)."""
    user = get_user_model().objects.get(pk=user.pk)
    return {
        pk
        for traject in Traject.objects.all()
        for pk in policy.taken_zichtbaar_voor(user, traject).values_list("pk", flat=True)
    }


@pytest.mark.parametrize(
    "naam", ["coordinator", "jji-school", "itb", "verbindingsofficier", "mbo-intake", "leerplicht", "gemeente"]
)
def test_tasks_across_trajecten_follow_the_rule_for_one_traject(demo, klok, naam):
    """Mijn taken probes the visibility rows per task (``zichtbaar_per_rij``): the tasks it
    finds are those the rule for one traject gives, traject by traject, also the day after a
    grondslag's last day (before anything has run)."""
    from trajecten.models import Taak

    user = demo.users[naam]

    def eigen(taken):
        medewerker = user.medewerker
        return set(
            taken.filter(traject__afgesloten_op__isnull=True)
            .filter(Q(medewerker=medewerker) | Q(medewerker__isnull=True, organisatie_id=medewerker.organisatie_id))
            .values_list("pk", flat=True)
        )

    verwacht = _taken_per_traject(user)
    assert set(policy.zichtbare_taken(user).values_list("pk", flat=True)) == verwacht
    assert set(policy.mijn_taken(user).values_list("pk", flat=True)) == eigen(Taak.objects.filter(pk__in=verwacht))
    noah = demo.trajecten["Noah"]
    kennisgeving = _kennisgeving(noah, demo.mbo_intake)
    kennisgeving.geldig_tot = timezone.localdate()
    kennisgeving.save(update_fields=["geldig_tot"])
    policy.rechten_afleiden(noah)
    klok(1)
    user = get_user_model().objects.get(pk=user.pk)  # a new request: nothing remembered
    verwacht = _taken_per_traject(user)
    assert set(policy.zichtbare_taken(user).values_list("pk", flat=True)) == verwacht
    if naam == "mbo-intake":
        assert not Taak.objects.filter(pk__in=verwacht, traject=noah).exists()


def test_deactivating_and_reactivating_an_organisation_derives_its_rows_at_once(
    demo, django_capture_on_commit_callbacks
):
    """The rows of the organisation's trajecten follow its (de)activation right away (a job
    after commit, run eagerly here), not after the nightly check: made active again, its lists
    show its trajecten again."""
    from netwerk import services as netwerk_services
    from netwerk.models import Organisatie

    mbo = Organisatie.objects.get(naam="ROC Lindewaard")
    voor = set(
        _eigen_rijen(demo.trajecten["Noah"], demo.mbo_intake).values_list("traject_id", "groep_id", "persoon_id", "tot")
    )
    gezien = zichtbaar_vers(demo.mbo_intake)
    assert voor and gezien
    mbo.actief = False
    with django_capture_on_commit_callbacks(execute=True):
        netwerk_services.organisatie_opslaan(actor=demo.beheerder, organisatie=mbo)
    assert not _eigen_rijen(demo.trajecten["Noah"], demo.mbo_intake).exists()
    assert policy.zicht_controleren() == (0, 0)
    # In portions of one traject the derivation gives the same rows.
    betrokken = Traject.objects.filter(betrokkenheden__organisatie=mbo).distinct().count()
    assert betrokken > 1 and policy.organisatie_rechten_afleiden(mbo.pk, portie=1) == betrokken
    assert policy.zicht_controleren() == (0, 0)
    mbo.actief = True
    with django_capture_on_commit_callbacks(execute=True):
        netwerk_services.organisatie_opslaan(actor=demo.beheerder, organisatie=mbo)
    assert (
        set(
            _eigen_rijen(demo.trajecten["Noah"], demo.mbo_intake).values_list(
                "traject_id", "groep_id", "persoon_id", "tot"
            )
        )
        == voor
    )
    assert zichtbaar_vers(demo.mbo_intake) == gezien
    assert policy.zicht_controleren() == (0, 0)


def test_the_kept_condition_of_mijn_taken_reads_the_groups_when_it_runs(demo):
    """The per-row condition is built once per reader and day (``_per_rij``); a designation
    that moves the verbindingsofficier's group to another person counts at once, for both."""
    from netwerk import services as netwerk_services

    def taken(user):
        user = get_user_model().objects.get(pk=user.pk)  # a new request
        return set(policy.zichtbare_taken(user).values_list("pk", flat=True))

    vo, intake = demo.verbindingsofficier, demo.mbo_intake
    voor_vo, voor_intake = taken(vo), taken(intake)
    assert voor_vo > voor_intake
    netwerk_services.verbindingsofficier_aanwijzen(
        actor=demo.beheerder, organisatie=vo.medewerker.organisatie, medewerker=intake.medewerker
    )
    assert taken(intake) == _taken_per_traject(intake) == voor_vo
    assert taken(vo) == _taken_per_traject(vo) != voor_vo
