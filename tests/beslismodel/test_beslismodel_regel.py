"""The beslismodel's template against bijlage 2, and the suggestion rule, table-driven."""

import itertools
import re
from pathlib import Path

import pytest

from beslismodel.constants import Aanbod, ItemSoort, Sectie, Setting, Status
from beslismodel.models import Sjabloon, SjabloonItem
from beslismodel.suggestie import REGELVERSIE, Keuzeantwoord, status_suggereren
from trajecten.constants import Categorie

BRON = Path(__file__).resolve().parents[3] / "shared" / "domain" / "seeds" / "000_474f78a26b686e32.txt"


def _normaal(tekst: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", tekst.lower()).split())


@pytest.fixture(scope="module")
def bijlage2():
    if not BRON.exists():  # pragma: no cover - the shared folder is part of every checkout
        pytest.skip("bijlage 2 niet gevonden")
    tekst = BRON.read_text(encoding="utf-8")
    begin = tekst.index("Bijlage 2: Beslismodel")
    return _normaal(tekst[begin : tekst.index("Bijlage 3:", begin)])


# Where the template mends the source's text (a word split by the PDF).
HERSTELD = {"medeleerlingen/studenten": "medeleerling en/studenten"}
# Added to section 4 for the placement choices (see beslismodel/sjabloon.py).
TOEGEVOEGD = {"aanbod", "setting"}


@pytest.mark.django_db
def test_every_item_of_bijlage_2_is_in_the_template_in_its_words_and_order(bijlage2):
    sjabloon = Sjabloon.objects.get(regio=None, versie=1)
    items = list(SjabloonItem.objects.filter(sectie__sjabloon=sjabloon).select_related("sectie"))
    assert [i.sectie.code for i in items if i.sleutel not in TOEGEVOEGD] == [Sectie.ASPECTEN] * 5 + [
        Sectie.PROFIEL
    ] * 3 + [Sectie.RANDVOORWAARDEN] * 3 + [Sectie.KADERS] + [Sectie.PLAATSING] * 3
    positie = 0
    for item in items:
        if item.sleutel in TOEGEVOEGD:
            continue
        for tekst in [item.titel, item.uitleg, *item.punten, item.vraag]:
            for goed, bron in HERSTELD.items():
                tekst = tekst.replace(goed, bron)
            gevonden = bijlage2.find(_normaal(tekst), positie if tekst == item.titel else 0)
            assert gevonden >= 0, f"{item.sleutel}: {tekst!r} staat niet in bijlage 2"
            if tekst == item.titel:
                assert gevonden >= positie, f"{item.sleutel} staat niet in de volgorde van bijlage 2"
                positie = gevonden
    assert _normaal(sjabloon.adviesuitleg) in bijlage2 and _normaal(sjabloon.adviestitel) in bijlage2


@pytest.mark.django_db
def test_the_two_placement_choices_offer_every_option_and_nothing_else():
    keuze_items = SjabloonItem.objects.filter(sectie__sjabloon__regio=None, soort=ItemSoort.KEUZE)
    codes = {i.sleutel: {k.code for k in i.keuzes.all()} for i in keuze_items}
    assert codes == {"aanbod": set(Aanbod.values), "setting": set(Setting.values)}
    assert {i.categorie for i in keuze_items} == {""}


@pytest.mark.django_db
def test_safety_is_read_as_a_signal_and_section_3_as_begeleidingsbehoefte():
    categorie = dict(SjabloonItem.objects.filter(sectie__sjabloon__regio=None).values_list("sleutel", "categorie"))
    assert categorie["veiligheid"] == Categorie.VEILIGHEIDSSIGNALEN
    assert categorie["kaders-en-afspraken"] == Categorie.BEGELEIDINGSBEHOEFTE
    assert [s for s, c in categorie.items() if c == Categorie.VEILIGHEIDSSIGNALEN] == ["veiligheid"]


def _keuzes(aanbod, setting):
    return [Keuzeantwoord("aanbod", c, f"label {c}") for c in aanbod] + [
        Keuzeantwoord("setting", c, f"label {c}") for c in setting
    ]


VERWACHT_PER_SETTING = {
    Setting.REGULIERE_KLAS: Status.GROEN,
    Setting.KLEINSCHALIG: Status.ORANJE,
    Setting.DAGBESTEDING: Status.ROOD,
    Setting.PRAKTIJKLEREN: Status.ROOD,
    Setting.ZORG: Status.ROOD,
}


@pytest.mark.parametrize(("aanbod", "setting"), list(itertools.product(Aanbod.values, Setting.values)))
def test_suggestion_for_every_path(aanbod, setting):
    """Every combination of the two choices: an alternative route first → rood; a
    small-scale setting or a tailored route → oranje; otherwise groen. Entree and
    praktijkgericht stay groen in a regular class."""
    verwacht = VERWACHT_PER_SETTING[setting]
    if aanbod == Aanbod.AANGEPAST and verwacht == Status.GROEN:
        verwacht = Status.ORANJE
    suggestie = status_suggereren(_keuzes([aanbod], [setting]))
    assert suggestie.status == verwacht
    assert suggestie.versie == REGELVERSIE
    # The reasons are exactly the answers that point to the status (all of them for groen).
    redenen = {k.code for k in suggestie.redenen}
    if verwacht == Status.ROOD:
        assert redenen == {setting}
    elif verwacht == Status.ORANJE:
        assert redenen == {aanbod, setting} & {Aanbod.AANGEPAST, Setting.KLEINSCHALIG}
    else:
        assert redenen == {aanbod, setting}


@pytest.mark.parametrize("aanbod", [Aanbod.ENTREE, Aanbod.PRAKTIJKGERICHT, Aanbod.REGULIER])
def test_entree_and_praktijkgericht_are_ordinary_choices(aanbod):
    assert status_suggereren(_keuzes([aanbod], [Setting.REGULIERE_KLAS])).status == Status.GROEN


@pytest.mark.parametrize(
    ("aanbod", "setting"),
    [([], []), ([Aanbod.REGULIER], []), ([], [Setting.KLEINSCHALIG]), ([], [Setting.ZORG])],
)
def test_no_suggestion_until_both_choices_are_made(aanbod, setting):
    suggestie = status_suggereren(_keuzes(aanbod, setting))
    assert suggestie.status is None and suggestie.redenen == () and not suggestie.is_volledig


def test_unknown_codes_do_not_count_as_a_choice():
    assert status_suggereren([Keuzeantwoord("x", "iets", "iets"), *_keuzes([], [Setting.ZORG])]).status is None
