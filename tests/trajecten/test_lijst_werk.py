"""Mijn trajecten shows the work (issue 17, item 3): per traject the next task and its date,
how many tasks are overdue, and per part of the dossier whether it is shared with the
reader's organisation (for the JJI and JJI-school that run the traject: with how many
organisations). Every column says what the reader may already see elsewhere and no more —
a justice partner's task never reaches a school, and only who may read signalen voor
veiligheid gets a column for them — and the page costs the same number of queries at any
size."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jji_traject.geschiedenis import bijwerken, bulk_aanmaken
from netwerk.constants import Rol
from netwerk.models import Organisatie
from toegang import delen, policy
from trajecten import selectors, services
from trajecten.constants import AFGEROND, BetrokkenheidSoort, Categorie, Grondslag, TaakStatus, Wijze
from trajecten.models import Betrokkenheid, Taak, Toewijzing, Traject

from ..factories import TrajectFactory
from ..lezers import alle_delen_gedeeld

pytestmark = pytest.mark.django_db
VANDAAG = timezone.localdate
LEZERS = ("jji-school", "coordinator", "itb", "verbindingsofficier", "mbo-intake", "mbo-herkomst", "mbo-intake-other")
SIGNALEN = "Signalen voor veiligheid"


def _vers(user):
    """The user loaded afresh, as a new request would have it (nothing remembered)."""
    return get_user_model().objects.get(pk=user.pk)


def _rij(tekst: str, naam: str) -> str:
    """The table row of the youth named ``naam`` on the rendered list."""
    for rij in tekst.split("<tr ")[1:]:
        if f">{naam}</a>" in rij:
            return rij.split("</tr>")[0]
    raise AssertionError(f"geen rij voor {naam}")


def _verwachte_lezers(traject: Traject, categorie: str) -> int:
    """How many organisations other than the JJI-school and the part's writer (the receiving
    mbo for the schoolloopbaan) may read the part now, by the policy's own rule for an
    organisation (its verbindingsofficier reads every part shared with it)."""
    eigen = {policy.schrijvende_school(traject), policy.schrijver_van(traject, categorie)}
    organisaties = {b.organisatie for b in traject.betrokkenheden.select_related("organisatie")}
    return sum(
        categorie in policy.leesbare_categorieen(policy.Lezer(org, Rol.ZORGCOORDINATOR, True), traject)
        for org in organisaties
        if org not in eigen
    )


def test_each_cell_says_what_the_policy_says_for_every_reader(demo, noah):
    alle_delen_gedeeld(demo, noah)  # ROC Lindewaard: every part
    gezien = {"leesbaar": 0, "niet": 0, "regie": 0}
    for naam in LEZERS:
        user = _vers(demo.users[naam])
        getoond = policy.delen_in_lijst(user)
        rijen = list(selectors.mijn_trajecten(user))
        policy.delen_in_rijen(rijen, user)
        for rij in rijen:
            traject = Traject.objects.get(pk=rij.pk)
            leesbaar = policy.leesbare_categorieen(user, traject)
            regie = policy.mag_traject_beheren(user, traject)
            assert rij.regie_in_rij == regie, (naam, traject)
            for deel in getoond:
                assert getattr(rij, f"leesbaar_{deel.categorie}") == (deel.categorie in leesbaar), (naam, traject, deel)
                gezien["leesbaar" if deel.categorie in leesbaar else "niet"] += 1
                gedeeld = getattr(rij, f"gedeeld_{deel.categorie}", None)
                if regie:
                    assert gedeeld == _verwachte_lezers(traject, deel.categorie), (naam, traject, deel)
                    gezien["regie"] += 1
                else:
                    assert gedeeld is None, (naam, traject, deel)
    assert all(gezien.values()), gezien  # every kind of cell was checked


def test_a_signalen_column_only_for_who_may_read_signalen(client, demo, noah):
    alle_delen_gedeeld(demo, noah)
    kolommen = {naam: {d.categorie for d in policy.delen_in_lijst(_vers(demo.users[naam]))} for naam in LEZERS}
    alle = set(delen.categorieen())
    # The JJI-school writes them; a verbindingsofficier or veiligheidscoördinator may read them.
    assert kolommen["jji-school"] == kolommen["coordinator"] == kolommen["verbindingsofficier"] == alle
    for naam in ("itb", "mbo-intake", "mbo-herkomst", "mbo-intake-other"):
        assert kolommen[naam] == alle - {Categorie.VEILIGHEIDSSIGNALEN}, naam
    assert policy.delen_in_lijst(_vers(demo.beheerder)) == ()

    client.force_login(demo.mbo_intake)
    intaker = client.get(reverse("trajecten:lijst")).content.decode()
    assert SIGNALEN not in intaker
    noah_rij = _rij(intaker, noah.jongere.naam)
    # Onderwijsinformatie and begeleidingsbehoefte shared with ROC; the schoolloopbaan ROC writes.
    assert noah_rij.count("✓ gedeeld") == 3

    client.force_login(demo.verbindingsofficier)
    vo = client.get(reverse("trajecten:lijst")).content.decode()
    assert f">{SIGNALEN}</th>" in vo
    assert f'data-label="{SIGNALEN}"><span class="status status--actief">✓ gedeeld' in _rij(vo, noah.jongere.naam)


def test_the_jji_school_sees_with_how_many_organisations_each_part_is_shared(client, demo, noah):
    records = alle_delen_gedeeld(demo, noah)
    client.force_login(demo.jji_school)
    rij = _rij(client.get(reverse("trajecten:lijst")).content.decode(), noah.jongere.naam)
    assert rij.count("✓ met 1 organisatie") == 3
    begeleiding = next(r for r in records if r.categorie == Categorie.BEGELEIDINGSBEHOEFTE)
    services.toestemming_intrekken(actor=demo.coordinator, toestemming=begeleiding)
    rij = _rij(client.get(reverse("trajecten:lijst")).content.decode(), noah.jongere.naam)
    assert rij.count("✓ met 1 organisatie") == 2
    assert 'data-label="Begeleidingsbehoefte"><span class="klein">met niemand gedeeld' in rij
    # And the intaker no longer reads it: "niet gedeeld" in his row.
    client.force_login(demo.mbo_intake)
    rij = _rij(client.get(reverse("trajecten:lijst")).content.decode(), noah.jongere.naam)
    assert 'data-label="Begeleidingsbehoefte"><span class="klein">niet gedeeld' in rij


def _open_zichtbaar(user, traject):
    """The reader's visible open tasks of a traject in reached steps, as the detail page has them."""
    return (
        policy.taken_zichtbaar_voor(user, traject)
        .filter(selectors._bereikt())
        .exclude(status__in=AFGEROND)
        .order_by("deadline", "stap", "pk")  # PostgreSQL sorts NULL last ascending
    )


