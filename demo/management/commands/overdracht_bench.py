"""Benchmark (not a test): the render time of a full demo overdrachtsdocument as PDF next to
rendering the same document as an HTML page in Django, as a ratio in one run, and the memory
WeasyPrint takes. Needs the demo data (Liam's document for ROC Lindewaard's verbindingsofficier)."""

from __future__ import annotations

import gc
import resource
import statistics
import time
import tracemalloc

from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string
from django.utils import timezone

from jji_traject.afdruk import pdf_maken
from netwerk.models import Medewerker
from overdracht import selectors
from overdracht.models import Overdracht
from trajecten.models import Traject


class Command(BaseCommand):
    help = "Meet het maken van een volledig demo-overdrachtsdocument: PDF tegenover dezelfde HTML-pagina."

    def add_arguments(self, parser):
        parser.add_argument("--herhalingen", type=int, default=15)

    def handle(self, *args, **options):
        n = options["herhalingen"]
        if n < 3:
            raise CommandError("--herhalingen is minstens 3.")
        traject = Traject.objects.filter(jongere__voornaam="Liam").select_related("jongere").first()
        maker = Medewerker.objects.filter(user__username="coordinator").select_related("user").first()
        ontvanger = Medewerker.objects.filter(user__username="verbindingsofficier").select_related("user").first()
        if not (traject and maker and ontvanger):
            raise CommandError("Geen demogegevens: draai eerst manage.py demo_data.")
        # The content as the recipient would get it (a preview: nothing is logged).
        inhoud = selectors.inhoud(actor=maker.user, ontvanger=ontvanger, traject=traject)
        document = Overdracht(nummer="OD-BENCH", traject=traject, aangevraagd_door=maker.user, ontvanger=ontvanger.user)
        context = {"i": inhoud, "o": document, "nu": timezone.now(), "pdf": True}

        def html():
            return render_to_string("overdracht/document.html", context)

        pdf_maken(html())  # warm up: WeasyPrint's import, fonts and the template cache
        html_tijden, pdf_tijden = [], []
        for _ in range(n):  # alternately, so background load weighs on both
            begin = time.perf_counter()
            pagina = html()
            html_tijden.append(time.perf_counter() - begin)
            begin = time.perf_counter()
            pdf = pdf_maken(html())
            pdf_tijden.append(time.perf_counter() - begin)
        gc.collect()
        rss_voor = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        tracemalloc.start()
        pdf_maken(html())
        _huidig, piek = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss_na = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        html_ms, pdf_ms = statistics.median(html_tijden) * 1000, statistics.median(pdf_tijden) * 1000
        self.stdout.write(f"Overdrachtsdocument (Liam, alle gedeelde delen), mediaan van {n}:")
        self.stdout.write(f"  HTML-pagina in Django:        {html_ms:8.1f} ms  ({len(pagina) / 1024:.0f} kB HTML)")
        self.stdout.write(f"  PDF (Django + WeasyPrint):    {pdf_ms:8.1f} ms  ({len(pdf) / 1024:.0f} kB PDF)")
        self.stdout.write(f"  verhouding PDF / HTML:        {pdf_ms / html_ms:8.1f}")
        self.stdout.write(f"  piekgeheugen Python (tracemalloc) tijdens één PDF: {piek / 1024 / 1024:.1f} MB")
        self.stdout.write(
            f"  maximale RSS van het proces: {rss_na / 1024:.0f} MB (vóór de laatste PDF {rss_voor / 1024:.0f} MB)"
        )
