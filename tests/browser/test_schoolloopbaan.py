"""Browser journey of issue 18, item 2 (Chromium, PostgreSQL, live server): ROC Lindewaard's
intaker records Liam's enrolment with his first school day after release and the 3-month
checkpoint on the dossier page, and sees the derived figures; ROC's verbindingsofficier sees on
his overview that both are recorded. Screenshots in test-artifacts/."""

import datetime as dt

import pytest

from trajecten.models import Traject

from .test_browser import browser, inloggen, pagina, screenshot  # noqa: F401 - fixtures and helpers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _liam_zonder_schoolloopbaan():
    """Liam as released in the demo, with what the demo recorded of his school career removed
    (one object at a time, so each leaves its history), and his checkpoint tasks open again."""
    liam = Traject.objects.get(jongere__voornaam="Liam")
    for rij in [*liam.schoolcheckpoints.all(), *liam.inschrijvingen.all()]:
        rij.delete()
    for taak in liam.taken.filter(checkpoint__isnull=False):
        taak.status, taak.gedaan_op, taak.gedaan_door = "open", None, None
        taak.save(update_fields=["status", "gedaan_op", "gedaan_door"])
    return liam


def test_mbo_intake_records_the_first_school_day_and_the_3_month_checkpoint(pagina, settings):  # noqa: F811
    liam = _liam_zonder_schoolloopbaan()
    vrij = liam.vrijgelaten_op
    inloggen(pagina, "mbo-intake", settings.DEMO_PASSWORD)
    pagina.goto(f"{pagina.basis}/trajecten/{liam.pk}/dossier/")
    pagina.get_by_text("Nog niets vastgelegd over de schoolloopbaan na uitstroom.").wait_for()
    screenshot(pagina, "mbo-intake-schoolloopbaan-leeg")

    pagina.get_by_role("link", name="Inschrijving vastleggen").click()
    pagina.get_by_label("Opleiding").fill("Logistiek medewerker")
    pagina.get_by_label("Crebo").fill("25300")
    pagina.get_by_label("Startdatum").fill((vrij + dt.timedelta(days=7)).isoformat())
    pagina.get_by_label("Eerste schooldag").fill((vrij + dt.timedelta(days=12)).isoformat())
    screenshot(pagina, "mbo-intake-inschrijving")
    pagina.get_by_role("button", name="Opslaan").click()
    pagina.get_by_text("De inschrijving is vastgelegd.").wait_for()

    pagina.get_by_role("link", name="Checkpoint vastleggen").click()
    pagina.get_by_label("Checkpoint", exact=True).select_option(label="3 maanden na uitstroom")
    pagina.get_by_label("Peildatum").fill((vrij + dt.timedelta(days=91)).isoformat())
    pagina.get_by_label("Uitkomst").select_option(label="ingeschreven en aanwezig")
    pagina.get_by_role("button", name="Opslaan").click()
    pagina.get_by_text("Het checkpoint is vastgelegd.").wait_for()

    sectie = pagina.locator("#schoolloopbaan")
    assert "12" in sectie.get_by_text("Dagen van vrijlating tot eerste schooldag").locator("..").inner_text()
    assert "ingeschreven en aanwezig" in sectie.inner_text()
    screenshot(pagina, "mbo-intake-schoolloopbaan-vastgelegd")
    assert liam.schoolcheckpoints.get().moment == 3
    assert liam.taken.get(checkpoint=3).status == "gedaan"

    # The verbindingsofficier of ROC Lindewaard sees both on his overview: whether, not what.
    pagina.get_by_role("button", name="Uitloggen").click()
    inloggen(pagina, "verbindingsofficier", settings.DEMO_PASSWORD)
    rij = pagina.locator("#op-school li", has_text="Liam Mulder")
    assert "eerste schooldag vastgelegd" in rij.inner_text()
    assert "laatste checkpoint: 3 maanden na uitstroom" in rij.inner_text()
    assert "ingeschreven en aanwezig" not in pagina.locator("#op-school").inner_text()
    screenshot(pagina, "verbindingsofficier-overzicht-op-school")
