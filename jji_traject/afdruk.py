"""The one PDF module: every PDF of the app is made here, with WeasyPrint, from a Django
template. WeasyPrint is imported here only, and only when a PDF is made (it is heavy).

WeasyPrint may load only the app's own static files (SSRF, CVE-2025-68616): its URL fetcher
refuses the network, ``file:`` and ``data:`` URLs and any path outside the static files;
a template refers to them with ``{% static %}`` (resolved against :data:`BASIS`). Fonts are
shipped with the app (``static/fonts``); user text reaches the template escaped, as always.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone

# The made-up address static URLs in a PDF template resolve against (never looked up).
BASIS = "https://pdf.jji-traject.invalid/"


class GeweigerdeBron(ValueError):
    """WeasyPrint asked for something outside the app's static files."""


def statisch_bestand(url: str) -> Path:
    """The static file a PDF's URL names, or :class:`GeweigerdeBron`. Only ``BASIS`` +
    ``STATIC_URL`` + a path that stays inside the static root (or a static folder of the app)."""
    delen = urlsplit(url)
    voorvoegsel = urlsplit(BASIS)
    if (delen.scheme, delen.netloc) != (voorvoegsel.scheme, voorvoegsel.netloc):
        raise GeweigerdeBron(f"geweigerd: {delen.scheme}://{delen.netloc}")
    pad = unquote(delen.path)
    if not pad.startswith(settings.STATIC_URL) or "\x00" in pad:
        raise GeweigerdeBron("geweigerd: buiten de statische bestanden")
    relatief = pad[len(settings.STATIC_URL) :]
    if Path(relatief).is_absolute() or ".." in Path(relatief).parts:
        raise GeweigerdeBron("geweigerd: buiten de statische bestanden")
    for wortel in _wortels():
        # Resolved, so a symbolic link cannot point out of the static folders either.
        kandidaat = (wortel / relatief).resolve()
        if kandidaat.is_file() and kandidaat.is_relative_to(wortel):
            return kandidaat
    raise GeweigerdeBron("geweigerd: geen statisch bestand")


def _wortels() -> list[Path]:
    """The static folders, resolved: the collected root (production) and the folders the
    staticfiles finders read (the project's and each app's, for development and tests)."""
    mappen = [Path(settings.STATIC_ROOT)]
    for finder in finders.get_finders():
        mappen += [Path(opslag.location) for opslag in getattr(finder, "storages", {}).values()]
    return [map_.resolve() for map_ in mappen if map_.is_dir()]


def _ophaler():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class AlleenStatisch(URLFetcher):
        def fetch(self, url, headers=None):
            bestand = statisch_bestand(url)
            soort = mimetypes.guess_type(bestand.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, bestand.read_bytes(), {"Content-Type": soort})

    return AlleenStatisch(allowed_protocols=["https"], allow_redirects=False)


def pdf_maken(html: str) -> bytes:
    """The PDF of a rendered template (static files through the one safe fetcher)."""
    from weasyprint import HTML

    return HTML(string=html, base_url=BASIS, url_fetcher=_ophaler()).write_pdf()


def afdruk(request, template, context, bestandsnaam):
    """A printable page, or the same page as PDF (``?formaat=pdf``)."""
    context = {**context, "nu": timezone.now(), "pdf": request.GET.get("formaat") == "pdf"}
    if not context["pdf"]:
        return render(request, template, context)
    return pdf_antwoord(pdf_maken(render_to_string(template, context, request=request)), bestandsnaam)


def pdf_antwoord(pdf: bytes, bestandsnaam: str) -> HttpResponse:
    """A PDF as a download."""
    antwoord = HttpResponse(pdf, content_type="application/pdf")
    antwoord["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    return antwoord
