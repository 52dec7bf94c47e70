"""Meetings, the ready-to-leave checklist, "uit beeld" and the reminders."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from jji_traject.geschiedenis import bijwerken
from signalering import services as signalering
from signalering.models import Melding, MeldingSoort
from toegang import policy
from trajecten import selectors, services
from trajecten.constants import Fase, OverlegSoort, TaakStatus, VertrekOnderwerp, VertrekStatus
from trajecten.models import Taak, Traject

pytestmark = pytest.mark.django_db
VANDAAG = timezone.localdate


def test_nazorgtafel_completes_its_task_and_sets_the_destination_and_follow_ups(demo):
    noah = demo.trajecten["Noah"]
    taak = noah.taken.get(tekst="Eerste nazorgtafel")
    assert taak.status == TaakStatus.OPEN
    services.overleg_vastleggen(
        actor=demo.coordinator,
        traject=noah,
        soort=OverlegSoort.NAZORGTAFEL,
        datum=VANDAAG(),
        deelnemers=[demo.coordinator.medewerker, demo.verbindingsofficier.medewerker],
        uitkomst="Start in februari bij ROC Lindewaard, entreeopleiding.",
        uitstroombestemming="mbo",
        vervolgtaken=["Intakegesprek plannen", ""],
    )
    taak.refresh_from_db()
    assert (taak.status, taak.gedaan_door) == (TaakStatus.GEDAAN, demo.coordinator)
    assert Traject.objects.get(pk=noah.pk).uitstroombestemming == "mbo"
    vervolg = noah.taken.get(tekst="Intakegesprek plannen")
    assert vervolg.organisatie == demo.coordinator.medewerker.organisatie


def test_warme_overdracht_needs_the_young_person_and_participants_must_be_active(demo):
    noah = demo.trajecten["Noah"]
    with pytest.raises(ValidationError, match="mét de jongere"):
        services.overleg_vastleggen(
            actor=demo.coordinator, traject=noah, soort=OverlegSoort.WARME_OVERDRACHT, datum=VANDAAG()
        )
    with pytest.raises(ValidationError, match="actief betrokken"):
        services.overleg_vastleggen(
            actor=demo.coordinator,
            traject=noah,
            soort=OverlegSoort.TRAJECTKNOOPPUNT,
            datum=VANDAAG(),
            deelnemers=[demo.mbo_intake_other.medewerker],
        )
    assert not noah.overleggen.exists()


def test_contact_moments_follow_the_release_and_keep_a_youth_in_view(client, demo):
    liam = demo.trajecten["Liam"]  # in uitstroom, released some time ago in the demo
    vrij = VANDAAG() - dt.timedelta(days=40)
    services.traject_wijzigen(actor=demo.itb, traject=liam, jongere={}, gegevens={"vrijgelaten_op": vrij})
    contact = liam.taken.filter(overleg_soort=OverlegSoort.CONTACTMOMENT).order_by("deadline")
    assert [t.deadline for t in contact][:2] == [vrij + dt.timedelta(days=14), vrij + dt.timedelta(days=28)]
    assert Traject.objects.filter(pk=liam.pk).uit_beeld(21).exists()
    client.force_login(demo.coordinator)
    assert "Uit beeld" in client.get(reverse("trajecten:detail", args=[liam.pk])).content.decode()
    lijst = client.get(reverse("trajecten:lijst"), {"uit_beeld": "on"}).content.decode()
    assert "Liam Mulder" in lijst and "Noah Verbeek" not in lijst
    # A meeting about the youth without the youth does not bring them back into view.
    services.overleg_vastleggen(
        actor=demo.coordinator, traject=liam, soort=OverlegSoort.TRAJECTKNOOPPUNT, datum=VANDAAG()
    )
    assert Traject.objects.filter(pk=liam.pk).uit_beeld(21).exists()
    # The mbo records a contact moment: back in view, but it cannot complete the regie's task.
    services.overleg_vastleggen(
        actor=demo.verbindingsofficier, traject=liam, soort=OverlegSoort.CONTACTMOMENT, datum=VANDAAG()
    )
    assert not Traject.objects.filter(pk=liam.pk).uit_beeld(21).exists()
    assert contact.all().first().status == TaakStatus.OPEN
    services.overleg_vastleggen(actor=demo.coordinator, traject=liam, soort=OverlegSoort.CONTACTMOMENT, datum=VANDAAG())
    assert contact.all().first().status == TaakStatus.GEDAAN


def test_ready_to_leave_checklist(client, demo):
    liam = demo.trajecten["Liam"]
    client.force_login(demo.coordinator)
    tekst = client.get(reverse("trajecten:detail", args=[liam.pk])).content.decode()
    assert "Klaar voor vertrek" in tekst and "huisvesting" in tekst
    response = client.post(
        reverse("trajecten:vertrekitem_bijwerken", args=[liam.pk, VertrekOnderwerp.OVERBRUGGING]),
        {"status": VertrekStatus.GEREGELD, "toelichting": "Werkervaringsplek tot de start"},
    )
    assert response.status_code == 302
    item = liam.vertrekitems.get(onderwerp=VertrekOnderwerp.OVERBRUGGING)
    assert (item.status, item.bijgewerkt_door) == (VertrekStatus.GEREGELD, demo.coordinator)
    response = client.post(
        reverse("trajecten:vertrekitem_bijwerken", args=[liam.pk, "paspoortnummer"]),
        {"status": "geregeld"},
        follow=True,
    )
    assert "Onbekend onderwerp" in response.content.decode()


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


def test_fase_uitstroom_records_the_release_date(demo):
    noah = demo.trajecten["Noah"]
    services.traject_fase_wijzigen(
        actor=demo.itb, traject=noah, fase=Fase.UITSTROOM, vrijgelaten_op=VANDAAG() - dt.timedelta(days=1)
    )
    noah = Traject.objects.get(pk=noah.pk)
    assert noah.vrijgelaten_op == VANDAAG() - dt.timedelta(days=1)
    eerste = noah.taken.filter(overleg_soort=OverlegSoort.CONTACTMOMENT).order_by("deadline").first()
    assert eerste.deadline == noah.vrijgelaten_op + dt.timedelta(days=14)
    assert policy.is_zichtbaar(demo.itb, noah)
    assert selectors.open_taken_in_fase(demo.itb, noah) > 0


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
