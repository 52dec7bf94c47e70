"""Model instances from a query compiled once (``jji_traject.voorbereid.Objecten``, issue 21):
for every demo person the signed-in person is the queryset's own, with their profile and
organisation read along (no query when the page asks for them); annotations and a JSON
column come out as the queryset gives them; what the row-to-object step does not cover is
refused; an id that is not one signs no one in. SQLite (the converters of its dates):
``test_make_run.py`` opens every page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jji_traject import machtigingen
from jji_traject.voorbereid import PLEK, Objecten
from netwerk.constants import NIET_IN_TRAJECTEN
from overdracht.models import Overdracht
from toegang import policy
from toegang.policy import trajecten as trajecten_policy
from trajecten import selectors as trajecten_selectors
from trajecten.models import Toestemming, Traject

pytestmark = pytest.mark.django_db


def _velden(obj) -> dict:
    return {naam: waarde for naam, waarde in vars(obj).items() if not naam.startswith("_")}


def test_the_signed_in_person_is_the_querysets_for_every_demo_person(demo):
    gezien = 0
    for ref in machtigingen._gebruiker(None).model.objects.select_related("medewerker__organisatie"):
        [obj] = machtigingen._GEBRUIKER.objecten(ref.pk)
        assert type(obj) is type(ref) and _velden(obj) == _velden(ref), ref.username
        assert (obj._state.adding, obj._state.db) == (False, "default")
        heeft_profiel = hasattr(ref, "medewerker")
        with CaptureQueriesContext(connection) as queries:
            assert hasattr(obj, "medewerker") is heeft_profiel
            if heeft_profiel:
                assert _velden(obj.medewerker) == _velden(ref.medewerker)
                assert _velden(obj.medewerker.organisatie) == _velden(ref.medewerker.organisatie)
                assert obj.medewerker.user is obj
                gezien += 1
        assert len(queries) == 0, ref.username
    assert gezien >= 10


def test_get_user_signs_in_no_one_for_an_id_that_is_not_one(demo):
    backend = machtigingen.ModelBackendEenQuery()
    user = get_user_model().objects.get(username="itb")
    assert backend.get_user(user.pk) == user
    assert backend.get_user(str(user.pk)) == user
    for fout in ("abc", None, "1; DROP TABLE", "\x00", 10**12, 10**30, -1, float("inf")):
        assert backend.get_user(fout) is None
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert backend.get_user(user.pk) is None


def test_get_user_is_one_query_once_prepared(demo):
    backend = machtigingen.ModelBackendEenQuery()
    pk = get_user_model().objects.get(username="coordinator").pk
    backend.get_user(pk)
    with CaptureQueriesContext(connection) as queries:
        assert backend.get_user(pk).medewerker.organisatie.naam
    assert len(queries) == 1


def test_annotations_and_related_rows_as_the_queryset_gives_them_on_the_day_asked(demo):
    """A traject's involvements as the policy reads them (``betrokkenheden_van``): their
    ``is_actief`` (a rule with dates: the SQL is the day's own, today and after a kennisgeving
    has run out) and the organisation's verbindingsofficier (a nullable join: None where there
    is none), for every traject."""
    vandaag = timezone.localdate()
    later = vandaag + dt.timedelta(days=20)
    kennisgeving = Toestemming.objects.kennisgevingen().geldig().first()
    kennisgeving.geldig_tot = vandaag + dt.timedelta(days=10)
    kennisgeving.save()
    zonder_vo, actief = 0, {}
    for op in (vandaag, later):
        for traject_id in Traject.objects.values_list("pk", flat=True):
            verwacht = list(trajecten_policy._betrokkenheden(traject_id, op=op))
            gekregen = trajecten_policy._BETROKKENHEDEN.objecten(traject_id, sleutel=op)
            assert [_velden(b) for b in gekregen] == [_velden(b) for b in verwacht]
            for eigen, ref in zip(gekregen, verwacht, strict=True):
                vo = ref.organisatie.verbindingsofficier
                assert (_velden(eigen.organisatie.verbindingsofficier) if vo else None) == (_velden(vo) if vo else None)
                zonder_vo += vo is None
                if vo is not None:
                    assert eigen.organisatie.verbindingsofficier.user.username == vo.user.username
                actief.setdefault(op, []).append(eigen.is_actief)
    assert zonder_vo > 0
    assert actief[vandaag].count(True) > actief[later].count(True), "the kennisgeving has run out"
    with pytest.raises(ValueError, match="dag"):
        trajecten_policy._BETROKKENHEDEN.objecten(1, sleutel=None)


def test_a_json_column_goes_through_its_converter(demo):
    overdrachten = Objecten("test_overdrachten", lambda traject_id: Overdracht.objects.filter(traject_id=traject_id))
    gezien = 0
    for overdracht in Overdracht.objects.all():
        [eigen] = [o for o in overdrachten.objecten(overdracht.traject_id) if o.pk == overdracht.pk]
        assert eigen.categorieen == overdracht.categorieen and isinstance(eigen.categorieen, list)
        gezien += 1
    assert gezien >= 1


@pytest.mark.parametrize(
    "bouw",
    [
        lambda plek: Traject.objects.filter(pk=plek).prefetch_related("betrokkenheden"),
        lambda plek: Traject.objects.filter(pk=plek).values("pk"),
        lambda plek: Traject.objects.filter(pk=plek).union(Traject.objects.filter(pk=plek)),
        lambda plek, tweede: Traject.objects.filter(pk=plek),
    ],
    ids=["prefetch_related", "values", "union", "a value left out"],
)
def test_what_the_row_to_object_step_does_not_cover_is_refused(demo, bouw):
    waarden = bouw.__code__.co_argcount
    with pytest.raises(ValueError, match="gewone queryset|elke waarde"):
        Objecten("test_geweigerd", bouw, waarden=waarden).objecten(*[PLEK] * waarden)


def _trajecten_per_lezer():
    for user in get_user_model().objects.filter(medewerker__isnull=False).select_related("medewerker"):
        yield user, user.medewerker.organisatie_id


@pytest.mark.parametrize("met", [None, trajecten_selectors.met_uit_beeld], ids=["alleen", "met_uit_beeld"])
def test_fetching_a_traject_is_the_querysets_for_every_person_and_traject(demo, klok, met, settings):
    """``policy.traject_ophalen`` by its kept SQL: for every demo person and every traject,
    today, the day after (the SQL of that day) and with another number of days for "uit
    beeld" (what ``met_uit_beeld`` also depends on), the traject and what is read with it are
    the queryset's own, or both nothing."""
    trajecten = list(Traject.objects.values_list("pk", flat=True))
    gezien, uit_beeld = 0, {"vandaag": 0, "morgen": 0, "dagen": 0}
    for stap in ("vandaag", "morgen", "dagen"):
        if stap == "morgen":
            klok(1)
        if stap == "dagen":
            settings.UIT_BEELD_DAGEN = 100_000  # no one is out of view that long
        for user, organisatie_id in _trajecten_per_lezer():
            for traject_id in trajecten:
                qs = trajecten_policy._ophalen_qs(user.pk, organisatie_id, op=timezone.localdate(), met=met)
                verwacht = qs.filter(pk=traject_id).first()
                eigen = trajecten_policy._vast_ophalen(user.pk, organisatie_id, traject_id, met)
                assert (eigen is None) == (verwacht is None), (user.username, traject_id, stap)
                if verwacht is None:
                    continue
                assert _velden(eigen) == _velden(verwacht), (user.username, traject_id, stap)
                with CaptureQueriesContext(connection) as queries:
                    assert _velden(eigen.jongere) == _velden(verwacht.jongere)
                    assert _velden(eigen.jji.regio) == _velden(verwacht.jji.regio)
                assert len(queries) == 0
                gezien += 1
                if met is not None:
                    uit_beeld[stap] += eigen.is_uit_beeld
    assert gezien > 50
    if met is not None:
        assert uit_beeld["dagen"] == 0 < uit_beeld["morgen"], uit_beeld


