"""A page that waits for work in the background (a PDF being made) and shows it when done,
without ``<meta http-equiv="refresh">`` (it reloads the whole page under a person's screen
reader, and axe flags it): the status fragment asks again itself, with htmx polling
(``hx-trigger="every 2s"``, no script of our own under the Content-Security-Policy), and
without JavaScript a "Vernieuwen" link does the same.

To a poll the page answers 204 while the work still waits: htmx swaps nothing, so nothing is
read out again; once the work is done (or failed) it answers the fragment, which has no
trigger any more, and the polling stops. It also stops after :data:`POLLEN_MINUTEN`, so a
forgotten tab does not keep a session alive forever; the fragment then says it takes long."""

from __future__ import annotations

import datetime as dt

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers

POLLEN_MINUTEN = 10


def wachtpagina(request, sjabloon: str, fragment: str, context: dict, *, wacht: bool, sinds: dt.datetime):
    """The page ``sjabloon`` (which includes ``fragment`` in its ``#wachtstatus`` region), or
    to htmx's poll the fragment alone, or 204 while it still waits. The templates get
    ``pollen``: whether the fragment asks again."""
    pollen = wacht and timezone.now() - sinds < dt.timedelta(minutes=POLLEN_MINUTEN)
    context = {**context, "pollen": pollen}
    if request.headers.get("HX-Request") == "true":
        antwoord = HttpResponse(status=204) if pollen else render(request, fragment, context)
    else:
        antwoord = render(request, sjabloon, context)
    patch_vary_headers(antwoord, ["HX-Request"])
    return antwoord
