"""Import and export of a regio's netwerkkaart (CSV): round trip, dry run, all or nothing,
Excel's encodings and separators, and the pages around it."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from netwerk import kaart_csv, services
from netwerk.constants import ContactRol, OrganisatieSoort, Rol
from netwerk.models import Contactpersoon, Organisatie, Regio

pytestmark = pytest.mark.django_db

KOP = (
    "organisatie;soort organisatie;plaats;hoort bij JJI;rol;naam;functie;telefoon;e-mail;bereikbaarheid;niveau;"
    "gebruikersnaam;laatst bevestigd op"
)
CLUB = "Sportclub De Meeuwen;sportvereniging;Lindewaard;;sportvereniging"


def _lindewaard(demo):
    return demo.beheerder.medewerker.organisatie.regio


def _lege_regio_met_beheerder():
    regio = services.regio_opslaan(actor=None, regio=Regio(naam="Regio Zuidkust"))
    bureau = services.organisatie_opslaan(
        actor=None, organisatie=Organisatie(naam="Regiobureau Zuidkust", soort=OrganisatieSoort.ANDERE, regio=regio)
    )
    beheerder = services.medewerker_opslaan(
        actor=None,
        gebruikersnaam="beheer-zuidkust",
        voornaam="Bo",
        achternaam="Beheer",
        email="bo@example.org",
        organisatie=bureau,
        rol=Rol.BEHEERDER,
    )
    return regio, beheerder.user


def _zonder_bureau(export: str) -> str:
    """Regio B's export without the beheerder's own organisation (it has no contacts)."""
    return export.replace("Regiobureau Zuidkust;andere organisatie;;;;;;;;;;;\r\n", "")


def _zonder_gebruikers(export: str) -> str:
    """An export without its gebruikersnaam column: a user of one regio is nobody in another,
    so a linked contact arrives there unlinked (with the user's address as its own)."""
    return "\r\n".join(";".join(r.split(";")[:11] + r.split(";")[12:]) for r in export.split("\r\n"))


def _velden(contact: Contactpersoon) -> dict:
    org = contact.organisatie
    return {
        "organisatie": (org.naam, org.soort, org.plaats, org.jji.naam if org.jji_id else ""),
        # The address the map shows: a linked user's (travels in the file as the contact's own).
        **{veld: getattr(contact, veld) for veld in ("rol", "naam", "functie", "telefoon", "email_adres")},
        **{veld: getattr(contact, veld) for veld in ("bereikbaarheid", "niveau", "bevestigd_op")},
    }


def _kaart(regio) -> dict:
    contacten = Contactpersoon.objects.filter(organisatie__regio=regio).select_related("organisatie__jji")
    return {(c.organisatie.naam, c.rol, c.naam): _velden(c) for c in contacten}


def _tellingen() -> tuple:
    return (
        Contactpersoon.objects.count(),
        Contactpersoon.history.count(),
        Organisatie.objects.count(),
        Organisatie.history.count(),
    )


def test_export_of_one_regio_imports_equal_into_an_empty_regio_and_again_changes_nothing(demo):
    lindewaard = _lindewaard(demo)
    oud = Contactpersoon.objects.get(naam="Tom Willems")
    oud.bevestigd_op = timezone.localdate() - dt.timedelta(days=500)  # dates travel with the file
    oud.save()
    bron = _kaart(lindewaard)
    assert len(bron) >= 9
    export = kaart_csv.exporteren(lindewaard)

    zuidkust, beheerder = _lege_regio_met_beheerder()
    resultaat = kaart_csv.importeren(actor=beheerder, regio=zuidkust, data=export.encode("utf-8"), proef=False)
    assert resultaat.fouten == [] and resultaat.uitgevoerd
    assert len(resultaat.nieuw) == len(bron)
    assert "Duinzichtcollege (JJI-school)" in resultaat.nieuwe_organisaties
    assert _kaart(zuidkust) == bron  # field by field, the JJI-school's JJI included
    assert _zonder_gebruikers(_zonder_bureau(kaart_csv.exporteren(zuidkust))) == _zonder_gebruikers(export)

    voor = _tellingen()
    nog_eens = kaart_csv.importeren(actor=beheerder, regio=zuidkust, data=export.encode("utf-8"), proef=False)
    assert nog_eens.fouten == [] and not nog_eens.heeft_wijzigingen
    assert nog_eens.ongewijzigd == len(bron)
    assert _tellingen() == voor  # not even a history row


def test_a_linked_app_user_stays_linked_at_home_and_is_reported_elsewhere(demo):
    lindewaard = _lindewaard(demo)
    marco = Contactpersoon.objects.get(naam="Marco Janssen")
    marco.medewerker = demo.verbindingsofficier.medewerker
    marco.save()
    export = kaart_csv.exporteren(lindewaard)
    assert ";verbindingsofficier;" in export

    thuis = kaart_csv.importeren(actor=demo.beheerder, regio=lindewaard, data=export.encode(), proef=False)
    assert thuis.fouten == [] and not thuis.heeft_wijzigingen
    marco.refresh_from_db()
    assert marco.medewerker == demo.verbindingsofficier.medewerker

    zuidkust, beheerder = _lege_regio_met_beheerder()
    elders = kaart_csv.importeren(actor=beheerder, regio=zuidkust, data=export.encode(), proef=False)
    assert elders.uitgevoerd
    assert any("verbindingsofficier" in melding and "zonder koppeling" in melding for _r, melding in elders.opmerkingen)
    assert Contactpersoon.objects.get(organisatie__regio=zuidkust, naam="Marco Janssen").medewerker is None


def test_a_dry_run_writes_nothing_and_shows_what_would_change(demo):
    lindewaard = _lindewaard(demo)
    export = kaart_csv.exporteren(lindewaard)
    gewijzigd = export.replace(
        "Tom Willems;Jeugdreclasseerder;06-00000000", "Tom Willems;Jeugdreclasseerder;06-11112222"
    )
    assert gewijzigd != export
    gewijzigd += f"{CLUB};Kees Trainer;;;kees@example.org;;;;\r\n"
    voor = _tellingen()
    resultaat = kaart_csv.importeren(actor=demo.beheerder, regio=lindewaard, data=gewijzigd.encode(), proef=True)
    assert _tellingen() == voor
    assert not Organisatie.objects.filter(naam="Sportclub De Meeuwen").exists()
    assert resultaat.fouten == [] and not resultaat.uitgevoerd
    assert [w.naam for w in resultaat.nieuw] == ["Kees Trainer"]
    assert resultaat.nieuwe_organisaties == ["Sportclub De Meeuwen"]
    (wijziging,) = resultaat.gewijzigd
    assert wijziging.naam == "Tom Willems" and ("telefoon", "06-00000000", "06-11112222") in wijziging.velden


def test_a_file_with_one_bad_row_imports_nothing_and_names_every_bad_line(demo):
    lindewaard = _lindewaard(demo)
    regels = [
        KOP,
        f"{CLUB};Kees Trainer;;06-12345678;;;;;",
        f"{CLUB};Ans Bal;;;geen-mail;;;;",
        "Sportclub De Meeuwen;sportvereniging;Lindewaard;;keeper;Piet Doel;;06-12345678;;;;;",
        f"{CLUB};Jan Net;;bel me;;;;;",
        f"{CLUB};Kees Trainer;;06-87654321;;;;;",
        f"{CLUB};Zonder Nummer;;;;;;;",
        f"{CLUB};Vera Later;;06-12345678;;;;;31-12-2999",
        f"{CLUB};Niveau Fout;;06-12345678;;;hoog;;",
        "ROC Lindewaard;gemeente;Lindewaard;;mbo-school;Soort Fout;;06-12345678;;;;;",
    ]
    voor = _tellingen()
    resultaat = kaart_csv.importeren(
        actor=demo.beheerder, regio=lindewaard, data="\r\n".join(regels).encode(), proef=False
    )
    assert _tellingen() == voor and not resultaat.uitgevoerd
    fouten: dict[int, str] = {}
    for regel, melding in resultaat.fouten:
        fouten[regel] = fouten.get(regel, "") + melding
    assert "e-mail" in fouten[3]
    assert "onbekende rol 'keeper'" in fouten[4]
    assert "telefoonnummer" in fouten[5]
    assert "regel 2" in fouten[6]  # the duplicate names the first
    assert "telefoonnummer of e-mailadres" in fouten[7]
    assert "toekomst" in fouten[8]
    assert "niveau" in fouten[9]
    assert "mbo-instelling" in fouten[10]  # ROC Lindewaard is no gemeente
    assert 2 not in fouten


def test_excel_files_in_windows_1252_with_semicolons_or_commas_are_read(demo):
    lindewaard = _lindewaard(demo)
    regel = f"{CLUB};José Müller;Coördinator jeugd;06-12345678;;;management;;"
    data = f"{KOP}\r\n{regel}\r\n".encode("cp1252")
    resultaat = kaart_csv.importeren(actor=demo.beheerder, regio=lindewaard, data=data, proef=False)
    assert resultaat.fouten == [] and resultaat.uitgevoerd
    jose = Contactpersoon.objects.get(naam="José Müller")
    assert jose.functie == "Coördinator jeugd" and jose.niveau == "management"

    komma = (
        "organisatie,soort organisatie,rol,naam,telefoon\r\n"
        '"Sportclub De Meeuwen",sportvereniging,sportvereniging,"Ans, de trainer",06-12345678\r\n'
    )
    resultaat = kaart_csv.importeren(actor=demo.beheerder, regio=lindewaard, data=komma.encode(), proef=False)
    assert resultaat.fouten == [] and Contactpersoon.objects.filter(naam="Ans, de trainer").exists()


@pytest.mark.parametrize(
    ("data", "melding"),
    [
        (b"", "leeg"),
        (b"PK\x03\x04rest-of-an-xlsx", "geen CSV-bestand"),
        (b"naam;telefoon;schoenmaat\r\nA;1;42\r\n", "Onbekende kolom"),
        (b"naam;telefoon\r\nA;1\r\n", "ontbreken"),
        (KOP.encode() + b"\r\n", "geen regels"),
        (b"x" * 500_001, "groter dan 0,5 MB"),
    ],
)
def test_a_file_that_cannot_be_read_gets_one_clear_message(demo, data, melding):
    resultaat = kaart_csv.importeren(actor=demo.beheerder, regio=_lindewaard(demo), data=data, proef=True)
    assert len(resultaat.fouten) == 1 and melding in resultaat.fouten[0][1]


def test_removing_what_is_missing_keeps_a_contact_that_is_in_a_youth_network(demo):
    lindewaard = _lindewaard(demo)
    alleen_rik = "\r\n".join(
        [
            KOP,
            "ROC Lindewaard;mbo-instelling;Lindewaard;;nazorg-mentor;Rik de Vries;Mentor XXL;06-00000000;"
            "rik@example.org;ma-vr 8.30-16.30;uitvoering;;",
        ]
    )
    resultaat = kaart_csv.importeren(
        actor=demo.beheerder, regio=lindewaard, data=alleen_rik.encode(), proef=True, verwijder_ontbrekende=True
    )
    assert Contactpersoon.objects.filter(naam="Anne Kuipers").exists()  # a dry run
    weg = [w.naam for w in resultaat.verwijderd]
    assert resultaat.fouten == [] and sorted(weg) == ["Anne Kuipers", "Marco Janssen"]  # ROC's others only

    export = kaart_csv.exporteren(lindewaard)
    zonder_rik = "\r\n".join(r for r in export.split("\r\n") if "Rik de Vries" not in r)
    resultaat = kaart_csv.importeren(
        actor=demo.beheerder, regio=lindewaard, data=zonder_rik.encode(), proef=False, verwijder_ontbrekende=True
    )
    assert not resultaat.uitgevoerd and "Rik de Vries staat in het netwerk rond een jongere" in resultaat.fouten[0][1]
    assert Contactpersoon.objects.filter(naam="Rik de Vries").exists()


def test_the_import_page_runs_a_dry_run_first_and_imports_on_confirmation(client, demo):
    client.force_login(demo.beheerder)
    url = reverse("netwerk:importeren")
    regel = f"{CLUB};Kees Trainer;;06-12345678;;;;;"
    bestand = SimpleUploadedFile("kaart.csv", f"{KOP}\r\n{regel}\r\n".encode("cp1252"), content_type="text/csv")
    tekst = client.post(url, {"bestand": bestand}).content.decode()
    assert "Proef: dit zou er veranderen" in tekst and "Kees Trainer" in tekst
    assert not Contactpersoon.objects.filter(naam="Kees Trainer").exists()
    antwoord = client.post(url, {"inhoud": f"{KOP}\r\n{regel}\r\n", "uitvoeren": "1"})
    assert "Geïmporteerd" in antwoord.content.decode()
    assert Contactpersoon.objects.filter(naam="Kees Trainer", organisatie__naam="Sportclub De Meeuwen").exists()

    fout = SimpleUploadedFile("kaart.csv", f"{KOP}\r\n{regel.replace('06-12345678', 'bel')}\r\n".encode())
    tekst = client.post(url, {"bestand": fout}).content.decode()
    assert "Niet geïmporteerd" in tekst and "Regel 2" in tekst
    assert "Kies een CSV-bestand" in client.post(url, {}).content.decode()


def test_export_is_a_csv_for_excel_and_only_for_the_beheerder(client, demo):
    client.force_login(demo.beheerder)
    antwoord = client.get(reverse("netwerk:exporteren"))
    assert antwoord["Content-Type"].startswith("text/csv") and "attachment" in antwoord["Content-Disposition"]
    tekst = antwoord.content.decode("utf-8")
    assert tekst.startswith("\ufefforganisatie;soort organisatie;") and "Tom Willems" in tekst
    for wie in (demo.verbindingsofficier, demo.itb):
        client.force_login(wie)
        assert client.get(reverse("netwerk:exporteren")).status_code == 403
        assert client.get(reverse("netwerk:importeren")).status_code == 403


def test_the_printable_map_has_the_boxes_of_bijlage_5(client, demo):
    client.force_login(demo.mbo_intake)
    tekst = client.get(reverse("netwerk:afdrukken")).content.decode()
    for label in map(str, ContactRol.labels):
        assert f"<h2>{label[0].upper()}{label[1:]}</h2>" in tekst
    assert "Tom Willems" in tekst and "Nog niemand ingevuld" in tekst  # e.g. politie is empty
    assert "Netwerk jongeren" in tekst and "Noah" not in tekst


def test_an_organisation_without_contacts_travels_too(demo):
    """A JJI-school's JJI must be in the file even when the JJI has no contacts of its own."""
    lindewaard = _lindewaard(demo)
    Contactpersoon.objects.filter(naam="Karin Smits").delete()
    export = kaart_csv.exporteren(lindewaard)
    assert "\r\nJJI Duinzicht;JJI;Lindewaard;;;;" in export
    zuidkust, beheerder = _lege_regio_met_beheerder()
    resultaat = kaart_csv.importeren(actor=beheerder, regio=zuidkust, data=export.encode(), proef=False)
    assert resultaat.fouten == [] and "JJI Duinzicht" in resultaat.nieuwe_organisaties
    assert _zonder_gebruikers(_zonder_bureau(kaart_csv.exporteren(zuidkust))) == _zonder_gebruikers(export)


def test_a_missing_optional_column_changes_nothing_of_that_field(demo):
    lindewaard = _lindewaard(demo)
    tom = Contactpersoon.objects.get(naam="Tom Willems")
    alleen = "organisatie;soort organisatie;rol;naam;telefoon\r\n"
    alleen += "Jeugdreclassering Lindewaard;jeugdreclassering;(jeugd)reclassering;Tom Willems;06-99999999\r\n"
    resultaat = kaart_csv.importeren(actor=demo.beheerder, regio=lindewaard, data=alleen.encode(), proef=False)
    assert resultaat.fouten == [] and resultaat.uitgevoerd
    (wijziging,) = resultaat.gewijzigd
    assert [veld for veld, _oud, _nieuw in wijziging.velden] == ["telefoon"]
    nieuw = Contactpersoon.objects.get(pk=tom.pk)
    assert (nieuw.functie, nieuw.email, nieuw.bereikbaarheid, nieuw.niveau) == (
        tom.functie,
        tom.email,
        tom.bereikbaarheid,
        tom.niveau,
    )
    assert nieuw.organisatie.plaats == "Lindewaard"


def test_a_person_who_left_stays_linked_on_a_second_import(demo):
    from netwerk.constants import Rol as R

    anne = Contactpersoon.objects.get(naam="Anne Kuipers")
    intaker = demo.mbo_intake.medewerker
    anne.medewerker, anne.email = intaker, ""  # one address: the user's
    services.contactpersoon_opslaan(actor=demo.beheerder, contactpersoon=anne)
    services.medewerker_opslaan(
        actor=demo.beheerder,
        medewerker=intaker,
        gebruikersnaam=intaker.user.username,
        voornaam=intaker.user.first_name,
        achternaam=intaker.user.last_name,
        email=intaker.user.email,
        organisatie=intaker.organisatie,
        rol=R.INTAKER,
        actief=False,
    )
    lindewaard = _lindewaard(demo)
    resultaat = kaart_csv.importeren(
        actor=demo.beheerder, regio=lindewaard, data=kaart_csv.exporteren(lindewaard).encode(), proef=False
    )
    assert resultaat.fouten == [] and not resultaat.heeft_wijzigingen
    assert Contactpersoon.objects.get(pk=anne.pk).medewerker == intaker


def test_removing_what_is_missing_stays_within_the_organisations_in_the_file(demo):
    lindewaard = _lindewaard(demo)
    alleen_tom = "\r\n".join(
        [
            KOP,
            "Jeugdreclassering Lindewaard;jeugdreclassering;Lindewaard;;(jeugd)reclassering;Tom Willems;"
            "Jeugdreclasseerder;06-00000000;tom@example.org;ma-vr 8.30-16.30;uitvoering;;",
        ]
    )
    resultaat = kaart_csv.importeren(
        actor=demo.beheerder, regio=lindewaard, data=alleen_tom.encode(), proef=True, verwijder_ontbrekende=True
    )
    assert resultaat.fouten == [] and resultaat.verwijderd == []


def test_excel_formulas_are_quoted_in_the_export_and_unquoted_on_import(demo):
    lindewaard = _lindewaard(demo)
    tom = Contactpersoon.objects.get(naam="Tom Willems")
    tom.functie = '=HYPERLINK("http://example.org","klik")'
    tom.save()
    export = kaart_csv.exporteren(lindewaard)
    assert ";'=HYPERLINK(" in export.replace('"', "")
    resultaat = kaart_csv.importeren(actor=demo.beheerder, regio=lindewaard, data=export.encode(), proef=True)
    assert resultaat.fouten == [] and not resultaat.heeft_wijzigingen


@pytest.mark.parametrize(
    ("data", "melding"),
    [
        (KOP.encode() + b"\r\n" + f"{CLUB};Jan\x00Kwaad;;06-12345678;;;;;".encode() + b"\r\n", "geen CSV-bestand"),
        ("\ufeff\ufeff".encode() + KOP.encode() + b"\r\n" + f"{CLUB};Jan;;06-12345678;;;;;".encode(), ""),
        (b"\xff\xfe" + KOP.encode("utf-16-le"), "UTF-16"),
        (b"naam;naam;organisatie;soort organisatie;rol\r\nA;B;C;gemeente;gemeente\r\n", "twee keer"),
    ],
)
def test_odd_files_get_a_clear_message(demo, data, melding):
    resultaat = kaart_csv.importeren(actor=demo.beheerder, regio=_lindewaard(demo), data=data, proef=True)
    if melding:
        assert len(resultaat.fouten) == 1 and melding in resultaat.fouten[0][1]
    else:
        assert resultaat.fouten == []  # a second BOM is harmless


def test_a_cell_over_several_lines_is_named_by_its_first_line(demo):
    data = f'{KOP}\r\n{CLUB};"Jan\r\nKwaad";;06-12345678;;;;;\r\n{CLUB};Piet;;bel;;;;;\r\n'
    resultaat = kaart_csv.importeren(actor=demo.beheerder, regio=_lindewaard(demo), data=data.encode(), proef=True)
    assert [regel for regel, _m in resultaat.fouten] == [2, 4]
    assert "regeleinde" in resultaat.fouten[0][1]


def test_messages_name_the_column_not_the_field(demo):
    data = (
        f"{KOP}\r\n{CLUB};Zonder Nummer;;;;;;;\r\nGemeente X;gemeente;;JJI Duinzicht;gemeente;Ans;;06-12345678;;;;;\r\n"
    )
    resultaat = kaart_csv.importeren(actor=demo.beheerder, regio=_lindewaard(demo), data=data.encode(), proef=True)
    teksten = " ".join(m for _r, m in resultaat.fouten)
    assert "__all__" not in teksten and "jji:" not in teksten
    assert "hoort bij JJI" in teksten or "Alleen een JJI-school" in teksten


def test_odd_query_strings_and_an_empty_confirm_get_no_500(client, demo):
    client.force_login(demo.beheerder)
    for waarde in ("²", "٣", "1" * 30, "-1"):
        assert client.get(reverse("netwerk:netwerkkaart"), {"regio": waarde, "organisatie": waarde}).status_code == 200
        assert client.get(reverse("netwerk:afdrukken"), {"regio": waarde}).status_code == 200
    antwoord = client.post(reverse("netwerk:importeren"), {"inhoud": " ", "uitvoeren": "1"})
    assert antwoord.status_code == 200 and "Kies een CSV-bestand" in antwoord.content.decode()


def test_the_map_page_query_count_does_not_grow_with_organisations(client, demo, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(demo.verbindingsofficier)
    with CaptureQueriesContext(connection) as weinig:
        client.get(reverse("netwerk:netwerkkaart"))
    regio = _lindewaard(demo)
    for nummer in range(8):
        org = services.organisatie_opslaan(
            actor=None, organisatie=Organisatie(naam=f"Partner {nummer}", soort=OrganisatieSoort.ANDERE, regio=regio)
        )
        services.contactpersoon_opslaan(
            actor=None,
            contactpersoon=Contactpersoon(organisatie=org, rol=ContactRol.ANDERE, naam="Iemand", telefoon="0612345678"),
        )
    with django_assert_max_num_queries(len(weinig)):
        client.get(reverse("netwerk:netwerkkaart"))
