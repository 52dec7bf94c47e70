"""The forms of the entrance: signing in, changing one's own password, asking for a new one."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from . import inloggen

ONJUIST = _("De combinatie van gebruikersnaam en wachtwoord klopt niet. Controleer ze en probeer het opnieuw.")


def is_systeemaccount(user) -> bool:
    """A partner system's account (rol systeem): it has no password and signs in with an API
    token only, never on the pages."""
    from netwerk.constants import Rol

    return getattr(getattr(user, "medewerker", None), "rol", None) == Rol.SYSTEEM


class InlogForm(AuthenticationForm):
    """Login with one message for every failure: it reveals nothing about which part was wrong,
    nor whether the username exists. During a lockout (``jji_traject.inloggen``) it says when
    to try again, for every username alike. A system account never logs in on the pages: it
    reads the API with a token."""

    error_messages = {"invalid_login": ONJUIST, "inactive": ONJUIST}

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


class WachtwoordWijzigenForm(PasswordChangeForm):
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


class WachtwoordVergetenForm(PasswordResetForm):
    """Asking for a reset link by e-mail address. Django already leaves out inactive people
    and people without a usable password; a system account is left out whatever its password
    (it signs in with a token only)."""

    def get_users(self, email):
        return (user for user in super().get_users(email) if not is_systeemaccount(user))
