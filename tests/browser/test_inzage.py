"""Browser journey (issue 20): the JJI-school's zorgcoördinator records a young person's request
for a copy of everything kept (AVG art. 15), downloads the PDF, and records that it was given.
Every page passes axe and the Content-Security-Policy (``controle.py``). Screenshots in
test-artifacts/."""

import pytest
from django.urls import reverse
from django.utils import timezone

from bewaren.models import InzageStatus, Inzageverzoek
from trajecten.models import Traject

from ..pdf import pdf_tekst
from .test_browser import browser, inloggen, pagina, screenshot  # noqa: F401 - fixtures and helpers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_coordinator_makes_the_young_persons_copy_and_downloads_it(pagina, settings):  # noqa: F811
    noah = Traject.objects.get(jongere__voornaam="Noah")
    inloggen(pagina, "coordinator", settings.DEMO_PASSWORD)
    pagina.goto(pagina.basis + reverse("dossier:toestemmingen", args=[noah.pk]))
    pagina.get_by_role("link", name="Kopie van alle gegevens voor de jongere (inzageverzoek)").click()
    pagina.wait_for_load_state()
    pagina.get_by_label("Verzoek ontvangen op").fill(timezone.localdate().isoformat())
    pagina.get_by_label("de jongere zelf").check()
    pagina.get_by_label("identiteitsbewijs getoond").check()
    screenshot(pagina, "inzage-verzoek")
    pagina.get_by_role("button", name="Verzoek vastleggen en kopie maken").click()
    pagina.wait_for_load_state()
    download_link = pagina.get_by_role("link", name="Kopie downloaden (PDF)")
    download_link.wait_for(timeout=20000)
    screenshot(pagina, "inzage-klaar")
    with pagina.expect_download() as wacht:
        download_link.click()
    pad = wacht.value.path()
    with open(pad, "rb") as bestand:
        pdf = bestand.read()
    tekst = pdf_tekst(pdf)
    assert pdf.startswith(b"%PDF") and "Alles wat jji-traject over jou bewaart" in tekst and "Noah" in tekst
    pagina.get_by_label("Gegeven op").fill(timezone.localdate().isoformat())
    pagina.get_by_label("Hoe gegeven").select_option("overhandigd")
    pagina.get_by_role("button", name="Vastleggen dat de kopie is gegeven").click()
    pagina.wait_for_load_state()
    pagina.get_by_text("de jongere heeft de kopie gekregen").wait_for()
    verzoek = Inzageverzoek.objects.get(traject=noah)
    assert verzoek.status == InzageStatus.GELEVERD and verzoek.bestand is None
    screenshot(pagina, "inzage-gegeven")
