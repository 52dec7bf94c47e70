"""The monitor's choice of period (issue 19): whole years or whole quarters of release, from
and to, read by ``monitor.perioden``; refused with a Dutch message per field. Quarters are
suppressed together with their years (``monitor.selectors``), so choosing both says no more.
Everyone reads one fixed set — their own regio, or, for the national rol, all regios
together — so there is no regio to choose (the view answers ``?regio=`` for another regio,
or for the national rol, with a 404)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jji_traject.forms import Formulier

from .perioden import periode_lezen, reeks, standaard

# More columns than this do not fit a page (and a national view of many quarters says little).
MAX_PERIODEN = 12


class PeriodeForm(Formulier):
    van = forms.CharField(label=_("Van"), max_length=7, required=False)
    tot = forms.CharField(label=_("Tot en met"), max_length=7, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.vandaag = timezone.localdate()

    def clean(self):
        gegevens = super().clean()
        if self.errors:
            return gegevens
        van, tot = gegevens.get("van", ""), gegevens.get("tot", "")
        if not van and not tot:
            gegevens["perioden"] = standaard(self.vandaag)
            return gegevens
        # One given bound stands for both (a single year or quarter); each text is read once,
        # and its error shows at its own field.
        gelezen = {}
        for veld, tekst in (("van", van), ("tot", tot)):
            if tekst:
                try:
                    gelezen[veld] = periode_lezen(tekst, vandaag=self.vandaag)
                except ValidationError as fout:
                    self.add_error(veld, fout)
        if self.errors:
            return gegevens
        perioden = {"van": gelezen.get("van") or gelezen["tot"], "tot": gelezen.get("tot") or gelezen["van"]}
        try:
            gegevens["perioden"] = reeks(perioden["van"], perioden["tot"], vandaag=self.vandaag)
        except ValidationError as fout:
            self.add_error("tot", fout)
            return gegevens
        if len(gegevens["perioden"]) > MAX_PERIODEN:
            self.add_error("tot", _("Kies hooguit %(aantal)s perioden tegelijk.") % {"aantal": MAX_PERIODEN})
        return gegevens
