"""Forms of the beslismodel. The draft's form is built from the template version the draft
was begun with; its fields are named by ``veldnaam`` so a service's refusal lands on them."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jji_traject.forms import Formulier
from jji_traject.standaardtekst import standaardtekst
from jji_traject.vrije_tekst import MAX_TEKST
from trajecten.forms import DATUM

from .constants import STATUS_ICOON, STATUS_UITLEG, ItemSoort, Status, veldnaam


class AntwoordenForm(Formulier):
    """Per item: "extra aandacht nodig" and what is needed, or a choice; and the reason to
    keep flagged wording."""

    stempel = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, items, antwoorden, formulering_toelichting="", stempel="", **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        self.fields["stempel"].initial = stempel
        for item in items:
            antwoord = antwoorden.get(item.pk)
            if item.soort == ItemSoort.KEUZE:
                veld = self.fields[veldnaam(item.sleutel, "keuze")] = forms.ChoiceField(
                    label=standaardtekst(item.titel),
                    choices=[(k.code, standaardtekst(k.label)) for k in item.keuzes.all()],
                    required=False,
                    widget=forms.RadioSelect,
                    initial=antwoord.keuze.code if antwoord and antwoord.keuze_id else None,
                    help_text=" ".join(
                        filter(
                            None,
                            [
                                standaardtekst(item.uitleg),
                                str(_("Nodig om in te dienen; de ontvangende school leest dit altijd.")),
                            ],
                        )
                    ),
                )
                # A draft may be saved without it, but it is required to submit: said at the field.
                veld.markering = _("verplicht om in te dienen")
            else:
                self.fields[veldnaam(item.sleutel, "aandacht")] = forms.BooleanField(
                    label=_("Extra aandacht nodig"),
                    required=False,
                    initial=bool(antwoord and antwoord.extra_aandacht),
                )
                self.fields[veldnaam(item.sleutel, "toelichting")] = forms.CharField(
                    label=standaardtekst(item.vraag) or _("Toelichting; wat is nodig"),
                    required=False,
                    max_length=MAX_TEKST,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    initial=antwoord.toelichting if antwoord else "",
                )
        self.fields["formulering_toelichting"] = forms.CharField(
            label=_("Waarom deze woorden nodig zijn"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
            initial=formulering_toelichting,
            help_text=_(
                "Alleen als de controle op toekomstgericht formuleren woorden aanwijst die je toch wilt houden: "
                "leg uit waarom de ontvangende school ze nodig heeft."
            ),
        )

    def clean(self):
        # A post without the form's own fields (an empty or cut-off request) must not save an
        # empty draft over the answers.
        if not self.cleaned_data.get("stempel"):
            raise forms.ValidationError(
                _("Het formulier kwam niet compleet aan. Laad de pagina opnieuw; er is niets opgeslagen.")
            )
        return self.cleaned_data

    def velden_van(self, item) -> list:
        namen = ["keuze"] if item.soort == ItemSoort.KEUZE else ["aandacht", "toelichting"]
        return [self[veldnaam(item.sleutel, naam)] for naam in namen]


class IndienenForm(Formulier):
    ontvanger = forms.ModelChoiceField(
        label=_("Indienen bij"),
        queryset=None,
        empty_label=_("Kies de mbo-instelling"),
        error_messages={
            "required": _("Kies de mbo-instelling waar de jongere gaat leren."),
            "invalid_choice": _("Kies een mbo-instelling die bij dit traject betrokken is."),
        },
        help_text=_("De mbo-instelling waar de jongere gaat leren. Zij moet actief betrokken zijn."),
    )
    met_jongere_besproken = forms.BooleanField(
        label=_("Ik heb het beslismodel samen met de jongere voorbereid en besproken wat de school te weten krijgt"),
        error_messages={
            "required": _(
                "Bereid het beslismodel samen met de jongere voor, en bespreek wat de school te weten krijgt en waarom."
            )
        },
    )

    def __init__(self, *args, ontvangers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ontvanger"].queryset = ontvangers


def _status_keuzes():
    """Each status with its word, an icon and what it means: never colour alone."""
    return [(s.value, f"{STATUS_ICOON[s]} {s.label} — {STATUS_UITLEG[s]}") for s in Status]


class BesluitForm(Formulier):
    advies = forms.CharField(
        label=_("Advies voor maatregelen en ondersteuning"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_TEKST,
        error_messages={
            "required": _("Schrijf het advies: wat is nodig op de plek waar de jongere gaat leren, en wie doet het?")
        },
        help_text=_("Wat is nodig op de plek waar de jongere gaat leren, en wie doet het?"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=_status_keuzes,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies groen, oranje of rood."),
            "invalid_choice": _("Kies groen, oranje of rood."),
        },
    )
    motivatie = forms.CharField(
        label=_("Motivatie"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_TEKST,
        error_messages={"required": _("Motiveer de status: waarom past deze bij wat de jongere nodig heeft?")},
        help_text=_("Waarom past deze status bij wat de jongere nodig heeft? Rood is geen weigering van toelating."),
    )
    afwijkingsreden = forms.CharField(
        label=_("Waarom een andere status dan de suggestie"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=MAX_TEKST,
        required=False,
        help_text=_("Alleen nodig als je een andere status kiest dan de suggestie."),
    )
    aanspreekpunt = forms.ModelChoiceField(
        label=_("Eerste aanspreekpunt voor de jongere"),
        queryset=None,
        required=False,
        empty_label=_("nog niemand"),
        help_text=_("Wordt een taak op de routekaart (stap 8)."),
    )
    evaluatie_op = forms.DateField(
        label=_("Evaluatie van het begeleidingsplan op"),
        required=False,
        widget=DATUM,
        help_text=_("Met de student, school en betrokken hulpverleners. Wordt een taak met deze datum."),
    )

    def __init__(self, *args, mensen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanspreekpunt"].queryset = mensen


class MaatregelForm(Formulier):
    omschrijving = forms.CharField(label=_("Afspraak uit het begeleidingsplan"), max_length=300, required=False)
    medewerker = forms.ModelChoiceField(label=_("Wie"), queryset=None, required=False, empty_label=_("de school"))
    datum = forms.DateField(label=_("Uiterlijk op"), required=False, widget=DATUM)

    def __init__(self, *args, mensen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["medewerker"].queryset = mensen

    def clean_datum(self):
        # The service's rule (``_maatregelen_controleren``), here too: all errors of the page at once.
        datum = self.cleaned_data.get("datum")
        vandaag = timezone.localdate()
        if datum and datum < vandaag:
            raise forms.ValidationError(_("Deze datum ligt in het verleden."))
        if datum and datum > vandaag + dt.timedelta(days=731):
            raise forms.ValidationError(_("Kies een datum binnen twee jaar."))
        return datum

    def clean(self):
        data = super().clean()
        ingevuld = data.get("medewerker") or data.get("datum") or self.has_error("datum")
        if ingevuld and not (data.get("omschrijving") or "").strip() and not self.has_error("omschrijving"):
            self.add_error("omschrijving", _("Beschrijf de afspraak, of maak de hele regel leeg."))
        return data


MaatregelFormSet = forms.formset_factory(MaatregelForm, extra=3, max_num=20, absolute_max=20, validate_max=True)


class TerugleggenForm(Formulier):
    reactie = forms.CharField(
        label=_("Waarom leg je het besluit terug?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_TEKST,
        required=False,
    )


# --- The template (functioneel beheerder) -----------------------------------------------------


class SjabloonTekstForm(Formulier):
    naam = forms.CharField(label=_("Naam"), max_length=200)
    adviestitel = forms.CharField(label=_("Kop van het advies"), max_length=200)
    adviesuitleg = forms.CharField(
        label=_("Uitleg bij het advies"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )


class SectieForm(Formulier):
    titel = forms.CharField(label=_("Titel"), max_length=200)
    uitleg = forms.CharField(
        label=_("Uitleg"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )


class ItemForm(Formulier):
    """The words of one item; for a choice item also the words of each option (the options
    themselves, and what they mean for the suggestion, stay)."""

    titel = forms.CharField(label=_("Titel"), max_length=300)
    uitleg = forms.CharField(
        label=_("Uitleg"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )
    aandachtspunten = forms.CharField(
        label=_("Aandachtspunten"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=4000,
        help_text=_("Eén per regel."),
    )
    vraag = forms.CharField(label=_("Vraag bij de toelichting"), max_length=300, required=False)

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.keuzecodes = []
        if item.soort == ItemSoort.KEUZE:
            del self.fields["aandachtspunten"], self.fields["vraag"]
            for keuze in item.keuzes.all():
                naam = f"keuze_{keuze.code}"
                self.keuzecodes.append(keuze.code)
                self.fields[naam] = forms.CharField(
                    label=_("Keuze: %(betekenis)s") % {"betekenis": keuze.get_code_display()},
                    max_length=200,
                    initial=keuze.label,
                    help_text=_("Wat de keuze betekent voor de suggestie blijft hetzelfde; alleen de tekst verandert."),
                )

    def keuzelabels(self) -> dict[str, str]:
        return {code: self.cleaned_data[f"keuze_{code}"] for code in self.keuzecodes}
