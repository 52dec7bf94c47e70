"""Forms of the traject pages. Choice querysets always come from the access policy."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from jji_traject.forms import Formulier, ModelFormulier
from jji_traject.vrije_tekst import MAX_TEKST
from netwerk.constants import NetwerkSoort, OrganisatieSoort
from netwerk.models import Medewerker
from toegang import policy

from .constants import (
    ACTIEF_VANAF_START,
    FASE_VOLGORDE,
    BetrokkenheidSoort,
    Fase,
    Grondslag,
    OverlegSoort,
    Partij,
    Stap,
    TaakStatus,
    Uitstroombestemming,
    VertrekOnderwerp,
    VertrekStatus,
    Wijze,
)
from .models import Jongere, Taak, Toestemming, Traject

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class JongereForm(ModelFormulier):
    prefix = "jongere"
    legenda = _("Jongere")

    class Meta:
        model = Jongere
        fields = ["voornaam", "tussenvoegsel", "achternaam", "geboortedatum", "startkwalificatie"]
        widgets = {"geboortedatum": DATUM}


class TrajectStartForm(ModelFormulier):
    """The traject's basic data; the titel field only for readers who may know titels."""

    prefix = "traject"
    legenda = _("Verblijf")

    class Meta:
        model = Traject
        fields = ["titel", "verblijfsduur", "startdatum", "verwachte_einddatum"]
        widgets = {"startdatum": DATUM, "verwachte_einddatum": DATUM}
        help_texts = {"startdatum": _("De dag van instroom in de JJI.")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if not policy.mag_titel_kennen(user):
            del self.fields["titel"]


class TrajectWijzigForm(TrajectStartForm):
    """Also the dates of the stay's events: changing one recomputes open deadlines."""

    class Meta(TrajectStartForm.Meta):
        fields = [
            *TrajectStartForm.Meta.fields,
            "voorgeleiding_op",
            "stp_start",
            "vrijgelaten_op",
            "uitstroombestemming",
            "terugkeerregio",
            "terug_naar_herkomst",
            "nazorg_evaluatie_op",
        ]
        widgets = {
            **TrajectStartForm.Meta.widgets,
            "voorgeleiding_op": DATUM,
            "stp_start": DATUM,
            "vrijgelaten_op": DATUM,
            "nazorg_evaluatie_op": DATUM,
        }


class FaseForm(Formulier):
    """The next fase; with open tasks left behind, going on needs a confirmation."""

    fase = forms.ChoiceField(label=_("Nieuwe fase"))
    vrijgelaten_op = forms.DateField(
        label=_("Datum vrijlating"),
        required=False,
        widget=DATUM,
        help_text=_("Alleen bij uitstroom. Leeg: vandaag. Hieruit volgen de contactmomenten na uitstroom."),
    )
    schorsing = forms.BooleanField(
        label=_("Plotseling vrij (bijvoorbeeld een schorsing)"),
        required=False,
        help_text=_(
            "Dan vervallen de open taken van het verblijf en zijn de taken van 'net buiten' direct aan de beurt."
        ),
    )
    bevestig = forms.BooleanField(label=_("Ik weet dat er nog taken open staan en ga toch door"), required=False)

    def __init__(self, *args, traject: Traject, open_taken: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.open_taken = open_taken
        huidige = FASE_VOLGORDE.index(traject.fase)
        self.fields["fase"].choices = [(f.value, f.label) for f in FASE_VOLGORDE[huidige + 1 :]]
        if traject.fase == Fase.INSTROOM:
            self.fields["fase"].help_text = _("Bij een plotselinge vrijlating (schorsing) ga je direct naar uitstroom.")
        if traject.fase != Fase.VERBLIJF:
            del self.fields["schorsing"]  # from instroom straight to uitstroom is always sudden
        if open_taken:
            self.fields["bevestig"].help_text = ngettext(
                "Tot en met deze fase staat nog %(aantal)d taak open.",
                "Tot en met deze fase staan nog %(aantal)d taken open.",
                open_taken,
            ) % {"aantal": open_taken}
        else:
            del self.fields["bevestig"]

    def clean(self):
        data = super().clean()
        if self.open_taken and not data.get("bevestig"):
            self.add_error("bevestig", _("Bevestig dat je verder gaat terwijl er nog taken open staan."))
        return data


class AfsluitenForm(Formulier):
    afgesloten_op = forms.DateField(label=_("Datum van afsluiten"), widget=DATUM, initial=timezone.localdate)
    besluit = forms.CharField(
        label=_("Waarom is de situatie stabiel?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld: gaat elke dag naar school, woont stabiel, begeleiding afgebouwd."),
    )
    advies = forms.CharField(
        label=_("Wie adviseerde over afbouw of voortzetting?"), max_length=200, help_text=_("Naam en organisatie.")
    )


class BetrokkenheidForm(Formulier):
    organisatie = forms.ModelChoiceField(label=_("Organisatie"), queryset=None)
    soort = forms.ChoiceField(
        label=_("Betrokken als"),
        choices=[(s.value, s.label) for s in BetrokkenheidSoort if s not in ACTIEF_VANAF_START],
    )

    def __init__(self, *args, user, traject: Traject, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].queryset = policy.toevoegbare_organisaties(user, traject)
        self.fields["organisatie"].label_from_instance = lambda o: f"{o.naam} ({o.get_soort_display()}, {o.regio})"


class KennisgevingForm(ModelFormulier):
    """The grondslag for telling an organisation about the placement."""

    class Meta:
        model = Toestemming
        fields = [
            "grondslag",
            "datum_gegeven",
            "wijze",
            "gegeven_door",
            "jongere_gevraagd",
            "weigeren_zonder_gevolgen",
            "toelichting",
            "bron",
            "geldig_tot",
        ]
        widgets = {
            "grondslag": forms.RadioSelect,
            "wijze": forms.RadioSelect,
            "datum_gegeven": DATUM,
            "geldig_tot": DATUM,
            "toelichting": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "datum_gegeven": _(
                "Wanneer de jongere (of ouder/voogd) toestemming gaf, of sinds wanneer de grondslag geldt."
            ),
            "geldig_tot": _("Leeg laten als de grondslag geldt tot hij wordt ingetrokken."),
        }

    def __init__(self, *args, traject: Traject, ontvanger, actor, **kwargs):
        instance = Toestemming(
            traject=traject, ontvanger=ontvanger, vastgelegd_door=actor, datum_gegeven=timezone.localdate()
        )
        super().__init__(*args, instance=instance, **kwargs)
        # Radio buttons without the empty "---------" choice: the form says when one is missing.
        # The INJUS message is a basis only for telling a gemeente (``Toestemming._clean_injus``).
        injus = ontvanger is not None and ontvanger.soort == OrganisatieSoort.GEMEENTE
        self.fields["grondslag"].choices = [
            (w, label) for w, label in Grondslag.choices if injus or w != Grondslag.INJUS
        ]
        self.fields["wijze"].choices = Wijze.choices
        if not injus:
            del self.fields["bron"]


class ToewijzingForm(Formulier):
    medewerker = forms.ModelChoiceField(label=_("Medewerker"), queryset=Medewerker.objects.none())

    def __init__(self, *args, user, traject: Traject, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["medewerker"].queryset = policy.toewijsbare_medewerkers(user, traject)
        self.fields["medewerker"].label_from_instance = lambda m: f"{m.naam} ({m.get_rol_display()}, {m.organisatie})"


class TaakStatusForm(Formulier):
    """Status of one task; the note only where the task may hold content."""

    status = forms.ChoiceField(label=_("Status"), choices=TaakStatus.choices)
    reden = forms.CharField(label=_("Reden als niet van toepassing"), required=False, max_length=300)
    notitie = forms.CharField(label=_("Notitie"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    medewerker = forms.ModelChoiceField(
        label=_("Wie"),
        queryset=Medewerker.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Kies iemand van de organisatie die deze taak uitvoert.")},
    )

    def __init__(self, *args, taak: Taak, user=None, **kwargs):
        kwargs.setdefault("prefix", f"taak-{taak.pk}")
        kwargs.setdefault("initial", {"status": taak.status, "reden": taak.reden, "notitie": taak.notitie})
        super().__init__(*args, **kwargs)
        if taak.alleen_registratie:
            del self.fields["notitie"]
        if user is not None and taak.organisatie_id:
            self.fields["medewerker"].queryset = policy.actieve_medewerkers(user, taak.traject).filter(
                organisatie_id=taak.organisatie_id
            )
        else:
            del self.fields["medewerker"]


class TaakForm(Formulier):
    """An ad-hoc task without a routekaart line."""

    tekst = forms.CharField(label=_("Taak"), max_length=300)
    stap = forms.TypedChoiceField(label=_("Stap"), choices=Stap.choices, coerce=int)
    organisatie = forms.ModelChoiceField(
        label=_("Uitvoerende organisatie"), queryset=None, required=False, empty_label=_("nog niet bepaald")
    )
    deadline = forms.DateField(label=_("Uiterlijk op"), required=False, widget=DATUM)

    def __init__(self, *args, user, traject: Traject, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].queryset = policy.actieve_organisaties(user, traject)


class VerantwoordelijkheidForm(Formulier):
    """Fill in one blank of a regio's routekaart."""

    uitvoerder = forms.ChoiceField(label=_("Wie voert uit"), choices=[("", _("nog niet ingevuld")), *Partij.choices])
    functie = forms.CharField(label=_("Functie"), required=False, max_length=120)
    regie = forms.ChoiceField(label=_("Wie heeft regie"), required=False, choices=[("", "—"), *Partij.choices])
    geinformeerd = forms.CharField(label=_("Wie wordt geïnformeerd"), required=False, max_length=200)
    termijn_dagen = forms.IntegerField(label=_("Termijn in dagen"), required=False, min_value=-730, max_value=730)

    def __init__(self, *args, regel, **kwargs):
        kwargs.setdefault("prefix", f"regel-{regel.pk}")
        kwargs.setdefault(
            "initial",
            {
                "uitvoerder": regel.uitvoerder,
                "functie": regel.functie,
                "regie": regel.regie,
                "geinformeerd": regel.geinformeerd,
                "termijn_dagen": regel.termijn_dagen,
            },
        )
        super().__init__(*args, **kwargs)
        if regel.termijn_gebeurtenis:
            self.fields["termijn_dagen"].label = _("Dagen vanaf %(gebeurtenis)s") % {
                "gebeurtenis": regel.get_termijn_gebeurtenis_display()
            }
        else:
            del self.fields["termijn_dagen"]


class ContactmomentenForm(Formulier):
    """The regio's defaults for contact moments after release."""

    contact_interval_dagen = forms.IntegerField(
        label=_("Contactmoment na uitstroom elke … dagen"), min_value=1, max_value=60
    )
    contact_aantal = forms.IntegerField(label=_("Aantal contactmomenten na uitstroom"), min_value=0, max_value=26)


class VeiligeMeerkeuze(forms.ModelMultipleChoiceField):
    """Refuses ids a database cannot hold before asking it (SQLite overflows on them)."""

    def _check_values(self, value):
        for waarde in value:
            try:
                if not 0 < int(waarde) < 2**63:
                    raise ValueError
            except (TypeError, ValueError):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": waarde}
                ) from None
        return super()._check_values(value)


class OverlegForm(Formulier):
    """A meeting or contact moment; its outcome can create follow-up tasks."""

    soort = forms.ChoiceField(label=_("Soort"), choices=OverlegSoort.choices, widget=forms.RadioSelect)
    datum = forms.DateField(label=_("Datum"), widget=DATUM, initial=timezone.localdate)
    deelnemers = VeiligeMeerkeuze(
        label=_("Deelnemers"), queryset=Medewerker.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    andere_deelnemers = forms.CharField(
        label=_("Andere deelnemers"),
        required=False,
        max_length=300,
        help_text=_("Bijvoorbeeld: de jongere, ouder, mentor."),
    )
    jongere_aanwezig = forms.BooleanField(label=_("De jongere was erbij"), required=False)
    uitkomst = forms.CharField(
        label=_("Uitkomst en afspraken"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Toekomstgericht: wat is nodig en wat spreken we af. Geen details over delicten."),
    )
    uitstroombestemming = forms.ChoiceField(
        label=_("Besloten uitstroombestemming"),
        required=False,
        choices=[("", _("niet besproken")), *Uitstroombestemming.choices],
    )
    vervolgtaken = forms.CharField(
        label=_("Vervolgtaken"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eén taak per regel; ze komen bij jouw organisatie."),
    )

    def __init__(self, *args, user, traject: Traject, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deelnemers"].queryset = policy.actieve_medewerkers(user, traject)
        self.fields["deelnemers"].label_from_instance = lambda m: f"{m.naam} ({m.get_rol_display()}, {m.organisatie})"
        # The weekly trajectknooppunt is internal to the JJI and the JJI-school.
        soorten = policy.overlegsoorten(user, traject)
        self.fields["soort"].choices = [(waarde, label) for waarde, label in OverlegSoort.choices if waarde in soorten]

    def clean_vervolgtaken(self) -> list[str]:
        return [regel.strip() for regel in self.cleaned_data["vervolgtaken"].splitlines() if regel.strip()]


class VertrekForm(Formulier):
    """The whole ready-to-leave checklist as one form: per onderwerp its status and a short
    note (``<onderwerp>_status``, ``<onderwerp>_toelichting``)."""

    prefix = "vertrek"

    def __init__(self, *args, items: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.onderwerpen = []
        for onderwerp in VertrekOnderwerp:
            item = items.get(onderwerp.value)
            self.fields[f"{onderwerp.value}_status"] = forms.ChoiceField(
                label=_("Status"),
                choices=VertrekStatus.choices,
                initial=item.status if item else VertrekStatus.OPEN,
                error_messages={"invalid_choice": _("Kies een van de statussen in de lijst.")},
            )
            self.fields[f"{onderwerp.value}_toelichting"] = forms.CharField(
                label=_("Toelichting"),
                required=False,
                max_length=200,
                initial=item.toelichting if item else "",
            )
            self.onderwerpen.append(onderwerp)

    def groepen(self) -> list[dict]:
        """Per onderwerp what ``_vertrek_form.html`` shows: its label and, per field, the
        values it writes out (name, id, label, value, errors). On the traject's page the
        sixteen fields cost more through the general field template than the rest of the page
        (issue 21); the markup is the same as that template's."""
        return [
            {
                "waarde": o.value,
                "label": o.label,
                "status": self._veld(f"{o.value}_status"),
                "toelichting": self._veld(f"{o.value}_toelichting"),
                "fout": self.has_error(f"{o.value}_status") or self.has_error(f"{o.value}_toelichting"),
            }
            for o in self.onderwerpen
        ]

    def _veld(self, naam: str) -> dict:
        veld = self[naam]
        waarde = veld.value()
        return {
            "naam": veld.html_name,
            "id": veld.auto_id,
            "label": veld.label,
            "waarde": "" if waarde is None else str(waarde),
            "fouten": list(self.errors.get(naam, ())),
            "max": veld.field.max_length if isinstance(veld.field, forms.CharField) else None,
        }

    def statussen(self) -> list[tuple[str, str]]:
        """The statuses with their labels (the status fields' own choices, alike for each),
        translated once for all eight selects."""
        return [(waarde, str(label)) for waarde, label in self.fields[f"{self.onderwerpen[0].value}_status"].choices]

    def items(self) -> dict[str, tuple[str, str]]:
        return {
            o.value: (self.cleaned_data[f"{o.value}_status"], self.cleaned_data[f"{o.value}_toelichting"])
            for o in self.onderwerpen
        }


class NetwerkContactForm(Formulier):
    """Someone around the young person: a professional from the netwerkkaart, or the personal network."""

    soort = forms.ChoiceField(label=_("Wie"), choices=NetwerkSoort.choices, widget=forms.RadioSelect)
    contactpersoon = forms.ModelChoiceField(label=_("Professional van de netwerkkaart"), queryset=None, required=False)
    naam = forms.CharField(label=_("Naam"), max_length=200, required=False, help_text=_("Niet bij een professional."))
    relatie = forms.CharField(label=_("Relatie"), max_length=120, required=False)
    telefoon = forms.CharField(label=_("Telefoon"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    regie_na_uitstroom = forms.BooleanField(label=_("Heeft de regie na uitstroom"), required=False)

    def __init__(self, *args, user, traject: Traject, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contactpersoon"].queryset = policy.kiesbare_contactpersonen(user, traject)
        self.fields["contactpersoon"].label_from_instance = lambda c: (
            f"{c.naam} ({c.get_rol_display()}, {c.organisatie.naam})"
        )

    def clean(self):
        data = super().clean()
        if data.get("soort") == NetwerkSoort.PROFESSIONAL:
            data.update(naam="", relatie=data.get("relatie", ""), telefoon="", email="")
            if not data.get("contactpersoon"):
                self.add_error("contactpersoon", _("Kies een professional van de netwerkkaart."))
        else:
            data["contactpersoon"] = None
            if not data.get("naam", "").strip():
                self.add_error("naam", _("Vul de naam in."))
        return data


class ToekomstperspectiefForm(Formulier):
    """Per leefgebied: where does the young person stand after the JJI? Future-oriented."""

    def __init__(self, *args, huidig: dict[str, str], **kwargs):
        from .constants import Leefgebied

        super().__init__(*args, **kwargs)
        for gebied in Leefgebied:
            self.fields[gebied.value] = forms.CharField(
                label=str(gebied.label).capitalize(),
                required=False,
                max_length=MAX_TEKST,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=huidig.get(gebied.value, ""),
                help_text=UITLEG_LEEFGEBIED.get(gebied.value, ""),
            )


UITLEG_LEEFGEBIED = {
    "wonen": _("Waar gaat de jongere wonen, en is dat geregeld voor de dag van vertrek?"),
    "onderwijs_werk": _("Welke school, opleiding, werk of dagbesteding; wanneer begint het?"),
    "vrije_tijd": _("Sport, hobby's, mensen die goed doen."),
    "zorg": _(
        "Welke begeleiding gaat door en wie doet het? Zonder diagnose of behandeling. Alleen de JJI en de "
        "JJI-school lezen dit; een ander alleen met toestemming voor begeleidingsbehoefte."
    ),
}
