"""The one PDF module: only the app's own static files reach WeasyPrint (no network, no files
outside the static root), the shipped fonts are embedded, and user text stays text."""

import http.server
import io
import threading

import pytest
from django.conf import settings
from pypdf import PdfReader

from jji_traject.afdruk import BASIS, GeweigerdeBron, pdf_maken, statisch_bestand


def _tekst(pdf: bytes) -> str:
    return "\n".join(pagina.extract_text() for pagina in PdfReader(io.BytesIO(pdf)).pages)


def test_the_apps_static_files_are_served_to_weasyprint():
    assert statisch_bestand(f"{BASIS}{settings.STATIC_URL.lstrip('/')}fonts/DejaVuSans.ttf").name == "DejaVuSans.ttf"
    assert statisch_bestand(f"{BASIS}{settings.STATIC_URL.lstrip('/')}css/pdf.css").name == "pdf.css"


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:1/geheim",
        "https://example.org/static/css/pdf.css",
        "file:///etc/passwd",
        "data:text/plain,hallo",
        f"{BASIS}elders/bestand.txt",
        f"{BASIS}static/../jji_traject/settings.py",
        f"{BASIS}static/%2e%2e/jji_traject/settings.py",
        f"{BASIS}static/css/../../jji_traject/settings.py",
        f"{BASIS}static//etc/passwd",
        f"{BASIS}static/bestaat-niet.css",
        f"{BASIS}static/css/pdf.css%00.png",
    ],
)
def test_everything_else_is_refused(url):
    with pytest.raises(GeweigerdeBron):
        statisch_bestand(url)


@pytest.fixture
def luisteraar():
    """A local web server that counts what reaches it."""
    verzoeken = []

    class Teller(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the name http.server calls
            verzoeken.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Teller)
    draad = threading.Thread(target=server.serve_forever, daemon=True)
    draad.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", verzoeken
    server.shutdown()


def test_weasyprint_never_reaches_the_network_or_the_disk(luisteraar):
    adres, verzoeken = luisteraar
    html = (
        f'<html><head><link rel="stylesheet" href="{adres}/stijl.css"><link rel="stylesheet" href="file:///etc/passwd">'
        f'</head><body><img src="{adres}/plaatje.png"><p style="background: url({adres}/achtergrond.png)">'
        "Hallo</p></body></html>"
    )
    pdf = pdf_maken(html)
    assert pdf.startswith(b"%PDF") and "Hallo" in _tekst(pdf)
    assert verzoeken == []
    assert "root:" not in _tekst(pdf)


def test_the_shipped_font_is_embedded():
    html = (
        '<html><head><link rel="stylesheet" href="/static/css/pdf.css"></head><body><p>Tekst ✓ ● ◆ ■</p></body></html>'
    )
    lezer = PdfReader(io.BytesIO(pdf_maken(html)))
    fonts = {
        str(f["/BaseFont"]) for pagina in lezer.pages for f in (pagina["/Resources"]["/Font"].get_object().values())
    }
    assert any("JJI-Sans" in naam for naam in fonts), fonts  # the @font-face of static/fonts


def test_a_symbolic_link_out_of_a_static_folder_is_refused(settings, tmp_path):
    geheim = tmp_path / "geheim.txt"
    geheim.write_text("root:x:0:0")
    statisch = tmp_path / "statisch"
    statisch.mkdir()
    (statisch / "link.css").symlink_to(geheim)
    (statisch / "echt.css").write_text("p { color: red }")
    settings.STATICFILES_DIRS = [str(statisch)]
    from django.contrib.staticfiles import finders

    finders.get_finder.cache_clear()
    try:
        assert statisch_bestand(f"{BASIS}static/echt.css").name == "echt.css"
        with pytest.raises(GeweigerdeBron):
            statisch_bestand(f"{BASIS}static/link.css")
    finally:
        finders.get_finder.cache_clear()
