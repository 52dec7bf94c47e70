"""Meetings and contact moments around a traject (overleggen), as the traject page shows them."""

from __future__ import annotations

from rest_framework import serializers

from jji_traject.vrije_tekst import MAX_TEKST
from trajecten.constants import OverlegSoort, Uitstroombestemming

from .algemeen import Medewerkerkort, Streng, Tekst

# Ids are database keys: anything beyond a bigint is no id (and is refused before a query).
MAX_ID = 2**63 - 1


class OverlegUit(serializers.Serializer):
    id = serializers.IntegerField()
    soort = serializers.ChoiceField(choices=OverlegSoort.choices)
    datum = serializers.DateField()
    deelnemers = Medewerkerkort(many=True, help_text="Deelnemers van de betrokken organisaties.")
    andere_deelnemers = serializers.CharField(help_text="Bijvoorbeeld: de jongere, ouder, mentor.")
    jongere_aanwezig = serializers.BooleanField()
    uitkomst = serializers.CharField(help_text="Uitkomst en afspraken.")
    uitstroombestemming = serializers.ChoiceField(
        choices=Uitstroombestemming.choices,
        allow_blank=True,
        help_text="De besloten uitstroombestemming (leeg: niet besproken).",
    )


class OverlegPagina(serializers.Serializer):
    results = OverlegUit(many=True)
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)


class OverlegIn(Streng):
    soort = serializers.ChoiceField(choices=OverlegSoort.choices)
    datum = serializers.DateField()
    deelnemers = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        required=False,
        default=list,
        max_length=50,
        help_text="Ids uit `GET …/overleggen/deelnemers/`.",
    )
    andere_deelnemers = Tekst(required=False, allow_blank=True, max_length=300, default="")
    jongere_aanwezig = serializers.BooleanField(
        required=False, default=False, help_text="Verplicht bij een warme overdracht: een gesprek mét de jongere."
    )
    uitkomst = Tekst(
        required=False,
        allow_blank=True,
        max_length=MAX_TEKST,
        default="",
        help_text="Toekomstgericht: wat is nodig en wat spreken we af. Geen details over delicten.",
    )
    uitstroombestemming = serializers.ChoiceField(
        choices=Uitstroombestemming.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="Alleen de JJI of de JJI-school legt die vast.",
    )
    vervolgtaken = serializers.ListField(
        child=Tekst(max_length=300),
        required=False,
        default=list,
        max_length=20,
        help_text="Elke regel wordt een taak voor jouw organisatie.",
    )
