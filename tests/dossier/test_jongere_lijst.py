"""The youth's list ("Wie heeft jouw gegevens bekeken?", issue 16 item 2): readings grouped per
person, part, what happened and day in the database (a flood of refused attempts is one line),
a flat query count, a page that stays small under a flood, and its PDF made in the background
through the outbox, capped, for its requester only."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from demo.schaal import vloed_genereren
from dossier import selectors, services
from dossier.models import Leesoverzicht, LeesoverzichtStatus
from jji_traject.geschiedenis import bijwerken
from jji_traject.models import Opdracht
from toegang.models import Raadpleging
from trajecten.constants import Categorie

from ..lezers import toestemming_geven
from ..pdf import pdf_tekst

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _om(dag: dt.date, uur: int, minuut: int = 0) -> dt.datetime:
    return dt.datetime(dag.year, dag.month, dag.day, uur, minuut, tzinfo=AMSTERDAM)


def _lezingen(demo, traject, tijdstippen, *, grondslag):
    """Readings of onderwijsinformatie by the receiving mbo's intaker at these moments."""
    organisatie = demo.mbo_intake.medewerker.organisatie
    Raadpleging.objects.bulk_create(
        [
            Raadpleging(
                tijdstip=t,
                actor=demo.mbo_intake,
                organisatie=organisatie,
                rol="intaker",
                jongere_id=traject.jongere_id,
                traject=traject,
                categorie=Categorie.ONDERWIJSINFORMATIE,
                actie="bekijken",
                grondslag=grondslag,
            )
            for t in tijdstippen
        ]
    )


def _pagina(client, traject, **params):
    antwoord = client.get(reverse("dossier:jongere_raadplegingen", args=[traject.pk]), params)
    assert antwoord.status_code == 200
    return antwoord.content.decode()


def test_a_flood_on_one_day_is_one_line_and_days_stay_apart(client, demo, noah):
    dag = timezone.localdate() - dt.timedelta(days=3)
    vloed_genereren(noah, actor=demo.mbo_intake_other, aantal=500, op=_om(dag, 12))  # ten a second
    onderwijs = toestemming_geven(demo, noah, Categorie.ONDERWIJSINFORMATIE)
    # Three readings on the day (one just after midnight) and one late the evening before: in
    # UTC that one falls on the same date as 00:30, so the day must be Amsterdam's.
    _lezingen(
        demo,
        noah,
        [_om(dag, 9, 5), _om(dag, 16, 40), _om(dag, 0, 30), _om(dag - dt.timedelta(days=1), 23, 30)],
        grondslag=onderwijs,
    )
    regels = selectors.raadplegingen_voor_jongere(demo.coordinator, noah)
    assert [(r.dag, r.aantal, r.geweigerd) for r in regels] == [
        (dag, 3, False),  # newest day first; within the day the latest last
        (dag, 500, True),
        (dag - dt.timedelta(days=1), 1, False),
    ]
    client.force_login(demo.coordinator)
    tekst = _pagina(client, noah)
    weigering = (
        "Ellen Kok (intaker, Techniekcollege Noordpolder) probeerde wat je nodig hebt aan begeleiding te bekijken."
    )
    assert tekst.count(weigering) == 1  # refused attempts stay visible, grouped
    assert "500 keer, om 12:00" in tekst
    gelezen = "Linda Vermeulen (intaker, ROC Lindewaard) heeft de gegevens over je school en opleiding bekeken."
    assert tekst.count(gelezen) == 2
    assert "3 keer, tussen 00:30 en 16:40" in tekst and "Dat mocht omdat jij daar op" in tekst
    assert tekst.index("3 keer") < tekst.index("500 keer") < tekst.index("23:30")


