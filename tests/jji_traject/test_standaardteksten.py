"""The shipped data texts in English: the routekaart of bijlage 4 (step titles, the youth's
words, activities, responsibility lines and their tasks) and the beslismodel template of
bijlage 2 are translated in the English interface; a regio's own wording shows as typed; the
stored value (and so the API) stays Dutch; and no shipped text can be left untranslated.
"""

from __future__ import annotations

import ast
import html
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from beslismodel import services as beslismodel_services
from beslismodel import sjabloonbeheer
from beslismodel.constants import Setting, Stand
from beslismodel.models import Beslismodel, Sjabloon, SjabloonItem, SjabloonKeuze, SjabloonSectie
from jji_traject.standaardtekst import standaardtekst
from trajecten import selectors
from trajecten import services as trajecten_services
from trajecten.constants import Stap
from trajecten.models import Routekaart, RoutekaartActiviteit, RoutekaartStap, Taak, Verantwoordelijkheid

from ..api.klant import klant
from ..beslismodellen import ingediend

pytestmark = pytest.mark.django_db

BASIS = Path(settings.BASE_DIR)
DATAMODULES = (BASIS / "trajecten" / "routekaart_sjabloon.py", BASIS / "beslismodel" / "sjabloon.py")


def _engels(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _pagina(client, url) -> str:
    antwoord = client.get(url)
    assert antwoord.status_code == 200
    tekst = antwoord.content.decode()
    return html.unescape(tekst[tekst.index("<main") : tekst.index("</main>")])


def _geleverde_teksten() -> set[str]:
    """Every text of the national routekaart and beslismodel template as the migrations
    loaded them: what a regio's copy starts with and what the pages show."""
    routekaart = Routekaart.objects.filter(regio=None)
    teksten = set(routekaart.values_list("naam", flat=True))
    teksten |= set(RoutekaartStap.objects.filter(routekaart__in=routekaart).values_list("stem_jongere", flat=True))
    for model in (RoutekaartActiviteit, Verantwoordelijkheid):
        for tekst, taak in model.objects.filter(stap__routekaart__in=routekaart).values_list("tekst", "taak"):
            teksten |= {tekst, taak}
    sjabloon = Sjabloon.objects.filter(regio=None)
    for naam, titel, uitleg in sjabloon.values_list("naam", "adviestitel", "adviesuitleg"):
        teksten |= {naam, titel, uitleg}
    for titel, uitleg in SjabloonSectie.objects.filter(sjabloon__in=sjabloon).values_list("titel", "uitleg"):
        teksten |= {titel, uitleg}
    for item in SjabloonItem.objects.filter(sectie__sjabloon__in=sjabloon):
        teksten |= {item.titel, item.uitleg, item.vraag, *item.punten}
    teksten |= set(SjabloonKeuze.objects.filter(item__sectie__sjabloon__in=sjabloon).values_list("label", flat=True))
    return {t for t in teksten if t.strip()}


def _gemarkeerd() -> set[str]:
    """The texts inside ``gettext_noop(...)`` in the two data modules (what makemessages finds)."""
    teksten = set()
    for pad in DATAMODULES:
        for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
            if isinstance(knoop, ast.Call) and getattr(knoop.func, "id", None) == "gettext_noop":
                (argument,) = knoop.args
                assert isinstance(argument, ast.Constant), f"{pad.name}: only a plain string can be extracted"
                teksten.add(argument.value)
    return teksten


def test_every_shipped_text_is_marked_for_the_catalogue():
    geleverd = _geleverde_teksten()
    assert len(geleverd) > 200  # both templates are there
    niet_gemarkeerd = geleverd - _gemarkeerd()
    assert not niet_gemarkeerd, f"not marked with gettext_noop: {sorted(niet_gemarkeerd)}"


def test_every_shipped_text_and_step_title_has_an_english_translation():
    teksten = _geleverde_teksten() | {str(label) for _, label in Stap.choices}
    with translation.override("nl"):
        teksten |= {str(label) for _, label in Stap.choices}
    ontbreekt = []
    with translation.override("en"):
        for tekst in sorted(teksten):
            vertaald = translation.gettext(tekst)
            if vertaald == tekst or not vertaald.strip():
                ontbreekt.append(tekst)
    assert not ontbreekt, f"no English msgstr in locale/en (or not compiled): {ontbreekt}"


def test_the_helper_translates_only_shipped_texts_and_only_in_english():
    geleverd = "Evaluatie en bijstelling"
    with translation.override("en"):
        assert standaardtekst(geleverd) == "Evaluation and adjustment"
        assert standaardtekst("Evaluatie en bijstelling, regionaal") == "Evaluatie en bijstelling, regionaal"
        # A template item's aandachtspunten: the shipped lines translated, a regio's line as typed.
        punten = "Regelmatige evaluatie van leerprestaties, gedrag en welzijn\nOnze eigen regel"
        assert standaardtekst(punten) == "Regular evaluation of academic performance, behaviour and well-being\n" + (
            "Onze eigen regel"
        )
        assert standaardtekst("") == "" and standaardtekst(None) == ""
    with translation.override("nl"):
        assert standaardtekst(geleverd) == geleverd


def test_the_routekaart_page_in_english_and_a_regio_text_as_typed(client, demo):
    kaart = Routekaart.objects.get(regio=demo.beheerder.medewerker.organisatie.regio)
    eigen = RoutekaartActiviteit.objects.get(stap__routekaart=kaart, tekst="Kennismaking met mentor/begeleider.")
    eigen.tekst = "Kennismaking met de vaste mentor van de leefgroep."
    eigen.save(update_fields=["tekst"])
    client.force_login(demo.beheerder)
    nederlands = _pagina(client, reverse("trajecten:routekaart"))
    assert "De jongere wordt aangehouden en tijdelijk vastgehouden voor onderzoek." in nederlands
    pagina = _pagina(_engels(client), reverse("trajecten:routekaart"))
    for engels in (
        "Step 1: Arrest and police custody",
        "Picked up by the police. A few days locked up at the police station.",
        "The young person is arrested and held temporarily for investigation.",
        "…………… informs the Child Protection Board (RvdK)",
        "School of origin …………… informed of the arrest by …………… (with the young person's consent).",
        "Step 10: Out for longer",
    ):
        assert engels in pagina, engels
    for nederlands_tekst in ("De jongere wordt aangehouden", "informeert RvdK", "Opgepakt door de politie"):
        assert nederlands_tekst not in pagina
    # The regio's own wording has no translation: as typed, beside the translated others.
    assert "Kennismaking met de vaste mentor van de leefgroep." in pagina
    assert "Gathering information on the life domains." in pagina
    # Stored in Dutch, whatever the reader's language.
    assert RoutekaartActiviteit.objects.filter(
        stap__routekaart=kaart, tekst="Informatie verzamelen leefgebieden."
    ).exists()


def test_the_traject_page_and_mijn_taken_in_english(client, demo):
    noah = demo.trajecten["Noah"]
    eigen = trajecten_services.taak_toevoegen(
        actor=demo.jji_school,
        traject=noah,
        stap=4,
        tekst="Rooster voor de eerste week maken",
        organisatie=None,
        deadline=None,
    )
    client.force_login(demo.jji_school)
    pagina = _pagina(_engels(client), reverse("trajecten:detail", args=[noah.pk]) + "?stap=4")
    assert "Step 4: First three weeks" in pagina
    assert "Having lots of conversations with me to draw up a perspective plan." in pagina
    assert eigen.tekst in pagina  # typed by a person: as typed
    # A step's tasks loaded when it is opened: in English too.
    intake = Taak.objects.get(traject=noah, tekst="Onderwijsintake")
    stap = client.get(reverse("trajecten:stap_taken", args=[noah.pk, intake.stap]), headers={"HX-Request": "true"})
    tekst = html.unescape(stap.content.decode())
    assert "Education intake" in tekst and "Onderwijsintake" not in tekst

    # Mijn taken: each shipped task text in English, the step title too.
    client.force_login(demo.verbindingsofficier)
    taken = list(selectors.mijn_taken(demo.verbindingsofficier))
    pagina = _pagina(_engels(client), reverse("trajecten:mijn_taken"))
    with translation.override("en"):
        geleverd = [t for t in taken if translation.gettext(t.tekst) != t.tekst]
        assert geleverd
        for taak in geleverd:
            assert translation.gettext(taak.tekst) in pagina
            assert f"{taak.stap}. {Stap(taak.stap).label}" in pagina
    assert not any(taak.tekst in pagina for taak in geleverd)


def test_the_api_keeps_the_stored_dutch_text(client, demo):
    noah = demo.trajecten["Noah"]
    api = klant(demo.jji_school)
    api.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    teksten = {t["tekst"] for t in api.get(reverse("api:taken", args=[noah.pk])).json()}
    assert "Onderwijsintake" in teksten and "Education intake" not in teksten
    assert Taak.objects.filter(traject=noah, tekst="Onderwijsintake").exists()


def test_the_beslismodel_form_in_english(client, demo):
    concept = Beslismodel.objects.get(traject=demo.trajecten["Daan"], stand=Stand.CONCEPT)
    client.force_login(demo.jji_school)
    pagina = _pagina(_engels(client), reverse("beslismodel:invullen", args=[concept.traject_id, concept.versie]))
    for engels in (
        "Advice on measures and support for a suitable place in education",
        "2. Preconditions for functioning safely and successfully in mbo",
        "Dealing with boundaries, tension and conflict situations",
        "Need for predictability and clear agreements",
        "Explanation: what helps this young person in mbo",
        "Suitable mbo provision",
        "adapted learning route",
        "Where can the young person learn now?",
        "not in mbo yet: first additional care",
    ):
        assert engels in pagina, engels
    for nederlands in ("Omgaan met grenzen", "Passend mbo-aanbod", "Waar kan de jongere nu leren?", "aanvullende zorg"):
        assert nederlands not in pagina, nederlands


def test_a_submitted_beslismodel_in_english(client, demo):
    versie = ingediend(demo, setting=Setting.KLEINSCHALIG)
    client.force_login(demo.mbo_intake)
    pagina = _pagina(_engels(client), reverse("beslismodel:versie", args=[versie.traject_id, versie.versie]))
    assert "Level of education and learning delays" in pagina
    # The choice and the reason for the suggestion.
    assert "extra support in a small-scale setting" in pagina
    assert "Where can the young person learn now? → <strong>extra support in a small-scale setting</strong>" in pagina
    assert "kleinschalige setting" not in pagina.replace("in a small-scale setting", "")
    assert "Opleidingsniveau" not in pagina


def test_a_regios_own_wording_in_the_template_shows_as_typed(client, demo):
    regio = demo.beheerder.medewerker.organisatie.regio
    nieuw = sjabloonbeheer.sjabloon_kopieren(actor=demo.beheerder, regio=regio)
    grenzen = SjabloonItem.objects.get(sectie__sjabloon=nieuw, sleutel="grenzen")
    sjabloonbeheer.item_wijzigen(
        actor=demo.beheerder,
        item=grenzen,
        gegevens={
            "titel": "Omgaan met spanning in de klas",
            "aandachtspunten": grenzen.aandachtspunten + "\nEen rustige plek om af te koelen",
        },
    )
    setting = SjabloonItem.objects.get(sectie__sjabloon=nieuw, sleutel="setting")
    sjabloonbeheer.item_wijzigen(
        actor=demo.beheerder,
        item=setting,
        gegevens={"titel": setting.titel},
        keuzelabels={Setting.KLEINSCHALIG: "kleine groep met vaste docent"},
    )
    client.force_login(demo.beheerder)
    pagina = _pagina(_engels(client), reverse("beslismodel:sjabloon"))
    assert "Omgaan met spanning in de klas" in pagina and "Een rustige plek om af te koelen" in pagina
    assert "Need for predictability and clear agreements" in pagina  # the shipped points stay translated
    assert "kleine groep met vaste docent" in pagina and "not in mbo yet: first additional care" in pagina
    assert "Where can the young person learn now?" in pagina
    sjabloonbeheer.sjabloon_publiceren(actor=demo.beheerder, sjabloon=nieuw)

    # A form begun with the regio's version: its words as typed, the rest in English.
    sara = demo.trajecten["Sara"]
    concept = beslismodel_services.beslismodel_beginnen(actor=demo.jji_school, traject=sara)
    assert concept.sjabloon == nieuw
    client.force_login(demo.jji_school)
    pagina = _pagina(client, reverse("beslismodel:invullen", args=[sara.pk, concept.versie]))
    assert "Omgaan met spanning in de klas" in pagina and "kleine groep met vaste docent" in pagina
    assert "Suitable mbo provision" in pagina and "Dealing with boundaries" not in pagina
