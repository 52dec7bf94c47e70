"""The raadplegingen log in the admin: read-only, and only for a superuser (a functioneel
beheerder never sees youth data; the log names the traject)."""

from django.contrib import admin

from .models import Raadpleging


@admin.register(Raadpleging)
class RaadplegingAdmin(admin.ModelAdmin):
    list_display = ["tijdstip", "actor", "organisatie", "rol", "traject_id", "categorie", "actie", "geweigerd"]
    list_filter = ["actie", "geweigerd", "categorie"]
    list_select_related = ["actor", "organisatie"]
    date_hierarchy = "tijdstip"
    show_full_result_count = False

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
