"""Every change of a tracked model leaves a history row (django-simple-history). Writes that
would skip it — ``QuerySet.update``, plain ``bulk_update``/``bulk_create`` — are refused on
every tracked model; the history-aware paths are named here: ``bulk_aanmaken`` (one history
row per object, for generated data) and ``bijwerken`` (one save per object)."""

from __future__ import annotations

import contextvars
from contextlib import contextmanager

from django.db import models

_HULP: contextvars.ContextVar[bool] = contextvars.ContextVar("jji_geschiedenishulp", default=False)


class GeschiedenisOmzeild(Exception):
    """A write that would leave no history row."""


class GeschiedenisQuerySet(models.QuerySet):
    def _weigeren(self):
        raise GeschiedenisOmzeild(
            f"{self.model.__name__}: een QuerySet-update of bulk-bewerking laat geen geschiedenis na. "
            "Gebruik de services, of jji_traject.geschiedenis.bulk_aanmaken / bijwerken."
        )

    def update(self, **kwargs):
        self._weigeren()

    def bulk_update(self, *args, **kwargs):
        if not _HULP.get():
            self._weigeren()
        return super().bulk_update(*args, **kwargs)

    def bulk_create(self, *args, **kwargs):
        if not _HULP.get():
            self._weigeren()
        return super().bulk_create(*args, **kwargs)


@contextmanager
def _via_hulp():
    token = _HULP.set(True)
    try:
        yield
    finally:
        _HULP.reset(token)


def bulk_aanmaken(objecten: list, model, *, actor=None, **opties) -> list:
    """Create many objects at once, each with its history row (written by ``actor``)."""
    from simple_history.utils import bulk_create_with_history

    if not objecten:
        return []
    with _via_hulp():
        return bulk_create_with_history(objecten, model, default_user=actor, **opties)


def bijwerken(queryset, **velden) -> int:
    """Set fields on every object of ``queryset``, one save each (each leaves its history row)."""
    aantal = 0
    for obj in queryset:
        for veld, waarde in velden.items():
            setattr(obj, veld, waarde)
        obj.save(update_fields=list(velden))
        aantal += 1
    return aantal


def opslaan(obj, *, actor, velden: list[str] | None = None) -> None:
    """Validate and save one object; its history row names ``actor`` (also outside a web
    request). ``velden``: save only these fields (a state change, not a rewrite of the row)."""
    obj._history_user = actor
    obj.full_clean()
    obj.save(update_fields=velden)
