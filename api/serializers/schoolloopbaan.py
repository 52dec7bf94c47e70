"""The schoolloopbaan na uitstroom: the part as read (``SchoolloopbaanUit``, the registry's
``api_uitvoer``), and the receiving mbo's writes: an enrolment, a checkpoint (POST, PATCH)."""

from __future__ import annotations

from rest_framework import serializers

from dossier.constants import CheckpointUitkomst
from trajecten.constants import Checkpoint

from .algemeen import Organisatiekort, Streng, Tekst


class InschrijvingUit(serializers.Serializer):
    id = serializers.IntegerField()
    instelling = serializers.CharField()
    opleiding = serializers.CharField()
    crebo = serializers.CharField()
    niveau = serializers.IntegerField(allow_null=True)
    startdatum = serializers.DateField()
    eerste_schooldag = serializers.DateField(allow_null=True)
    einddatum = serializers.DateField(allow_null=True, help_text="Uitgeschreven op.")
    reden_uitschrijving = serializers.CharField()
    organisatie = Organisatiekort(help_text="Namens wie het is vastgelegd.")


class CheckpointUit(serializers.Serializer):
    id = serializers.IntegerField()
    moment = serializers.ChoiceField(choices=Checkpoint.choices, help_text="Maanden na uitstroom.")
    peildatum = serializers.DateField()
    uitkomst = serializers.ChoiceField(choices=CheckpointUitkomst.choices)
    reden = serializers.CharField()
    toelichting = serializers.CharField()
    organisatie = Organisatiekort()


class AfsluitingUit(serializers.Serializer):
    evaluatiedatum = serializers.DateField()
    stabiel = serializers.BooleanField()
    geadviseerd_door = serializers.CharField()
    toelichting = serializers.CharField()


class AfleidingUit(serializers.Serializer):
    dagen_tot_eerste_schooldag = serializers.IntegerField(allow_null=True)
    onderbroken = serializers.BooleanField(
        allow_null=True, help_text="Onderbroken schoolloopbaan volgens de definitie in de README."
    )
    langste_gat = serializers.IntegerField(help_text="Langste periode zonder onderwijs (dagen, zomervakantie niet).")


# The part as ``categorie_lezen`` returned it (dossier.selectors_schoolloopbaan.Schoolloopbaan).
class SchoolloopbaanUit(serializers.Serializer):
    inschrijvingen = InschrijvingUit(many=True)
    checkpoints = CheckpointUit(many=True)
    afsluiting = AfsluitingUit(allow_null=True)
    afgeleid = AfleidingUit(source="afleiding")


class InschrijvingIn(Streng):
    instelling = Tekst(required=False, allow_blank=True, max_length=200)
    opleiding = Tekst(max_length=200)
    crebo = Tekst(required=False, allow_blank=True, max_length=5)
    niveau = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=4)
    startdatum = serializers.DateField()
    eerste_schooldag = serializers.DateField(required=False, allow_null=True)
    einddatum = serializers.DateField(required=False, allow_null=True, help_text="Uitgeschreven op.")
    reden_uitschrijving = Tekst(required=False, allow_blank=True, max_length=300)


class InschrijvingWijzigen(InschrijvingIn):
    opleiding = Tekst(required=False, max_length=200)
    startdatum = serializers.DateField(required=False)


class CheckpointIn(Streng):
    moment = serializers.ChoiceField(choices=Checkpoint.choices, help_text="Maanden na uitstroom: 1, 3, 6 of 12.")
    peildatum = serializers.DateField()
    uitkomst = serializers.ChoiceField(choices=CheckpointUitkomst.choices)
    reden = Tekst(required=False, allow_blank=True, max_length=300, help_text="Verplicht bij uitgeschreven.")
    toelichting = Tekst(required=False, allow_blank=True, max_length=5000)


class CheckpointWijzigen(Streng):
    peildatum = serializers.DateField(required=False)
    uitkomst = serializers.ChoiceField(choices=CheckpointUitkomst.choices, required=False)
    reden = Tekst(required=False, allow_blank=True, max_length=300)
    toelichting = Tekst(required=False, allow_blank=True, max_length=5000)
