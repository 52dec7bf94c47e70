"""Django's ModelBackend with fewer queries per request: the model permissions (the role
groups' kinds of action) in one query instead of two — a person's own and their groups'
permissions as one UNION, compiled once and prepared per database connection
(``jji_traject.voorbereid``) — and the signed-in person loaded with their profile and its
organisation (``medewerker__organisatie``), which every page asks for, by a query likewise
compiled once and prepared per connection (building it cost more than running it)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

from .voorbereid import Objecten, Rijen, binnen_bereik


def _permissies_van(user_id: int):
    velden = ("content_type__app_label", "codename")
    # Without the model's ordering: SQLite allows no ORDER BY inside a UNION.
    eigen = Permission.objects.filter(user=user_id).order_by().values_list(*velden)
    groep = Permission.objects.filter(group__user=user_id).order_by().values_list(*velden)
    return eigen.union(groep)


_PERMISSIES = Rijen("machtigingen", _permissies_van)


def _gebruiker(user_id: int):
    return get_user_model()._default_manager.select_related("medewerker__organisatie").filter(pk=user_id)


_GEBRUIKER = Objecten("gebruiker", _gebruiker)


class ModelBackendEenQuery(ModelBackend):
    def get_user(self, user_id):
        pk = binnen_bereik(get_user_model(), user_id)  # the session's key, as Django reads it
        if pk is None:
            return None
        user = next(iter(_GEBRUIKER.objecten(pk)), None)
        return user if user is not None and self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None or user_obj.is_superuser:
            return super().get_all_permissions(user_obj, obj)
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = {f"{app}.{code}" for app, code in _PERMISSIES.rijen(user_obj.pk)}
        return user_obj._perm_cache
