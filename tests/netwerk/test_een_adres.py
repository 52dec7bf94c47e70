"""One e-mail address per person (issue 17, item 10): a netwerkkaart contact linked to a user of
the app shows that user's address — on the map, its print (bijlage 5), the CSV export and the
API — and keeps none of its own; the form refuses a second address, an import does not take one."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from jji_traject.geschiedenis import bijwerken
from netwerk import kaart_csv, services
from netwerk.constants import ContactRol
from netwerk.models import Contactpersoon, Organisatie

from ..accounts import wijzigen
from ..api.klant import klant

pytestmark = pytest.mark.django_db

MIGRATIE = importlib.import_module("netwerk.migrations.0015_contactpersoon_een_adres")
EIGEN = "marco@example.org"  # the address the demo map gave Marco's entry before it was linked
GEBRUIKER = "verbindingsofficier@example.org"  # Marco Janssen's account


def _marco():
    return Contactpersoon.objects.select_related("medewerker__user").get(naam="Marco Janssen")


def _oppervlakken(client, demo) -> dict[str, str]:
    """What each surface of the map says, as text."""
    client.force_login(demo.mbo_intake)
    lindewaard = demo.beheerder.medewerker.organisatie.regio
    api = klant(demo.mbo_intake).get(reverse("api:netwerkkaart")).json()
    return {
        "pagina": client.get(reverse("netwerk:netwerkkaart")).content.decode(),
        "afdruk": client.get(reverse("netwerk:afdrukken")).content.decode(),
        "csv": kaart_csv.exporteren(lindewaard),
        "api": str(next(c for c in api if c["naam"] == "Marco Janssen")),
    }


def test_the_demo_links_its_users_on_the_map_with_one_address_each(client, demo):
    marco = _marco()
    assert marco.medewerker == demo.verbindingsofficier.medewerker and marco.email == ""
    assert marco.email_adres == GEBRUIKER
    for naam, tekst in _oppervlakken(client, demo).items():
        assert GEBRUIKER in tekst, naam
        assert EIGEN not in tekst, naam
    assert Contactpersoon.objects.get(naam="Peter Aydin").email_adres == demo.coordinator.email
    assert Contactpersoon.objects.get(naam="Youssef El Amrani").email_adres == demo.mbo_herkomst.email
    assert Contactpersoon.objects.get(naam="Rik de Vries").email_adres == "rik@example.org"  # no user: its own


def test_a_legacy_second_address_is_not_shown_and_the_migration_empties_it(client, demo):
    bijwerken(Contactpersoon.objects.filter(pk=_marco().pk), email=EIGEN)  # as before this change
    zonder_gebruiker = Contactpersoon.objects.get(naam="Rik de Vries")
    for naam, tekst in _oppervlakken(client, demo).items():
        assert GEBRUIKER in tekst and EIGEN not in tekst, naam
    MIGRATIE.een_adres(apps, None)
    assert _marco().email == ""
    assert Contactpersoon.objects.get(pk=zonder_gebruiker.pk).email == "rik@example.org"


def test_the_users_address_follows_an_approved_change(client, demo):
    wijzigen(demo, demo.verbindingsofficier.medewerker, email="m.janssen@example.org")
    demo.verbindingsofficier.refresh_from_db()
    assert demo.verbindingsofficier.email == "m.janssen@example.org"
    for naam, tekst in _oppervlakken(client, demo).items():
        assert "m.janssen@example.org" in tekst and GEBRUIKER not in tekst, naam


def test_the_form_refuses_a_second_address_and_keeps_none_of_its_own(client, demo):
    mbo = Organisatie.objects.get(naam="ROC Lindewaard")
    marco = _marco()
    client.force_login(demo.verbindingsofficier)  # keeps ROC Lindewaard's entries
    url = reverse("netwerk:contact_wijzigen", args=[mbo.pk, marco.pk])
    gegevens = {
        "rol": marco.rol,
        "naam": marco.naam,
        "functie": marco.functie,
        "telefoon": marco.telefoon,
        "bereikbaarheid": marco.bereikbaarheid,
        "niveau": marco.niveau,
        "medewerker": marco.medewerker_id,
    }
    fout = client.post(url, {**gegevens, "email": EIGEN})
    assert fout.status_code == 200
    melding = " ".join(fout.context["form"].errors["email"])
    assert "het e-mailadres is dat van de gebruiker (verbindingsofficier@example.org)" in melding
    assert _marco().email == ""
    assert (
        client.post(url, {**gegevens, "email": GEBRUIKER.upper()}).status_code == 302
    )  # the same: taken as the user's
    assert _marco().email == ""
    assert client.post(url, {**gegevens, "email": ""}).status_code == 302
    # Unlinked, the entry has an address of its own again (or a telephone number).
    assert client.post(url, {**gegevens, "medewerker": "", "email": "marco.j@example.org"}).status_code == 302
    assert _marco().email_adres == "marco.j@example.org"


def test_a_new_linked_entry_keeps_no_address_of_its_own(demo):
    mbo = Organisatie.objects.get(naam="ROC Lindewaard")
    contact = services.contactpersoon_opslaan(
        actor=demo.beheerder,
        contactpersoon=Contactpersoon(
            organisatie=mbo,
            rol=ContactRol.ANDERE,
            naam="Linda Vermeulen",
            email=demo.mbo_intake.email,
            medewerker=demo.mbo_intake.medewerker,
        ),
    )
    contact.refresh_from_db()
    assert contact.email == "" and contact.email_adres == demo.mbo_intake.email
    # No telephone and no address of its own is still a contact: the user's address counts.
    contact.full_clean()
    with pytest.raises(ValidationError, match="het e-mailadres is dat van de gebruiker"):
        services.contactpersoon_opslaan(
            actor=demo.beheerder,
            contactpersoon=Contactpersoon(
                organisatie=mbo,
                rol=ContactRol.NAZORG_MENTOR,
                naam="Linda Vermeulen",
                email="linda@example.org",
                medewerker=demo.mbo_intake.medewerker,
            ),
        )


def test_an_import_does_not_create_a_second_address_for_a_linked_person(demo):
    lindewaard = demo.beheerder.medewerker.organisatie.regio
    export = kaart_csv.exporteren(lindewaard)
    regel = next(r for r in export.split("\r\n") if ";Marco Janssen;" in r)
    assert f";{GEBRUIKER};" in regel and ";verbindingsofficier;" in regel
    ander = export.replace(regel, regel.replace(GEBRUIKER, EIGEN))
    resultaat = kaart_csv.importeren(actor=demo.beheerder, regio=lindewaard, data=ander.encode(), proef=False)
    assert resultaat.fouten == [] and not resultaat.heeft_wijzigingen
    assert any("Marco Janssen" in m and GEBRUIKER in m and EIGEN in m for _r, m in resultaat.opmerkingen)
    assert _marco().email == "" and _marco().email_adres == GEBRUIKER

    # A new entry for a user, with the user's address in the file: stored without one of its own.
    nieuw = (
        export.split("\r\n")[0]
        + "\r\n"
        + regel.replace("Veiligheidscoördinator", "Mentor").replace(";mbo-school;", ";nazorg-mentor;")
    )
    resultaat = kaart_csv.importeren(actor=demo.beheerder, regio=lindewaard, data=nieuw.encode(), proef=False)
    assert resultaat.fouten == [] and len(resultaat.nieuw) == 1
    mentor = Contactpersoon.objects.get(naam="Marco Janssen", rol=ContactRol.NAZORG_MENTOR)
    assert mentor.medewerker == demo.verbindingsofficier.medewerker and mentor.email == ""


def test_an_import_points_out_an_entry_that_is_a_user_by_name(demo):
    lindewaard = demo.beheerder.medewerker.organisatie.regio
    bestand = (
        "organisatie;soort organisatie;rol;naam;e-mail\r\n"
        "ROC Lindewaard;mbo-instelling;andere ondersteuningsorganisatie;Linda  Vermeulen;linda@example.org\r\n"
        "ROC Lindewaard;mbo-instelling;andere ondersteuningsorganisatie;Linda de Tweede;tweede@example.org\r\n"
    )
    resultaat = kaart_csv.importeren(actor=demo.beheerder, regio=lindewaard, data=bestand.encode(), proef=True)
    assert resultaat.fouten == []
    assert [(r, "mbo-intake" in m and "gebruikersnaam" in m) for r, m in resultaat.opmerkingen] == [(2, True)]
    assert not Contactpersoon.objects.filter(naam__startswith="Linda").exists()  # a dry run
