"""``get_FOO_display`` through ``jji_traject.keuzes.Keuzelabels``: every model of the project
with a field with choices uses it, and for every value it gives what Django's own gives, in
Dutch and in English, and follows a change of language. History models keep Django's own:
their labels are shown on the history pages only."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models
from django.utils import translation

from jji_traject.keuzes import Keuzelabels
from netwerk.models import Medewerker

PROJECT = {"beslismodel", "bewaren", "dossier", "jji_traject", "monitor", "netwerk", "overdracht"}
PROJECT |= {"signalering", "toegang", "trajecten"}


def _met_keuzes():
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT or hasattr(model, "instance_type"):
            continue  # not ours, or a history model (simple-history's instance_type)
        velden = [veld for veld in model._meta.concrete_fields if veld.choices]
        if velden:
            yield model, velden


def test_elk_model_met_keuzes_gebruikt_de_snelle_labels():
    zonder = sorted(model._meta.label for model, _ in _met_keuzes() if not issubclass(model, Keuzelabels))
    assert zonder == [], f"zonder Keuzelabels (zet de mixin vóór models.Model): {zonder}"
    assert len(list(_met_keuzes())) > 20  # the walk finds the models


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_elk_label_zoals_django_het_geeft(taal):
    gezien = 0
    with translation.override(taal):
        for model, velden in _met_keuzes():
            for veld in velden:
                waarden = [waarde for waarde, _ in veld.flatchoices] + ["__onbekend__", None]
                for waarde in waarden:
                    object_ = model()
                    setattr(object_, veld.attname, waarde)
                    eigen = getattr(object_, f"get_{veld.name}_display")()
                    assert eigen == models.Model._get_FIELD_display(object_, veld), (model, veld.name, waarde)
                    assert type(eigen) is type(models.Model._get_FIELD_display(object_, veld))
                    gezien += 1
    assert gezien > 200


def test_het_label_volgt_de_taal_van_het_moment():
    medewerker = Medewerker(rol="intaker")
    with translation.override("nl"):
        nederlands = medewerker.get_rol_display()
    with translation.override("en"):
        engels = medewerker.get_rol_display()
    with translation.override("nl"):
        assert medewerker.get_rol_display() == nederlands
    assert (nederlands, engels) == ("intaker", "intake officer")
