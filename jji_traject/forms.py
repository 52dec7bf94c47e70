"""The base of every form of the project (``Formulier``, ``ModelFormulier``), and the forms of
the entrance: signing in, changing one's own password, asking for a new one."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from . import inloggen
from .vrije_tekst import MAX_TEKST

LEEG = "---------"  # Django's empty choice: never shown here
KIES = _("Kies …")
GEEN_KEUZE = _("Geen keuze")
TE_LANG = _("Deze tekst is te lang: hooguit %(limit_value)d tekens (nu %(show_value)d).")


def veld_inrichten(veld: forms.Field) -> None:
    """One field as every form here shows it (idempotent): text has a maximum length (its
    ``maxlength`` attribute too, and a Dutch message), and an empty choice reads "Kies …"
    in a list — or, among radio buttons, is left out when a choice is required."""
    if isinstance(veld, forms.CharField) and not veld.widget.is_hidden:
        if veld.max_length is None:
            veld.max_length = MAX_TEKST
        if not any(isinstance(v, MaxLengthValidator) for v in veld.validators):
            # also where a form set max_length after the field was made (Django's login form)
            veld.validators.append(MaxLengthValidator(veld.max_length))
        veld.widget.attrs.update(veld.widget_attrs(veld.widget))
        veld.error_messages.setdefault("max_length", TE_LANG)
    rondjes = getattr(veld.widget, "input_type", "") == "radio"
    if isinstance(veld, forms.ModelChoiceField):
        if rondjes and veld.required:
            veld.empty_label = None
        elif veld.empty_label == LEEG:
            veld.empty_label = GEEN_KEUZE if rondjes else KIES
    elif isinstance(veld, forms.ChoiceField):
        keuzes = list(veld.choices)
        if any(waarde == "" and label == LEEG for waarde, label in keuzes):
            leeg = [] if rondjes and veld.required else [("", GEEN_KEUZE if rondjes else KIES)]
            veld.choices = [*leeg, *((w, label) for w, label in keuzes if not (w == "" and label == LEEG))]


class FormulierMixin:
    """What every form of the project shares (the fields as ``veld_inrichten`` sets them up,
    also fields a form adds or changes in its own ``__init__``), and one message per error: a
    field shows its first error only (a required field left empty says so once, not also what
    the model's ``clean`` says about the same empty field), and a message at the top of the
    form is not repeated."""

    def __getitem__(self, name):
        veld = self.fields.get(name)
        if veld is not None and not getattr(veld, "_ingericht", False):
            veld_inrichten(veld)
            veld._ingericht = True
        return super().__getitem__(name)

    def add_error(self, field, error):
        if not isinstance(error, ValidationError):
            error = ValidationError(error)
        if hasattr(error, "error_dict"):
            if field is not None:
                raise TypeError("add_error: a dict of errors goes with field=None")
            per_veld = error.error_dict
        else:
            per_veld = {field or NON_FIELD_ERRORS: error.error_list}
        bestaand = self._errors or {}
        nieuw = {}
        for naam, fouten in per_veld.items():
            if naam == NON_FIELD_ERRORS:
                gezien = {str(m) for m in bestaand.get(NON_FIELD_ERRORS, [])}
                fouten = [f for f in fouten if not any(str(m) in gezien for m in ValidationError(f).messages)]
            elif bestaand.get(naam):
                fouten = []  # the field shows its first error only
            else:
                fouten = fouten[:1]
            if fouten:
                nieuw[naam] = fouten
        if nieuw:  # a field left out already has an error: its value left cleaned_data then
            super().add_error(None, ValidationError(nieuw))


class Formulier(FormulierMixin, forms.Form):
    """The base of a form of the project."""


class ModelFormulier(FormulierMixin, forms.ModelForm):
    """The base of a model form of the project."""


ONJUIST = _("De combinatie van gebruikersnaam en wachtwoord klopt niet. Controleer ze en probeer het opnieuw.")


def is_systeemaccount(user) -> bool:
    """A partner system's account (rol systeem): it has no password and signs in with an API
    token only, never on the pages."""
    from netwerk.constants import Rol

    return getattr(getattr(user, "medewerker", None), "rol", None) == Rol.SYSTEEM


class InlogForm(FormulierMixin, AuthenticationForm):
    """Login with one message for every failure: it reveals nothing about which part was wrong,
    nor whether the username exists. During a lockout (``jji_traject.inloggen``) it says when
    to try again, for every username alike. A system account never logs in on the pages: it
    reads the API with a token."""

    error_messages = {"invalid_login": ONJUIST, "inactive": ONJUIST}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An over-long username is a failed login like any other (logged, counted toward the
        # lockout, the one message), not a form error that would skip ``authenticate``: the
        # field keeps its ``maxlength`` attribute (150, Django's) without a validator.
        self.fields["username"]._ingericht = True

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if is_systeemaccount(user):
            raise forms.ValidationError(self.error_messages["invalid_login"], code="invalid_login")

    def get_invalid_login_error(self):
        # django-axes marks the request when it refused this try or when this failure locked.
        if getattr(self.request, "axes_locked_out", False):
            blokkade = inloggen.blokkade_voor(self.request, self.cleaned_data.get("username"))
            return forms.ValidationError(inloggen.melding(blokkade), code="geblokkeerd")
        return super().get_invalid_login_error()


class WachtwoordWijzigenForm(FormulierMixin, PasswordChangeForm):
    """One's own password, with the current one first. A wrong current password counts toward
    the same throttling as signing in (someone at an unlocked screen must not be able to
    guess it), and during a lockout the current password is not even checked."""

    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": _("Je huidige wachtwoord klopt niet. Vul het opnieuw in."),
    }

    def __init__(self, user, *args, request=None, **kwargs):
        self.request = request
        super().__init__(user, *args, **kwargs)
        self.fields["old_password"].label = _("Huidig wachtwoord")
        self.fields["new_password2"].label = _("Nieuw wachtwoord, nog een keer")

    def clean_old_password(self):
        naam = self.user.get_username()
        blokkade = inloggen.blokkade_voor(self.request, naam)
        if blokkade is not None:
            raise forms.ValidationError(inloggen.melding(blokkade), code="geblokkeerd")
        try:
            return super().clean_old_password()
        except forms.ValidationError:
            blokkade = inloggen.mislukte_poging_vastleggen(self.request, naam)
            if blokkade is not None:
                raise forms.ValidationError(inloggen.melding(blokkade), code="geblokkeerd") from None
            raise


class WachtwoordVergetenForm(FormulierMixin, PasswordResetForm):
    """Asking for a reset link by e-mail address. Django already leaves out inactive people
    and people without a usable password; a system account is left out whatever its password
    (it signs in with a token only)."""

    def get_users(self, email):
        return (user for user in super().get_users(email) if not is_systeemaccount(user))
