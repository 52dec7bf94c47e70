from django import forms
from django.utils.translation import gettext_lazy as _

from jji_traject.forms import Formulier


class OntvangerForm(Formulier):
    """The recipient person of a document: someone of an active organisation who sees the traject."""

    ontvanger = forms.TypedChoiceField(
        label=_("Voor wie"),
        coerce=int,
        empty_value=None,
        error_messages={
            "required": _("Kies voor wie het document is."),
            "invalid_choice": _("Kies iemand van een organisatie die actief betrokken is en dit traject ziet."),
        },
        help_text=_("Het document bevat precies wat deze persoon mag lezen, met de toestemmingen van vandaag."),
    )

    def __init__(self, *args, kandidaten, **kwargs):
        super().__init__(*args, **kwargs)
        self.kandidaten = {m.pk: m for m in kandidaten}
        self.fields["ontvanger"].choices = [("", _("Kies een persoon"))] + [
            (m.pk, f"{m.naam} — {m.get_rol_display()}, {m.organisatie.naam}") for m in kandidaten
        ]

    def medewerker(self):
        return self.kandidaten.get(self.cleaned_data["ontvanger"])
