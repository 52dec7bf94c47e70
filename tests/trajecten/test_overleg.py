"""Meetings (what they complete and who sees them: JJI-internal ones never reach the mbo), the
contact moments after release and "uit beeld", and the ready-to-leave checklist."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from toegang import policy
from trajecten import selectors, services
from trajecten.constants import Fase, OverlegSoort, TaakStatus, VertrekOnderwerp, VertrekStatus
from trajecten.models import Traject

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
    assert "Klaar voor vertrek" in tekst and "huisvesting" in tekst.lower()
    gegevens = {f"vertrek-{o}_status": VertrekStatus.OPEN for o in VertrekOnderwerp.values}
    gegevens[f"vertrek-{VertrekOnderwerp.OVERBRUGGING}_status"] = VertrekStatus.GEREGELD
    gegevens[f"vertrek-{VertrekOnderwerp.OVERBRUGGING}_toelichting"] = "Werkervaringsplek tot de start"
    response = client.post(reverse("trajecten:vertrek_bijwerken", args=[liam.pk]), gegevens)
    assert response.status_code == 302
    item = liam.vertrekitems.get(onderwerp=VertrekOnderwerp.OVERBRUGGING)
    assert (item.status, item.bijgewerkt_door) == (VertrekStatus.GEREGELD, demo.coordinator)
    response = client.post(
        reverse("trajecten:vertrek_bijwerken", args=[liam.pk]), {**gegevens, "vertrek-id_status": "paspoortnummer"}
    )
    assert response.status_code == 200 and "Kies een van de statussen" in response.content.decode()


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


def test_jji_meetings_and_follow_ups_do_not_reach_the_mbo(client, demo):
    noah = demo.trajecten["Noah"]
    services.overleg_vastleggen(
        actor=demo.itb,
        traject=noah,
        soort=OverlegSoort.TRAJECTKNOOPPUNT,
        datum=VANDAAG(),
        uitkomst="Interne afspraak JJI",
        vervolgtaken=["Interne vervolgstap JJI"],
    )
    vervolg = noah.taken.get(tekst="Interne vervolgstap JJI")
    assert vervolg.justitieel
    client.force_login(demo.verbindingsofficier)
    tekst = client.get(reverse("trajecten:detail", args=[noah.pk])).content.decode()
    assert "Interne afspraak JJI" not in tekst and "Interne vervolgstap JJI" not in tekst
    client.force_login(demo.coordinator)
    assert "Interne afspraak JJI" in client.get(reverse("trajecten:detail", args=[noah.pk])).content.decode()


def test_mbo_sees_a_meeting_it_took_part_in(demo):
    noah = demo.trajecten["Noah"]
    services.overleg_vastleggen(
        actor=demo.coordinator,
        traject=noah,
        soort=OverlegSoort.WARME_OVERDRACHT,
        datum=VANDAAG(),
        jongere_aanwezig=True,
        deelnemers=[demo.verbindingsofficier.medewerker],
        uitkomst="Start in februari",
    )
    assert policy.overleggen_zichtbaar_voor(demo.verbindingsofficier, noah).count() == 1
    assert policy.overleggen_zichtbaar_voor(demo.mbo_herkomst, demo.trajecten["Mila"]).count() == 0


def test_meetings_respect_the_task_rules(demo):
    noah = demo.trajecten["Noah"]
    tafel = noah.taken.get(tekst="Eerste nazorgtafel")
    services.overleg_vastleggen(
        actor=demo.coordinator, traject=noah, soort=OverlegSoort.NAZORGTAFEL, datum=VANDAAG() + dt.timedelta(days=5)
    )
    tafel.refresh_from_db()
    assert tafel.status == TaakStatus.OPEN  # planned, not yet held
    with pytest.raises(ValidationError, match="uitstroombestemming"):
        services.overleg_vastleggen(
            actor=demo.verbindingsofficier,
            traject=noah,
            soort=OverlegSoort.NAZORGTAFEL,
            datum=VANDAAG(),
            uitstroombestemming="werk",
        )
    services.overleg_vastleggen(actor=demo.coordinator, traject=noah, soort=OverlegSoort.CONTACTMOMENT, datum=VANDAAG())
    assert not noah.taken.filter(overleg_soort=OverlegSoort.CONTACTMOMENT, status=TaakStatus.GEDAAN).exists()
