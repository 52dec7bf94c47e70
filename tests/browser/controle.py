"""Every page a browser journey visits is checked before the journey leaves it: axe-core
(from npm, ``tests/browser/package.json``, installed by ``npm ci``; .ci/run does that) finds no
violation of any impact, and the page does not scroll sideways, neither in the journey's own
window nor at 390 px wide (``document.documentElement.scrollWidth <= window.innerWidth``).

No journey has to remember to call anything. The check runs before the first action on a
page (a Playwright locator handler: it fires before every click, fill, check, select and
press on an element, and the page's ``<html>`` is marked once checked), before ``goto``,
``reload`` and a key press on the page, and on the journey's last page when the fixture
closes it. A page that htmx changed loses the mark and is checked again before the next
action. axe is put into the page through the DevTools protocol (``page.evaluate``), which the
Content-Security-Policy does not govern: the policy stays as strict as in production, and the
journeys still fail on any violation of it."""

from __future__ import annotations

from pathlib import Path

from ..omgeving import overslaan_of_falen

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
SMAL = {"width": 390, "height": 844}

MERK = "data-jji-gecontroleerd"
# An htmx swap makes the page unchecked again.
NA_HTMX = f"""document.addEventListener("htmx:afterSettle",
  () => document.documentElement.removeAttribute("{MERK}"));"""

STAAT = """() => ({
  url: location.href,
  html: location.protocol.startsWith("http") && document.contentType === "text/html",
  gecontroleerd: document.documentElement.hasAttribute("MERK"),
  axe: typeof window.axe === "object",
})""".replace("MERK", MERK)

# axe reads the stylesheets (for one rule, css-orientation-lock) by putting each @import into a
# <style> element of a scratch document, which the Content-Security-Policy refuses and reports
# (the admin's forms.css imports widgets.css): it preloads the media only. The app's CSS has no
# orientation media query for that rule to find.
AXE_RUN = """async () => {
  const r = await axe.run(document, {resultTypes: ["violations"], preload: {assets: ["media"]}});
  return r.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => n.target.join(" ") + " — " + (n.failureSummary || "").replace(/\\s+/g, " ")),
  }));
}"""

BREEDTE = "() => [document.documentElement.scrollWidth, window.innerWidth]"


def axe_bron() -> str:
    if not AXE.exists():
        overslaan_of_falen(f"axe-core ontbreekt ({AXE}): npm ci --prefix tests/browser")
    return AXE.read_text(encoding="utf-8")


class Controle:
    """Checks each document of one page before it is left; ``bevindingen`` lists what failed."""

    def __init__(self, page):
        self.page = page
        self.bron = axe_bron()
        self.bevindingen: list[str] = []
        self.bekeken: list[str] = []
        page.context.add_init_script(NA_HTMX)
        page.add_locator_handler(page.locator(f"html:not([{MERK}])"), lambda _: self.controleren(), no_wait_after=True)
        for naam in ("goto", "reload", "go_back", "go_forward"):
            setattr(page, naam, self._eerst(getattr(page, naam)))
        for naam in ("press", "type", "insert_text", "down"):
            setattr(page.keyboard, naam, self._eerst(getattr(page.keyboard, naam)))

    def _eerst(self, actie):
        def na_controle(*args, **kwargs):
            self.controleren()
            return actie(*args, **kwargs)

        return na_controle

    def controleren(self) -> None:
        """Check the document the page shows now, unless it was checked since it last changed."""
        page = self.page
        if page.url.startswith("about:"):
            return
        page.wait_for_load_state()
        staat = page.evaluate(STAAT)
        if not staat["html"] or staat["gecontroleerd"]:
            return
        url = staat["url"].removeprefix(getattr(page, "basis", ""))
        self.bekeken.append(url)
        if not staat["axe"]:
            page.evaluate(self.bron)
        for v in page.evaluate(AXE_RUN):
            plekken = "\n    ".join(v["nodes"][:5])
            self.bevindingen.append(f"{url}: axe {v['id']} ({v['impact']}): {v['help']}\n    {plekken}")
        venster = page.viewport_size
        self._breedte(url, venster)
        if venster["width"] != SMAL["width"]:
            page.set_viewport_size(SMAL)
            try:
                self._breedte(url, SMAL)
            finally:
                page.set_viewport_size(venster)
        page.evaluate(f"() => document.documentElement.setAttribute('{MERK}', '')")

    def _breedte(self, url, venster) -> None:
        breed, binnen = self.page.evaluate(BREEDTE)
        if breed > binnen:
            self.bevindingen.append(f"{url}: {breed} px breed in een venster van {venster['width']} px (schuift opzij)")
