"""Only the word list of the toekomstgericht check is kept in the beheer pages: it holds no
youth data. The dossier parts themselves are never registered here."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Formuleringswoord


@admin.register(Formuleringswoord)
class FormuleringswoordAdmin(SimpleHistoryAdmin):
    list_display = ["tekst", "soort", "is_regex", "actief", "hint"]
    list_filter = ["soort", "actief", "is_regex"]
    search_fields = ["tekst", "hint"]

    def has_delete_permission(self, request, obj=None):
        return False  # switch a word off instead: its history stays
