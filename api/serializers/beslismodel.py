"""The beslismodel: its versions as the reader may read them, and the receiving school's
decision."""

from __future__ import annotations

from rest_framework import serializers

from beslismodel.constants import Status
from jji_traject.vrije_tekst import MAX_TEKST

from .algemeen import Organisatiekort, Persoonkort, Streng, Tekst


# An item of the template with its answer as the pages show it (``ItemWeergave``): the answer only
# when the policy read it for this reader (no answer: nulls).
class AntwoordUit(serializers.Serializer):
    sleutel = serializers.CharField(source="item.sleutel")
    titel = serializers.CharField(source="item.titel")
    categorie = serializers.CharField(source="item.categorie", help_text="Leeg: het plaatsingsadvies.")
    gedeeld = serializers.BooleanField()
    extra_aandacht = serializers.BooleanField(source="antwoord.extra_aandacht", allow_null=True)
    toelichting = serializers.CharField(source="antwoord.toelichting", allow_null=True)
    keuze = serializers.CharField(source="antwoord.keuze.code", allow_null=True)


class MaatregelUit(serializers.Serializer):
    soort = serializers.CharField()
    omschrijving = serializers.CharField()
    medewerker = Persoonkort(allow_null=True)
    datum = serializers.DateField(allow_null=True)


class BesluitUit(serializers.Serializer):
    status = serializers.ChoiceField(choices=Status.choices)
    suggestie = serializers.ChoiceField(choices=Status.choices)
    advies = serializers.CharField()
    motivatie = serializers.CharField()
    afwijkingsreden = serializers.CharField()
    bevestiging = serializers.CharField()
    besloten_op = serializers.DateTimeField()
    maatregelen = MaatregelUit(many=True)


# A version as read for this reader: the ``beslismodel`` with its decisions, its ``antwoorden``
# (``ItemWeergave``) and the ``suggestie`` from the answers read.
class VersieUit(serializers.Serializer):
    versie = serializers.IntegerField(source="beslismodel.versie")
    stand = serializers.CharField(source="beslismodel.stand")
    ontvanger = Organisatiekort(source="beslismodel.ontvanger", allow_null=True)
    ingediend_op = serializers.DateTimeField(source="beslismodel.ingediend_op", allow_null=True)
    suggestie = serializers.ChoiceField(source="suggestie.status", choices=Status.choices, allow_null=True)
    antwoorden = AntwoordUit(many=True)
    besluiten = BesluitUit(many=True, source="beslismodel.besluiten")


class MaatregelIn(Streng):
    omschrijving = Tekst(max_length=300)
    medewerker = serializers.IntegerField(required=False, allow_null=True)
    datum = serializers.DateField(required=False, allow_null=True)


class BesluitIn(Streng):
    status = serializers.ChoiceField(choices=Status.choices)
    advies = Tekst(max_length=MAX_TEKST)
    motivatie = Tekst(max_length=MAX_TEKST)
    afwijkingsreden = Tekst(required=False, allow_blank=True, max_length=MAX_TEKST, default="")
    aanspreekpunt = serializers.IntegerField(required=False, allow_null=True)
    evaluatie_op = serializers.DateField(required=False, allow_null=True)
    maatregelen = MaatregelIn(many=True, required=False, max_length=20)
