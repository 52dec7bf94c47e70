"""The beheer pages of the functioneel beheerder: regio's, organisaties, medewerkers and the
verbindingsofficier designation. Youth data is never registered here. Every save goes
through ``netwerk.services`` so groups and object permissions follow.

A beheerder sees and manages the organisations of their own regio; a superuser all.
"""

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from toegang import policy

from . import services
from .constants import OrganisatieSoort, Rol
from .models import Contactpersoon, Medewerker, Organisatie, Regio

User = get_user_model()


def _eigen_regio_id(request):
    if request.user.is_superuser:
        return None
    medewerker = policy.medewerker_van(request.user)
    return medewerker.organisatie.regio_id if medewerker else -1


class RegioBeperking:
    """Limit every list and choice to the beheerder's own regio."""

    regio_pad = "regio"

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        regio_id = _eigen_regio_id(request)
        return qs if regio_id is None else qs.filter(**{f"{self.regio_pad}_id": regio_id})

    def has_delete_permission(self, request, obj=None):
        return False  # people and organisations are deactivated, never deleted


@admin.register(Regio)
class RegioAdmin(RegioBeperking, SimpleHistoryAdmin):
    regio_pad = "id"
    list_display = ["naam"]
    search_fields = ["naam"]

    def get_queryset(self, request):
        qs = admin.ModelAdmin.get_queryset(self, request)
        regio_id = _eigen_regio_id(request)
        return qs if regio_id is None else qs.filter(pk=regio_id)

    def save_model(self, request, obj, form, change):
        services.regio_opslaan(actor=request.user, regio=obj)


