"""Security headers on every kind of page: the Content-Security-Policy and the
Permissions-Policy, the API documentation with its own policy and only for signed-in
people or tokens, and no inline script or style in any page of the journeys (rendered as
the demo users, link by link). The browser side (Chromium reports no violation) is in
test_browser.py and test_kopregels_browser.py."""

from __future__ import annotations

import io
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.urls import Resolver404, resolve, reverse
from knox.models import AuthToken
from pypdf import PdfReader

pytestmark = pytest.mark.django_db

CSP = "Content-Security-Policy"
PP = "Permissions-Policy"

VERWACHT_CSP = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "img-src": {"'self'"},
    "font-src": {"'self'"},
    "connect-src": {"'self'"},
    "object-src": {"'none'"},
    "frame-src": {"'none'"},
    "worker-src": {"'none'"},
    "base-uri": {"'none'"},
    "form-action": {"'self'"},
    "frame-ancestors": {"'none'"},
}
UIT = ("camera", "microphone", "geolocation", "payment", "usb", "display-capture", "clipboard-read")


def beleid(response) -> dict[str, set[str]]:
    """The response's CSP as {directive: {sources}}; fails when the header is missing."""
    assert CSP in response, f"geen {CSP} op {response.request['PATH_INFO']}"
    richtlijnen = {}
    for deel in response[CSP].split(";"):
        naam, *bronnen = deel.split()
        assert naam not in richtlijnen, f"dubbele richtlijn {naam}"
        richtlijnen[naam] = set(bronnen)
    return richtlijnen


def functies(response) -> dict[str, str]:
    assert PP in response, f"geen {PP} op {response.request['PATH_INFO']}"
    return dict(deel.strip().split("=", 1) for deel in response[PP].split(","))


def kopregels_kloppen(response) -> None:
    assert beleid(response) == VERWACHT_CSP
    pp = functies(response)
    assert {f: pp.get(f) for f in UIT} == dict.fromkeys(UIT, "()")


class Inline(HTMLParser):
    """Collects what a strict CSP refuses in a page: script elements with a body (data
    blocks of type application/json excepted: the browser does not run them), style
    elements, style and on… attributes, javascript: and data: URLs; and the page's links."""

    def __init__(self):
        super().__init__()
        self.fouten: list[str] = []
        self.links: list[str] = []
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for naam, waarde in attrs:
            if naam == "style" or naam.startswith("on"):
                self.fouten.append(f"<{tag} {naam}=…>")
            if naam in ("href", "src", "action", "formaction") and (waarde or "").strip().lower().startswith(
                ("javascript:", "data:")
            ):
                self.fouten.append(f"<{tag} {naam}={waarde[:30]}…>")
        if tag == "style":
            self.fouten.append("<style>")
        if tag == "script":
            self._script = a
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])

    def handle_data(self, data):
        if self._script is not None and data.strip():
            if "src" in self._script:
                self.fouten.append("<script src> met inhoud")
            elif (self._script.get("type") or "").lower() not in ("application/json", "application/ld+json"):
                self.fouten.append(f"inline <script>: {data.strip()[:40]}…")

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None


def inline_fouten(html: str) -> tuple[list[str], list[str]]:
    parser = Inline()
    parser.feed(html)
    return parser.fouten, parser.links


def test_de_scanner_vindt_wat_het_beleid_weigert():
    fouten, _ = inline_fouten(
        '<script>alert(1)</script><script src="/x.js"></script><script type="application/json">{}</script>'
        '<style>p{}</style><p style="color:red" onclick="x()"><a href="javascript:x()">a</a>'
        '<img src="data:image/png;base64,AA">'
    )
    assert len(fouten) == 6, fouten


# The pages are not all found through links (a form's result, an error page): those are
# requested in the next tests. Skipped: the language switch and logout (forms), the API's
# JSON, PDFs, static files.
OVERSLAAN = ("/static/", "/taal/", "/uitloggen/", "/api/v1/", "/api/schema/")
PER_SOORT = 2  # pages per URL pattern (two trajecten in different states, say)
MAX_PER_GEBRUIKER = 60


