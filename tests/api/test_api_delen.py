"""A part of the dossier reaches the API's answer only as ``policy.categorie_lezen`` returned
it: each part's serializer reads nothing but the part's own fields (no source that runs through
the traject into another part or its history), and in a real request it renders exactly the
object (or rows) ``categorie_lezen`` returned."""

import dataclasses

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.urls import reverse
from rest_framework import serializers

from api.serializers.dossier import DeelUit
from dossier.models import (
    Begeleidingsbehoefte,
    Inschrijving,
    Nazorgafsluiting,
    Onderwijsinformatie,
    Resultaat,
    Schoolcheckpoint,
    Veiligheidssignaal,
)
from dossier.regels import Afleiding
from netwerk.models import IctFase, Medewerker, Organisatie
from toegang import policy
from trajecten.constants import DOSSIER_CATEGORIEEN, DOSSIER_DELEN, Categorie

from ..lezers import DOSSIER_MARKERS as MARKERS
from ..lezers import consent_zetten
from .klant import klant

MODEL_VAN = {
    Categorie.ONDERWIJSINFORMATIE: Onderwijsinformatie,
    Categorie.BEGELEIDINGSBEHOEFTE: Begeleidingsbehoefte,
    Categorie.VEILIGHEIDSSIGNALEN: Veiligheidssignaal,
}
# The part's own rows, attached to it by the dossier's selector (not a relation to follow).
RIJEN = {(Onderwijsinformatie, "resultaten_lijst"): Resultaat}
# Where a relation of a part may lead: the organisations and people of the network and the
# regio's ICT-fasen, no youth data.
BUITEN_HET_DOSSIER = {Organisatie, Medewerker, get_user_model(), IctFase}


def _deelserializers():
    """Per part, the serializer that renders it (the field of the part in the answer)."""
    velden = DeelUit().fields
    return {
        naam: veld.child if isinstance(veld, serializers.ListSerializer) else veld
        for naam, veld in velden.items()
        if naam != "categorie"
    }


def _overtredingen(serializer, model, pad=""):
    """Each field of ``serializer`` (nested ones too) whose source does more than read a field
    of ``model``: a whole object (``*``), a property or method, a reverse relation, or a
    relation into youth data (the traject, another part, a history)."""
    fouten = []
    for naam, veld in serializer.fields.items():
        plek = f"{pad}{naam}"
        if veld.source == "*":
            fouten.append(f"{plek}: the whole object")
            continue
        huidig, relatie = model, False
        for attr in veld.source_attrs:
            if (huidig, attr) in RIJEN:
                huidig, relatie = RIJEN[(huidig, attr)], False
                continue
            try:
                modelveld = huidig._meta.get_field(attr)
            except FieldDoesNotExist:
                fouten.append(f"{plek}: {huidig.__name__}.{attr} is no field of the model")
                break
            relatie = modelveld.is_relation
            if not relatie:
                continue
            if not modelveld.concrete or modelveld.many_to_many:
                fouten.append(f"{plek}: {huidig.__name__}.{attr} is a reverse or many-to-many relation")
                break
            if modelveld.related_model not in BUITEN_HET_DOSSIER:
                fouten.append(f"{plek}: {huidig.__name__}.{attr} leads to {modelveld.related_model.__name__}")
                break
            huidig = modelveld.related_model
        else:
            kind = veld.child if isinstance(veld, serializers.ListSerializer) else veld
            if isinstance(kind, serializers.BaseSerializer):
                fouten += _overtredingen(kind, huidig, f"{plek}.")
            elif relatie:
                fouten.append(f"{plek}: renders a related object as a whole")
    return fouten


def test_every_part_of_the_dossier_has_its_serializer_in_the_answer():
    assert set(_deelserializers()) == set(DOSSIER_DELEN) == {*MODEL_VAN, Categorie.SCHOOLLOOPBAAN}


# The schoolloopbaan is read as a container (dossier.selectors_schoolloopbaan.Schoolloopbaan):
# its rows each from their own model, its derived figures from the rule's own result.
SCHOOLLOOPBAAN_RIJEN = {"inschrijvingen": Inschrijving, "checkpoints": Schoolcheckpoint, "afsluiting": Nazorgafsluiting}


