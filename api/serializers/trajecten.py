"""The traject, its tasks, its grondslagen and its raadplegingen."""

from __future__ import annotations

from rest_framework import serializers

from jji_traject.vrije_tekst import MAX_TEKST
from trajecten.constants import FASE_VAN_STAP, Fase, Grondslag, Onderwerp, TaakStatus, Wijze

from .algemeen import Organisatiekort, Persoonkort, Streng, Tekst


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


class ZichtbareTitel(serializers.CharField):
    """The legal title of the stay, only when the view found that the reader may see it
    (``context["titel_zien"]``, from the policy)."""

    def get_attribute(self, traject):
        return (traject.titel or None) if self.context.get("titel_zien") else None


# A traject with what the view worked out for this reader: ``huidige_stap`` and the ``organisaties``
# (involvements) they may see, set on the traject.
class TrajectDetail(TrajectRegel):
    geboortedatum = serializers.DateField(source="jongere.geboortedatum")
    verwachte_einddatum = serializers.DateField(allow_null=True)
    uitstroombestemming = serializers.CharField()
    huidige_stap = serializers.IntegerField()
    titel = ZichtbareTitel(allow_null=True, help_text="Alleen voor de JJI en justitiepartners.")
    organisaties = Betrokken(many=True)


class Notitie(serializers.CharField):
    """A task that only records *that* something happened (Beginselenwet work) never shows a
    note (the database refuses one too)."""

    def get_attribute(self, taak):
        return "" if taak.alleen_registratie else taak.notitie


class FaseVanStap(serializers.ChoiceField):
    """The fase a task's step belongs to (the routekaart ties rules to steps, not to fases)."""

    def get_attribute(self, taak):
        return FASE_VAN_STAP[taak.stap]


class TaakUit(serializers.Serializer):
    id = serializers.IntegerField()
    stap = serializers.IntegerField(help_text="Het nummer van de stap van de routekaart (1 tot en met 10).")
    stap_titel = serializers.CharField(source="get_stap_display", help_text="De titel van de stap.")
    fase = FaseVanStap(choices=Fase.choices, help_text="De fase waarin de stap valt.")
    tekst = serializers.CharField()
    status = serializers.ChoiceField(choices=TaakStatus.choices)
    reden = serializers.CharField()
    deadline = serializers.DateField(allow_null=True)
    gedaan_op = serializers.DateField(allow_null=True)
    organisatie = Organisatiekort(allow_null=True)
    medewerker = Persoonkort(allow_null=True)
    notitie = Notitie()


class TaakIn(Streng):
    status = serializers.ChoiceField(choices=TaakStatus.choices)
    reden = Tekst(required=False, allow_blank=True, max_length=300, default="")
    notitie = Tekst(required=False, allow_blank=True, max_length=MAX_TEKST)


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
    toelichting = Tekst(required=False, allow_blank=True, max_length=MAX_TEKST, default="")


class Accountnaam(serializers.CharField):
    """Who read: the full name of the account, else its username."""

    def to_representation(self, user):
        return user.get_full_name() or user.username


class RaadplegingUit(serializers.Serializer):
    id = serializers.IntegerField()
    tijdstip = serializers.DateTimeField()
    wie = Accountnaam(source="actor")
    organisatie = serializers.CharField(source="organisatie.naam", allow_null=True)
    rol = serializers.CharField()
    categorie = serializers.CharField()
    actie = serializers.CharField()
    geweigerd = serializers.BooleanField()
    aantal = serializers.IntegerField(help_text="Hoe vaak: meer dan 1 voor de herhalingen van een geweigerd verzoek.")
    tot = serializers.DateTimeField(allow_null=True, help_text="De laatste van die herhalingen.")
    grondslag = serializers.IntegerField(source="grondslag_id", allow_null=True)
    ontvanger = serializers.CharField(source="ontvanger.naam", allow_null=True)
    document = serializers.CharField()


class RaadplegingPagina(serializers.Serializer):
    results = RaadplegingUit(many=True)
    next = serializers.CharField(allow_null=True)