def test_the_page_stays_small_under_a_flood_of_refused_attempts(client, demo, noah):
    """Issue 16: 10,000 refused requests by one actor make the page at most twice its size."""
    onderwijs = toestemming_geven(demo, noah, Categorie.ONDERWIJSINFORMATIE)
    gisteren = timezone.localdate() - dt.timedelta(days=1)
    _lezingen(demo, noah, [_om(gisteren, 10), _om(gisteren, 11)], grondslag=onderwijs)
    client.force_login(demo.coordinator)
    zonder = len(_pagina(client, noah).encode())
    vloed_genereren(noah, actor=demo.mbo_intake_other, aantal=10_000, op=_om(gisteren, 12))
    met = _pagina(client, noah)
    assert "10000 keer" in met or "10.000 keer" in met
    assert len(met.encode()) <= 2 * zonder, (len(met.encode()), zonder)


def test_the_query_count_is_flat(client, demo, noah, django_assert_max_num_queries):
    onderwijs = toestemming_geven(demo, noah, Categorie.ONDERWIJSINFORMATIE)
    vandaag = timezone.localdate()
    _lezingen(demo, noah, [_om(vandaag - dt.timedelta(days=1), 10)], grondslag=onderwijs)
    client.force_login(demo.coordinator)
    _pagina(client, noah)  # warm: the session and the profile
    with CaptureQueriesContext(connection) as weinig:
        _pagina(client, noah)
    # Many more lines (days, a flood, two pages) and a second page: no more queries.
    _lezingen(
        demo,
        noah,
        [_om(vandaag - dt.timedelta(days=d), 10) for d in range(2, 2 + 2 * selectors.REGELS_PER_PAGINA)],
        grondslag=onderwijs,
    )
    vloed_genereren(noah, actor=demo.mbo_intake_other, aantal=2_000, op=_om(vandaag - dt.timedelta(days=1), 12))
    with django_assert_max_num_queries(len(weinig)):
        tekst = _pagina(client, noah)
    assert tekst.count('class="regel') == selectors.REGELS_PER_PAGINA and "Volgende" in tekst
    with django_assert_max_num_queries(len(weinig)):
        assert "Dit is pagina 2 van de lijst." in _pagina(client, noah, pagina=2)


