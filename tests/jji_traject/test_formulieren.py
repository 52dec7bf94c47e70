"""Every form of the project (issue 17, item 4), found by walking the form classes so a new
one cannot skip it: built on the shared base (``jji_traject.forms.FormulierMixin``), no
"---------" choice, a maximum length on every text field (its ``maxlength`` attribute too),
and one message per error when it is posted empty."""

from __future__ import annotations

import functools
import importlib
import pkgutil

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MaxLengthValidator

from jji_traject.forms import LEEG, FormulierMixin
from jji_traject.vrije_tekst import MAX_TEKST
from netwerk.constants import Rol

pytestmark = pytest.mark.django_db

PROJECT = (
    "jji_traject",
    "netwerk",
    "trajecten",
    "toegang",
    "signalering",
    "dossier",
    "beslismodel",
    "overdracht",
    "monitor",
    "bewaren",
)

# Form classes that are not the project's pages: the stock Django admin renders its own.
NIET_GETEST = {
    "netwerk.admin.OrganisatieForm": "the admin's own form (stock Django admin)",
    "netwerk.admin.MedewerkerForm": "the admin's own form (stock Django admin)",
}


@functools.cache
def formulierklassen() -> dict[str, type]:
    """Every form class defined in the project's modules (their forms, views and admin)."""
    for app in PROJECT:
        pakket = importlib.import_module(app)
        for module in pkgutil.walk_packages(pakket.__path__, f"{app}."):
            if ".migrations" in module.name or ".management" in module.name:
                continue
            importlib.import_module(module.name)
    gevonden, te_doen = {}, [forms.BaseForm]
    while te_doen:
        klasse = te_doen.pop()
        te_doen.extend(klasse.__subclasses__())
        naam = f"{klasse.__module__}.{klasse.__qualname__}"
        if klasse.__module__.split(".")[0] in PROJECT and klasse not in (FormulierMixin,):
            gevonden[naam] = klasse
    for basis in ("jji_traject.forms.Formulier", "jji_traject.forms.ModelFormulier"):
        gevonden.pop(basis, None)
    return gevonden