def rondgang(client, starts, ook_beheer: bool = False):
    """Visits the site as the signed-in client, breadth first from ``starts`` along its own
    links, at most PER_SOORT pages per URL pattern, and yields each HTML response."""
    te_doen, gezien, per_soort, bezocht = deque(starts), set(), Counter(), 0
    while te_doen and bezocht < MAX_PER_GEBRUIKER:
        url = te_doen.popleft()
        pad = urlsplit(url).path
        if url in gezien or pad.startswith(OVERSLAAN) or "formaat=pdf" in url:
            continue
        if pad.startswith("/beheer/") and not ook_beheer:
            continue
        gezien.add(url)
        try:
            soort = resolve(pad).view_name
        except Resolver404:
            soort = "?"
        if per_soort[soort] >= PER_SOORT:
            continue
        per_soort[soort] += 1
        response = client.get(url)
        if response.status_code in (301, 302):
            te_doen.appendleft(urljoin(url, response["Location"]))
            per_soort[soort] -= 1  # a redirect is no page
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        bezocht += 1
        yield url, response
        _, links = inline_fouten(response.content.decode())
        for link in links:
            volledig = urljoin(url, link)
            delen = urlsplit(volledig)
            if delen.scheme in ("", "http") and delen.netloc in ("", "testserver") and not link.startswith("#"):
                te_doen.append(delen.path + (f"?{delen.query}" if delen.query else ""))


JOURNEYS = {
    # user: (where to start, also the beheer pages); the admin has no link to the app's pages
    "jji-school": (["/"], False),
    "coordinator": (["/"], False),
    "itb": (["/"], False),
    "verbindingsofficier": (["/"], False),
    "mbo-intake": (["/"], False),
    "beheerder": (["/trajecten/routekaart/", "/", "/beslismodel/sjabloon/"], True),
}


def test_elke_pagina_van_de_journeys_zonder_inline_script_of_stijl_en_met_beide_kopregels(client, demo):
    templates, fouten, aantal = set(), [], 0
    for gebruiker, (starts, ook_beheer) in JOURNEYS.items():
        client.force_login(demo.users[gebruiker])
        for url, response in rondgang(client, starts, ook_beheer=ook_beheer):
            aantal += 1
            templates |= {t.name for t in response.templates if t.name}
            kopregels_kloppen(response)
            fouten += [f"{gebruiker} {url}: {f}" for f in inline_fouten(response.content.decode())[0]]
        client.logout()
    assert fouten == []
    # The walk reached the pages of the journeys (not only a start page).
    bereikt = {
        "trajecten/lijst.html",
        "trajecten/detail.html",
        "trajecten/mijn_taken.html",
        "trajecten/routekaart.html",
        "dossier/dossier.html",
        "dossier/toestemmingen.html",
        "dossier/raadplegingen.html",
        "beslismodel/overzicht.html",
        "beslismodel/te_beoordelen.html",
        "beslismodel/sjabloon.html",
        "overdracht/overzicht.html",
        "netwerk/netwerkkaart.html",
        "signalering/meldingen.html",
        "admin/index.html",
        "admin/change_list.html",
        "admin/change_form.html",
    }
    assert bereikt <= templates, sorted(bereikt - templates)
    assert aantal > 60


def test_formulieren_met_fouten_en_resultaatpaginas_zonder_inline(client, demo, settings):
    """Pages that only a form leads to: the login with an error, a form with its error
    summary, the overdracht preview, the admin's history page."""
    antwoorden = [client.get(reverse("login"))]
    antwoorden.append(client.post(reverse("login"), {"username": "jji-school", "password": "fout"}))
    client.force_login(demo.itb)
    antwoorden.append(client.post(reverse("trajecten:starten"), {"traject-startdatum": ""}))
    assert "foutoverzicht" in antwoorden[-1].content.decode()
    client.force_login(demo.coordinator)
    liam = demo.trajecten["Liam"]
    overzicht = client.get(reverse("overdracht:overzicht", args=[liam.pk]))
    ontvanger = next(pk for pk, _naam in overzicht.context["form"].fields["ontvanger"].choices if pk)
    antwoorden.append(client.get(reverse("overdracht:voorbeeld", args=[liam.pk]), {"ontvanger": ontvanger}))
    assert antwoorden[-1].status_code == 200
    client.force_login(demo.beheerder)
    organisatie = demo.verbindingsofficier.medewerker.organisatie
    antwoorden.append(client.get(reverse("admin:netwerk_organisatie_history", args=[organisatie.pk])))
    for response in antwoorden:
        assert response.status_code == 200, response.request["PATH_INFO"]
        kopregels_kloppen(response)
        assert inline_fouten(response.content.decode())[0] == [], response.request["PATH_INFO"]


