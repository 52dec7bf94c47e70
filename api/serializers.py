"""What the API shows and accepts. Output serializers only present what the views got through
the access policy; input serializers refuse unknown fields (a typo is an error, not ignored)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import serializers

from beslismodel.constants import Status
from dossier.models import Begeleidingsbehoefte, Onderwijsinformatie
from dossier.services import BEGELEIDING_VELDEN, ONDERWIJS_VELDEN
from trajecten.constants import DOSSIER_CATEGORIEEN, Fase, Grondslag, Onderwerp, TaakStatus, Wijze


class Tekst(serializers.CharField):
    """Text is text: a number or a list where text is expected is refused, not converted."""

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


class TrajectRegel(serializers.Serializer):
    id = serializers.IntegerField()
    naam = serializers.CharField(source="jongere.naam")
    fase = serializers.ChoiceField(choices=Fase.choices)
    startdatum = serializers.DateField()
    afgesloten_op = serializers.DateField(allow_null=True)
    jji = Organisatiekort()


class TrajectPagina(serializers.Serializer):
    results = TrajectRegel(many=True)
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)


class Betrokken(serializers.Serializer):
    id = serializers.IntegerField(source="organisatie.id")
    naam = serializers.CharField(source="organisatie.naam")
    soort = serializers.CharField(help_text="Hoe de organisatie betrokken is (betrokkenheid).")
    organisatiesoort = serializers.CharField(source="organisatie.soort")
    actief = serializers.BooleanField(source="is_actief")


class TrajectDetail(TrajectRegel):
    geboortedatum = serializers.DateField(source="jongere.geboortedatum")
    verwachte_einddatum = serializers.DateField(allow_null=True)
    uitstroombestemming = serializers.CharField()
    huidige_stap = serializers.IntegerField()
    titel = serializers.CharField(allow_null=True, help_text="Alleen voor de JJI en justitiepartners.")
    organisaties = Betrokken(many=True)


class Persoonkort(serializers.Serializer):
    id = serializers.IntegerField()
    naam = serializers.CharField()


class TaakUit(serializers.Serializer):
    id = serializers.IntegerField()
    stap = serializers.IntegerField()
    tekst = serializers.CharField()
    status = serializers.ChoiceField(choices=TaakStatus.choices)
    reden = serializers.CharField()
    deadline = serializers.DateField(allow_null=True)
    gedaan_op = serializers.DateField(allow_null=True)
    organisatie = Organisatiekort(allow_null=True)
    medewerker = Persoonkort(allow_null=True)
    notitie = serializers.CharField()


class TaakIn(Streng):
    status = serializers.ChoiceField(choices=TaakStatus.choices)
    reden = Tekst(required=False, allow_blank=True, max_length=300, default="")
    notitie = Tekst(required=False, allow_blank=True, max_length=5000)


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
        else:
            velden[naam] = serializers.CharField(help_text=str(veld.verbose_name))
    return velden


class OnderwijsinformatieUit(serializers.Serializer):
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


class DeelUit(serializers.Serializer):
    categorie = serializers.ChoiceField(choices=[(c.value, c.label) for c in DOSSIER_CATEGORIEEN])
    onderwijsinformatie = OnderwijsinformatieUit(allow_null=True, required=False)
    begeleidingsbehoefte = BegeleidingsbehoefteUit(allow_null=True, required=False)
    veiligheidssignalen = SignaalUit(many=True, required=False)


class OnderwijsinformatieIn(Streng):
    """The onderwijsinformatie as a whole (PUT): fields left out become empty."""

    def get_fields(self):
        velden = {}
        for naam in ONDERWIJS_VELDEN:
            if naam == "niveau":
                velden[naam] = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=4)
            else:
                lengte = Onderwijsinformatie._meta.get_field(naam).max_length or 5000
                velden[naam] = Tekst(required=False, allow_blank=True, max_length=lengte)
        velden["formulering_toelichting"] = Tekst(required=False, allow_blank=True, max_length=5000)
        return velden


class BegeleidingsbehoefteIn(Streng):
    def get_fields(self):
        velden = {naam: Tekst(required=False, allow_blank=True, max_length=5000) for naam in BEGELEIDING_VELDEN}
        velden["formulering_toelichting"] = Tekst(required=False, allow_blank=True, max_length=5000)
        return velden


class ToestemmingUit(serializers.Serializer):
    id = serializers.IntegerField()
    ontvanger = Organisatiekort()
    categorie = serializers.ChoiceField(choices=Onderwerp.choices)
    grondslag = serializers.ChoiceField(choices=Grondslag.choices)
    datum_gegeven = serializers.DateField()
    geldig_tot = serializers.DateField(allow_null=True)
    ingetrokken_op = serializers.DateTimeField(allow_null=True)
    geldig = serializers.BooleanField(source="is_geldig")


class ToestemmingIn(Streng):
    ontvanger = serializers.IntegerField(help_text="Id van een betrokken organisatie.")
    categorie = serializers.ChoiceField(choices=Onderwerp.choices)
    grondslag = serializers.ChoiceField(choices=Grondslag.choices)
    datum_gegeven = serializers.DateField()
    wijze = serializers.ChoiceField(choices=Wijze.choices)
    weigeren_zonder_gevolgen = serializers.BooleanField(default=False)
    geldig_tot = serializers.DateField(required=False, allow_null=True)
    gegeven_door = Tekst(required=False, allow_blank=True, max_length=200, default="")
    jongere_gevraagd = serializers.BooleanField(required=False, default=False)
    toelichting = Tekst(required=False, allow_blank=True, max_length=5000, default="")


class RaadplegingUit(serializers.Serializer):
    id = serializers.IntegerField()
    tijdstip = serializers.DateTimeField()
    wie = serializers.CharField()
    organisatie = serializers.CharField(allow_null=True)
    rol = serializers.CharField()
    categorie = serializers.CharField()
    actie = serializers.CharField()
    geweigerd = serializers.BooleanField()
    grondslag = serializers.IntegerField(allow_null=True)
    ontvanger = serializers.CharField(allow_null=True)
    document = serializers.CharField()


class RaadplegingPagina(serializers.Serializer):
    results = RaadplegingUit(many=True)
    next = serializers.CharField(allow_null=True)


class AntwoordUit(serializers.Serializer):
    sleutel = serializers.CharField()
    titel = serializers.CharField()
    categorie = serializers.CharField(help_text="Leeg: het plaatsingsadvies.")
    gedeeld = serializers.BooleanField()
    extra_aandacht = serializers.BooleanField(allow_null=True)
    toelichting = serializers.CharField(allow_null=True)
    keuze = serializers.CharField(allow_null=True)


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


class VersieUit(serializers.Serializer):
    versie = serializers.IntegerField()
    stand = serializers.CharField()
    ontvanger = Organisatiekort(allow_null=True)
    ingediend_op = serializers.DateTimeField(allow_null=True)
    suggestie = serializers.ChoiceField(choices=Status.choices, allow_null=True)
    antwoorden = AntwoordUit(many=True)
    besluiten = BesluitUit(many=True)


class MaatregelIn(Streng):
    omschrijving = Tekst(max_length=300)
    medewerker = serializers.IntegerField(required=False, allow_null=True)
    datum = serializers.DateField(required=False, allow_null=True)


class BesluitIn(Streng):
    status = serializers.ChoiceField(choices=Status.choices)
    advies = Tekst(max_length=5000)
    motivatie = Tekst(max_length=5000)
    afwijkingsreden = Tekst(required=False, allow_blank=True, max_length=5000, default="")
    aanspreekpunt = serializers.IntegerField(required=False, allow_null=True)
    evaluatie_op = serializers.DateField(required=False, allow_null=True)
    maatregelen = MaatregelIn(many=True, required=False, max_length=20)


class VerbindingsofficierUit(serializers.Serializer):
    naam = serializers.CharField()
    telefoon = serializers.CharField()
    email = serializers.CharField()


class OrganisatieUit(serializers.Serializer):
    id = serializers.IntegerField()
    naam = serializers.CharField()
    soort = serializers.CharField()
    plaats = serializers.CharField()
    verbindingsofficier = VerbindingsofficierUit(allow_null=True)


class ContactUit(serializers.Serializer):
    id = serializers.IntegerField()
    organisatie = Organisatiekort()
    rol = serializers.CharField()
    naam = serializers.CharField()
    functie = serializers.CharField()
    niveau = serializers.CharField()
    telefoon = serializers.CharField()
    email = serializers.CharField()
    bereikbaarheid = serializers.CharField()


class OverdrachtIn(Streng):
    ontvanger = serializers.IntegerField(help_text="Id van de ontvangende medewerker.")


class OverdrachtUit(serializers.Serializer):
    id = serializers.IntegerField()
    nummer = serializers.CharField()
    status = serializers.CharField()
    ontvanger = Persoonkort()
    categorieen = serializers.ListField(child=serializers.CharField())
    aangevraagd_op = serializers.DateTimeField()
    gemaakt_op = serializers.DateTimeField(allow_null=True)
