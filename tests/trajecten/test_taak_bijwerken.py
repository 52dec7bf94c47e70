"""Updating a task on the traject's page (issue 17, item 6): after an update the focus comes
back to the row (``autofocus``, which htmx honours in what it swaps in, and the browser on a
page), described by the row's message; after a refusal the person's own choice stays in the
row — the status no longer springs back to "open" — with htmx and without it, and nothing is
saved. The browser side is tests/browser/test_taak_focus.py."""

from html.parser import HTMLParser

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from trajecten.constants import TaakStatus, Voorwaarde
from trajecten.models import Taak

pytestmark = pytest.mark.django_db


class Formulieren(HTMLParser):
    """The controls of a page: per name the selected option or the value, and which control
    has ``autofocus`` (with its ``aria-*`` attributes)."""

    def __init__(self, html):
        super().__init__()
        self.waarden: dict[str, str] = {}
        self.autofocus: list[dict] = []
        self._select = self._textarea = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "autofocus" in attrs:
            self.autofocus.append({"tag": tag, **attrs})
        if tag == "select":
            self._select = attrs.get("name")
        elif tag == "option" and self._select and "selected" in attrs:
            self.waarden[self._select] = attrs.get("value", "")
        elif tag == "input" and attrs.get("name"):
            self.waarden[attrs["name"]] = attrs.get("value", "")
        elif tag == "textarea":
            self._textarea = attrs.get("name")
            self.waarden[self._textarea] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.waarden[self._textarea] += data


def _velden(taak, **waarden):
    return {f"taak-{taak.pk}-{veld}": waarde for veld, waarde in waarden.items()}


def _post(client, taak, htmx, **waarden):
    extra = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(
        reverse("trajecten:taak_bijwerken", args=[taak.traject_id, taak.pk]), _velden(taak, **waarden), **extra
    )


def _open_taak(demo):
    noah = demo.trajecten["Noah"]
    return noah.taken.filter(stap=3, justitieel=False, status=TaakStatus.OPEN, alleen_registratie=False).first()


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "zonder-htmx"])
def test_a_refused_niet_van_toepassing_keeps_the_choice_and_the_note(client, demo, htmx):
    taak = _open_taak(demo)
    client.force_login(demo.jji_school)
    antwoord = _post(client, taak, htmx, status="nvt", reden="  ", notitie="Gebeld met de mentor")
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Geef aan waarom de taak niet van toepassing is." in html
    pagina = Formulieren(html)
    assert pagina.waarden[f"taak-{taak.pk}-status"] == "nvt"  # not back to "open"
    assert pagina.waarden[f"taak-{taak.pk}-notitie"] == "Gebeld met de mentor"
    # The focus goes to the field the refusal is about, which the message describes.
    [focus] = pagina.autofocus
    assert focus["name"] == f"taak-{taak.pk}-reden" and focus["aria-invalid"] == "true"
    assert focus["aria-describedby"] == f"taak-{taak.pk}-melding"
    assert f'id="taak-{taak.pk}-melding">Geef aan waarom' in html
    # Nothing was saved.
    taak.refresh_from_db()
    assert (taak.status, taak.notitie) == (TaakStatus.OPEN, "")
    # Without htmx the whole traject page comes back, the message once: at the row.
    if not htmx:
        assert "<h1" in html and taak.traject.jongere.naam in html
        assert html.count("Geef aan waarom de taak niet van toepassing is.") == 1
        assert list(get_messages(antwoord.wsgi_request)) == []
    else:
        assert "<h1" not in html and 'id="routekaart"' in html


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "zonder-htmx"])
def test_a_refused_gedaan_keeps_gedaan_selected(client, demo, htmx):
    yara = demo.trajecten["Yara"]  # the school van herkomst awaits its grondslag: it may not be told yet
    taak = yara.taken.filter(voorwaarde=Voorwaarde.KENNISGEVING_HERKOMST, status=TaakStatus.OPEN).first()
    client.force_login(demo.coordinator)
    antwoord = _post(client, taak, htmx, status="gedaan", reden="", notitie="")
    html = antwoord.content.decode()
    assert antwoord.status_code == 200 and "Leg eerst een grondslag vast voor deze school" in html
    pagina = Formulieren(html)
    assert pagina.waarden[f"taak-{taak.pk}-status"] == "gedaan"
    [focus] = pagina.autofocus
    assert focus["name"] == f"taak-{taak.pk}-status" and focus["aria-invalid"] == "true"
    assert Taak.objects.get(pk=taak.pk).status == TaakStatus.OPEN
    # The other rows show their tasks as saved.
    andere = yara.taken.filter(status=TaakStatus.OPEN, justitieel=False).exclude(pk=taak.pk).first()
    if f"taak-{andere.pk}-status" in pagina.waarden:
        assert pagina.waarden[f"taak-{andere.pk}-status"] == "open"