class OrganisatieForm(forms.ModelForm):
    class Meta:
        model = Organisatie
        fields = ["naam", "soort", "regio", "plaats", "jji", "verbindingsofficier", "aanspreekpunt", "actief"]

    def clean(self):
        data = super().clean()
        if not self.errors:
            try:
                services.controleer_organisatie(self.instance)
            except ValidationError as fout:
                self.add_error(None, fout)
        return data

    def __init__(self, *args, regio_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        if regio_id is not None:
            self.fields["regio"].queryset = Regio.objects.filter(pk=regio_id)
            self.fields["jji"].queryset = self.fields["jji"].queryset.filter(regio_id=regio_id)
            self.fields["aanspreekpunt"].queryset = Organisatie.objects.filter(regio_id=regio_id)
        self.fields["aanspreekpunt"].queryset = self.fields["aanspreekpunt"].queryset.filter(
            soort__in=[OrganisatieSoort.MBO, OrganisatieSoort.JJI_SCHOOL], actief=True
        )
        medewerkers = Medewerker.objects.select_related("user").filter(user__is_active=True)
        self.fields["verbindingsofficier"].queryset = (
            medewerkers.filter(organisatie=self.instance) if self.instance.pk else medewerkers.none()
        )
        self.fields["verbindingsofficier"].help_text = _(
            "Eén vaste contactpersoon van deze organisatie. Een aanwijzing, geen rol: wie het is ziet alle "
            "trajecten waarin de organisatie actief is. Wijs iemand aan nadat de organisatie en de medewerker bestaan."
        )


@admin.register(Organisatie)
class OrganisatieAdmin(RegioBeperking, SimpleHistoryAdmin):
    form = OrganisatieForm
    list_display = ["naam", "soort", "regio", "plaats", "verbindingsofficier", "actief"]
    list_filter = ["soort", "actief", "regio"]
    search_fields = ["naam", "plaats"]
    list_select_related = ["regio", "verbindingsofficier__user"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        regio_id = _eigen_regio_id(request)

        class MetRegio(form):
            def __init__(self, *args, **kw):
                super().__init__(*args, regio_id=regio_id, **kw)

        return MetRegio

    def save_model(self, request, obj, form, change):
        services.organisatie_opslaan(actor=request.user, organisatie=obj)


class MedewerkerForm(forms.ModelForm):
    gebruikersnaam = forms.CharField(label=_("Gebruikersnaam"), max_length=150)
    voornaam = forms.CharField(label=_("Voornaam"), max_length=150)
    achternaam = forms.CharField(label=_("Achternaam"), max_length=150)
    email = forms.EmailField(label=_("E-mail"))
    actief = forms.BooleanField(
        label=_("Actief"),
        required=False,
        initial=True,
        help_text=_("Uitzetten sluit direct alle toegang af."),
    )
    wachtwoord = forms.CharField(
        label=_("Nieuw wachtwoord"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_(
            "Alleen voor een nieuwe medewerker; leeg laten om het wachtwoord niet te wijzigen. Daarna kiest de "
            "medewerker zelf een wachtwoord: 'Wachtwoord wijzigen' bovenaan elke pagina, of 'Wachtwoord vergeten?' "
            "op de inlogpagina."
        ),
    )

    class Meta:
        model = Medewerker
        fields = ["organisatie", "rol", "functietitel", "telefoon"]

    def __init__(self, *args, regio_id=None, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        if regio_id is not None:
            self.fields["organisatie"].queryset = Organisatie.objects.filter(regio_id=regio_id)
        if self.instance.pk:
            user = self.instance.user
            self.initial.update(
                gebruikersnaam=user.username,
                voornaam=user.first_name,
                achternaam=user.last_name,
                email=user.email,
                actief=user.is_active,
            )

    def clean_gebruikersnaam(self):
        naam = self.cleaned_data["gebruikersnaam"]
        andere = User.objects.filter(username__iexact=naam)
        if self.instance.pk:
            andere = andere.exclude(pk=self.instance.user_id)
        if andere.exists():
            raise ValidationError(_("Deze gebruikersnaam is al in gebruik."))
        return naam

    def clean(self):
        data = super().clean()
        wachtwoord = data.get("wachtwoord")
        if wachtwoord and data.get("rol") == Rol.SYSTEEM:
            self.add_error("wachtwoord", services.GEEN_WACHTWOORD_SYSTEEM)
        elif wachtwoord:
            user = self.instance.user if self.instance.pk else User(username=data.get("gebruikersnaam", ""))
            try:
                services.controleer_wachtwoord(wachtwoord, user)
            except ValidationError as fout:
                self.add_error("wachtwoord", fout.error_dict["wachtwoord"])
        if self.instance.pk and data.get("organisatie") and data.get("rol"):
            oud = Medewerker.objects.select_related("user").get(pk=self.instance.pk)
            try:
                services.controleer_medewerker(
                    actor=self.actor,
                    medewerker=oud,
                    rol=data["rol"],
                    organisatie=data["organisatie"],
                    actief=data.get("actief", False),
                    wachtwoord=wachtwoord,
                )
            except ValidationError as fout:
                self.add_error(None, fout)
        return data


@admin.register(Medewerker)
class MedewerkerAdmin(RegioBeperking, SimpleHistoryAdmin):
    form = MedewerkerForm
    regio_pad = "organisatie__regio"
    list_display = ["naam", "organisatie", "rol", "functietitel", "is_actief"]
    list_filter = ["rol", "organisatie__soort", "user__is_active"]
    search_fields = ["user__first_name", "user__last_name", "user__username", "functietitel"]
    list_select_related = ["user", "organisatie"]
    fieldsets = [
        (
            _("Persoon"),
            {"fields": ["gebruikersnaam", "voornaam", "achternaam", "email", "telefoon", "actief"]},
        ),
        (_("Werk"), {"fields": ["organisatie", "rol", "functietitel"]}),
        (_("Inloggen"), {"fields": ["wachtwoord"]}),
    ]

    @admin.display(boolean=True, description=_("actief"))
    def is_actief(self, obj):
        return obj.user.is_active

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        regio_id = _eigen_regio_id(request)

        class MetRegio(form):
            def __init__(self, *args, **kw):
                super().__init__(*args, regio_id=regio_id, actor=request.user, **kw)

        return MetRegio

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        opgeslagen = services.medewerker_opslaan(
            actor=request.user,
            medewerker=obj if change else None,
            gebruikersnaam=data["gebruikersnaam"],
            voornaam=data["voornaam"],
            achternaam=data["achternaam"],
            email=data["email"],
            organisatie=data["organisatie"],
            rol=data["rol"],
            functietitel=data.get("functietitel", ""),
            telefoon=data.get("telefoon", ""),
            actief=data.get("actief", False),
            wachtwoord=data.get("wachtwoord") or None,
        )
        obj.pk, obj.user = opgeslagen.pk, opgeslagen.user


@admin.register(Contactpersoon)
class ContactpersoonAdmin(RegioBeperking, SimpleHistoryAdmin):
    """The netwerkkaart of the beheerder's regio; saving an entry confirms it for this year."""

    regio_pad = "organisatie__regio"
    list_display = ["naam", "rol", "organisatie", "niveau", "telefoon", "email", "bevestigd_op"]
    list_filter = ["rol", "niveau", "organisatie__soort", "organisatie"]
    search_fields = ["naam", "functie", "organisatie__naam"]
    list_select_related = ["organisatie"]
    exclude = ["bevestigd_op"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        regio_id = _eigen_regio_id(request)
        if regio_id is not None and db_field.name == "organisatie":
            kwargs["queryset"] = Organisatie.objects.filter(regio_id=regio_id)
        if regio_id is not None and db_field.name == "medewerker":
            kwargs["queryset"] = Medewerker.objects.filter(organisatie__regio_id=regio_id).select_related("user")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        services.contactpersoon_opslaan(actor=request.user, contactpersoon=obj)