def _aanvragen(client, noah, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(reverse("dossier:leesoverzicht_maken", args=[noah.pk]))
    leesoverzicht = Leesoverzicht.objects.filter(traject=noah).latest("pk")
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("dossier:leesoverzicht", args=[noah.pk, leesoverzicht.pk])
    return leesoverzicht


def test_the_pdf_is_made_by_the_task_for_its_requester_only(client, demo, noah, django_capture_on_commit_callbacks):
    vloed_genereren(noah, actor=demo.mbo_intake_other, aantal=500, op=_om(timezone.localdate(), 0, 5))
    client.force_login(demo.coordinator)
    # The page itself no longer renders a PDF in the request.
    antwoord = client.get(reverse("dossier:jongere_raadplegingen", args=[noah.pk]), {"formaat": "pdf"})
    assert antwoord["Content-Type"].startswith("text/html")
    leesoverzicht = _aanvragen(client, noah, django_capture_on_commit_callbacks)
    leesoverzicht.refresh_from_db()
    assert leesoverzicht.status == LeesoverzichtStatus.KLAAR and leesoverzicht.aangevraagd_door == demo.coordinator
    assert (leesoverzicht.regels, leesoverzicht.weggelaten) == (1, 0)
    # Through the outbox: one job, run once.
    opdracht = Opdracht.objects.get(taak="dossier.tasks.leesoverzicht_maken", argumenten=[leesoverzicht.pk])
    assert opdracht.uitgevoerd_op is not None
    status = client.get(antwoord_url := reverse("dossier:leesoverzicht", args=[noah.pk, leesoverzicht.pk]))
    assert "Downloaden (PDF)" in status.content.decode() and 'http-equiv="refresh"' not in status.content.decode()
    pdf = client.get(reverse("dossier:leesoverzicht_bestand", args=[noah.pk, leesoverzicht.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    tekst = pdf_tekst(pdf.content)
    assert "500 keer" in tekst and "Wie heeft jouw gegevens bekeken, Noah Verbeek?" in tekst
    assert "oudere regels" not in tekst
    # Someone else of the same JJI-school, and readers outside it: nothing.
    for ander in (demo.jji_school, demo.mbo_intake, demo.mbo_intake_other):
        client.force_login(ander)
        assert client.get(antwoord_url).status_code == 404
        assert client.get(reverse("dossier:leesoverzicht_bestand", args=[noah.pk, leesoverzicht.pk])).status_code == 404
    # Nor through another traject's URL.
    client.force_login(demo.coordinator)
    liam = demo.trajecten["Liam"]
    assert client.get(reverse("dossier:leesoverzicht_bestand", args=[liam.pk, leesoverzicht.pk])).status_code == 404


def test_a_waiting_pdf_asks_again_and_a_second_request_waits_for_the_same(client, demo, noah):
    """No <meta http-equiv="refresh"> (axe flags it; it reloads the page under a screen
    reader): the status asks again with htmx every 2 s, answered 204 (nothing to swap, nothing
    read out again) while it waits and with the status alone once it is done; without
    JavaScript a "Vernieuwen" link."""
    client.force_login(demo.coordinator)
    eerste = client.post(reverse("dossier:leesoverzicht_maken", args=[noah.pk]))  # no commit: it waits
    tweede = client.post(reverse("dossier:leesoverzicht_maken", args=[noah.pk]))
    assert eerste["Location"] == tweede["Location"] and Leesoverzicht.objects.filter(traject=noah).count() == 1
    url = eerste["Location"]
    status = client.get(url).content.decode()
    assert 'http-equiv="refresh"' not in status and "De PDF wordt gemaakt" in status
    assert f'hx-get="{url}" hx-trigger="every 2s" hx-target="#wachtstatus"' in status
    assert '<div role="status" id="wachtstatus">' in status
    assert f'<a class="utrecht-link" href="{url}">Vernieuwen</a>' in status
    bestand = client.get(url + "bestand/")
    assert bestand.status_code == 302 and bestand["Location"] == url
    gepeild = client.get(url, HTTP_HX_REQUEST="true")
    assert gepeild.status_code == 204 and gepeild.content == b"" and "HX-Request" in gepeild["Vary"]

    leesoverzicht = Leesoverzicht.objects.get(traject=noah)
    services.leesoverzicht_maken(leesoverzicht.pk)  # the background job
    gepeild = client.get(url, HTTP_HX_REQUEST="true")
    fragment = gepeild.content.decode()
    assert gepeild.status_code == 200 and "Downloaden (PDF)" in fragment
    assert "hx-trigger" not in fragment and "<html" not in fragment and "<h1" not in fragment  # polling stops


def test_a_pdf_that_waits_too_long_stops_asking(client, demo, noah):
    """A forgotten tab does not keep polling (and its session alive) for ever."""
    client.force_login(demo.coordinator)
    url = client.post(reverse("dossier:leesoverzicht_maken", args=[noah.pk]))["Location"]
    bijwerken(Leesoverzicht.objects.filter(traject=noah), aangevraagd_op=timezone.now() - dt.timedelta(minutes=11))
    status = client.get(url).content.decode()
    assert "duurt langer dan verwacht" in status and "hx-trigger" not in status and "Vernieuwen" in status
    gepeild = client.get(url, HTTP_HX_REQUEST="true")
    assert gepeild.status_code == 200 and "duurt langer dan verwacht" in gepeild.content.decode()


def test_the_pdf_holds_at_most_the_cap_and_says_what_it_leaves_out(
    client, demo, noah, monkeypatch, django_capture_on_commit_callbacks
):
    onderwijs = toestemming_geven(demo, noah, Categorie.ONDERWIJSINFORMATIE)
    vandaag = timezone.localdate()
    _lezingen(demo, noah, [_om(vandaag - dt.timedelta(days=d), 10) for d in range(1, 6)], grondslag=onderwijs)
    monkeypatch.setattr(selectors, "PDF_MAX_REGELS", 3)
    client.force_login(demo.coordinator)
    leesoverzicht = _aanvragen(client, noah, django_capture_on_commit_callbacks)
    leesoverzicht.refresh_from_db()
    assert (leesoverzicht.regels, leesoverzicht.weggelaten) == (3, 2)
    tekst = pdf_tekst(selectors.leesoverzicht_bestand(leesoverzicht))
    nieuwste = (vandaag - dt.timedelta(days=1)).day
    assert "Er staan nog 2 oudere regels niet in deze PDF." in tekst
    assert "alleen de nieuwste 3 regels" in tekst and "zorgcoördinator van je school" in tekst
    assert tekst.count("heeft de gegevens over je school en opleiding bekeken") == 3 and str(nieuwste) in tekst
    status = client.get(reverse("dossier:leesoverzicht", args=[noah.pk, leesoverzicht.pk])).content.decode()
    assert "2 oudere regels staan er niet in" in status


def test_the_job_rechecks_access_and_marks_a_failed_render(demo, noah, monkeypatch):
    from dossier import tasks

    # Asked for by someone who may not read the log (or no longer may): nothing is made.
    vreemd = Leesoverzicht.objects.create(traject=noah, aangevraagd_door=demo.mbo_intake)
    assert tasks.leesoverzicht_maken(vreemd.pk) == LeesoverzichtStatus.MISLUKT
    vreemd.refresh_from_db()
    assert vreemd.bestand is None and "geen toegang" in vreemd.fout

    def kapot(html):
        raise RuntimeError("WeasyPrint viel om")

    monkeypatch.setattr(services, "pdf_maken", kapot)
    leesoverzicht = Leesoverzicht.objects.create(traject=noah, aangevraagd_door=demo.coordinator)
    assert tasks.leesoverzicht_maken(leesoverzicht.pk) == "mislukt"
    leesoverzicht.refresh_from_db()
    assert leesoverzicht.status == LeesoverzichtStatus.MISLUKT and leesoverzicht.bestand is None
    assert tasks.leesoverzicht_maken(leesoverzicht.pk) == LeesoverzichtStatus.MISLUKT  # not made twice


def test_the_files_are_removed_after_the_bewaartermijn(demo, noah, settings):
    nu = timezone.now()
    oud = Leesoverzicht.objects.create(
        traject=noah,
        aangevraagd_door=demo.coordinator,
        status=LeesoverzichtStatus.KLAAR,
        bestand=b"%PDF-",
        gemaakt_op=nu - dt.timedelta(days=settings.OVERDRACHT_BEWAARDAGEN, hours=1),
    )
    vers = Leesoverzicht.objects.create(
        traject=noah,
        aangevraagd_door=demo.coordinator,
        status=LeesoverzichtStatus.KLAAR,
        bestand=b"%PDF-",
        gemaakt_op=nu,
    )
    blijft_hangen = Leesoverzicht.objects.create(
        traject=noah, aangevraagd_door=demo.coordinator, aangevraagd_op=nu - dt.timedelta(days=2)
    )
    assert services.leesoverzichten_opruimen() == 1
    for leesoverzicht in (oud, vers, blijft_hangen):
        leesoverzicht.refresh_from_db()
    assert oud.status == LeesoverzichtStatus.VERWIJDERD and oud.bestand is None and oud.verwijderd_op
    assert vers.status == LeesoverzichtStatus.KLAAR and bytes(vers.bestand) == b"%PDF-"
    assert blijft_hangen.status == LeesoverzichtStatus.MISLUKT


def test_counted_repeats_of_refusals_add_up_in_the_youths_list(demo, noah):
    """Refusals written without a flood (the first a row, its repeats one more row with their
    number when the hour is over) count as all of them: 1 + 39 = 40."""
    from toegang import policy

    for _ in range(40):
        policy.raadpleging_weigeren(
            actor=demo.mbo_intake_other, traject=noah, categorie=Categorie.BEGELEIDINGSBEHOEFTE, actie="bekijken"
        )
    policy.herhalingen_bijschrijven(timezone.now() + dt.timedelta(hours=1, seconds=1))
    assert Raadpleging.objects.filter(traject=noah, geweigerd=True).count() == 2
    [regel] = [r for r in selectors.raadplegingen_voor_jongere(demo.coordinator, noah) if r.geweigerd]
    assert regel.aantal == 40
