"""Browser journeys of issue 17, items 1 and 2 (Chromium, PostgreSQL, live server): the
beheerder lands on the beheer home in the app's own look and reaches every beheer page from
it (and back from the admin); a beslismodel submitted to an mbo whose intaker is not assigned
tells the JJI-school who will see it, leaves the intaker's "Te beoordelen" truthful, asks the
verbindingsofficier on his home page to assign an intaker, and reaches the intaker once he
does. Screenshots in test-artifacts/."""

import re

import pytest

from beslismodel import services as beslismodel_services
from beslismodel.constants import Stand
from beslismodel.models import Beslismodel
from beslismodel.selectors import suggestie_van
from trajecten.models import Traject

from ..beslismodellen import antwoorden, besluiten
from .test_browser import browser, inloggen, pagina, screenshot  # noqa: F401 - fixtures and helpers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The links of the beheer home, each with the heading of the page it opens.
BEHEERPAGINAS = [
    ("Medewerkers", re.compile("medewerker", re.IGNORECASE)),
    ("Organisaties", re.compile("organisatie", re.IGNORECASE)),
    ("Accountaanvragen", re.compile("^Accountaanvragen$")),
    ("Accountlog", re.compile("^Accountlog$")),
    ("Inlogblokkades", re.compile("^Inlogblokkades$")),
    ("Routekaart", re.compile("^Routekaart Regio Lindewaard")),
    ("Beslismodel-sjabloon", re.compile("^Beslismodel Regio Lindewaard")),
    ("Woordenlijst", re.compile("toekomstgericht formuleren", re.IGNORECASE)),
    ("Netwerkkaart bekijken", re.compile("^Netwerkkaart")),
    ("Netwerkkaart importeren (CSV)", re.compile("importeren$")),
]


def test_beheerder_lands_on_the_beheer_home_and_reaches_every_beheer_page(pagina, settings):  # noqa: F811
    inloggen(pagina, "beheerder", settings.DEMO_PASSWORD)
    pagina.get_by_role("heading", name="Beheer", exact=True).wait_for()
    thuis = pagina.url
    assert thuis.endswith("/netwerk/beheer/")
    assert pagina.locator("link[href$='css/jji-traject.css']").count() == 1  # the app's own look
    screenshot(pagina, "beheerder-beheerstart")
    inhoud = pagina.get_by_role("main")
    for naam, kop in BEHEERPAGINAS:
        inhoud.get_by_role("link", name=naam, exact=True).click()
        pagina.get_by_role("heading", name=kop, level=1).first.wait_for()
        pagina.goto(thuis)
    # The export is a CSV download: it answers.
    export = inhoud.get_by_role("link", name="Netwerkkaart exporteren (CSV)").get_attribute("href")
    assert pagina.request.get(f"{pagina.basis}{export}").status == 200
    # From the admin, "Website bekijken" leads back home (it used to loop to the admin).
    inhoud.get_by_role("link", name="Medewerkers", exact=True).click()
    pagina.get_by_role("link", name="Website bekijken").click()
    pagina.get_by_role("heading", name="Beheer", exact=True).wait_for()
    assert pagina.url == thuis


def _daan_voorbereiden(demo_docent, demo_intaker):
    """Finn's waiting version decided by the intaker (nothing waits for her then), and Daan's
    draft filled in by the JJI-school (ROC Lindewaard is active; its intaker is not assigned)."""
    finn = Beslismodel.objects.get(traject__jongere__voornaam="Finn", stand=Stand.INGEDIEND)
    besluiten(None, finn, suggestie_van(finn).status, door=demo_intaker)
    concept = Beslismodel.objects.get(traject__jongere__voornaam="Daan", stand=Stand.CONCEPT)
    beslismodel_services.antwoorden_opslaan(actor=demo_docent, beslismodel=concept, gegevens=antwoorden())
    return concept


def test_a_submission_without_an_assigned_intaker_reaches_her_through_the_verbindingsofficier(
    pagina,  # noqa: F811
    settings,
):
    from django.contrib.auth import get_user_model

    gebruikers = {u.username: u for u in get_user_model().objects.all()}
    concept = _daan_voorbereiden(gebruikers["jji-school"], gebruikers["mbo-intake"])
    daan = Traject.objects.get(jongere__voornaam="Daan")

    # The JJI-school reads who at ROC Lindewaard will see it, and submits.
    inloggen(pagina, "jji-school", settings.DEMO_PASSWORD)
    pagina.goto(f"{pagina.basis}/trajecten/{daan.pk}/beslismodel/{concept.versie}/indienen/")
    pagina.get_by_role("heading", name="Wie het ziet bij ROC Lindewaard").wait_for()
    wie = pagina.get_by_role("main").inner_text().split("Wie het ziet bij ROC Lindewaard")[1]
    assert "Marco Janssen" in wie and "Linda Vermeulen" not in wie.split("Indienen bij")[0]
    assert "Er is nog geen intaker van ROC Lindewaard aan Daan Smit toegewezen" in wie
    screenshot(pagina, "jji-school-indienen-wie-het-ziet")
    pagina.get_by_label("Indienen bij").select_option(label="ROC Lindewaard")
    pagina.get_by_label("Ik heb het beslismodel samen met de jongere voorbereid").check()
    pagina.get_by_role("button", name="Indienen").click()
    pagina.get_by_text("Gevraagd om er een toe te wijzen: Marco Janssen.").wait_for()
    pagina.get_by_role("button", name="Uitloggen").click()

    # The intaker, not assigned: her Te beoordelen says what she sees, and names no youth.
    inloggen(pagina, "mbo-intake", settings.DEMO_PASSWORD)
    pagina.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Te beoordelen").click()
    pagina.get_by_role("heading", name="Te beoordelen").wait_for()
    assert pagina.get_by_text("In de trajecten waaraan je bent toegewezen, wacht niets op je besluit.").is_visible()
    inhoud = pagina.get_by_role("main").inner_text()
    assert "Er wacht niets op je" not in inhoud and "Daan" not in inhoud and "Marco Janssen" in inhoud
    screenshot(pagina, "intaker-te-beoordelen-niet-toegewezen")
    pagina.get_by_role("button", name="Uitloggen").click()

    # The verbindingsofficier is asked on his home page, and assigns her.
    inloggen(pagina, "verbindingsofficier", settings.DEMO_PASSWORD)
    pagina.get_by_role("heading", name="Wijs een intaker toe").wait_for()
    screenshot(pagina, "verbindingsofficier-intaker-toewijzen")
    pagina.get_by_role("link", name="Een intaker toewijzen aan Daan Smit").click()
    pagina.get_by_label("Medewerker").select_option(label="Linda Vermeulen (intaker, ROC Lindewaard)")
    pagina.get_by_role("button", name="Toewijzen").click()
    pagina.get_by_text("De medewerker is toegewezen").wait_for()
    pagina.get_by_role("button", name="Uitloggen").click()

    # Now it reaches her: she lands on Te beoordelen, with Daan's beslismodel.
    inloggen(pagina, "mbo-intake", settings.DEMO_PASSWORD)
    pagina.get_by_role("heading", name="Te beoordelen").wait_for()
    assert pagina.get_by_role("link", name="Daan Smit").is_visible()
    screenshot(pagina, "intaker-te-beoordelen-toegewezen")
