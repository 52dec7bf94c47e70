"""The overdrachtsdocument: per consent situation of the dossier matrix, the PDF carries exactly
the parts the recipient may read (markers in capitals, read from the PDF's text), one
raadpleging per part carried, never signalen voor veiligheid; only its maker fetches the file;
a consent revoked before the job runs leaves the part out; bad input renders safely."""

import datetime as dt
import io
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from dossier import services as dossier_services
from overdracht import services
from overdracht.models import Overdracht, OverdrachtStatus, Terugvraag
from signalering.models import Melding, MeldingSoort
from toegang import delen
from toegang.models import Raadpleging
from trajecten import services as traject_services
from trajecten.constants import KENNISGEVING, Categorie

from ..lezers import LEZERS, PDF_MARKERS, consent_zetten, toestemming_geven
from ..pdf import pdf_tekst

pytestmark = pytest.mark.django_db

BASIS = "Noah Verbeek"  # basic data: in every document


def exporteren(demo, traject, ontvanger, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        overdracht = services.overdracht_aanvragen(actor=demo.coordinator, traject=traject, ontvanger=ontvanger)
    overdracht.refresh_from_db()
    return overdracht


@pytest.mark.parametrize("lezer", [naam for naam in LEZERS if LEZERS[naam][0] not in ("jji_school",)])
def test_matrix_the_pdf_carries_what_the_recipient_may_read(demo, noah, lezer, django_capture_on_commit_callbacks):
    gebruiker, stand, leest = LEZERS[lezer]
    consent_zetten(demo, noah, stand)
    ontvanger = getattr(demo, gebruiker).medewerker
    if gebruiker == "mbo_intake_other":  # not involved: no document for them
        with pytest.raises(ValidationError):
            services.overdracht_aanvragen(actor=demo.coordinator, traject=noah, ontvanger=ontvanger)
        assert not Overdracht.objects.filter(traject=noah).exists()
        return
    overdracht = exporteren(demo, noah, ontvanger, django_capture_on_commit_callbacks)
    assert overdracht.status == OverdrachtStatus.KLAAR
    tekst = pdf_tekst(bytes(overdracht.bestand))
    assert BASIS in tekst and "Vertrouwelijk" in tekst and overdracht.nummer in tekst and ontvanger.naam in tekst
    # Signals and the schoolloopbaan never leave the page: only the registry's parts that may.
    meegegeven = leest & set(delen.mee_naar_buiten())
    assert Categorie.VEILIGHEIDSSIGNALEN not in meegegeven and Categorie.SCHOOLLOOPBAAN not in meegegeven
    for categorie, marker in PDF_MARKERS.items():
        assert (marker in tekst) == (categorie in meegegeven), categorie
    assert PDF_MARKERS[Categorie.VEILIGHEIDSSIGNALEN] not in tekst
    assert PDF_MARKERS[Categorie.SCHOOLLOOPBAAN] not in tekst
    assert set(overdracht.categorieen) == meegegeven
    if not meegegeven:
        assert "alleen de basisgegevens" in tekst or "bevat de basisgegevens" in tekst
    # One raadpleging per part carried: the maker as actor, the person and organisation as recipient.
    log = Raadpleging.objects.filter(traject=noah, actie="pdf")
    assert sorted(log.values_list("categorie", flat=True)) == sorted(meegegeven)
    for r in log:
        assert (r.actor, r.ontvanger_persoon, r.ontvanger, r.document) == (
            demo.coordinator,
            ontvanger.user,
            ontvanger.organisatie,
            overdracht.nummer,
        )
    assert not Raadpleging.objects.filter(traject=noah, geweigerd=True).exists()


def test_the_preview_shows_what_the_pdf_will_carry_and_writes_nothing(client, demo, noah):
    toestemming_geven(demo, noah, Categorie.ONDERWIJSINFORMATIE)
    marco = demo.verbindingsofficier.medewerker
    client.force_login(demo.coordinator)
    tekst = client.get(reverse("overdracht:voorbeeld", args=[noah.pk]), {"ontvanger": marco.pk}).content.decode()
    assert PDF_MARKERS[Categorie.ONDERWIJSINFORMATIE] in tekst
    assert (
        PDF_MARKERS[Categorie.BEGELEIDINGSBEHOEFTE] not in tekst
        and PDF_MARKERS[Categorie.VEILIGHEIDSSIGNALEN] not in tekst
    )
    assert "Dit deel is niet met jou gedeeld." in tekst
    assert (
        not Raadpleging.objects.filter(traject=noah).exists() and not Overdracht.objects.filter(traject=noah).exists()
    )


def test_only_the_maker_fetches_the_file(client, demo, noah, django_capture_on_commit_callbacks):
    overdracht = exporteren(demo, noah, demo.verbindingsofficier.medewerker, django_capture_on_commit_callbacks)
    url = reverse("overdracht:bestand", args=[noah.pk, overdracht.pk])
    client.force_login(demo.coordinator)
    antwoord = client.get(url)
    assert antwoord.status_code == 200 and antwoord["Content-Type"] == "application/pdf"
    assert antwoord.content == bytes(overdracht.bestand)
    for gebruiker in ("jji_school", "verbindingsofficier", "mbo_intake", "itb", "mbo_intake_other", "beheerder"):
        client.force_login(getattr(demo, gebruiker))
        assert client.get(url).status_code == 404, gebruiker
        assert client.get(reverse("overdracht:status", args=[noah.pk, overdracht.pk])).status_code == 404
    # Another traject's URL with this file's id: 404 as well.
    client.force_login(demo.coordinator)
    liam = demo.trajecten["Liam"]
    assert client.get(reverse("overdracht:bestand", args=[liam.pk, overdracht.pk])).status_code == 404


def test_a_consent_revoked_before_the_job_runs_is_left_out(demo, noah, django_capture_on_commit_callbacks):
    toestemmingen = [
        toestemming_geven(demo, noah, c) for c in (Categorie.ONDERWIJSINFORMATIE, Categorie.BEGELEIDINGSBEHOEFTE)
    ]
    overdracht = services.overdracht_aanvragen(
        actor=demo.coordinator, traject=noah, ontvanger=demo.verbindingsofficier.medewerker
    )  # the job waits (no commit yet in this test)
    traject_services.toestemming_intrekken(actor=demo.coordinator, toestemming=toestemmingen[0])
    assert services.overdracht_maken(overdracht.pk) == OverdrachtStatus.KLAAR
    overdracht.refresh_from_db()
    tekst = pdf_tekst(bytes(overdracht.bestand))
    assert (
        PDF_MARKERS[Categorie.ONDERWIJSINFORMATIE] not in tekst and PDF_MARKERS[Categorie.BEGELEIDINGSBEHOEFTE] in tekst
    )
    assert list(Raadpleging.objects.filter(traject=noah, actie="pdf").values_list("categorie", flat=True)) == [
        Categorie.BEGELEIDINGSBEHOEFTE
    ]
    # Idempotent: running it again (a re-queued job) makes nothing twice.
    assert services.overdracht_maken(overdracht.pk) == OverdrachtStatus.KLAAR
    assert Raadpleging.objects.filter(traject=noah, actie="pdf").count() == 1


def test_a_recipient_who_lost_access_while_it_waited_gets_nothing(demo, noah):
    kennisgeving = noah.toestemmingen.get(categorie=KENNISGEVING, ingetrokken_op__isnull=True)
    overdracht = services.overdracht_aanvragen(
        actor=demo.coordinator, traject=noah, ontvanger=demo.mbo_intake.medewerker
    )
    traject_services.toestemming_intrekken(actor=demo.coordinator, toestemming=kennisgeving)
    assert services.overdracht_maken(overdracht.pk) == OverdrachtStatus.MISLUKT
    overdracht.refresh_from_db()
    assert not overdracht.bestand and not Raadpleging.objects.filter(traject=noah, actie="pdf").exists()


def test_revoking_consent_asks_for_copies_back(client, demo, noah, django_capture_on_commit_callbacks):
    toestemming = toestemming_geven(demo, noah, Categorie.ONDERWIJSINFORMATIE)
    marco = demo.verbindingsofficier.medewerker
    overdracht = exporteren(demo, noah, marco, django_capture_on_commit_callbacks)
    assert overdracht.categorieen == [Categorie.ONDERWIJSINFORMATIE]
    Melding.objects.all().delete()
    traject_services.toestemming_intrekken(actor=demo.coordinator, toestemming=toestemming)
    vraag = Terugvraag.objects.get(overdracht=overdracht)
    assert vraag.categorie == Categorie.ONDERWIJSINFORMATIE
    meldingen = Melding.objects.filter(soort=MeldingSoort.KOPIE_VERWIJDEREN)
    assert {(m.ontvanger, m.document) for m in meldingen} == {
        (demo.verbindingsofficier, overdracht.nummer),  # the recipient
        (demo.coordinator, overdracht.nummer),  # and who made (and downloaded) it
    }
    overdracht.refresh_from_db()
    assert overdracht.status == OverdrachtStatus.TERUGGEVRAAGD and overdracht.bestand is None
    client.force_login(demo.verbindingsofficier)
    assert overdracht.nummer in client.get(reverse("signalering:meldingen")).content.decode()
    client.force_login(demo.jji_school)
    log = client.get(reverse("dossier:raadplegingen", args=[noah.pk])).content.decode()
    assert "Gevraagd om kopieën te verwijderen" in log and overdracht.nummer in log
    assert log.count('id="kop-terugvragen"') == 1 and "<section" not in log.split("</title>")[0]
    # Asked once: revoking again (another consent) does not ask twice for the same part.
    assert services.kopieen_terugvragen(actor=demo.coordinator, toestemming=toestemming) == 0


def test_only_the_jji_school_makes_documents_and_only_for_who_sees_the_traject(demo, noah):
    for gebruiker in ("mbo_intake", "verbindingsofficier", "itb"):
        with pytest.raises(PermissionDenied):
            services.overdracht_aanvragen(
                actor=getattr(demo, gebruiker), traject=noah, ontvanger=demo.verbindingsofficier.medewerker
            )
    sem = demo.trajecten["Sem"]  # ROC Lindewaard awaiting its grondslag
    with pytest.raises(ValidationError):
        services.overdracht_aanvragen(
            actor=demo.coordinator, traject=sem, ontvanger=demo.verbindingsofficier.medewerker
        )
    with pytest.raises(ValidationError):  # the school's own people are not a recipient
        services.overdracht_aanvragen(actor=demo.coordinator, traject=noah, ontvanger=demo.jji_school.medewerker)


def test_bad_input_renders_without_crashing_cutting_or_executing(demo, noah, django_capture_on_commit_callbacks):
    toestemming_geven(demo, noah, Categorie.ONDERWIJSINFORMATIE)
    lang = " ".join(f"woord{i}" for i in range(520))  # three fields near the cap of 5,000 characters (MAX_TEKST)
    dossier_services.onderwijsinformatie_opslaan(
        actor=demo.jji_school,
        traject=noah,
        gegevens={
            "diplomas_en_resultaten": lang,
            "lopende_modules": lang,
            "leerdoelen": lang + " EINDEMARKER",
            "motivatie": "<b>vet</b> <script>alert(1)</script> <img src=http://127.0.0.1:1/x.png>",
            "talenten": "Voetbal ⚽🙂 en مرحبا بالعالم en שלום",
        },
    )
    overdracht = exporteren(demo, noah, demo.verbindingsofficier.medewerker, django_capture_on_commit_callbacks)
    assert overdracht.status == OverdrachtStatus.KLAAR
    tekst = pdf_tekst(bytes(overdracht.bestand))
    assert "EINDEMARKER" in tekst and "woord519" in tekst  # nothing cut off
    assert "<b>vet</b>" in tekst and "<script>alert(1)</script>" in tekst  # shown as text, not markup
    assert "Voetbal" in tekst
    assert len(PdfReader(io.BytesIO(bytes(overdracht.bestand))).pages) > 2  # the long text runs over pages


def test_files_are_deleted_after_the_bewaartermijn_and_the_record_stays(
    client, demo, noah, settings, django_capture_on_commit_callbacks
):
    overdracht = exporteren(demo, noah, demo.verbindingsofficier.medewerker, django_capture_on_commit_callbacks)
    assert services.overdrachten_opruimen() == 0
    later = timezone.now() + dt.timedelta(days=settings.OVERDRACHT_BEWAARDAGEN + 1)
    assert services.overdrachten_opruimen(later) >= 1
    overdracht.refresh_from_db()
    assert overdracht.status == OverdrachtStatus.VERWIJDERD and overdracht.bestand is None
    client.force_login(demo.coordinator)
    assert client.get(reverse("overdracht:bestand", args=[noah.pk, overdracht.pk])).status_code == 404
    assert "verwijderd" in client.get(reverse("overdracht:status", args=[noah.pk, overdracht.pk])).content.decode()


def test_the_history_never_keeps_the_file(demo, noah, django_capture_on_commit_callbacks):
    overdracht = exporteren(demo, noah, demo.verbindingsofficier.medewerker, django_capture_on_commit_callbacks)
    assert "bestand" not in {f.name for f in overdracht.history.model._meta.fields}


def test_the_pages_export_for_a_person_and_refuse_others(client, demo, noah, django_capture_on_commit_callbacks):
    client.force_login(demo.coordinator)
    pagina = client.get(reverse("overdracht:overzicht", args=[noah.pk])).content.decode()
    assert "Marco Janssen" in pagina and "Ellen Kok" not in pagina  # an uninvolved school is no choice
    for slecht in ({}, {"ontvanger": "x"}, {"ontvanger": demo.mbo_intake_other.medewerker.pk}):
        antwoord = client.post(reverse("overdracht:exporteren", args=[noah.pk]), slecht)
        assert antwoord["Location"] == reverse("overdracht:overzicht", args=[noah.pk])
        assert client.get(reverse("overdracht:voorbeeld", args=[noah.pk]), slecht).status_code == 302
    assert not Overdracht.objects.filter(traject=noah).exists()
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(
            reverse("overdracht:exporteren", args=[noah.pk]), {"ontvanger": demo.verbindingsofficier.medewerker.pk}
        )
    overdracht = Overdracht.objects.get(traject=noah)
    assert antwoord["Location"] == reverse("overdracht:status", args=[noah.pk, overdracht.pk])
    status = client.get(antwoord["Location"]).content.decode()
    assert "Downloaden (PDF)" in status and 'http-equiv="refresh"' not in status


def test_the_youths_list_says_who_gave_what_to_whom(client, demo, noah, django_capture_on_commit_callbacks):
    toestemming_geven(demo, noah, Categorie.ONDERWIJSINFORMATIE)
    exporteren(demo, noah, demo.verbindingsofficier.medewerker, django_capture_on_commit_callbacks)
    client.force_login(demo.coordinator)
    tekst = client.get(reverse("dossier:jongere_raadplegingen", args=[noah.pk])).content.decode()
    assert re.search(r"Peter Aydin .*in een overdrachtsdocument meegegeven aan Marco Janssen \(ROC Lindewaard\)", tekst)


def test_revoking_the_kennisgeving_recalls_even_a_basic_data_document(demo, noah, django_capture_on_commit_callbacks):
    overdracht = exporteren(demo, noah, demo.mbo_intake.medewerker, django_capture_on_commit_callbacks)
    assert overdracht.categorieen == []
    kennisgeving = noah.toestemmingen.get(categorie=KENNISGEVING, ingetrokken_op__isnull=True)
    traject_services.toestemming_intrekken(actor=demo.coordinator, toestemming=kennisgeving)
    assert Terugvraag.objects.get(overdracht=overdracht).categorie == KENNISGEVING
    overdracht.refresh_from_db()
    assert overdracht.status == OverdrachtStatus.TERUGGEVRAAGD


def test_the_download_stops_when_the_recipient_may_no_longer_read_a_part(
    client, demo, noah, django_capture_on_commit_callbacks
):
    from jji_traject.geschiedenis import bijwerken
    from trajecten.models import Toestemming

    toestemming = toestemming_geven(demo, noah, Categorie.BEGELEIDINGSBEHOEFTE)
    overdracht = exporteren(demo, noah, demo.verbindingsofficier.medewerker, django_capture_on_commit_callbacks)
    url = reverse("overdracht:bestand", args=[noah.pk, overdracht.pk])
    client.force_login(demo.coordinator)
    assert client.get(url).status_code == 200
    # Expired (no revocation, so no recall yet): the download stops all the same.
    gisteren = timezone.localdate() - dt.timedelta(days=1)
    bijwerken(
        Toestemming.objects.filter(pk=toestemming.pk),
        datum_gegeven=gisteren - dt.timedelta(days=5),
        geldig_tot=gisteren,
    )
    antwoord = client.get(url)
    assert antwoord.status_code == 302 and PDF_MARKERS[Categorie.BEGELEIDINGSBEHOEFTE].encode() not in antwoord.content
    assert "kan niet meer worden gedownload" in client.get(antwoord["Location"]).content.decode()


def test_revoking_an_old_consent_does_not_recall_a_document_made_on_a_newer_one(
    demo, noah, django_capture_on_commit_callbacks
):
    from jji_traject.geschiedenis import bijwerken
    from trajecten.models import Toestemming

    oud = toestemming_geven(demo, noah, Categorie.ONDERWIJSINFORMATIE)
    gisteren = timezone.localdate() - dt.timedelta(days=1)
    bijwerken(Toestemming.objects.filter(pk=oud.pk), datum_gegeven=gisteren - dt.timedelta(days=5), geldig_tot=gisteren)
    nieuw = toestemming_geven(demo, noah, Categorie.ONDERWIJSINFORMATIE)
    overdracht = exporteren(demo, noah, demo.verbindingsofficier.medewerker, django_capture_on_commit_callbacks)
    assert Raadpleging.objects.get(document=overdracht.nummer).grondslag == nieuw
    oud.refresh_from_db()
    traject_services.toestemming_intrekken(actor=demo.coordinator, toestemming=oud)
    assert not Terugvraag.objects.filter(overdracht=overdracht).exists()
    traject_services.toestemming_intrekken(actor=demo.coordinator, toestemming=nieuw)
    assert Terugvraag.objects.get(overdracht=overdracht).toestemming == nieuw


def test_a_render_that_fails_is_marked_and_retried_only_a_few_times(demo, noah, monkeypatch):
    from django.db import OperationalError

    from overdracht import tasks

    overdracht = services.overdracht_aanvragen(
        actor=demo.coordinator, traject=noah, ontvanger=demo.verbindingsofficier.medewerker
    )

    def kapot(html):
        raise RuntimeError("render stuk")

    monkeypatch.setattr(services, "pdf_maken", kapot)
    assert tasks.overdracht_maken.delay(overdracht.pk).get() == "mislukt"
    overdracht.refresh_from_db()
    assert overdracht.status == OverdrachtStatus.MISLUKT and not Raadpleging.objects.filter(traject=noah).exists()
    # A database that is away, eagerly (no worker to retry later): marked, not a 500.
    tweede = services.overdracht_aanvragen(
        actor=demo.coordinator, traject=noah, ontvanger=demo.verbindingsofficier.medewerker
    )

    def weg(html):
        raise OperationalError("database weg")

    monkeypatch.setattr(services, "pdf_maken", weg)
    assert tasks.overdracht_maken.delay(tweede.pk).get() == "mislukt"
    # A render that keeps killing its worker: after a few attempts, given up.
    derde = services.overdracht_aanvragen(
        actor=demo.coordinator, traject=noah, ontvanger=demo.verbindingsofficier.medewerker
    )
    from jji_traject.geschiedenis import bijwerken

    bijwerken(Overdracht.objects.filter(pk=derde.pk), pogingen=services.MAX_POGINGEN)
    assert services.overdracht_maken(derde.pk) == OverdrachtStatus.MISLUKT


def test_a_job_lost_on_its_way_is_sent_again_from_the_status_page(client, demo, noah):
    from jji_traject.geschiedenis import bijwerken

    overdracht = services.overdracht_aanvragen(
        actor=demo.coordinator, traject=noah, ontvanger=demo.verbindingsofficier.medewerker
    )  # its job never ran (no commit callback in this test)
    client.force_login(demo.coordinator)
    url = reverse("overdracht:status", args=[noah.pk, overdracht.pk])
    pagina = client.get(url).content.decode()
    # It asks again with htmx (no <meta http-equiv="refresh">), or with "Vernieuwen" without JavaScript.
    assert 'http-equiv="refresh"' not in pagina and f'hx-get="{url}" hx-trigger="every 2s"' in pagina
    assert f'href="{url}">Vernieuwen</a>' in pagina
    assert client.get(url, HTTP_HX_REQUEST="true").status_code == 204  # still waiting: nothing to swap
    overdracht.refresh_from_db()
    assert overdracht.status == OverdrachtStatus.WACHT  # not yet: it may still be on its way
    bijwerken(Overdracht.objects.filter(pk=overdracht.pk), aangevraagd_op=timezone.now() - dt.timedelta(minutes=5))
    fragment = client.get(url, HTTP_HX_REQUEST="true")  # the poll sends it again too
    overdracht.refresh_from_db()
    assert overdracht.status == OverdrachtStatus.KLAAR
    # The status alone, ready, and no more polling.
    assert fragment.status_code == 200 and "Downloaden (PDF)" in fragment.content.decode()
    assert "hx-trigger" not in fragment.content.decode() and "<h1" not in fragment.content.decode()


def test_the_readings_carry_the_request_that_asked(client, demo, noah, django_capture_on_commit_callbacks):
    toestemming_geven(demo, noah, Categorie.ONDERWIJSINFORMATIE)
    client.force_login(demo.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("overdracht:exporteren", args=[noah.pk]),
            {"ontvanger": demo.verbindingsofficier.medewerker.pk},
            HTTP_X_REQUEST_ID="verzoek-123",
            REMOTE_ADDR="192.0.2.7",
        )
    r = Raadpleging.objects.get(traject=noah, actie="pdf")
    assert (r.verzoek_id, r.ip) == ("verzoek-123", "192.0.2.7")


def test_who_sees_the_traject_is_one_query_and_the_same_rule(demo, django_assert_num_queries):
    from netwerk.models import Medewerker
    from toegang import policy

    for traject in demo.trajecten.values():
        verwacht = {m.pk for m in Medewerker.objects.select_related("user") if policy.is_zichtbaar(m.user, traject)}
        assert {m.pk for m in policy.kijkers(traject)} == verwacht, traject.jongere.voornaam
    noah = demo.trajecten["Noah"]
    with django_assert_num_queries(1):  # the people, through the visibility rows
        list(policy.kijkers(noah))


def test_the_overview_query_count_does_not_grow_with_people(client, demo, noah, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from netwerk import services as netwerk_services
    from trajecten.services import toewijzing_toevoegen

    client.force_login(demo.coordinator)
    url = reverse("overdracht:overzicht", args=[noah.pk])
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    roc = demo.verbindingsofficier.medewerker.organisatie
    for i in range(8):
        m = netwerk_services.medewerker_opslaan(
            actor=None,
            gebruikersnaam=f"intaker-{i}",
            voornaam="Extra",
            achternaam=f"Intaker {i}",
            email=f"intaker-{i}@example.org",
            organisatie=roc,
            rol="intaker",
            functietitel="Intaker",
            telefoon="06-00000000",
            wachtwoord="een-lang-demo-wachtwoord-2026",
        )
        toewijzing_toevoegen(actor=demo.coordinator, traject=noah, medewerker=m)
    with django_assert_max_num_queries(len(ctx.captured_queries)):
        tekst = client.get(url).content.decode()
    assert "Extra Intaker 7" in tekst