@pytest.mark.parametrize("pk", ["abc", None, "", "1; DROP TABLE", 0, -1, 2**31, 2**63, 10**30, "\x00", float("nan")])
def test_fetching_a_traject_by_an_id_that_is_not_one_is_not_found(demo, pk):
    with pytest.raises(Http404):
        trajecten_policy.traject_ophalen(demo.verbindingsofficier, pk)


def test_a_traject_address_past_the_ids_is_not_found(client, demo):
    client.force_login(demo.verbindingsofficier)
    for pad in (
        "/trajecten/2147483648/",
        "/trajecten/99999999999999999999999/",
        "/trajecten/9223372036854775808/dossier/",
    ):
        assert client.get(pad).status_code == 404, pad
    assert client.get(f"/trajecten/{demo.trajecten['Noah'].pk}/").status_code == 200


def test_fetching_a_traject_keeps_the_rule_and_closes_the_day_after_its_row_ends(demo, klok):
    """``policy.traject_ophalen`` itself, for every demo person and traject, with and without
    what the page reads along: found exactly when the rule holds — the traject among
    ``zichtbaar_voor(user, lijst=False)``, a role within trajecten and the reader's organisation
    active in it. The intaker's row for Noah ends today (their kennisgeving's last day): Noah
    is found today and not the day after, before the hourly task has run."""
    noah = demo.trajecten["Noah"]
    intaker = demo.mbo_intake
    toestemming = noah.toestemmingen.get(ontvanger=intaker.medewerker.organisatie, categorie="kennisgeving")
    toestemming.geldig_tot = timezone.localdate()
    toestemming.save(update_fields=["geldig_tot"])
    policy.rechten_afleiden(noah)

    def gevonden(user, traject_id, met) -> bool:
        try:
            return trajecten_policy.traject_ophalen(user, traject_id, met=met).pk == traject_id
        except Http404:
            return False

    def regel(user, traject) -> bool:
        medewerker = policy.medewerker_van(user)
        return (
            medewerker is not None
            and medewerker.rol not in NIET_IN_TRAJECTEN
            and policy.zichtbaar_voor(user, lijst=False).filter(pk=traject.pk).exists()
            and trajecten_policy.is_actief_in(medewerker.organisatie, traject)
        )

    for dag in ("vandaag", "morgen"):
        if dag == "morgen":
            klok(1)
        gezien = 0
        for user in get_user_model().objects.all():
            for traject in Traject.objects.all():
                for met in (None, trajecten_selectors.met_uit_beeld):
                    verwacht = regel(get_user_model().objects.get(pk=user.pk), traject)
                    assert gevonden(get_user_model().objects.get(pk=user.pk), traject.pk, met) == verwacht, (
                        user.username,
                        traject.pk,
                        dag,
                    )
                    gezien += verwacht
        assert gezien > 20
        assert gevonden(get_user_model().objects.get(pk=intaker.pk), noah.pk, None) is (dag == "vandaag")
