"""The regional netwerkkaart and "wie is de verbindingsofficier van …?"."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from netwerk import services
from netwerk.constants import ContactRol
from netwerk.models import Contactpersoon, Organisatie, Regio

pytestmark = pytest.mark.django_db


def test_every_logged_in_person_of_the_regio_reads_the_map(client, demo):
    client.force_login(demo.mbo_intake_other)
    tekst = client.get(reverse("netwerk:netwerkkaart")).content.decode()
    assert "Netwerkkaart Regio Lindewaard" in tekst
    assert "Tom Willems" in tekst and "Lotte Hendriks" in tekst
    assert "Noah" not in tekst  # no youth data


def test_who_is_the_verbindingsofficier_of(client, demo):
    client.force_login(demo.verbindingsofficier)
    tekst = client.get(reverse("netwerk:netwerkkaart"), {"zoek": "Duinzichtcollege"}).content.decode()
    assert "Peter Aydin" in tekst and "Anne Kuipers" not in tekst
    tekst = client.get(reverse("netwerk:netwerkkaart"), {"zoek": "Noordpolder"}).content.decode()
    assert "Techniekcollege Noordpolder heeft geen verbindingsofficier aangewezen" in tekst
    tekst = client.get(reverse("netwerk:netwerkkaart"), {"zoek": "bestaat niet"}).content.decode()
    assert "Geen organisatie of contactpersoon gevonden" in tekst


def test_filters_by_role_and_soort(client, demo):
    client.force_login(demo.coordinator)
    tekst = client.get(reverse("netwerk:netwerkkaart"), {"rol": ContactRol.RECLASSERING}).content.decode()
    assert "Tom Willems" in tekst and "Anne Kuipers" not in tekst
    tekst = client.get(reverse("netwerk:netwerkkaart"), {"soort": "gemeente"}).content.decode()
    assert "Lotte Hendriks" in tekst and "Tom Willems" not in tekst
    assert client.get(reverse("netwerk:netwerkkaart"), {"rol": "onzin", "soort": "x"}).status_code == 200


def test_verbindingsofficier_page_shows_the_functieprofiel(client, demo):
    client.force_login(demo.jji_school)
    mbo = Organisatie.objects.get(naam="ROC Lindewaard")
    tekst = client.get(reverse("netwerk:verbindingsofficier", args=[mbo.pk])).content.decode()
    assert "Marco Janssen" in tekst and "Kerntaken" in tekst
    assert "Vertrouwelijke informatie ontvangen/bespreken" in tekst


def test_other_regions_are_not_on_the_map(client, demo):
    elders = Regio.objects.create(naam="Regio Elders")
    verre = Organisatie.objects.create(naam="Verre School", soort="mbo", regio=elders)
    client.force_login(demo.coordinator)
    assert "Verre School" not in client.get(reverse("netwerk:netwerkkaart")).content.decode()
    assert client.get(reverse("netwerk:verbindingsofficier", args=[verre.pk])).status_code == 404


def test_bad_contact_data_is_refused(demo):
    mbo = Organisatie.objects.get(naam="ROC Lindewaard")
    for velden, fout in (
        ({"telefoon": "bel me", "email": ""}, "telefoonnummer"),
        ({"telefoon": "", "email": "geen-mail"}, "e-mail"),
        ({"telefoon": "", "email": ""}, "telefoonnummer of e-mailadres"),
    ):
        with pytest.raises(ValidationError, match=fout):
            services.contactpersoon_opslaan(
                actor=demo.beheerder,
                contactpersoon=Contactpersoon(organisatie=mbo, rol=ContactRol.MBO_SCHOOL, naam="Test", **velden),
            )
    with pytest.raises(ValidationError, match="al in deze rol"):
        services.contactpersoon_opslaan(
            actor=demo.beheerder,
            contactpersoon=Contactpersoon(
                organisatie=mbo, rol=ContactRol.MBO_SCHOOL, naam="Marco Janssen", telefoon="06-12345678"
            ),
        )


def test_one_verbindingsofficier_per_organisation_in_the_database(demo):
    # The designation is a single foreign key on the organisation: a second one cannot exist.
    field = Organisatie._meta.get_field("verbindingsofficier")
    assert field.many_to_one and not field.many_to_many


def test_stale_entries_are_marked(client, demo):
    contact = Contactpersoon.objects.get(naam="Tom Willems")
    Contactpersoon.objects.filter(pk=contact.pk).update(bevestigd_op=timezone.localdate() - dt.timedelta(days=400))
    client.force_login(demo.coordinator)
    assert "ouder dan een jaar" in client.get(reverse("netwerk:netwerkkaart")).content.decode()
    services.contactpersoon_opslaan(actor=demo.beheerder, contactpersoon=Contactpersoon.objects.get(pk=contact.pk))
    assert not Contactpersoon.objects.get(pk=contact.pk).is_verouderd


def test_duplicate_contact_is_refused_by_the_database(demo):
    mbo = Organisatie.objects.get(naam="ROC Lindewaard")
    with pytest.raises(IntegrityError), transaction.atomic():
        Contactpersoon.objects.create(organisatie=mbo, rol=ContactRol.MBO_SCHOOL, naam="Marco Janssen", telefoon="0612")


def test_yearly_confirmation_is_asked_once_per_organisation_per_year(client, demo):
    from signalering import services as signalering
    from signalering.models import Melding

    assert signalering.netwerkkaart_laten_bevestigen() == 0  # everything confirmed this year
    Contactpersoon.objects.filter(naam="Tom Willems").update(bevestigd_op=timezone.localdate() - dt.timedelta(days=400))
    assert signalering.netwerkkaart_laten_bevestigen() == 1
    assert signalering.netwerkkaart_laten_bevestigen() == 0  # idempotent
    melding = Melding.objects.get(soort="netwerkkaart")
    assert melding.ontvanger == demo.beheerder and melding.organisatie.naam == "Jeugdreclassering Lindewaard"
    client.force_login(demo.beheerder)
    tekst = client.get(reverse("signalering:meldingen")).content.decode()
    assert "langer dan een jaar niet bevestigd" in tekst
    assert (
        client.get(
            reverse("admin:netwerk_contactpersoon_changelist"), {"organisatie__id__exact": melding.organisatie_id}
        ).status_code
        == 200
    )


def test_a_deactivated_person_is_flagged_on_the_map_and_loses_their_open_tasks(client, demo):
    from netwerk.constants import Rol
    from trajecten.models import Taak

    vo = demo.verbindingsofficier.medewerker
    Contactpersoon.objects.filter(naam="Marco Janssen").update(medewerker=vo)
    taak = Taak.objects.filter(organisatie=vo.organisatie, status="open").first()
    Taak.objects.filter(pk=taak.pk).update(medewerker=vo)
    services.medewerker_opslaan(
        actor=demo.beheerder,
        medewerker=vo,
        gebruikersnaam=vo.user.username,
        voornaam=vo.user.first_name,
        achternaam=vo.user.last_name,
        email=vo.user.email,
        organisatie=vo.organisatie,
        rol=Rol.VEILIGHEIDSCOORDINATOR,
        actief=False,
    )
    taak.refresh_from_db()
    assert taak.medewerker is None
    client.force_login(demo.coordinator)
    assert "werkt hier niet meer" in client.get(reverse("netwerk:netwerkkaart")).content.decode()