def test_after_an_update_with_htmx_the_focus_returns_to_the_row(client, demo):
    taak = _open_taak(demo)
    client.force_login(demo.jji_school)
    antwoord = _post(client, taak, True, status="bezig", reden="", notitie="Afspraak gemaakt")
    html = antwoord.content.decode()
    pagina = Formulieren(html)
    [focus] = pagina.autofocus  # one control in the whole routekaart
    assert focus["name"] == f"taak-{taak.pk}-status" and "aria-invalid" not in focus
    assert focus["aria-describedby"] == f"taak-{taak.pk}-melding"
    assert f'id="taak-{taak.pk}-melding">Opgeslagen.' in html
    assert pagina.waarden[f"taak-{taak.pk}-status"] == "bezig"
    assert pagina.waarden[f"taak-{taak.pk}-notitie"] == "Afspraak gemaakt"
    taak.refresh_from_db()
    assert (taak.status, taak.notitie) == (TaakStatus.BEZIG, "Afspraak gemaakt")


def test_a_saved_update_without_htmx_goes_back_to_the_row(client, demo):
    taak = _open_taak(demo)
    client.force_login(demo.jji_school)
    antwoord = _post(client, taak, False, status="gedaan", reden="", notitie="")
    assert antwoord.status_code == 302
    detail = reverse("trajecten:detail", args=[taak.traject_id])
    assert antwoord["Location"] == f"{detail}?stap={taak.stap}#taak-{taak.pk}"  # its step open
    assert f'id="taak-{taak.pk}"' in client.get(antwoord["Location"]).content.decode()
    assert [str(m) for m in get_messages(antwoord.wsgi_request)] == ["De taak is bijgewerkt."]
    # The page itself puts the focus nowhere: only an update does.
    assert Formulieren(client.get(antwoord["Location"]).content.decode()).autofocus == []
    assert Taak.objects.get(pk=taak.pk).status == TaakStatus.GEDAAN


def test_a_refused_person_keeps_the_rest_of_the_choice(client, demo):
    """The verbindingsofficier picks someone who does not work on the task: refused at the
    "Wie" field, the status chosen stays."""
    noah = demo.trajecten["Noah"]
    taak = noah.taken.filter(organisatie__naam="ROC Lindewaard", justitieel=False).first()
    client.force_login(demo.verbindingsofficier)
    antwoord = _post(
        client, taak, True, status="bezig", reden="", notitie="", medewerker=demo.coordinator.medewerker.pk
    )
    pagina = Formulieren(antwoord.content.decode())
    assert "Kies iemand van de organisatie die deze taak uitvoert." in antwoord.content.decode()
    assert pagina.waarden[f"taak-{taak.pk}-status"] == "bezig"
    [focus] = pagina.autofocus
    assert focus["name"] == f"taak-{taak.pk}-medewerker"
    assert Taak.objects.get(pk=taak.pk).status == taak.status
