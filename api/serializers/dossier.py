"""The parts of the doorstroomdossier. A part's serializer renders exactly what
``policy.categorie_lezen`` returned — the part itself, or its rows — and reads only the part's
own fields (a test holds every part serializer to that): never the traject, from which every
part and its history could be reached."""

from __future__ import annotations

from rest_framework import serializers

from dossier.models import Begeleidingsbehoefte, Onderwijsinformatie
from dossier.services import BEGELEIDING_VELDEN, ONDERWIJS_VELDEN
from jji_traject.vrije_tekst import MAX_TEKST
from toegang import delen

from .algemeen import Organisatiekort, Streng, Tekst


class ResultaatUit(serializers.Serializer):
    soort = serializers.CharField()
    omschrijving = serializers.CharField()
    datum = serializers.DateField()
    gevalideerd_door = Organisatiekort(allow_null=True)


def _model_velden(model, namen):
    """Output fields for a dossier part, named as on the model."""
    velden = {}
    for naam in namen:
        veld = model._meta.get_field(naam)
        if naam == "niveau":
            velden[naam] = serializers.IntegerField(allow_null=True)
        elif naam == "ict_fase":
            # The regio's phase by its name ("" for none): regional data, no youth data.
            velden[naam] = serializers.CharField(
                source="ict_fase.naam", default="", help_text=f"{veld.verbose_name}: de naam van de fase van de regio."
            )
        else:
            velden[naam] = serializers.CharField(help_text=str(veld.verbose_name))
    return velden


class OnderwijsinformatieUit(serializers.Serializer):
    # The results are the part's rows, attached by the dossier's selector.
    resultaten = ResultaatUit(many=True, source="resultaten_lijst")
    bijgewerkt_op = serializers.DateTimeField(allow_null=True)

    def get_fields(self):
        return {**_model_velden(Onderwijsinformatie, ONDERWIJS_VELDEN), **super().get_fields()}


class BegeleidingsbehoefteUit(serializers.Serializer):
    bijgewerkt_op = serializers.DateTimeField()

    def get_fields(self):
        return {**_model_velden(Begeleidingsbehoefte, BEGELEIDING_VELDEN), **super().get_fields()}


class SignaalUit(serializers.Serializer):
    signaal = serializers.CharField()
    reden = serializers.CharField()
    einddatum = serializers.DateField()


# One part: ``{"categorie": …, <categorie>: the part}``, the other parts left out. Given
# ``{"categorie": categorie, categorie: what categorie_lezen returned}``; the part goes through its
# own serializer (the registry's ``api_uitvoer``, given by ``api.apps``) and nothing else.
class DeelUit(serializers.Serializer):
    def get_fields(self):
        velden = {"categorie": serializers.ChoiceField(choices=[(d.categorie, d.label) for d in delen.alle()])}
        for deel in delen.alle():
            velden[deel.categorie] = (
                deel.api_uitvoer(many=True, required=False)
                if deel.lijst
                else deel.api_uitvoer(allow_null=True, required=False)
            )
        return velden

    def to_representation(self, instance):
        categorie = instance["categorie"]
        gelezen = instance[categorie]
        return {
            "categorie": self.fields["categorie"].to_representation(categorie),
            categorie: None if gelezen is None else self.fields[categorie].to_representation(gelezen),
        }


class OnderwijsinformatieIn(Streng):
    """The onderwijsinformatie as a whole (PUT): fields left out become empty."""

    def get_fields(self):
        velden = {}
        for naam in ONDERWIJS_VELDEN:
            if naam == "niveau":
                velden[naam] = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=4)
            elif naam == "ict_fase":
                velden[naam] = Tekst(
                    required=False,
                    allow_blank=True,
                    max_length=30,
                    help_text="De naam van een ICT-fase van de regio van de JJI (bijvoorbeeld A1); leeg: geen fase.",
                )
            else:
                lengte = Onderwijsinformatie._meta.get_field(naam).max_length or MAX_TEKST
                velden[naam] = Tekst(required=False, allow_blank=True, max_length=lengte)
        velden["formulering_toelichting"] = Tekst(required=False, allow_blank=True, max_length=MAX_TEKST)
        return velden


class BegeleidingsbehoefteIn(Streng):
    def get_fields(self):
        velden = {naam: Tekst(required=False, allow_blank=True, max_length=MAX_TEKST) for naam in BEGELEIDING_VELDEN}
        velden["formulering_toelichting"] = Tekst(required=False, allow_blank=True, max_length=MAX_TEKST)
        return velden