def maken(demo, noah):
    """Per form class: how a page builds it (the same arguments), with ``data`` to bind."""
    from beslismodel.models import Sjabloon, SjabloonItem
    from beslismodel.selectors import items_van
    from netwerk.models import Medewerker, Organisatie
    from trajecten.models import Taak, Verantwoordelijkheid

    school = demo.jji_school
    mbo = demo.mbo_intake.medewerker.organisatie
    sjabloon = Sjabloon.objects.order_by("-pk").first()
    keuze_item = SjabloonItem.objects.filter(soort="keuze").first()
    tekst_item = SjabloonItem.objects.exclude(soort="keuze").first()
    mensen = Medewerker.objects.filter(organisatie=mbo)
    taak = Taak.objects.filter(traject=noah, organisatie__isnull=False).first()
    return {
        "jji_traject.forms.InlogForm": lambda d: klasse("jji_traject.forms.InlogForm")(None, data=d),
        "jji_traject.forms.WachtwoordWijzigenForm": lambda d: klasse("jji_traject.forms.WachtwoordWijzigenForm")(
            school, d
        ),
        "jji_traject.forms.WachtwoordVergetenForm": lambda d: klasse("jji_traject.forms.WachtwoordVergetenForm")(d),
        "trajecten.forms.JongereForm": lambda d: klasse("trajecten.forms.JongereForm")(d),
        "trajecten.forms.TrajectStartForm": lambda d: klasse("trajecten.forms.TrajectStartForm")(d, user=demo.itb),
        "trajecten.forms.TrajectWijzigForm": lambda d: klasse("trajecten.forms.TrajectWijzigForm")(
            d, user=demo.itb, instance=noah
        ),
        "trajecten.forms.FaseForm": lambda d: klasse("trajecten.forms.FaseForm")(d, traject=noah, open_taken=2),
        "trajecten.forms.AfsluitenForm": lambda d: klasse("trajecten.forms.AfsluitenForm")(d),
        "trajecten.forms.BetrokkenheidForm": lambda d: klasse("trajecten.forms.BetrokkenheidForm")(
            d, user=school, traject=noah
        ),
        "trajecten.forms.KennisgevingForm": lambda d: klasse("trajecten.forms.KennisgevingForm")(
            d, traject=noah, ontvanger=mbo, actor=school
        ),
        "trajecten.forms.ToewijzingForm": lambda d: klasse("trajecten.forms.ToewijzingForm")(
            d, user=school, traject=noah
        ),
        "trajecten.forms.TaakStatusForm": lambda d: klasse("trajecten.forms.TaakStatusForm")(d, taak=taak, user=school),
        "trajecten.forms.TaakForm": lambda d: klasse("trajecten.forms.TaakForm")(d, user=school, traject=noah),
        "trajecten.forms.VerantwoordelijkheidForm": lambda d: klasse("trajecten.forms.VerantwoordelijkheidForm")(
            d, regel=Verantwoordelijkheid.objects.exclude(termijn_gebeurtenis="").first()
        ),
        "trajecten.forms.ContactmomentenForm": lambda d: klasse("trajecten.forms.ContactmomentenForm")(d),
        "trajecten.forms.OverlegForm": lambda d: klasse("trajecten.forms.OverlegForm")(d, user=school, traject=noah),
        "trajecten.forms.VertrekForm": lambda d: klasse("trajecten.forms.VertrekForm")(d, items={}),
        "trajecten.forms.NetwerkContactForm": lambda d: klasse("trajecten.forms.NetwerkContactForm")(
            d, user=school, traject=noah
        ),
        "trajecten.forms.ToekomstperspectiefForm": lambda d: klasse("trajecten.forms.ToekomstperspectiefForm")(
            d, huidig={}
        ),
        "overdracht.forms.OntvangerForm": lambda d: klasse("overdracht.forms.OntvangerForm")(
            d, kandidaten=list(mensen.select_related("organisatie", "user"))
        ),
        "beslismodel.forms.AntwoordenForm": lambda d: klasse("beslismodel.forms.AntwoordenForm")(
            d, items=items_van(sjabloon), antwoorden={}
        ),
        "beslismodel.forms.IndienenForm": lambda d: klasse("beslismodel.forms.IndienenForm")(
            d, ontvangers=Organisatie.objects.filter(pk=mbo.pk)
        ),
        "beslismodel.forms.BesluitForm": lambda d: klasse("beslismodel.forms.BesluitForm")(d, mensen=mensen),
        "beslismodel.forms.MaatregelForm": lambda d: klasse("beslismodel.forms.MaatregelForm")(d, mensen=mensen),
        "beslismodel.forms.TerugleggenForm": lambda d: klasse("beslismodel.forms.TerugleggenForm")(d),
        "beslismodel.forms.SjabloonTekstForm": lambda d: klasse("beslismodel.forms.SjabloonTekstForm")(d),
        "beslismodel.forms.SectieForm": lambda d: klasse("beslismodel.forms.SectieForm")(d),
        "beslismodel.forms.ItemForm": lambda d: klasse("beslismodel.forms.ItemForm")(d, item=keuze_item),
        "dossier.forms.OnderwijsinformatieForm": lambda d: klasse("dossier.forms.OnderwijsinformatieForm")(
            d, traject=noah
        ),
        "dossier.forms.BegeleidingsbehoefteForm": lambda d: klasse("dossier.forms.BegeleidingsbehoefteForm")(d),
        "dossier.forms.ResultaatForm": lambda d: klasse("dossier.forms.ResultaatForm")(d),
        "dossier.forms.HerkomstForm": lambda d: klasse("dossier.forms.HerkomstForm")(d),
        "dossier.forms.VeiligheidssignaalForm": lambda d: klasse("dossier.forms.VeiligheidssignaalForm")(d),
        "dossier.forms.CategorieToestemmingForm": lambda d: klasse("dossier.forms.CategorieToestemmingForm")(
            d, traject=noah, ontvangers=Organisatie.objects.filter(pk=mbo.pk), actor=school
        ),
        "dossier.forms.InschrijvingForm": lambda d: klasse("dossier.forms.InschrijvingForm")(d),
        "dossier.forms.SchoolcheckpointForm": lambda d: klasse("dossier.forms.SchoolcheckpointForm")(d),
        "dossier.forms.NazorgafsluitingForm": lambda d: klasse("dossier.forms.NazorgafsluitingForm")(d),
        "dossier.forms.LogonderzoekForm": lambda d: klasse("dossier.forms.LogonderzoekForm")(
            d, user=get_user_model().objects.filter(medewerker__rol=Rol.FG, is_active=True).first()
        ),
        "netwerk.forms.ContactpersoonForm": lambda d: klasse("netwerk.forms.ContactpersoonForm")(d, organisatie=mbo),
        "netwerk.forms.ImportForm": lambda d: klasse("netwerk.forms.ImportForm")(d),
        "monitor.forms.PeriodeForm": lambda d: klasse("monitor.forms.PeriodeForm")(d),
        "netwerk.forms.CodeForm": lambda d: klasse("netwerk.forms.CodeForm")(d),
        "dossier.forms.OudersBetrekkenForm": lambda d: klasse("dossier.forms.OudersBetrekkenForm")(d),
        "bewaren.forms.BewaarschemaForm": lambda d: klasse("bewaren.forms.BewaarschemaForm")(d),
        "bewaren.forms.InzageverzoekForm": lambda d: klasse("bewaren.forms.InzageverzoekForm")(d),
        "bewaren.forms.LeveringForm": lambda d: klasse("bewaren.forms.LeveringForm")(d),
        "bewaren.forms.RechtenverzoekForm": lambda d: klasse("bewaren.forms.RechtenverzoekForm")(d),
        "bewaren.forms.BesluitForm": lambda d: klasse("bewaren.forms.BesluitForm")(d),
        # A text item's words as the beheerder edits them (the walk above takes a choice item).
        "beslismodel.forms.ItemForm (tekst)": lambda d: klasse("beslismodel.forms.ItemForm")(d, item=tekst_item),
    }


