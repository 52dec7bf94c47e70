"""Reading a PDF's text back in tests."""

import io

from pypdf import PdfReader


def pdf_tekst(pdf: bytes) -> str:
    """The text of every page, whitespace folded. pypdf reads some fallback fonts' text as
    UTF-16 (a NUL before each letter): those NULs are dropped."""
    return " ".join(" ".join(p.extract_text().replace("\x00", "").split()) for p in PdfReader(io.BytesIO(pdf)).pages)
