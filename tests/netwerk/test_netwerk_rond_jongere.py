"""The network around one young person: personal data behind the access door, never the police."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from netwerk import services
from netwerk.constants import ContactRol, NetwerkSoort
from netwerk.models import Contactpersoon, NetwerkContact, Organisatie
from toegang import policy

pytestmark = pytest.mark.django_db


def test_the_network_is_shown_to_readers_of_the_traject_only(client, demo):
    noah = demo.trajecten["Noah"]
    client.force_login(demo.mbo_intake)
    tekst = client.get(reverse("trajecten:detail", args=[noah.pk])).content.decode()
    assert "Moeder (fictief)" in tekst and "Rik de Vries" in tekst and "regie na uitstroom" in tekst
    for lezer in (demo.mbo_intake_other, demo.beheerder, demo.mbo_herkomst):
        assert not policy.netwerk_zichtbaar_voor(lezer, noah).exists()
        client.force_login(lezer)
        assert "Moeder (fictief)" not in client.get(reverse("netwerk:netwerkkaart")).content.decode()


def test_the_police_are_never_part_of_a_youths_network(demo):
    noah = demo.trajecten["Noah"]
    politie = Organisatie.objects.create(naam="Politie Lindewaard", soort="politie", regio=noah.jji.regio)
    agent = Contactpersoon.objects.create(
        organisatie=politie, rol=ContactRol.POLITIE, naam="Wijkagent", telefoon="06-00000002"
    )
    assert not policy.kiesbare_contactpersonen(demo.coordinator, noah).filter(pk=agent.pk).exists()
    with pytest.raises(ValidationError):
        services.netwerkcontact_toevoegen(
            actor=demo.coordinator, traject=noah, gegevens={"soort": NetwerkSoort.PROFESSIONAL, "contactpersoon": agent}
        )


def test_one_person_has_regie_after_uitstroom(demo):
    noah = demo.trajecten["Noah"]
    nieuw = services.netwerkcontact_toevoegen(
        actor=demo.coordinator,
        traject=noah,
        gegevens={"soort": NetwerkSoort.MENTOR, "naam": "Mentor Sportclub", "regie_na_uitstroom": True},
    )
    assert list(NetwerkContact.objects.filter(traject=noah, regie_na_uitstroom=True)) == [nieuw]


def test_only_the_regie_adds_and_bad_input_is_refused(client, demo):
    noah = demo.trajecten["Noah"]
    client.force_login(demo.mbo_intake)
    assert client.get(reverse("trajecten:netwerk_toevoegen", args=[noah.pk])).status_code == 404
    client.force_login(demo.coordinator)
    url = reverse("trajecten:netwerk_toevoegen", args=[noah.pk])
    for data, fout in (
        ({"soort": "ouder", "naam": ""}, "Vul de naam in"),
        ({"soort": "ouder", "naam": "Oom", "telefoon": "bel me"}, "geen telefoonnummer"),
        ({"soort": "professional"}, "Kies een professional"),
        ({"soort": "ouder", "naam": "Oom", "email": "geen-mail"}, "e-mailadres"),
    ):
        response = client.post(url, data)
        assert response.status_code == 200 and fout in response.content.decode(), fout
    assert not NetwerkContact.objects.filter(traject=noah, naam="Oom").exists()
    response = client.post(url, {"soort": "familie", "naam": "Oom", "relatie": "oom"})
    assert response.status_code == 302 and NetwerkContact.objects.filter(traject=noah, naam="Oom").exists()