def test_foutpaginas_hebben_beide_kopregels_en_geen_inline(client, demo):
    from django.test import Client

    niet_gevonden = client.get("/bestaat-niet/")
    assert niet_gevonden.status_code == 404
    client.force_login(demo.beheerder)
    geweigerd = client.get(reverse("admin:auth_user_changelist"))
    assert geweigerd.status_code == 403
    # A form without its CSRF token: Django's own page has an inline <style>; ours does not.
    csrf = Client(enforce_csrf_checks=True).post(reverse("login"), {"username": "x", "password": "y"})
    assert csrf.status_code == 403 and "Formulier verlopen" in csrf.content.decode()
    for response in (niet_gevonden, geweigerd, csrf):
        kopregels_kloppen(response)
        assert inline_fouten(response.content.decode())[0] == []


def test_json_van_de_api_draagt_de_kopregels_ook(client, demo):
    client.force_login(demo.coordinator)
    for response in (client.get(reverse("api:trajecten")), client.get(reverse("api:schema"))):
        assert response.status_code == 200
        kopregels_kloppen(response)


def test_htmx_injecteert_geen_stijl_en_evalueert_niet(client, demo):
    client.force_login(demo.jji_school)
    html = client.get(reverse("trajecten:lijst")).content.decode()
    assert (
        '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false, "allowEval": false, '
        '"allowScriptTags": false, "attributesToSettle": ["class", "width", "height"]}\'>' in html
    )  # a settling swap carries no style attribute over either
    # Its indicator rules now come from the app's stylesheet.
    css = (settings.BASE_DIR / "static/css/jji-traject.css").read_text()
    assert ".htmx-request .htmx-indicator" in css


def test_geen_template_van_het_project_heeft_inline_script_of_stijl():
    """Also the templates a walk cannot reach (e-mail excepted: no CSP applies there)."""
    fouten = []
    for pad in sorted(settings.BASE_DIR.glob("*/templates/**/*.html")) + sorted(
        settings.BASE_DIR.glob("templates/**/*.html")
    ):
        if ".venv" in pad.parts or "mail" in pad.parts:
            continue
        fouten += [f"{pad.relative_to(settings.BASE_DIR)}: {f}" for f in inline_fouten(pad.read_text())[0]]
    assert fouten == []


# --- The API documentation ------------------------------------------------------------------


def test_api_documentatie_alleen_na_inloggen_of_met_token(client, demo):
    docs = reverse("api:docs")
    anoniem = client.get(docs)
    assert anoniem.status_code == 302
    assert anoniem["Location"] == f"{reverse('login')}?next={docs}"
    assert client.get(docs + "?script").status_code == 302  # the start script too

    fout_token = client.get(docs, HTTP_AUTHORIZATION="Token fout")
    assert fout_token.status_code == 401
    assert fout_token.json()["code"] == "authentication_failed"

    _, token = AuthToken.objects.create(user=demo.coordinator)
    met_token = client.get(docs, HTTP_AUTHORIZATION=f"Token {token}")
    assert met_token.status_code == 200 and 'id="swagger-ui"' in met_token.content.decode()

    client.force_login(demo.mbo_intake)
    pagina = client.get(docs)
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert inline_fouten(html)[0] == []
    assert f"{docs}?script=" in html  # the start script is a file of its own
    script = client.get(docs + "?script")
    assert script.status_code == 200 and script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()


def test_api_documentatie_heeft_een_eigen_iets_ruimer_beleid(client, demo):
    client.force_login(demo.coordinator)
    response = client.get(reverse("api:docs"))
    verwacht = {**VERWACHT_CSP, "img-src": {"'self'", "data:"}}
    assert beleid(response) == verwacht
    assert functies(response)["camera"] == "()"


def test_het_schema_blijft_openbaar_en_redoc_bestaat_niet_meer(client):
    schema = client.get(reverse("api:schema"))
    assert schema.status_code == 200
    assert b"openapi" in schema.content
    kopregels_kloppen(schema)
    assert client.get("/api/redoc/").status_code == 404


# --- PDFs: no CSP there, but the page header moved into a stylesheet must still work ---------


def test_het_overdrachtsdocument_heeft_zijn_kop_en_voet_op_elke_pagina(demo):
    """The running header and footer came from an inline <style>; from its own stylesheet
    WeasyPrint still puts them on every page (not once, in the text)."""
    from overdracht.models import Overdracht

    overdracht = Overdracht.objects.exclude(bestand=None).first()
    assert overdracht is not None, "de demodata hebben een overdrachtsdocument"
    paginas = PdfReader(io.BytesIO(bytes(overdracht.bestand))).pages
    assert len(paginas) >= 2
    for pagina in paginas:
        tekst = pagina.extract_text()
        assert "Vertrouwelijk" in tekst and f"document {overdracht.nummer}" in tekst
