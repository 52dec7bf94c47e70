"""The pieces every domain's serializers share: strict input, the error shape, and the short
forms of an organisation and a person."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import serializers

from jji_traject.vrije_tekst import zichtbare_tekst
from netwerk.constants import Rol
from netwerk.models import Medewerker


class Tekst(serializers.CharField):
    """Text is text: a number or a list where text is expected is refused, not converted; and
    it carries no invisible or direction-changing characters (as the model fields refuse)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators.append(zichtbare_tekst)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class Streng(serializers.Serializer):
    """Input: unknown fields are refused with a message per field."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            onbekend = set(data) - set(self.fields)
            if onbekend:
                raise serializers.ValidationError({veld: [_("Onbekend veld.")] for veld in sorted(onbekend)})
        return super().to_internal_value(data)


class Fout(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


class Organisatiekort(serializers.Serializer):
    id = serializers.IntegerField()
    naam = serializers.CharField()


# A person (a Medewerker). Given an account (a document's recipient is a user), its profile; an
# account without one is named by its full name, with id 0.
class Persoonkort(serializers.Serializer):
    id = serializers.IntegerField()
    naam = serializers.CharField()

    def to_representation(self, persoon):
        if not isinstance(persoon, Medewerker):
            medewerker = getattr(persoon, "medewerker", None)
            if medewerker is None:
                return {"id": 0, "naam": persoon.get_full_name()}
            persoon = medewerker
        return super().to_representation(persoon)


# A person to choose (a document's recipient, a meeting's participant): the Medewerker's id, the
# one the writes take, with their organisation and rol. The querysets come from the policy with
# user and organisation joined.
class Medewerkerkort(serializers.Serializer):
    id = serializers.IntegerField(help_text="Id van de medewerker: dit geef je mee bij het vastleggen.")
    naam = serializers.CharField()
    organisatie = Organisatiekort()
    rol = serializers.ChoiceField(choices=Rol.choices)
    verbindingsofficier = serializers.BooleanField(
        source="is_verbindingsofficier", help_text="De verbindingsofficier van de organisatie."
    )
