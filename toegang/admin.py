"""The raadplegingen log in the admin: read-only, and only for a superuser (a functioneel
beheerder never sees youth data; the log names the traject)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Raadpleging


@admin.register(Raadpleging)
class RaadplegingAdmin(admin.ModelAdmin):
    list_display = ["tijdstip", "actor", "organisatie", "rol", "traject_id", "categorie", "actie", "geweigerd"]
    # Ids only: the log names no youth, here neither.
    fields = [
        "tijdstip",
        "actor",
        "organisatie",
        "rol",
        "ontvanger",
        "traject_nummer",
        "categorie",
        "actie",
        "geweigerd",
        "grondslag_nummer",
        "verzoek_id",
        "ip",
    ]
    readonly_fields = fields
    list_filter = ["actie", "geweigerd", "categorie"]
    list_select_related = ["actor", "organisatie"]
    date_hierarchy = "tijdstip"
    show_full_result_count = False

    @admin.display(description=_("traject (nummer)"))
    def traject_nummer(self, obj):
        return obj.traject_id

    @admin.display(description=_("grondslag (nummer)"))
    def grondslag_nummer(self, obj):
        return obj.grondslag_id or "—"

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
