"""Browser journey: a PDF made in the background (the youth's log, "Wie heeft jouw gegevens
bekeken?") — its page asks again with htmx instead of reloading itself with
``<meta http-equiv="refresh">`` (which axe flags), and shows the download as soon as the PDF is
ready, without a reload and under the Content-Security-Policy. Screenshots in test-artifacts/."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from dossier import services
from dossier.models import Leesoverzicht
from trajecten.models import Traject

from .test_browser import browser, inloggen, pagina, screenshot  # noqa: F401 - fixtures and helpers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_pdf_status_shows_the_download_when_ready_without_a_reload(pagina, settings):  # noqa: F811
    noah = Traject.objects.get(jongere__voornaam="Noah")
    coordinator = get_user_model().objects.get(username="coordinator")
    # Asked for, its job not run yet (as when the worker is busy).
    leesoverzicht = Leesoverzicht.objects.create(traject=noah, aangevraagd_door=coordinator)

    inloggen(pagina, "coordinator", settings.DEMO_PASSWORD)
    pagina.goto(pagina.basis + reverse("dossier:leesoverzicht", args=[noah.pk, leesoverzicht.pk]))
    status = pagina.get_by_role("status").filter(has_text="De PDF wordt gemaakt")
    status.wait_for()
    assert pagina.locator('meta[http-equiv="refresh"]').count() == 0
    assert pagina.get_by_role("link", name="Vernieuwen").is_visible()  # for a browser without JavaScript
    screenshot(pagina, "leesoverzicht-wacht")
    pagina.evaluate("() => { window.__nietHerladen = true; }")

    services.leesoverzicht_maken(leesoverzicht.pk)  # the background job finishes
    pagina.get_by_role("link", name="Downloaden (PDF)").wait_for(timeout=10000)
    assert pagina.evaluate("() => window.__nietHerladen === true")  # the same page: only the status changed
    assert pagina.get_by_role("link", name="Vernieuwen").count() == 0
    screenshot(pagina, "leesoverzicht-klaar")
    # Polling stopped: no more requests for the status.
    verzoeken = []
    pagina.on("request", lambda r: verzoeken.append(r.url) if f"/pdf/{leesoverzicht.pk}/" in r.url else None)
    pagina.wait_for_timeout(4500)
    assert verzoeken == []
