from django import forms
from django.utils.translation import gettext_lazy as _

from jji_traject.forms import Formulier, ModelFormulier
from jji_traject.vrije_tekst import MAX_TEKST

from .models import RAADPLEGINGEN_BODEM_JAREN, TERMIJNEN, Besluit, Bewaarschema, Inzageverzoek, Rechtenverzoek

GRENZEN = {
    "signalen_dagen": (1, 3650, _("dagen")),
    "dossier_maanden": (1, 240, _("maanden")),
    "pseudonimiseren_maanden": (1, 240, _("maanden")),
    "raadplegingen_jaren": (RAADPLEGINGEN_BODEM_JAREN, 30, _("jaar")),
}


class BewaarschemaForm(ModelFormulier):
    class Meta:
        model = Bewaarschema
        fields = [*TERMIJNEN, "bevestigd_door"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for naam, (laagst, hoogst, eenheid) in GRENZEN.items():
            veld = self.fields[naam]
            veld.error_messages["min_value"] = (
                _(
                    "Raadplegingen blijven minstens %(n)s jaar bewaard: korter staat de database niet toe "
                    "(de bodem van de bewaartermijn van het log)."
                )
                % {"n": laagst}
                if naam == "raadplegingen_jaren"
                else _("Een bewaartermijn is minstens %(n)s %(eenheid)s; 0 of minder kan niet.")
                % {"n": laagst, "eenheid": eenheid}
            )
            veld.error_messages["max_value"] = _("Hooguit %(n)s %(eenheid)s.") % {"n": hoogst, "eenheid": eenheid}
            veld.error_messages["invalid"] = _("Vul een heel getal in.")
            veld.widget.attrs.update({"min": laagst, "max": hoogst, "inputmode": "numeric"})


class InzageverzoekForm(ModelFormulier):
    class Meta:
        model = Inzageverzoek
        fields = ["ontvangen_op", "aanvrager", "aanvrager_naam", "identiteit", "toelichting"]
        widgets = {
            "ontvangen_op": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "aanvrager": forms.RadioSelect,
            "identiteit": forms.RadioSelect,
        }
        help_texts = {
            "aanvrager_naam": _("Alleen als een ouder of voogd met gezag vraagt (de jongere is jonger dan 16)."),
            "toelichting": _("Bijvoorbeeld hoe de identiteit anders is gecontroleerd. Geen kopie van het ID-bewijs."),
        }


class LeveringForm(ModelFormulier):
    class Meta:
        model = Inzageverzoek
        fields = ["geleverd_op", "levering"]
        widgets = {"geleverd_op": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["geleverd_op"].required = True
        self.fields["levering"].required = True


class RechtenverzoekForm(ModelFormulier):
    class Meta:
        model = Rechtenverzoek
        fields = ["soort", "categorie", "ontvangen_op", "aanvrager", "aanvrager_naam", "omschrijving"]
        widgets = {
            "soort": forms.RadioSelect,
            "aanvrager": forms.RadioSelect,
            "ontvangen_op": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "aanvrager_naam": _("Alleen als een ouder of voogd met gezag vraagt (de jongere is jonger dan 16)."),
        }


class BesluitForm(Formulier):
    besluit = forms.ChoiceField(label=_("Besluit"), choices=Besluit.choices, widget=forms.RadioSelect)
    reden = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_TEKST,
        help_text=_("De jongere krijgt deze reden te lezen. Schrijf in eenvoudige taal."),
    )
