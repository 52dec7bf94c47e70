"""django-guardian's direct foreign-key permission tables for Traject.

Rows here are derived by ``toegang.policy.rechten_afleiden`` from involvement, consent,
assignment, rol and designation; nobody writes them by hand. Direct foreign keys instead of
guardian's generic tables keep permission-filtered lists fast (guardian PR #451).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase


class TrajectUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey("trajecten.Traject", on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("trajectrecht van een persoon")
        verbose_name_plural = _("trajectrechten van personen")
        indexes = [models.Index(fields=["user", "permission", "content_object"])]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.permission_id}:{self.content_object_id}"


class TrajectGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey("trajecten.Traject", on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("trajectrecht van een groep")
        verbose_name_plural = _("trajectrechten van groepen")
        indexes = [models.Index(fields=["group", "permission", "content_object"])]

    def __str__(self) -> str:
        return f"{self.group_id}:{self.permission_id}:{self.content_object_id}"
