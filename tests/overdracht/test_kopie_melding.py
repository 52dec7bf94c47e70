"""The request to delete a copy names what it is about and links there (issue 17, item 2): the
document's number, when and by whom it was made, the parts asked back; for its recipient the
traject while they still see it, for its maker the document's page. Without access to the
traject, no youth name and no link."""

import pytest
from django.urls import reverse
from django.utils import formats, timezone

from overdracht import services
from trajecten import services as traject_services
from trajecten.constants import KENNISGEVING, Categorie

from ..lezers import toestemming_geven

pytestmark = pytest.mark.django_db


def _teruggevraagd(demo, noah, django_capture_on_commit_callbacks):
    toestemming = toestemming_geven(demo, noah, Categorie.ONDERWIJSINFORMATIE)
    with django_capture_on_commit_callbacks(execute=True):
        overdracht = services.overdracht_aanvragen(
            actor=demo.coordinator, traject=noah, ontvanger=demo.verbindingsofficier.medewerker
        )
    traject_services.toestemming_intrekken(actor=demo.coordinator, toestemming=toestemming)
    overdracht.refresh_from_db()
    return overdracht


def _kopie_regel(client):
    pagina = client.get(reverse("signalering:meldingen")).content.decode()
    regels = [r for r in pagina.split('<li class="taak') if "kopie van een overdrachtsdocument" in r]
    assert len(regels) == 1
    return regels[0]


def test_the_recipient_reads_what_the_copy_is_and_goes_to_the_traject(
    client, demo, noah, django_capture_on_commit_callbacks
):
    overdracht = _teruggevraagd(demo, noah, django_capture_on_commit_callbacks)
    datum = formats.date_format(timezone.localtime(overdracht.aangevraagd_op), "j F Y")
    client.force_login(demo.verbindingsofficier)
    regel = _kopie_regel(client)
    assert overdracht.nummer in regel and "Peter Aydin" in regel and datum in regel
    assert "Teruggevraagd: onderwijsinformatie." in regel
    assert f'href="{reverse("trajecten:detail", args=[noah.pk])}"' in regel and "Noah Verbeek" in regel


def test_the_maker_reads_for_whom_it_was_and_goes_to_the_document(
    client, demo, noah, django_capture_on_commit_callbacks
):
    overdracht = _teruggevraagd(demo, noah, django_capture_on_commit_callbacks)
    client.force_login(demo.coordinator)
    regel = _kopie_regel(client)
    assert overdracht.nummer in regel and "Marco Janssen (ROC Lindewaard)" in regel
    url = reverse("overdracht:status", args=[noah.pk, overdracht.pk])
    assert f'href="{url}"' in regel
    assert "teruggevraagd" in client.get(url).content.decode()


def test_without_access_to_the_traject_the_notice_names_the_document_only(
    client, demo, noah, django_capture_on_commit_callbacks
):
    overdracht = _teruggevraagd(demo, noah, django_capture_on_commit_callbacks)
    kennisgeving = noah.toestemmingen.get(
        categorie=KENNISGEVING, ontvanger__naam="ROC Lindewaard", ingetrokken_op__isnull=True
    )
    traject_services.toestemming_intrekken(actor=demo.coordinator, toestemming=kennisgeving)
    client.force_login(demo.verbindingsofficier)
    regel = _kopie_regel(client)
    assert overdracht.nummer in regel and "Peter Aydin" in regel
    assert "Noah" not in regel and reverse("trajecten:detail", args=[noah.pk]) not in regel