def test_the_schoolloopbaan_serializer_reads_its_rows_own_fields_and_the_derived_figures():
    serializer = _deelserializers()[Categorie.SCHOOLLOOPBAAN]
    assert set(serializer.fields) == {*SCHOOLLOOPBAAN_RIJEN, "afgeleid"}
    for naam, model in SCHOOLLOOPBAAN_RIJEN.items():
        veld = serializer.fields[naam]
        kind = veld.child if isinstance(veld, serializers.ListSerializer) else veld
        assert veld.source == naam and kind.fields
        assert _overtredingen(kind, model) == [], naam
    afgeleid = serializer.fields["afgeleid"]
    assert afgeleid.source == "afleiding"
    assert {veld.source for veld in afgeleid.fields.values()} <= {f.name for f in dataclasses.fields(Afleiding)}


@pytest.mark.parametrize("categorie", DOSSIER_CATEGORIEEN)
def test_a_part_serializer_reads_only_the_parts_own_fields(categorie):
    serializer = _deelserializers()[categorie]
    assert _overtredingen(serializer, MODEL_VAN[categorie]) == []
    assert serializer.fields, "a serializer without fields proves nothing"


def test_the_check_catches_a_serializer_that_reaches_through_the_traject():
    """The check itself can fail: sources through the traject, into another part, through a
    reverse relation or a property are each reported."""

    class Lek(serializers.Serializer):
        jongere = serializers.CharField(source="traject.jongere.naam")
        structuur = serializers.CharField(source="traject.begeleidingsbehoefte.structuur")
        alles = serializers.CharField(source="*")
        geschiedenis = serializers.CharField(source="history")
        via_de_persoon = serializers.CharField(source="bijgewerkt_door.medewerker.organisatie.naam")
        wie = serializers.CharField(source="bijgewerkt_door")

    fouten = _overtredingen(Lek(), Onderwijsinformatie)
    assert [f.split(":")[0] for f in fouten] == [
        "jongere",
        "structuur",
        "alles",
        "geschiedenis",
        "via_de_persoon",
        "wie",
    ], fouten


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("gebruiker", "methode", "categorie", "inhoud"),
    [
        ("verbindingsofficier", "get", Categorie.ONDERWIJSINFORMATIE, None),
        ("verbindingsofficier", "get", Categorie.BEGELEIDINGSBEHOEFTE, None),
        ("verbindingsofficier", "get", Categorie.VEILIGHEIDSSIGNALEN, None),
        ("jji_school", "put", Categorie.ONDERWIJSINFORMATIE, {"opleiding": MARKERS[Categorie.ONDERWIJSINFORMATIE]}),
        ("jji_school", "put", Categorie.BEGELEIDINGSBEHOEFTE, {"structuur": MARKERS[Categorie.BEGELEIDINGSBEHOEFTE]}),
    ],
)
def test_a_part_serializer_renders_what_categorie_lezen_returned(
    demo,
    noah,
    monkeypatch,
    gebruiker,
    methode,
    categorie,
    inhoud,
):
    """Spies that call through (no mocks): the real ``categorie_lezen`` and the real
    serializers run; the test notes what the one returned and what the others were given."""
    consent_zetten(demo, noah, "gedeeld")
    teruggegeven = []
    echt_lezen = policy.categorie_lezen

    def lezen(**kwargs):
        teruggegeven.append(echt_lezen(**kwargs))
        return teruggegeven[-1]

    monkeypatch.setattr(policy, "categorie_lezen", lezen)
    deel = type(_deelserializers()[categorie])
    gegeven = []  # (serializer, object) for every object a serializer rendered
    echt_weergeven = serializers.Serializer.to_representation

    def weergeven(self, instance):
        gegeven.append((self, instance))
        return echt_weergeven(self, instance)

    monkeypatch.setattr(serializers.Serializer, "to_representation", weergeven)
    url = reverse("api:dossierdeel", args=[noah.pk, categorie])
    client = klant(getattr(demo, gebruiker))
    antwoord = client.get(url) if methode == "get" else client.put(url, inhoud, format="json")

    assert antwoord.status_code == 200 and MARKERS[categorie] in antwoord.content.decode()
    assert len(teruggegeven) == 1
    gelezen = teruggegeven[0]
    verwacht = gelezen if isinstance(gelezen, list) else [gelezen]
    aan_het_deel = [obj for serializer, obj in gegeven if type(serializer) is deel]
    assert verwacht and len(aan_het_deel) == len(verwacht)
    assert all(gekregen is terug for gekregen, terug in zip(aan_het_deel, verwacht, strict=True))
    # Nothing else reached a serializer: the part, its rows and the organisations they name.
    assert {type(obj) for _serializer, obj in gegeven} <= {MODEL_VAN[categorie], Resultaat, Organisatie}
