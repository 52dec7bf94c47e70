"""Forms of the doorstroomdossier and of the consent per part."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jji_traject.forms import Formulier, ModelFormulier
from toegang import delen, policy
from trajecten.forms import DATUM, KennisgevingForm
from trajecten.models import OudersBetrekken

from . import services
from .models import (
    Begeleidingsbehoefte,
    HerkomstOnderwijsinformatie,
    Inschrijving,
    Nazorgafsluiting,
    Onderwijsinformatie,
    Resultaat,
    Schoolcheckpoint,
    Veiligheidssignaal,
)

TEKST = forms.Textarea(attrs={"rows": 3})


class FormuleringMixin:
    """The reason to keep flagged wording is asked only once the check has flagged something
    (or a reason was given before)."""

    def __init__(self, *args, traject=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.traject = traject
        veld = self.fields.get(services.TOELICHTING)
        if veld is not None and not self.is_bound and not getattr(self.instance, services.TOELICHTING, ""):
            veld.widget = forms.HiddenInput()


class OnderwijsinformatieForm(FormuleringMixin, ModelFormulier):
    legenda = _("Onderwijsinformatie")

    class Meta:
        model = Onderwijsinformatie
        fields = [*services.ONDERWIJS_VELDEN, services.TOELICHTING]
        widgets = {
            veld: TEKST
            for veld in (
                "diplomas_en_resultaten",
                "lopende_modules",
                "leerdoelen",
                "motivatie",
                "talenten",
                "ict_beperkingen",
            )
        } | {services.TOELICHTING: TEKST}
        help_texts = {
            "ingeschreven_bij": _(
                "De mbo-instelling waar de jongere staat ingeschreven (ook als mbo-student in de JJI)."
            ),
            "examinerende_instelling": _("Welke instelling de examens afneemt."),
            "ict_fase": _("De fasen van ICT-bevoegdheden in de JJI; de functioneel beheerder houdt ze per regio bij."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The phases of the regio of the JJI that are in use, and the one the part has already.
        veld = self.fields["ict_fase"]
        huidig = self.instance.ict_fase_id
        regio_id = self.traject.jji.regio_id if self.traject is not None else None
        veld.queryset = (
            veld.queryset.filter(regio_id=regio_id).filter(Q(actief=True) | Q(pk=huidig)).order_by("volgorde", "naam")
        )
        veld.empty_label = _("— nog geen fase —")


class BegeleidingsbehoefteForm(FormuleringMixin, ModelFormulier):
    legenda = _("Begeleidingsbehoefte")

    class Meta:
        model = Begeleidingsbehoefte
        fields = [*services.BEGELEIDING_VELDEN, services.TOELICHTING]
        widgets = {veld: TEKST for veld in fields}
        help_texts = {
            "wat_helpt": _("Toekomstgericht: wat werkt bij deze jongere, wat kan de school doen?"),
        }


class ResultaatForm(FormuleringMixin, ModelFormulier):
    class Meta:
        model = Resultaat
        fields = [*services.RESULTAAT_VELDEN, services.TOELICHTING]
        widgets = {"soort": forms.RadioSelect, "datum": DATUM}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["soort"].choices = self.fields["soort"].choices[1:]  # no empty radio button
        self.fields["gevalideerd_door"].queryset = (
            self.fields["gevalideerd_door"].queryset.filter(actief=True).order_by("naam")
        )


class HerkomstForm(FormuleringMixin, ModelFormulier):
    class Meta:
        model = HerkomstOnderwijsinformatie
        fields = [*services.HERKOMST_VELDEN, services.TOELICHTING]
        widgets = {veld: TEKST for veld in ("resultaten", "lopende_modules", "toelichting", services.TOELICHTING)}


class VeiligheidssignaalForm(FormuleringMixin, ModelFormulier):
    class Meta:
        model = Veiligheidssignaal
        fields = [*services.SIGNAAL_VELDEN, services.TOELICHTING]
        widgets = {"signaal": TEKST, "reden": TEKST, "einddatum": DATUM, services.TOELICHTING: TEKST}
        # The model's own words for an empty field (one message, not "Dit veld is verplicht." as well).
        error_messages = {
            "signaal": {"required": _("Beschrijf het signaal.")},
            "reden": {"required": _("Leg uit waarom dit nodig is voor een veilige plaatsing.")},
            "einddatum": {"required": _("Kies tot wanneer het signaal geldt.")},
        }


class CategorieToestemmingForm(KennisgevingForm):
    """The grondslag for showing one part of the dossier to one organisation: the fields of
    the kennisgeving, plus which organisation and which part."""

    class Meta(KennisgevingForm.Meta):
        fields = ["ontvanger", "categorie", *KennisgevingForm.Meta.fields]
        widgets = {**KennisgevingForm.Meta.widgets, "categorie": forms.RadioSelect}
        help_texts = {
            **KennisgevingForm.Meta.help_texts,
            "categorie": _(
                "Eén deel per keer. Begeleidingsbehoefte kan gezondheidsgegevens bevatten: daarvoor is "
                "uitdrukkelijke toestemming nodig. Leerplicht geldt alleen voor onderwijsinformatie. Met de "
                "JJI-school als ontvanger: de onderwijsinformatie die de school van herkomst voor haar vastlegt."
            ),
            "geldig_tot": _("Leeg laten als de toestemming geldt tot ze wordt ingetrokken."),
        }

    def __init__(self, *args, traject, ontvangers, actor, **kwargs):
        super().__init__(*args, traject=traject, ontvanger=None, actor=actor, **kwargs)
        self.fields["ontvanger"].queryset = ontvangers
        self.fields["ontvanger"].empty_label = _("— kies een organisatie —")
        school = policy.schrijvende_school(traject)
        self.fields["ontvanger"].label_from_instance = lambda org: (
            _("%(naam)s (onderwijsinformatie van de school van herkomst)") % {"naam": org.naam}
            if school is not None and org.pk == school.pk
            else org.naam
        )
        self.fields["ontvanger"].help_text = _("Alleen organisaties die actief betrokken zijn bij dit traject.")
        self.fields["categorie"].choices = [(deel.categorie, deel.label) for deel in delen.alle()]


class PersoonKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        naam = obj.get_full_name()
        return f"{naam} ({obj.username})" if naam else obj.username


class LogonderzoekForm(Formulier):
    """The FG's search of the log (``toegang.policy.logonderzoek``): whose readings, which
    period, and why (recorded with the search)."""

    persoon = PersoonKeuze(
        label=_("Wiens raadplegingen"),
        queryset=None,
        empty_label=None,
        help_text=_("Iedereen die bij uw organisatie werkt of werkte."),
    )
    van = forms.DateField(label=_("Van"), widget=DATUM)
    tot = forms.DateField(label=_("Tot en met"), widget=DATUM)
    aanleiding = forms.CharField(
        label=_("Aanleiding"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Bijvoorbeeld het nummer van het beveiligingsincident of de klacht. Uw zoekvraag en de aanleiding "
            "worden vastgelegd."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persoon"].queryset = policy.onderzoekbare_personen(user)


class InschrijvingForm(ModelFormulier):
    """An enrolment after release (the receiving mbo, or leerplicht/RMC without a school)."""

    class Meta:
        model = Inschrijving
        fields = [
            "instelling",
            "opleiding",
            "crebo",
            "niveau",
            "startdatum",
            "eerste_schooldag",
            "einddatum",
            "reden_uitschrijving",
        ]
        widgets = {"startdatum": DATUM, "eerste_schooldag": DATUM, "einddatum": DATUM}
        help_texts = {"einddatum": _("Alleen invullen als de jongere is uitgeschreven.")}


class SchoolcheckpointForm(ModelFormulier):
    class Meta:
        model = Schoolcheckpoint
        fields = ["moment", "peildatum", "uitkomst", "reden", "toelichting"]
        widgets = {"peildatum": DATUM, "toelichting": TEKST}


class NazorgafsluitingForm(ModelFormulier):
    class Meta:
        model = Nazorgafsluiting
        fields = ["evaluatiedatum", "stabiel", "geadviseerd_door", "toelichting"]
        widgets = {"evaluatiedatum": DATUM, "toelichting": TEKST}


class OudersBetrekkenForm(ModelFormulier):
    """The young person's own consent to involve their parents (from 18)."""

    class Meta:
        model = OudersBetrekken
        fields = ["datum_gegeven", "wijze", "toelichting"]
        widgets = {"datum_gegeven": DATUM}
        help_texts = {
            "toelichting": _("Bijvoorbeeld: alleen de moeder, of alleen over school. Geen gevoelige details."),
        }
