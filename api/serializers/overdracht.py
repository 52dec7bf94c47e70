"""The overdrachtsdocument: the request and its status."""

from __future__ import annotations

from rest_framework import serializers

from .algemeen import Persoonkort, Streng


class OverdrachtIn(Streng):
    ontvanger = serializers.IntegerField(
        help_text="Id van de ontvangende medewerker (uit `GET …/overdracht/ontvangers/`)."
    )


class OverdrachtUit(serializers.Serializer):
    id = serializers.IntegerField()
    nummer = serializers.CharField()
    status = serializers.CharField()
    ontvanger = Persoonkort()
    categorieen = serializers.ListField(child=serializers.CharField())
    aangevraagd_op = serializers.DateTimeField()
    gemaakt_op = serializers.DateTimeField(allow_null=True)
