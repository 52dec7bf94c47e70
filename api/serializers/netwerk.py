"""The regio's organisations and its netwerkkaart (no youth data)."""

from __future__ import annotations

from rest_framework import serializers

from .algemeen import Organisatiekort


class VerbindingsofficierUit(serializers.Serializer):
    id = serializers.IntegerField(help_text="Id van de medewerker.")
    naam = serializers.CharField()
    telefoon = serializers.CharField()
    email = serializers.CharField()


class OrganisatieUit(serializers.Serializer):
    id = serializers.IntegerField()
    naam = serializers.CharField()
    soort = serializers.CharField()
    plaats = serializers.CharField()
    officiele_examenlocatie = serializers.BooleanField(
        help_text="Alleen bij een JJI: examens kunnen in de JJI zelf worden afgenomen (bijlage 3)."
    )
    verbindingsofficier = VerbindingsofficierUit(allow_null=True)


class ContactUit(serializers.Serializer):
    id = serializers.IntegerField()
    organisatie = Organisatiekort()
    rol = serializers.CharField()
    naam = serializers.CharField()
    functie = serializers.CharField()
    niveau = serializers.CharField()
    telefoon = serializers.CharField()
    email = serializers.CharField(
        source="email_adres", help_text="Eén adres per persoon: bij een gebruiker van de app diens e-mailadres."
    )
    bereikbaarheid = serializers.CharField()
