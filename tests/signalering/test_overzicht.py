"""The verbindingsofficier's overview (issue 18, item 4): his home page, reachable from the
header; youths expected in the next 8 weeks, beslismodellen waiting, planned warme
overdrachten and youths uit beeld, only of trajecten he sees where his college is the active
receiving mbo; names and links, never dossier content; flat in queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dossier import services_schoolloopbaan
from trajecten import services as traject_services
from trajecten.constants import BetrokkenheidSoort, OverlegSoort

from ..factories import TrajectFactory

pytestmark = pytest.mark.django_db
VANDAAG = timezone.localdate
URL = reverse("overzicht:verbindingsofficier")


def _wijzigen(demo, naam, **gegevens):
    traject = demo.trajecten[naam]
    return traject_services.traject_wijzigen(actor=demo.itb, traject=traject, jongere={}, gegevens=gegevens)


def test_the_verbindingsofficier_lands_on_his_overview_others_keep_their_home(client, demo):
    client.force_login(demo.verbindingsofficier)
    assert client.get(reverse("start"))["Location"] == URL
    pagina = client.get(URL).content.decode()
    assert f'href="{URL}" aria-current="page">Overzicht<' in pagina
    # The JJI-school's verbindingsofficier (no college receiving youths), an intaker, the
    # gemeente: their home as before, and no overview.
    for user in (demo.coordinator, demo.mbo_intake, demo.gemeente, demo.itb):
        client.force_login(user)
        assert client.get(reverse("start"))["Location"] != URL
        assert client.get(URL).status_code == 404
        assert f'href="{URL}"' not in client.get(reverse("trajecten:lijst")).content.decode()


def test_the_sections_show_only_what_he_may_see(client, demo, noah, dossier_markers):
    vo = demo.verbindingsofficier
    _wijzigen(demo, "Noah", verwachte_einddatum=VANDAAG() + dt.timedelta(days=20))
    _wijzigen(demo, "Daan", verwachte_einddatum=VANDAAG() + dt.timedelta(weeks=8, days=1))  # just after
    _wijzigen(demo, "Sem", verwachte_einddatum=VANDAAG() + dt.timedelta(days=10))  # ROC awaits its grondslag
    _wijzigen(demo, "Liam", vrijgelaten_op=VANDAAG() - dt.timedelta(days=40))
    _wijzigen(demo, "Jayden", vrijgelaten_op=VANDAAG() - dt.timedelta(days=40))  # grondslag expired
    noah_traject = demo.trajecten["Noah"]
    traject_services.overleg_vastleggen(
        actor=demo.coordinator,
        traject=noah_traject,
        soort=OverlegSoort.WARME_OVERDRACHT,
        datum=VANDAAG() + dt.timedelta(days=14),
        jongere_aanwezig=True,
        deelnemers=[vo.medewerker],
    )
    # A warme overdracht without his college is not his to see.
    traject_services.overleg_vastleggen(
        actor=demo.coordinator,
        traject=demo.trajecten["Daan"],
        soort=OverlegSoort.WARME_OVERDRACHT,
        datum=VANDAAG() + dt.timedelta(days=7),
        jongere_aanwezig=True,
    )
    client.force_login(vo)
    pagina = client.get(URL).content.decode()

    def sectie(anker):
        begin = pagina.index(f'id="{anker}"')
        return pagina[begin : pagina.index("</section>", begin)]

    verwacht = sectie("verwacht")
    assert "Noah Verbeek" in verwacht and "(1)" in verwacht
    assert "Daan Smit" not in verwacht
    assert "Finn" in sectie("beslismodellen")  # Finn's version waits at ROC Lindewaard (demo)
    warm = sectie("warme-overdrachten")
    assert "Noah Verbeek" in warm and "Daan Smit" not in warm
    uit_beeld = sectie("uit-beeld")
    assert "Liam Mulder" in uit_beeld and reverse("trajecten:overleg_vastleggen", args=[demo.trajecten["Liam"].pk])
    # Never a youth he may not see, and never dossier content.
    for naam in ("Sem Hoekstra", "Jayden"):
        assert naam not in pagina
    for marker in dossier_markers.values():
        assert marker not in pagina
    # Every link on it opens.
    for pad in (reverse("trajecten:detail", args=[noah_traject.pk]), reverse("beslismodel:te_beoordelen")):
        assert pad in pagina and client.get(pad).status_code == 200


def _ontvangen(demo, aantal):
    """``aantal`` more trajecten where ROC Lindewaard is the active receiving mbo: expected
    soon, released and uit beeld, or with a warme overdracht planned with him."""
    jji = demo.itb.medewerker.organisatie
    roc = demo.verbindingsofficier.medewerker.organisatie
    nieuw = []
    for i in range(aantal):
        traject = TrajectFactory(jji=jji, betrokkenheden__toegewezen=demo.jji_school.medewerker, verblijf=True)
        traject_services.betrokkenheid_toevoegen(
            actor=demo.coordinator, traject=traject, organisatie=roc, soort=BetrokkenheidSoort.MBO_ONTVANGEND
        )
        traject_services.kennisgeving_vastleggen(
            actor=demo.coordinator,
            traject=traject,
            ontvanger=roc,
            gegevens={
                "grondslag": "toestemming_jongere",
                "datum_gegeven": VANDAAG() - dt.timedelta(days=3),
                "wijze": "mondeling",
                "weigeren_zonder_gevolgen": True,
            },
        )
        traject_services.traject_wijzigen(
            actor=demo.coordinator,
            traject=traject,
            jongere={},
            gegevens={"verwachte_einddatum": VANDAAG() + dt.timedelta(days=10 + i)},
        )
        traject_services.overleg_vastleggen(
            actor=demo.coordinator,
            traject=traject,
            soort=OverlegSoort.WARME_OVERDRACHT,
            datum=VANDAAG() + dt.timedelta(days=5),
            jongere_aanwezig=True,
            deelnemers=[demo.verbindingsofficier.medewerker],
        )
        nieuw.append(traject)
    return nieuw


def test_the_query_count_stays_flat(client, demo):
    client.force_login(demo.verbindingsofficier)
    _ontvangen(demo, 2)
    client.get(URL)  # the session's first request writes it: not the page's doing
    with CaptureQueriesContext(connection) as weinig:
        assert client.get(URL).status_code == 200
    _ontvangen(demo, 14)
    with CaptureQueriesContext(connection) as veel:
        pagina = client.get(URL).content.decode()
    assert "En nog" in pagina  # more than a section shows
    assert len(veel) == len(weinig), "\n".join(
        ["WEINIG"]
        + [q["sql"][:150] for q in weinig.captured_queries]
        + ["VEEL"]
        + [q["sql"][:150] for q in veel.captured_queries]
    )


def _sectie(pagina, anker):
    begin = pagina.index(f'id="{anker}"')
    return pagina[begin : pagina.index("</section>", begin)]


def test_his_colleges_school_outcomes_show_whether_they_are_recorded_not_what(client, demo):
    """Liam and Finn: ROC Lindewaard writes their schoolloopbaan (demo series). Jayden's is
    written by leerplicht/RMC (ROC's grondslag expired): not on ROC's overview. The values —
    the programme, what a checkpoint found — stay on the dossier page."""
    client.force_login(demo.verbindingsofficier)
    op_school = _sectie(client.get(URL).content.decode(), "op-school")
    assert "(2)" in op_school
    liam = op_school[op_school.index("Liam Mulder") :].split("</li>")[0]
    assert "eerste schooldag vastgelegd" in liam and "laatste checkpoint: 6 maanden na uitstroom" in liam
    assert reverse("dossier:dossier", args=[demo.trajecten["Liam"].pk]) + "#schoolloopbaan" in op_school
    assert "Finn Jacobs" in op_school and "Jayden" not in op_school
    for inhoud in ("Logistiek medewerker", "25300", "veel verzuim", "diploma behaald", "Entree"):
        assert inhoud not in op_school
    # Liam's first school day and checkpoints removed: the row says what is still missing.
    traject = demo.trajecten["Liam"]
    for checkpoint in traject.schoolcheckpoints.all():
        checkpoint.delete()
    for inschrijving in traject.inschrijvingen.all():
        services_schoolloopbaan.inschrijving_wijzigen(
            actor=demo.mbo_intake, inschrijving=inschrijving, gegevens={"eerste_schooldag": None}
        )
    liam = _sectie(client.get(URL).content.decode(), "op-school").split("Liam Mulder")[1].split("</li>")[0]
    assert "nog geen eerste schooldag vastgelegd" in liam and "nog geen checkpoint vastgelegd" in liam


def test_the_school_outcomes_section_stays_flat(client, demo):
    client.force_login(demo.verbindingsofficier)
    client.get(URL)

    def vrijgelaten(aantal):
        for traject in _ontvangen(demo, aantal):
            traject_services.traject_wijzigen(
                actor=demo.coordinator,
                traject=traject,
                jongere={},
                gegevens={"vrijgelaten_op": VANDAAG() - dt.timedelta(5)},
            )
            traject.refresh_from_db()
            services_schoolloopbaan.inschrijving_vastleggen(
                actor=demo.verbindingsofficier,
                traject=traject,
                gegevens={"opleiding": "Opleiding", "startdatum": VANDAAG() - dt.timedelta(3)},
            )

    with CaptureQueriesContext(connection) as weinig:
        assert client.get(URL).status_code == 200
    vrijgelaten(12)
    with CaptureQueriesContext(connection) as veel:
        pagina = client.get(URL).content.decode()
    assert "En nog" in _sectie(pagina, "op-school")
    assert len(veel) == len(weinig)