def klasse(naam: str) -> type:
    return formulierklassen()[naam]


def test_every_form_is_known_here_and_built_on_the_shared_base(demo, noah):
    klassen = formulierklassen()
    assert len(klassen) > 35  # the walk found the forms
    bekend = set(maken(demo, noah)) | set(NIET_GETEST)
    assert set(klassen) - bekend == set(), "a form without an entry in tests/jji_traject/test_formulieren.py"
    zonder_basis = [
        naam for naam, k in klassen.items() if naam not in NIET_GETEST and not issubclass(k, FormulierMixin)
    ]
    assert zonder_basis == [], "a form not built on jji_traject.forms.Formulier / ModelFormulier"


@pytest.fixture
def alle_formulieren(demo, noah):
    return maken(demo, noah)


def test_no_form_shows_dashes_and_every_text_field_has_a_limit(alle_formulieren):
    for naam, bouw in alle_formulieren.items():
        form = bouw(None)
        html = str(form)
        assert LEEG not in html, naam
        for veld in form:
            if isinstance(veld.field, forms.CharField) and not veld.is_hidden:
                assert veld.field.max_length and veld.field.max_length <= MAX_TEKST, (naam, veld.name)
                # An over-long username is a failed login (logged and counted), not a form error.
                if (naam, veld.name) != ("jji_traject.forms.InlogForm", "username"):
                    assert any(isinstance(v, MaxLengthValidator) for v in veld.field.validators), (naam, veld.name)
                assert f'maxlength="{veld.field.max_length}"' in str(veld), (naam, veld.name)


def test_an_empty_post_gives_one_message_per_field(alle_formulieren):
    for naam, bouw in alle_formulieren.items():
        form = bouw({"leeg": ""})
        form.is_valid()
        for veld, fouten in form.errors.items():
            assert len(fouten) == 1, (naam, veld, list(fouten))


def test_a_required_field_says_what_is_missing_once(demo):
    from dossier.forms import VeiligheidssignaalForm

    form = VeiligheidssignaalForm({"signaal": " ", "reden": "", "einddatum": ""})
    assert not form.is_valid()
    assert form.errors["signaal"] == ["Beschrijf het signaal."]
    assert form.errors["reden"] == ["Leg uit waarom dit nodig is voor een veilige plaatsing."]


def test_longer_text_is_refused_with_a_dutch_message(demo):
    from trajecten.forms import AfsluitenForm

    form = AfsluitenForm({"afgesloten_op": "2026-01-01", "besluit": "x" * (MAX_TEKST + 1), "advies": "JJI"})
    assert not form.is_valid()
    assert form.errors["besluit"] == [f"Deze tekst is te lang: hooguit {MAX_TEKST} tekens (nu {MAX_TEKST + 1})."]