def test_the_next_task_and_the_overdue_count_never_show_a_justice_partners_task_to_a_school(client, demo):
    noah = demo.trajecten["Noah"]
    justitie = noah.taken.filter(justitieel=True).exclude(status__in=AFGEROND).first()
    gewoon = noah.taken.filter(justitieel=False).exclude(status__in=AFGEROND).first()
    assert justitie and gewoon
    bijwerken(Taak.objects.filter(traject=noah), deadline=VANDAAG() + dt.timedelta(days=60))
    bijwerken(Taak.objects.filter(pk=justitie.pk), deadline=VANDAAG() - dt.timedelta(days=3))
    bijwerken(Taak.objects.filter(pk=gewoon.pk), deadline=VANDAAG() - dt.timedelta(days=1))

    itb = {t.pk: t for t in selectors.mijn_trajecten(_vers(demo.itb))}[noah.pk]
    school = {t.pk: t for t in selectors.mijn_trajecten(_vers(demo.jji_school))}[noah.pk]
    assert (itb.volgende_taak_id, itb.taken_te_laat) == (justitie.pk, 2)
    assert (school.volgende_taak_id, school.taken_te_laat) == (gewoon.pk, 1)

    client.force_login(demo.jji_school)
    tekst = client.get(reverse("trajecten:lijst")).content.decode()
    assert justitie.tekst not in tekst
    rij = _rij(tekst, noah.jongere.naam)
    assert f"#taak-{gewoon.pk}" in rij and gewoon.tekst in rij
    assert 'data-label="Taken te laat"><strong class="te-laat">1</strong>' in rij
    client.force_login(demo.itb)
    rij = _rij(client.get(reverse("trajecten:lijst")).content.decode(), noah.jongere.naam)
    assert f"#taak-{justitie.pk}" in rij and 'data-label="Taken te laat"><strong class="te-laat">2</strong>' in rij


