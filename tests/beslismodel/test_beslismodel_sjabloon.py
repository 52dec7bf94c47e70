"""A regio adapts the beslismodel's wording without code: a new version, edited and published;
filled forms keep their version; rules (keys, options, parts of the dossier) stay."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from beslismodel import selectors, services, sjabloonbeheer
from beslismodel.constants import Setting
from beslismodel.models import Sjabloon, SjabloonItem

from ..beslismodellen import antwoorden, ingediend

pytestmark = pytest.mark.django_db


def _regio(demo):
    return demo.beheerder.medewerker.organisatie.regio


def _item(sjabloon, sleutel):
    return SjabloonItem.objects.get(sectie__sjabloon=sjabloon, sleutel=sleutel)


def test_a_regio_adapts_the_wording_and_new_forms_use_it_old_forms_keep_theirs(demo):
    regio = _regio(demo)
    oud = ingediend(demo)  # Noah's, filled in with the national version
    landelijk = oud.sjabloon
    nieuw = sjabloonbeheer.sjabloon_kopieren(actor=demo.beheerder, regio=regio)
    assert (nieuw.regio, nieuw.versie, nieuw.bron, nieuw.is_gepubliceerd) == (regio, 1, landelijk, False)
    assert (
        SjabloonItem.objects.filter(sectie__sjabloon=nieuw).count()
        == SjabloonItem.objects.filter(sectie__sjabloon=landelijk).count()
    )
    # Until it is published, new forms use the version in use.
    assert selectors.sjabloon_voor(demo.trajecten["Sem"]) == landelijk
    item = _item(nieuw, "grenzen")
    sjabloonbeheer.item_wijzigen(
        actor=demo.beheerder,
        item=item,
        gegevens={"titel": "Omgaan met spanning (regionale tekst)", "vraag": "Wat helpt?"},
    )
    keuze_item = _item(nieuw, "setting")
    sjabloonbeheer.item_wijzigen(
        actor=demo.beheerder,
        item=keuze_item,
        gegevens={"titel": keuze_item.titel},
        keuzelabels={Setting.KLEINSCHALIG: "kleine groep met vaste docent"},
    )
    sjabloonbeheer.sjabloon_publiceren(actor=demo.beheerder, sjabloon=nieuw)
    assert selectors.sjabloon_voor(demo.trajecten["Sem"]) == nieuw
    # A new version of a filled form keeps its template; a new form (Sara) uses the new words,
    # and the rules stay: the suggestion reads the option's code.
    tweede = services.beslismodel_beginnen(actor=demo.jji_school, traject=demo.trajecten["Liam"])
    assert tweede.sjabloon == landelijk
    concept = services.beslismodel_beginnen(actor=demo.jji_school, traject=demo.trajecten["Sara"])
    assert concept.sjabloon == nieuw
    services.antwoorden_opslaan(
        actor=demo.jji_school, beslismodel=concept, gegevens=antwoorden(setting=Setting.KLEINSCHALIG)
    )
    suggestie = selectors.suggestie_van(concept)
    assert suggestie.status == "oranje"
    assert [r.label for r in suggestie.redenen] == ["kleine groep met vaste docent"]
    assert _item(nieuw, "grenzen").categorie == _item(landelijk, "grenzen").categorie
    # The old form keeps its words.
    oud.refresh_from_db()
    assert oud.sjabloon == landelijk and _item(landelijk, "grenzen").titel.startswith("Omgaan met grenzen")


def test_a_published_version_never_changes(demo):
    nieuw = sjabloonbeheer.sjabloon_kopieren(actor=demo.beheerder, regio=_regio(demo))
    sjabloonbeheer.sjabloon_publiceren(actor=demo.beheerder, sjabloon=nieuw)
    with pytest.raises(ValidationError, match="verandert niet meer"):
        sjabloonbeheer.item_wijzigen(actor=demo.beheerder, item=_item(nieuw, "grenzen"), gegevens={"titel": "x"})
    landelijk = Sjabloon.objects.get(regio=None, versie=1)
    with pytest.raises(PermissionDenied):  # the national template is nobody's to edit
        sjabloonbeheer.item_wijzigen(actor=demo.beheerder, item=_item(landelijk, "grenzen"), gegevens={"titel": "x"})


def test_one_version_in_the_making_and_only_by_the_regios_beheerder(demo):
    regio = _regio(demo)
    for gebruiker in ("jji_school", "coordinator", "verbindingsofficier"):
        with pytest.raises(PermissionDenied):
            sjabloonbeheer.sjabloon_kopieren(actor=getattr(demo, gebruiker), regio=regio)
    sjabloonbeheer.sjabloon_kopieren(actor=demo.beheerder, regio=regio)
    with pytest.raises(ValidationError, match="al een nieuwe versie"):
        sjabloonbeheer.sjabloon_kopieren(actor=demo.beheerder, regio=regio)


def test_empty_words_are_refused_and_nothing_is_saved(demo):
    nieuw = sjabloonbeheer.sjabloon_kopieren(actor=demo.beheerder, regio=_regio(demo))
    item = _item(nieuw, "setting")
    with pytest.raises(ValidationError) as fout:
        sjabloonbeheer.item_wijzigen(
            actor=demo.beheerder, item=item, gegevens={"titel": "Nieuw"}, keuzelabels={Setting.ZORG: " "}
        )
    assert set(fout.value.message_dict) == {f"keuze_{Setting.ZORG}"}
    assert _item(nieuw, "setting").titel == "Waar kan de jongere nu leren?"
    with pytest.raises(ValidationError) as fout:
        sjabloonbeheer.sjabloon_tekst_wijzigen(actor=demo.beheerder, sjabloon=nieuw, gegevens={"naam": " "})
    assert "naam" in fout.value.message_dict


def test_the_beheer_pages(client, demo):
    client.force_login(demo.beheerder)
    url = reverse("beslismodel:sjabloon")
    assert "Nieuwe versie maken" in client.get(url).content.decode()
    client.post(reverse("beslismodel:sjabloon_kopieren"))
    nieuw = Sjabloon.objects.get(regio=_regio(demo))
    item = _item(nieuw, "setting")
    pagina = client.get(reverse("beslismodel:sjabloon_item", args=[item.pk])).content.decode()
    assert "eerst een alternatieve route: aanvullende zorg" in pagina  # what the option means
    leeg = client.post(reverse("beslismodel:sjabloon_item", args=[item.pk]), {"titel": ""})
    assert leeg.status_code == 200 and "Controleer het formulier" in leeg.content.decode()
    gegevens = {"titel": "Waar leert de jongere?", **{f"keuze_{k.code}": k.label for k in item.keuzes.all()}}
    assert client.post(reverse("beslismodel:sjabloon_item", args=[item.pk]), gegevens)["Location"] == url
    sectie = item.sectie
    client.post(reverse("beslismodel:sjabloon_sectie", args=[sectie.pk]), {"titel": "4. Plaatsing", "uitleg": ""})
    client.post(
        reverse("beslismodel:sjabloon_tekst"),
        {"naam": "Beslismodel Lindewaard", "adviestitel": "Advies", "adviesuitleg": ""},
    )
    client.post(reverse("beslismodel:sjabloon_publiceren"))
    nieuw.refresh_from_db()
    assert nieuw.is_gepubliceerd and nieuw.naam == "Beslismodel Lindewaard"
    assert (
        _item(nieuw, "setting").titel == "Waar leert de jongere?"
        and _item(nieuw, "setting").sectie.titel == "4. Plaatsing"
    )
    # Published: its edit pages are gone (a new version is needed).
    assert client.get(reverse("beslismodel:sjabloon_item", args=[item.pk])).status_code == 404
    # The national template's items cannot be reached through the pages either.
    landelijk_item = _item(Sjabloon.objects.get(regio=None), "setting")
    assert client.get(reverse("beslismodel:sjabloon_item", args=[landelijk_item.pk])).status_code == 404


@pytest.mark.parametrize("gebruiker", ["jji_school", "mbo_intake", "verbindingsofficier", "itb"])
def test_the_beheer_pages_are_for_the_beheerder_only(client, demo, gebruiker):
    client.force_login(getattr(demo, gebruiker))
    assert client.get(reverse("beslismodel:sjabloon")).status_code == 404
    assert client.post(reverse("beslismodel:sjabloon_kopieren")).status_code == 404
    assert not Sjabloon.objects.exclude(regio=None).exists()
