from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class InlogForm(AuthenticationForm):
    """Login with one message for every failure: it reveals nothing about which part was wrong.
    A system account never logs in on the pages: it reads the API with a token."""

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        from netwerk.constants import Rol

        if getattr(getattr(user, "medewerker", None), "rol", None) == Rol.SYSTEEM:
            raise forms.ValidationError(self.error_messages["invalid_login"], code="invalid_login")

    error_messages = {
        "invalid_login": _(
            "De combinatie van gebruikersnaam en wachtwoord klopt niet. Controleer ze en probeer het opnieuw."
        ),
        "inactive": _(
            "De combinatie van gebruikersnaam en wachtwoord klopt niet. Controleer ze en probeer het opnieuw."
        ),
    }
