"""Forms of the netwerkkaart pages (no youth data)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from jji_traject.forms import Formulier, ModelFormulier

from .constants import Rol
from .models import Contactpersoon, Medewerker


class ContactpersoonForm(ModelFormulier):
    class Meta:
        model = Contactpersoon
        fields = ["rol", "naam", "functie", "telefoon", "email", "bereikbaarheid", "niveau", "medewerker"]
        help_texts = {
            "bereikbaarheid": _("Bijvoorbeeld: ma-do 8.30-16.30, niet in de schoolvakanties."),
            "medewerker": _(
                "Alleen als deze contactpersoon ook met jji-traject werkt. De kaart toont dan het e-mailadres van de "
                "gebruiker: één adres per persoon."
            ),
            "email": _("Leeg laten bij een gebruiker van de app: dan geldt het e-mailadres van de gebruiker."),
        }

    def __init__(self, *args, organisatie, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisatie = organisatie
        self.fields["medewerker"].queryset = (
            Medewerker.objects.filter(organisatie=organisatie, user__is_active=True)
            .exclude(rol=Rol.SYSTEEM)  # a contact on the map is a person
            .select_related("user")
        )
        self.fields["medewerker"].label_from_instance = lambda m: m.naam


class ImportForm(Formulier):
    bestand = forms.FileField(
        label=_("CSV-bestand"),
        error_messages={"required": _("Kies een CSV-bestand.")},
        help_text=_(
            "Een bestand zoals de export: puntkomma's of komma's, uit Excel (Windows-1252) of UTF-8. "
            "Eerst zie je wat er zou veranderen; er wordt nog niets opgeslagen."
        ),
    )
    inhoud = forms.CharField(widget=forms.HiddenInput, required=False)
    verwijder_ontbrekende = forms.BooleanField(
        label=_("Contactpersonen die niet in het bestand staan van de kaart halen"),
        help_text=_("Alleen bij de organisaties die in het bestand staan; andere organisaties blijven zoals ze zijn."),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Confirming a dry run sends the checked text again instead of a file.
        self.fields["bestand"].required = not (self.data.get("inhoud") if self.is_bound else False)

    def clean(self):
        data = super().clean()
        if data.get("bestand"):
            data["gegevens"] = data["bestand"].read(2_000_001)
        elif data.get("inhoud"):
            data["gegevens"] = data["inhoud"].encode("utf-8")
        elif not self.has_error("bestand"):
            self.add_error("bestand", _("Kies een CSV-bestand."))
        return data


class CodeForm(Formulier):
    """A code from the authenticator app (six digits) or a backup code (as printed)."""

    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        strip=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autocapitalize": "off", "spellcheck": "false"}
        ),
        error_messages={"required": _("Vul de code in."), "max_length": _("Deze code is te lang.")},
    )
