"""The one PDF module: a printable page, or the same page as PDF (``?formaat=pdf``), rendered
with WeasyPrint. WeasyPrint is imported here only, and only when a PDF is asked for (it is
heavy at import time)."""

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone


def afdruk(request, template, context, bestandsnaam):
    context = {**context, "nu": timezone.now(), "pdf": request.GET.get("formaat") == "pdf"}
    if not context["pdf"]:
        return render(request, template, context)
    from weasyprint import HTML

    html = render_to_string(template, context, request=request)
    antwoord = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    antwoord["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    return antwoord
