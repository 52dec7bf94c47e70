"""The regional netwerkkaart and "wie is de verbindingsofficier van …?"."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from jji_traject.geschiedenis import bijwerken
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


def test_the_map_opens_on_the_own_regio_and_shows_another_on_request(client, demo):
    """The regio of return's map is needed too (it holds no youth data); by default a reader
    sees their own regio."""
    elders = Regio.objects.create(naam="Regio Elders")
    verre = Organisatie.objects.create(naam="Verre School", soort="mbo", regio=elders)
    client.force_login(demo.coordinator)
    assert "Verre School" not in client.get(reverse("netwerk:netwerkkaart")).content.decode()
    tekst = client.get(reverse("netwerk:netwerkkaart"), {"regio": elders.pk}).content.decode()
    assert "Verre School heeft geen verbindingsofficier aangewezen" in tekst and "Tom Willems" not in tekst
    assert client.get(reverse("netwerk:verbindingsofficier", args=[verre.pk])).status_code == 200
    for onzin in ("x", "99999999999999", "-1", "999999"):
        antwoord = client.get(reverse("netwerk:netwerkkaart"), {"regio": onzin, "organisatie": onzin})
        assert antwoord.status_code == 200 and "Netwerkkaart Regio Lindewaard" in antwoord.content.decode()


def test_people_without_an_organisation_do_not_read_the_map(client, demo, django_user_model):
    client.force_login(django_user_model.objects.create_user("los", password="x"))
    assert client.get(reverse("netwerk:netwerkkaart")).status_code == 404
    assert client.get(reverse("netwerk:afdrukken")).status_code == 404


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
    bijwerken(Contactpersoon.objects.filter(pk=contact.pk), bevestigd_op=timezone.localdate() - dt.timedelta(days=400))
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
    bijwerken(
        Contactpersoon.objects.filter(naam="Tom Willems"), bevestigd_op=timezone.localdate() - dt.timedelta(days=400)
    )
    assert signalering.netwerkkaart_laten_bevestigen() == 1
    assert signalering.netwerkkaart_laten_bevestigen() == 0  # idempotent
    melding = Melding.objects.get(soort="netwerkkaart")
    assert melding.ontvanger == demo.beheerder and melding.organisatie.naam == "Jeugdreclassering Lindewaard"
    client.force_login(demo.beheerder)
    tekst = client.get(reverse("signalering:meldingen")).content.decode()
    assert "langer dan een jaar niet bevestigd" in tekst
    bijhouden = reverse("netwerk:contacten", args=[melding.organisatie_id])
    assert bijhouden in tekst
    assert "Tom Willems" in client.get(bijhouden).content.decode()
    client.post(bijhouden)  # "Alles klopt nog"
    assert not Contactpersoon.objects.get(naam="Tom Willems").is_verouderd


def test_a_deactivated_person_is_flagged_on_the_map_and_loses_their_open_tasks(client, demo):
    from netwerk.constants import Rol
    from trajecten.models import Taak

    vo = demo.verbindingsofficier.medewerker
    bijwerken(Contactpersoon.objects.filter(naam="Marco Janssen"), medewerker=vo)
    taak = Taak.objects.filter(organisatie=vo.organisatie, status="open").first()
    bijwerken(Taak.objects.filter(pk=taak.pk), medewerker=vo)
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


def test_each_organisation_keeps_its_own_entries(client, demo):
    """The verbindingsofficier keeps their own organisation's entries; the beheerder of the
    regio keeps all; others read only."""
    mbo = Organisatie.objects.get(naam="ROC Lindewaard")
    gemeente = Organisatie.objects.get(naam="Gemeente Lindewaard")
    client.force_login(demo.verbindingsofficier)
    assert (
        "Contactpersonen van ROC Lindewaard bijhouden" in client.get(reverse("netwerk:netwerkkaart")).content.decode()
    )
    antwoord = client.post(
        reverse("netwerk:contact_nieuw", args=[mbo.pk]),
        {"rol": ContactRol.NAZORG_MENTOR, "naam": "Ilse Nazorg", "email": "ilse@example.org", "niveau": "uitvoering"},
    )
    assert antwoord.status_code == 302
    ilse = Contactpersoon.objects.get(naam="Ilse Nazorg")
    assert ilse.organisatie == mbo and ilse.bevestigd_op == timezone.localdate()
    tekst = client.post(
        reverse("netwerk:contact_wijzigen", args=[mbo.pk, ilse.pk]),
        {"rol": ContactRol.NAZORG_MENTOR, "naam": "Ilse Nazorg", "email": "geen-mail", "niveau": "uitvoering"},
    ).content.decode()
    assert "Controleer het formulier" in tekst and "e-mailadres" in tekst
    assert client.get(reverse("netwerk:contacten", args=[gemeente.pk])).status_code == 403
    assert client.post(reverse("netwerk:contact_nieuw", args=[gemeente.pk]), {}).status_code == 403
    client.post(reverse("netwerk:contact_verwijderen", args=[mbo.pk, ilse.pk]))
    assert not Contactpersoon.objects.filter(naam="Ilse Nazorg").exists()
    # Someone else's entry cannot be reached through one's own organisation either.
    tom = Contactpersoon.objects.get(naam="Tom Willems")
    assert client.get(reverse("netwerk:contact_wijzigen", args=[mbo.pk, tom.pk])).status_code == 404

    client.force_login(demo.itb)  # not a verbindingsofficier
    assert client.get(reverse("netwerk:contacten", args=[mbo.pk])).status_code == 403
    assert "bijhouden" not in client.get(reverse("netwerk:netwerkkaart")).content.decode()

    client.force_login(demo.beheerder)
    assert client.get(reverse("netwerk:contacten", args=[gemeente.pk])).status_code == 200


def test_a_contact_in_a_youth_network_is_not_removed_from_the_map(client, demo):
    rik = Contactpersoon.objects.get(naam="Rik de Vries")
    client.force_login(demo.verbindingsofficier)
    antwoord = client.post(reverse("netwerk:contact_verwijderen", args=[rik.organisatie_id, rik.pk]), follow=True)
    assert "staat in het netwerk rond een jongere" in antwoord.content.decode()
    assert Contactpersoon.objects.filter(pk=rik.pk).exists()


def test_a_verbindingsofficier_as_contact_point_for_another_mbo(client, demo):
    oostmeer = Organisatie.objects.get(naam="Vakcollege Oostmeer")
    roc = Organisatie.objects.get(naam="ROC Lindewaard")
    assert oostmeer.aanspreekpunt == roc and oostmeer.verbindingsofficier is None
    client.force_login(demo.mbo_intake_other)
    tekst = client.get(reverse("netwerk:netwerkkaart"), {"zoek": "Oostmeer"}).content.decode()
    assert "Marco Janssen" in tekst
    assert "geen eigen verbindingsofficier; het aanspreekpunt is de verbindingsofficier van ROC Lindewaard" in tekst
    tekst = client.get(reverse("netwerk:verbindingsofficier", args=[roc.pk])).content.decode()
    assert "Aanspreekpunt voor" in tekst and "Vakcollege Oostmeer" in tekst
    tekst = client.get(reverse("netwerk:verbindingsofficier", args=[oostmeer.pk])).content.decode()
    assert "Marco Janssen" in tekst and "ROC Lindewaard" in tekst


def test_the_contact_point_grants_no_access_to_the_other_mbo(demo):
    from toegang import policy
    from trajecten.models import Traject

    oostmeer = Organisatie.objects.get(naam="Vakcollege Oostmeer")
    roc = Organisatie.objects.get(naam="ROC Lindewaard")
    alleen_oostmeer = Traject.objects.filter(betrokkenheden__organisatie=oostmeer).exclude(
        betrokkenheden__organisatie=roc
    )
    assert alleen_oostmeer.exists()
    zichtbaar = set(policy.zichtbaar_voor(demo.verbindingsofficier).values_list("pk", flat=True))
    assert not zichtbaar & set(alleen_oostmeer.values_list("pk", flat=True))
    services.organisatie_opslaan(actor=demo.beheerder, organisatie=oostmeer)  # re-derive: still nothing
    assert set(policy.zichtbaar_voor(demo.verbindingsofficier).values_list("pk", flat=True)) == zichtbaar


def test_contact_point_rules(demo):
    roc = Organisatie.objects.get(naam="ROC Lindewaard")
    oostmeer = Organisatie.objects.get(naam="Vakcollege Oostmeer")
    noordpolder = Organisatie.objects.get(naam="Techniekcollege Noordpolder")
    jji = Organisatie.objects.get(naam="JJI Duinzicht")
    elders = services.organisatie_opslaan(
        actor=None, organisatie=Organisatie(naam="Verre School", soort="mbo", regio=Regio.objects.create(naam="Ver"))
    )
    gevallen = [
        (roc, noordpolder, "eigen verbindingsofficier"),
        (jji, roc, "Alleen een mbo-instelling"),
        (noordpolder, noordpolder, "niet haar eigen"),
        (noordpolder, elders, "dezelfde regio"),
        (noordpolder, oostmeer, "zelf een aanspreekpunt elders"),
        (noordpolder, jji, "mbo-instelling of JJI-school"),
    ]
    for organisatie, via, fout in gevallen:
        organisatie.aanspreekpunt = via
        with pytest.raises(ValidationError, match=fout):
            services.organisatie_opslaan(actor=demo.beheerder, organisatie=organisatie)
        organisatie.refresh_from_db()
    # An own verbindingsofficier replaces the contact point elsewhere.
    services.verbindingsofficier_aanwijzen(
        actor=demo.beheerder, organisatie=oostmeer, medewerker=demo.mbo_herkomst.medewerker
    )
    oostmeer.refresh_from_db()
    assert oostmeer.aanspreekpunt is None and oostmeer.verbindingsofficier_of_aanspreekpunt.user == demo.mbo_herkomst


def test_a_tasks_who_links_to_the_person_on_the_map(client, demo):
    from trajecten.models import Taak

    noah = demo.trajecten["Noah"]
    vo = demo.verbindingsofficier.medewerker
    marco = Contactpersoon.objects.get(naam="Marco Janssen")
    marco.medewerker = vo
    marco.save()
    taak = Taak.objects.filter(traject=noah, organisatie=vo.organisatie).first()
    bijwerken(Taak.objects.filter(pk=taak.pk), medewerker=vo)
    andere = Taak.objects.filter(traject=noah, organisatie__isnull=False, medewerker__isnull=True).first()
    client.force_login(demo.verbindingsofficier)
    detail = reverse("trajecten:detail", args=[noah.pk])
    # Each task in its step (a closed step's tasks show on the page with that step open).
    tekst = client.get(detail, {"stap": taak.stap}).content.decode()
    kaart = reverse("netwerk:netwerkkaart")
    regio = vo.organisatie.regio_id
    assert f"{kaart}?regio={regio}&amp;organisatie={vo.organisatie_id}#contact-{marco.pk}" in tekst
    tekst = client.get(detail, {"stap": andere.stap}).content.decode()
    assert f"organisatie={andere.organisatie_id}#org-{andere.organisatie_id}" in tekst
    pagina = client.get(kaart, {"regio": regio, "organisatie": vo.organisatie_id}).content.decode()
    assert f'id="contact-{marco.pk}"' in pagina and "Tom Willems" not in pagina
