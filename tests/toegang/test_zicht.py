"""The visibility rows of the lists (``toegang.Zicht``): written with guardian's view rows by
the same derivation, checked and repaired by ``zicht_controleren``, and never more than the
live rules allow (an expired grondslag closes the lists before the hourly task has run)."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from toegang import policy
from toegang.models import TrajectGroupObjectPermission, TrajectUserObjectPermission, Zicht
from toegang.tasks import zicht_controleren

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


def test_an_expired_grondslag_closes_every_list_at_once(client, demo):
    """The rows stay until the hourly task runs; the lists close the moment the grondslag expires."""
    noah = demo.trajecten["Noah"]
    intaker = demo.mbo_intake
    client.force_login(intaker)
    assert (
        f'href="{reverse("trajecten:detail", args=[noah.pk])}"'
        in client.get(reverse("trajecten:lijst"), {"q": "Noah"}).content.decode()
    )
    assert client.get(reverse("trajecten:mijn_taken")).status_code == 200

    toestemming = noah.toestemmingen.get(ontvanger=intaker.medewerker.organisatie, categorie="kennisgeving")
    toestemming.geldig_tot = timezone.localdate() - dt.timedelta(days=1)
    toestemming.save(update_fields=["geldig_tot"])
    assert Zicht.objects.filter(traject=noah, persoon=intaker).exists()

    rij = f'href="{reverse("trajecten:detail", args=[noah.pk])}"'
    assert "Noah" not in client.get(reverse("trajecten:lijst")).content.decode()
    assert rij not in client.get(reverse("trajecten:lijst"), {"q": "Noah"}).content.decode()
    assert noah.jongere.achternaam not in client.get(reverse("trajecten:mijn_taken")).content.decode()
    assert client.get(reverse("trajecten:detail", args=[noah.pk])).status_code == 404
    assert noah.pk not in {t["id"] for t in client.get(reverse("api:trajecten")).json()["results"]}
