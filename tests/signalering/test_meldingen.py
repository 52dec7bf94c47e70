"""Notifications and reminders: a late task is reminded once to who may see it, never with
youth data in the mail; the notifications page hides a name once access ends; one mail names
each kind once; a failed mail goes out on the next run."""

import datetime as dt
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from jji_traject.geschiedenis import bijwerken
from netwerk.constants import Rol
from signalering import services as signalering
from signalering.models import Melding, MeldingSoort
from trajecten import services
from trajecten.constants import TaakStatus
from trajecten.models import Taak

from ..accounts import wijzigen

pytestmark = pytest.mark.django_db
VANDAAG = timezone.localdate


def _te_laat(traject, organisatie_naam):
    taak = (
        traject.taken.filter(organisatie__naam=organisatie_naam, justitieel=False)
        .exclude(status__in=[TaakStatus.GEDAAN, TaakStatus.NVT])
        .first()
    )
    taak.deadline = VANDAAG() - dt.timedelta(days=2)
    taak.save(update_fields=["deadline"])
    return taak


def test_reminders_are_sent_once_to_who_may_see_the_task_without_youth_data_in_mail(
    demo, django_capture_on_commit_callbacks
):
    bijwerken(Taak.objects.all(), deadline=None)  # only the deadlines this test sets
    noah, sem = demo.trajecten["Noah"], demo.trajecten["Sem"]
    taak = _te_laat(noah, "ROC Lindewaard")
    _te_laat(sem, "Duinzichtcollege (JJI-school)")
    verborgen = sem.taken.filter(partij="mbo_ontvangend").first()  # ROC awaits its grondslag for Sem
    verborgen.organisatie = demo.verbindingsofficier.medewerker.organisatie
    verborgen.deadline = VANDAAG()
    verborgen.save(update_fields=["organisatie", "deadline"])
    with django_capture_on_commit_callbacks(execute=True):
        eerste = signalering.herinneringen_versturen()
    with django_capture_on_commit_callbacks(execute=True):
        tweede = signalering.herinneringen_versturen()
    assert eerste >= 2 and tweede == 0
    ontvangers = set(Melding.objects.filter(taak=taak).values_list("ontvanger__username", flat=True))
    assert ontvangers == {"mbo-intake"}  # assigned at the acting organisation
    assert Melding.objects.get(taak=taak).soort == MeldingSoort.TAAK_TE_LAAT
    assert not Melding.objects.filter(taak=verborgen).exists()  # the VO may not see Sem
    assert mail.outbox
    for bericht in mail.outbox:
        inhoud = (bericht.subject + bericht.body + bericht.from_email).lower()
        for naam in ("noah", "verbeek", "sem", "hoekstra", "jji", "detentie", "justitie"):
            assert naam not in inhoud


def test_notifications_page_hides_the_name_after_access_ends(client, demo, django_capture_on_commit_callbacks):
    bijwerken(Taak.objects.all(), deadline=None)
    noah = demo.trajecten["Noah"]
    _te_laat(noah, "ROC Lindewaard")
    with django_capture_on_commit_callbacks(execute=True):
        signalering.herinneringen_versturen()
    client.force_login(demo.mbo_intake)
    assert "Noah Verbeek" in client.get(reverse("signalering:meldingen")).content.decode()
    services.toestemming_intrekken(actor=demo.coordinator, toestemming=noah.toestemmingen.get())
    tekst = client.get(reverse("signalering:meldingen")).content.decode()
    assert "Noah Verbeek" not in tekst and "geen toegang meer" in tekst
    client.post(reverse("signalering:alles_gelezen"))
    assert not Melding.objects.filter(ontvanger=demo.mbo_intake, gelezen_op__isnull=True).exists()


def test_every_kind_of_notification_has_its_line_in_the_mail():
    """A new kind without a line would be mailed as nothing (or, once, as a task due soon)."""
    assert set(MeldingSoort) == set(signalering.MAILREGELS) | signalering.TAAKMELDINGEN


def test_one_mail_names_each_kind_once(demo):
    jji_school = demo.jji_school
    for i, soort in enumerate([MeldingSoort.TAAK_TE_LAAT, MeldingSoort.TAAK_TE_LAAT, MeldingSoort.NETWERKKAART]):
        Melding.objects.create(ontvanger=jji_school, soort=soort, sleutel=f"proef:{i}")
    Melding.objects.create(ontvanger=jji_school, soort=MeldingSoort.BESLISMODEL_VASTGESTELD, sleutel="proef:b1")
    Melding.objects.create(ontvanger=jji_school, soort=MeldingSoort.BESLISMODEL_TE_BEVESTIGEN, sleutel="proef:b2")
    mail.outbox.clear()
    assert signalering.mails_versturen() == 1
    tekst = mail.outbox[0].body
    assert "2 taken zijn te laat." in tekst and "binnenkort" not in tekst
    assert tekst.count("beslismodel") == 1 and "netwerkkaart" in tekst
    assert mail.outbox[0].subject == "Er staat iets voor je klaar"


def test_notifications_hide_a_justice_task_once_it_is_no_longer_visible(client, demo):
    bijwerken(Taak.objects.all(), deadline=None)
    noah = demo.trajecten["Noah"]
    taak = (
        noah.taken.filter(justitieel=True, organisatie__naam="JJI Duinzicht").exclude(status=TaakStatus.GEDAAN).first()
    )
    taak.medewerker, taak.deadline = demo.itb.medewerker, VANDAAG()
    taak.save(update_fields=["medewerker", "deadline"])
    signalering.herinneringen_versturen()
    assert Melding.objects.filter(ontvanger=demo.itb, taak=taak).exists()
    # The move is a request that the receiving organisation's side approves (four eyes).
    wijzigen(demo, demo.itb.medewerker, organisatie=demo.coordinator.medewerker.organisatie, rol=Rol.DOCENT)
    client.force_login(demo.itb)
    tekst = client.get(reverse("signalering:meldingen")).content.decode()
    assert taak.tekst not in tekst and "geen toegang meer" in tekst


def test_a_failed_mail_is_sent_on_the_next_run(demo):
    from django.core import mail

    bijwerken(Taak.objects.all(), deadline=None)
    noah = demo.trajecten["Noah"]
    taak = noah.taken.filter(organisatie__naam="ROC Lindewaard").exclude(status=TaakStatus.GEDAAN).first()
    taak.deadline = VANDAAG()
    taak.save(update_fields=["deadline"])
    with mock.patch("signalering.services.send_mail", side_effect=OSError("smtp weg")):
        assert signalering.herinneringen_versturen() == 1
    # (Notifications whose work was done before they were mailed are not mailed: not counted.)
    assert Melding.objects.filter(gemaild_op__isnull=True).open().count() == 1 and not mail.outbox
    assert signalering.herinneringen_versturen() == 0
    assert len(mail.outbox) == 1 and not Melding.objects.filter(gemaild_op__isnull=True).open().exists()
