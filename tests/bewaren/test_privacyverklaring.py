"""The privacy statement (issue 20, item 6): public, in B1 Dutch and in English, printable and
as PDF, with the reader's regio's periods, and linked from every consent receipt."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bewaren import services

pytestmark = pytest.mark.django_db


def test_anyone_reads_it_in_dutch_and_in_english(client):
    nl = client.get(reverse("privacyverklaring")).content.decode()
    assert "Jouw gegevens in jji-traject" in nl and "Wat zijn jouw rechten?" in nl and "12 maanden" in nl
    assert "Dit zijn de standaardtermijnen" in nl and 'href="/privacyverklaring/en/"' in nl
    en = client.get(reverse("privacyverklaring", args=["en"])).content.decode()
    assert "Your information in jji-traject" in en and "What are your rights?" in en and 'lang="en"' in en
    assert client.get(reverse("privacyverklaring", args=["de"])).status_code == 404


def test_it_prints_and_makes_a_pdf(client):
    afdruk = client.get(reverse("privacyverklaring_afdruk", args=["nl"]))
    assert afdruk.status_code == 200 and "Jouw gegevens in jji-traject" in afdruk.content.decode()
    pdf = client.get(reverse("privacyverklaring_afdruk", args=["en"]), {"formaat": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert "privacy-statement.pdf" in pdf["Content-Disposition"]


def test_a_person_of_a_regio_reads_its_own_periods(client, demo):
    from netwerk.models import Regio

    regio = Regio.objects.get(naam="Regio Lindewaard")
    services.schema_vastleggen(
        actor=demo.users["beheerder"],
        regio=regio,
        gegevens={
            "signalen_dagen": 14,
            "dossier_maanden": 18,
            "pseudonimiseren_maanden": 30,
            "raadplegingen_jaren": 7,
            "bevestigd_door": "FG Lindewaard",
        },
    )
    client.force_login(demo.coordinator)
    tekst = client.get(reverse("privacyverklaring")).content.decode()
    assert "tot 18 maanden" in tekst and "tot 30 maanden" in tekst and "7 jaar" in tekst
    assert "Dit zijn de termijnen van Regio Lindewaard." in tekst


def test_every_consent_receipt_links_to_it(client, demo):
    from trajecten.models import Toestemming

    noah = demo.trajecten["Noah"]
    toestemming = Toestemming.objects.filter(traject=noah).first()
    client.force_login(demo.coordinator)
    tekst = client.get(reverse("dossier:toestemming_bewijs", args=[noah.pk, toestemming.pk])).content.decode()
    assert "http://testserver/privacyverklaring/" in tekst
