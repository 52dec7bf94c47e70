"""``get_FOO_display`` that translates one label, not all of them (issue 21).

Django's own builds a dict of the field's choices on every call and hashes each (lazy) label
to do so, which translates every label of the field: 15 gettext calls to show one role. The
pages show a status, a role or a kind many times over (every task row, every person): some
two dozen calls and about 1.5 ms of each page on the bench machine. :class:`Keuzelabels`
keeps, per field, the labels by value (still lazy: translated when shown, in the reader's
language) and translates only the one shown. Choices given as a callable are read each time,
as Django does. A test holds every model with choices to this mixin and the result to
Django's own, in both languages."""

from __future__ import annotations

import threading

from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

_LABELS: dict = {}
_SLOT = threading.Lock()


def _labels(field) -> dict:
    """Value → (lazy) label of a field's choices, flattened (option groups included)."""
    vast = isinstance(field.choices, (list, tuple))
    if vast and field in _LABELS:
        return _LABELS[field]
    labels = {make_hashable(waarde): label for waarde, label in field.flatchoices}
    if vast:
        with _SLOT:
            _LABELS.setdefault(field, labels)
    return labels


class Keuzelabels:
    """Mix into a model before ``models.Model``: its ``get_FOO_display`` reads the label of
    the value only."""

    def _get_FIELD_display(self, field):
        waarde = getattr(self, field.attname)
        return force_str(_labels(field).get(make_hashable(waarde), waarde), strings_only=True)
