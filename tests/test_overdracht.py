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
from toegang.models import Raadpleging
from trajecten import services as traject_services
from trajecten.constants import Categorie

from .test_dossier import LEZERS, _consent_zetten, _toestemming

pytestmark = pytest.mark.django_db

MARKERS = {
    Categorie.ONDERWIJSINFORMATIE: "ZEEVAARTOPLEIDING ONDERWIJSMARKER",
    Categorie.BEGELEIDINGSBEHOEFTE: "DAGRITMEMARKER BEGELEIDING",
    Categorie.VEILIGHEIDSSIGNALEN: "KLASINDELINGMARKER VEILIG",
}
BASIS = "Noah Verbeek"  # basic data: in every document


def pdf_tekst(pdf: bytes) -> str:
    # pypdf reads some fallback fonts' text as UTF-16 (a NUL before each letter): drop those.
    return " ".join(" ".join(p.extract_text().replace("\x00", "").split()) for p in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def noah(demo):
    traject = demo.trajecten["Noah"]
    dossier_services.onderwijsinformatie_opslaan(
        actor=demo.jji_school, traject=traject, gegevens={"opleiding": MARKERS[Categorie.ONDERWIJSINFORMATIE]}
    )
    dossier_services.begeleidingsbehoefte_opslaan(
        actor=demo.jji_school, traject=traject, gegevens={"structuur": MARKERS[Categorie.BEGELEIDINGSBEHOEFTE]}
    )
    dossier_services.veiligheidssignaal_toevoegen(
        actor=demo.jji_school,
        traject=traject,
        gegevens={
            "signaal": MARKERS[Categorie.VEILIGHEIDSSIGNALEN],
            "reden": "Rust in de eerste weken.",
            "einddatum": timezone.localdate() + dt.timedelta(days=30),
        },
    )
    return traject


def exporteren(demo, traject, ontvanger, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        overdracht = services.overdracht_aanvragen(actor=demo.coordinator, traject=traject, ontvanger=ontvanger)
    overdracht.refresh_from_db()
    return overdracht


@pytest.mark.parametrize("lezer", [naam for naam in LEZERS if LEZERS[naam][0] not in ("jji_school",)])
def test_matrix_the_pdf_carries_what_the_recipient_may_read(demo, noah, lezer, django_capture_on_commit_callbacks):
    gebruiker, stand, leest = LEZERS[lezer]
    _consent_zetten(demo, noah, stand)
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
    meegegeven = leest - {Categorie.VEILIGHEIDSSIGNALEN}  # signals never leave the page
    for categorie, marker in MARKERS.items():
        assert (marker in tekst) == (categorie in meegegeven), categorie
    assert MARKERS[Categorie.VEILIGHEIDSSIGNALEN] not in tekst
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
    _toestemming(demo, noah, Categorie.ONDERWIJSINFORMATIE)
    marco = demo.verbindingsofficier.medewerker
    client.force_login(demo.coordinator)
    tekst = client.get(reverse("overdracht:voorbeeld", args=[noah.pk]), {"ontvanger": marco.pk}).content.decode()
    assert MARKERS[Categorie.ONDERWIJSINFORMATIE] in tekst
    assert MARKERS[Categorie.BEGELEIDINGSBEHOEFTE] not in tekst and MARKERS[Categorie.VEILIGHEIDSSIGNALEN] not in tekst
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
        _toestemming(demo, noah, c) for c in (Categorie.ONDERWIJSINFORMATIE, Categorie.BEGELEIDINGSBEHOEFTE)
    ]
    overdracht = services.overdracht_aanvragen(
        actor=demo.coordinator, traject=noah, ontvanger=demo.verbindingsofficier.medewerker
    )  # the job waits (no commit yet in this test)
    traject_services.toestemming_intrekken(actor=demo.coordinator, toestemming=toestemmingen[0])
    assert services.overdracht_maken(overdracht.pk) == OverdrachtStatus.KLAAR
    overdracht.refresh_from_db()
    tekst = pdf_tekst(bytes(overdracht.bestand))
    assert MARKERS[Categorie.ONDERWIJSINFORMATIE] not in tekst and MARKERS[Categorie.BEGELEIDINGSBEHOEFTE] in tekst
    assert list(Raadpleging.objects.filter(traject=noah, actie="pdf").values_list("categorie", flat=True)) == [
        Categorie.BEGELEIDINGSBEHOEFTE
    ]
    # Idempotent: running it again (a re-queued job) makes nothing twice.
    assert services.overdracht_maken(overdracht.pk) == OverdrachtStatus.KLAAR
    assert Raadpleging.objects.filter(traject=noah, actie="pdf").count() == 1


def test_a_recipient_who_lost_access_while_it_waited_gets_nothing(demo, noah):
    kennisgeving = noah.toestemmingen.get(categorie=Categorie.KENNISGEVING, ingetrokken_op__isnull=True)
    overdracht = services.overdracht_aanvragen(
        actor=demo.coordinator, traject=noah, ontvanger=demo.mbo_intake.medewerker
    )
    traject_services.toestemming_intrekken(actor=demo.coordinator, toestemming=kennisgeving)
    assert services.overdracht_maken(overdracht.pk) == OverdrachtStatus.MISLUKT
    overdracht.refresh_from_db()
    assert not overdracht.bestand and not Raadpleging.objects.filter(traject=noah, actie="pdf").exists()


def test_revoking_consent_asks_for_copies_back(client, demo, noah, django_capture_on_commit_callbacks):
    toestemming = _toestemming(demo, noah, Categorie.ONDERWIJSINFORMATIE)
    marco = demo.verbindingsofficier.medewerker
    overdracht = exporteren(demo, noah, marco, django_capture_on_commit_callbacks)
    assert overdracht.categorieen == [Categorie.ONDERWIJSINFORMATIE]
    Melding.objects.all().delete()
    traject_services.toestemming_intrekken(actor=demo.coordinator, toestemming=toestemming)
    vraag = Terugvraag.objects.get(overdracht=overdracht)
    assert vraag.categorie == Categorie.ONDERWIJSINFORMATIE
    melding = Melding.objects.get(soort=MeldingSoort.KOPIE_VERWIJDEREN)
    assert melding.ontvanger == demo.verbindingsofficier and melding.document == overdracht.nummer
    client.force_login(demo.verbindingsofficier)
    assert overdracht.nummer in client.get(reverse("signalering:meldingen")).content.decode()
    client.force_login(demo.jji_school)
    log = client.get(reverse("dossier:raadplegingen", args=[noah.pk])).content.decode()
    assert "Gevraagd om kopieën te verwijderen" in log and overdracht.nummer in log
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
    _toestemming(demo, noah, Categorie.ONDERWIJSINFORMATIE)
    lang = " ".join(f"woord{i}" for i in range(10_000))
    dossier_services.onderwijsinformatie_opslaan(
        actor=demo.jji_school,
        traject=noah,
        gegevens={
            "leerdoelen": lang + " EINDEMARKER",
            "motivatie": "<b>vet</b> <script>alert(1)</script> <img src=http://127.0.0.1:1/x.png>",
            "talenten": "Voetbal ⚽🙂 en مرحبا بالعالم en שלום",
        },
    )
    overdracht = exporteren(demo, noah, demo.verbindingsofficier.medewerker, django_capture_on_commit_callbacks)
    assert overdracht.status == OverdrachtStatus.KLAAR
    tekst = pdf_tekst(bytes(overdracht.bestand))
    assert "EINDEMARKER" in tekst and "woord9999" in tekst  # nothing cut off
    assert "<b>vet</b>" in tekst and "<script>alert(1)</script>" in tekst  # shown as text, not markup
    assert "Voetbal" in tekst
    assert len(PdfReader(io.BytesIO(bytes(overdracht.bestand))).pages) > 5


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
    _toestemming(demo, noah, Categorie.ONDERWIJSINFORMATIE)
    exporteren(demo, noah, demo.verbindingsofficier.medewerker, django_capture_on_commit_callbacks)
    client.force_login(demo.coordinator)
    tekst = client.get(reverse("dossier:jongere_raadplegingen", args=[noah.pk])).content.decode()
    assert re.search(r"Peter Aydin .*in een overdrachtsdocument meegegeven aan Marco Janssen \(ROC Lindewaard\)", tekst)