def test_the_work_columns_agree_with_the_tasks_each_reader_sees(demo):
    # Give every open task a date around today, so that both columns have something to say.
    for i, taak in enumerate(Taak.objects.exclude(status__in=AFGEROND).order_by("pk")):
        bijwerken(Taak.objects.filter(pk=taak.pk), deadline=VANDAAG() + dt.timedelta(days=(i % 7) - 3))
    gecontroleerd = 0
    for naam in LEZERS:
        user = _vers(demo.users[naam])
        rijen = list(selectors.mijn_trajecten(user))
        policy.delen_in_rijen(rijen, user)
        for rij in rijen:
            traject = Traject.objects.get(pk=rij.pk)
            open_taken = _open_zichtbaar(user, traject) if not traject.is_afgesloten else Taak.objects.none()
            assert rij.volgende_taak_id == (open_taken[0].pk if open_taken else None), (naam, traject)
            assert rij.taken_te_laat == open_taken.filter(deadline__lt=VANDAAG()).count(), (naam, traject)
            gecontroleerd += rij.taken_te_laat
    assert gecontroleerd > 0


def test_a_closed_traject_has_no_next_task(client, demo):
    traject = demo.trajecten["Noah"]
    bijwerken(Traject.objects.filter(pk=traject.pk), afgesloten_op=VANDAAG())
    rij = {t.pk: t for t in selectors.mijn_trajecten(_vers(demo.itb))}[traject.pk]
    assert (rij.volgende_taak_id, rij.taken_te_laat) == (None, 0)


GEGEVENS = {
    "grondslag": Grondslag.TOESTEMMING_JONGERE,
    "datum_gegeven": VANDAAG,
    "wijze": Wijze.MONDELING,
    "weigeren_zonder_gevolgen": True,
}


def _meer_trajecten_met_werk(demo, aantal):
    """``aantal`` trajecten at the demo's JJI with work and shared parts: ROC Lindewaard active
    (kennisgeving) with every part shared, the docent, the ITB'er and the intaker assigned, an
    overdue task of the mbo, an overdue task of a justice partner, one still to do."""
    jji = demo.itb.medewerker.organisatie
    roc = Organisatie.objects.get(naam="ROC Lindewaard")
    gegevens = {**GEGEVENS, "datum_gegeven": VANDAAG()}
    for i in range(aantal):
        traject = TrajectFactory(jji=jji, betrokkenheden__toegewezen=demo.jji_school.medewerker)
        Betrokkenheid.objects.create(
            traject=traject, organisatie=roc, soort=BetrokkenheidSoort.MBO_ONTVANGEND, toegevoegd_door=demo.coordinator
        )
        for wie in (demo.itb, demo.mbo_intake):
            Toewijzing.objects.create(traject=traject, medewerker=wie.medewerker, toegewezen_door=demo.coordinator)
        services.kennisgeving_vastleggen(actor=demo.coordinator, traject=traject, ontvanger=roc, gegevens=gegevens)
        if i % 2:
            alle_delen_gedeeld(demo, traject)
        gisteren, straks = VANDAAG() - dt.timedelta(days=1), VANDAAG() + dt.timedelta(days=10)
        bulk_aanmaken(
            [
                Taak(traject=traject, stap=1, tekst="Intake plannen", organisatie=roc, deadline=gisteren),
                Taak(traject=traject, stap=1, tekst="Titel doorgeven", justitieel=True, deadline=gisteren),
                Taak(traject=traject, stap=2, tekst="Rooster maken", organisatie=roc, deadline=straks),
                Taak(traject=traject, stap=1, tekst="Kennismaken", status=TaakStatus.GEDAAN, gedaan_op=gisteren),
            ],
            Taak,
        )


def _tel(client, user) -> tuple[int, str]:
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        antwoord = client.get(reverse("trajecten:lijst"))
    assert antwoord.status_code == 200
    return len(ctx.captured_queries), antwoord.content.decode()


@pytest.mark.parametrize("naam", ["jji-school", "itb", "verbindingsofficier", "mbo-intake"])
def test_the_list_with_its_work_columns_costs_the_same_at_two_sizes(client, demo, naam):
    user = demo.users[naam]
    _meer_trajecten_met_werk(demo, 3)
    klein, tekst = _tel(client, user)
    assert "Intake plannen" in tekst and 'data-label="Taken te laat"><strong class="te-laat">' in tekst
    _meer_trajecten_met_werk(demo, 40)
    groot, tekst = _tel(client, user)
    assert 'rel="next"' in tekst  # more rows than one page
    assert groot <= klein, (klein, groot)
