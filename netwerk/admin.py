"""The beheer pages of the functioneel beheerder: regio's, organisaties, medewerkers and the
verbindingsofficier designation. Youth data is never registered here. Every save goes
through ``netwerk.services`` so groups and object permissions follow; a new account and a
change that opens access become an account request (four eyes). Nobody sets another person's
password here; Django's user admin is for a superuser only (break-glass, logged).

A beheerder sees and manages the organisations of their own regio; a superuser all.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from toegang import policy

from . import services
from .constants import AanvraagStatus, OrganisatieSoort, Rol
from .models import Accountaanvraag, Contactpersoon, IctFase, Medewerker, Organisatie, Regio
from .services import accountlog, accounts

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
        fields = [
            "naam",
            "soort",
            "regio",
            "plaats",
            "jji",
            "verbindingsofficier",
            "aanspreekpunt",
            "officiele_examenlocatie",
            "actief",
        ]

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
    """A person on the beheer page. No password: a new person chooses their own through an
    activation link. A new account, or a new rol, organisation or e-mail address, or switching
    someone on again, becomes an account request that a second person approves."""

    gebruikersnaam = forms.CharField(label=_("Gebruikersnaam"), max_length=150)
    voornaam = forms.CharField(label=_("Voornaam"), max_length=150)
    achternaam = forms.CharField(label=_("Achternaam"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("Hierheen gaat de activatielink. Een ander adres vraagt goedkeuring van een tweede persoon."),
    )
    actief = forms.BooleanField(
        label=_("Actief"),
        required=False,
        initial=True,
        help_text=_(
            "Uitzetten sluit direct alle toegang af. Weer aanzetten vraagt goedkeuring van een tweede persoon."
        ),
    )

    tweede_factor_herstellen = forms.BooleanField(
        label=_("Tweede factor opnieuw instellen (toestel kwijt)"),
        required=False,
        help_text=_(
            "Vraagt goedkeuring van een tweede persoon. Daarna werken de tweede factor en het wachtwoord van deze "
            "medewerker niet meer, en krijgt hij of zij een activatielink om beide opnieuw in te stellen."
        ),
    )

    class Meta:
        model = Medewerker
        fields = ["organisatie", "rol", "functietitel", "telefoon"]
        help_texts = {
            "rol": _(
                "Elke rol behalve functioneel beheerder opent jongerengegevens: een nieuwe rol vraagt goedkeuring."
            ),
        }

    def __init__(self, *args, regio_id=None, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        if regio_id is not None:
            self.fields["organisatie"].queryset = Organisatie.objects.filter(regio_id=regio_id, actief=True)
        if self.instance.pk:
            user = self.instance.user
            self.initial.update(
                gebruikersnaam=user.username,
                voornaam=user.first_name,
                achternaam=user.last_name,
                email=user.email,
                actief=user.is_active,
            )
            if regio_id is not None:
                # The person's own organisation stays choosable (also when it was switched off).
                self.fields["organisatie"].queryset = Organisatie.objects.filter(
                    Q(regio_id=regio_id, actief=True) | Q(pk=self.instance.organisatie_id)
                )

    def clean_gebruikersnaam(self):
        naam = self.cleaned_data["gebruikersnaam"]
        andere = User.objects.filter(username__iexact=naam)
        if self.instance.pk:
            andere = andere.exclude(pk=self.instance.user_id)
        if andere.exists():
            raise ValidationError(_("Deze gebruikersnaam is al in gebruik."))
        if (
            not self.instance.pk
            and Accountaanvraag.objects.filter(gebruikersnaam__iexact=naam, status=AanvraagStatus.AANGEVRAAGD).exists()
        ):
            raise ValidationError(_("Voor deze gebruikersnaam wacht al een aanvraag."))
        return naam

    def clean(self):
        data = super().clean()
        if self.instance.pk and data.get("organisatie") and data.get("rol"):
            oud = Medewerker.objects.select_related("user", "organisatie").get(pk=self.instance.pk)
            try:
                services.controleer_medewerker(
                    actor=self.actor,
                    medewerker=oud,
                    rol=data["rol"],
                    organisatie=data["organisatie"],
                    actief=data.get("actief", False),
                )
            except ValidationError as fout:
                self.add_error(None, fout)
            nodig = policy.goedkeuring_nodig(
                oud,
                rol=data["rol"],
                organisatie=data["organisatie"],
                email=data.get("email", oud.user.email),
                actief=data.get("actief", False),
            )
            if nodig and not data.get("actief", False):
                self.add_error(
                    None,
                    _(
                        "Wie je uitzet, krijgt niet tegelijk een andere rol, organisatie of e-mailadres. Zet de "
                        "medewerker uit en vraag later, als het weer nodig is, een wijziging aan."
                    ),
                )
            if data.get("tweede_factor_herstellen"):
                if self.actor is not None and oud.user_id == self.actor.pk:
                    self.add_error(
                        "tweede_factor_herstellen",
                        _("Je eigen tweede factor laat je herstellen door een andere functioneel beheerder."),
                    )
                elif not data.get("actief", False) or not oud.user.is_active:
                    self.add_error("tweede_factor_herstellen", _("Zet de medewerker eerst (weer) aan."))
                elif oud.accountaanvragen.filter(status=AanvraagStatus.AANGEVRAAGD).exists():
                    self.add_error(
                        "tweede_factor_herstellen",
                        _("Voor deze medewerker wacht al een aanvraag. Wacht op het besluit, of trek die in."),
                    )
            if nodig and data.get("tweede_factor_herstellen"):
                self.add_error(
                    "tweede_factor_herstellen",
                    _("Vraag eerst de andere wijziging aan; de tweede factor volgt daarna in een eigen aanvraag."),
                )
            if nodig and oud.accountaanvragen.filter(status=AanvraagStatus.AANGEVRAAGD).exists():
                self.add_error(
                    None,
                    _("Voor deze medewerker wacht al een aanvraag. Wacht op het besluit, of trek die aanvraag in."),
                )
        return data


VIER_OGEN_UITLEG = _(
    "Vier ogen: een nieuw account, een andere rol, organisatie of e-mailadres, en weer aanzetten worden een "
    "accountaanvraag. De verbindingsofficier of een zorgcoördinator van de organisatie keurt hem goed (zonder hen: "
    "een andere functioneel beheerder van de regio). Daarna krijgt de medewerker een activatielink en kiest zelf "
    "een wachtwoord. Naam, functietitel, telefoon en uitzetten gelden meteen."
)


@admin.register(Medewerker)
class MedewerkerAdmin(RegioBeperking, SimpleHistoryAdmin):
    form = MedewerkerForm
    regio_pad = "organisatie__regio"
    list_display = ["naam", "organisatie", "rol", "functietitel", "is_actief"]
    list_filter = ["rol", "organisatie__soort", "user__is_active"]
    search_fields = ["user__first_name", "user__last_name", "user__username", "functietitel"]
    list_select_related = ["user", "organisatie"]

    @admin.display(boolean=True, description=_("actief"))
    def is_actief(self, obj):
        return obj.user.is_active

    def get_fieldsets(self, request, obj=None):
        persoon = ["gebruikersnaam", "voornaam", "achternaam", "email", "telefoon"]
        if obj is not None:
            persoon.append("actief")
            if obj.rol != Rol.SYSTEEM:
                persoon.append("tweede_factor_herstellen")
        return [
            (_("Persoon"), {"fields": persoon, "description": VIER_OGEN_UITLEG}),
            (_("Werk"), {"fields": ["organisatie", "rol", "functietitel"]}),
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        regio_id = _eigen_regio_id(request)

        class MetRegio(form):
            def __init__(self, *args, **kw):
                super().__init__(*args, regio_id=regio_id, actor=request.user, **kw)

        return MetRegio

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        gegevens = {
            "gebruikersnaam": data["gebruikersnaam"],
            "voornaam": data["voornaam"],
            "achternaam": data["achternaam"],
            "email": data["email"],
            "organisatie": data["organisatie"],
            "rol": data["rol"],
            "functietitel": data.get("functietitel", ""),
            "telefoon": data.get("telefoon", ""),
        }
        if change:
            obj._accountaanvraag = accounts.medewerker_bijwerken(
                actor=request.user, medewerker=obj, actief=data.get("actief", False), verzoek=request, **gegevens
            )
            if data.get("tweede_factor_herstellen") and obj._accountaanvraag is None:
                try:
                    obj._accountaanvraag = accounts.factorherstel_aanvragen(
                        actor=request.user, medewerker=obj, verzoek=request
                    )
                except ValidationError as fout:
                    messages.error(request, " ".join(fout.messages))
            return
        profiel, obj._accountaanvraag = accounts.medewerker_aanmaken_of_aanvragen(
            actor=request.user, verzoek=request, **gegevens
        )
        if profiel is not None:
            obj.pk, obj.user = profiel.pk, profiel.user

    def log_addition(self, request, obj, message):
        if obj.pk is None:
            return None  # a request, not a person yet: the account log and its history keep it
        return super().log_addition(request, obj, message)

    def response_add(self, request, obj, post_url_continue=None):
        aanvraag = getattr(obj, "_accountaanvraag", None)
        if aanvraag is None:
            messages.info(request, _("De medewerker krijgt een activatielink per e-mail en kiest zelf een wachtwoord."))
            return super().response_add(request, obj, post_url_continue)
        messages.success(request, _aanvraag_bericht(aanvraag))
        return redirect("netwerk:accountaanvraag", pk=aanvraag.pk)

    def response_change(self, request, obj):
        aanvraag = getattr(obj, "_accountaanvraag", None)
        if aanvraag is not None:
            messages.info(request, _aanvraag_bericht(aanvraag))
        return super().response_change(request, obj)

    def construct_change_message(self, request, form, formsets, add=False):
        if getattr(form.instance, "_accountaanvraag", None) is not None:
            # What waits for approval did not change (yet): the request's own page keeps it.
            form.changed_data[:] = [v for v in form.changed_data if v not in ("organisatie", "rol", "email", "actief")]
        return super().construct_change_message(request, form, formsets, add)


def _aanvraag_bericht(aanvraag) -> str:
    namen = ", ".join(u.get_full_name() or u.get_username() for u in policy.beoordelaars(aanvraag))
    if namen:
        return _("Aanvraag ingediend. Hij wacht op goedkeuring door een van: %(namen)s.") % {"namen": namen}
    return _(
        "Aanvraag ingediend, maar niemand kan hem nu goedkeuren: de organisatie heeft geen verbindingsofficier of "
        "zorgcoördinator en de regio geen andere beheerder. Vraag een superuser (zie de handleiding: break-glass)."
    )


class GebruikerAdmin(UserAdmin):
    """Django's own user admin, for a superuser only: the break-glass path (README). It can
    still set a password; every addition and change here is written to the account log as
    break-glass. People are deactivated, never deleted."""

    def _superuser(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_module_permission(self, request):
        return self._superuser(request)

    def has_view_permission(self, request, obj=None):
        return self._superuser(request)

    def has_add_permission(self, request):
        return self._superuser(request)

    def has_change_permission(self, request, obj=None):
        return self._superuser(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def log_addition(self, request, obj, message):
        regel = super().log_addition(request, obj, message)
        accountlog.noodtoegang_vastleggen(actor=request.user, user=obj, wat=_("gebruiker aangemaakt"), verzoek=request)
        return regel

    def log_change(self, request, obj, message):
        regel = super().log_change(request, obj, message)
        wat = regel.get_change_message() if regel is not None else ""
        accountlog.noodtoegang_vastleggen(
            actor=request.user, user=obj, wat=wat or _("gebruiker gewijzigd"), verzoek=request
        )
        return regel


admin.site.unregister(User)
admin.site.register(User, GebruikerAdmin)


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


@admin.register(IctFase)
class IctFaseAdmin(RegioBeperking, SimpleHistoryAdmin):
    """The ICT-fasen of the beheerder's regio (bijlage 3): the handreiking's example to start
    with, then the regio's own. A phase is switched off, never deleted: dossiers name it."""

    list_display = ["naam", "omschrijving", "volgorde", "actief", "regio"]
    list_filter = ["actief"]
    list_editable = ["volgorde"]
    search_fields = ["naam", "omschrijving"]
    list_select_related = ["regio"]

    def get_readonly_fields(self, request, obj=None):
        return ["regio"] if obj is not None else []  # a phase stays in its regio

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        regio_id = _eigen_regio_id(request)
        if regio_id is not None and db_field.name == "regio":
            kwargs["queryset"] = Regio.objects.filter(pk=regio_id)
            kwargs["empty_label"] = None
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        services.ict_fase_opslaan(actor=request.user, fase=obj)
