"""The overdracht tests read the markers back from a PDF's text: Noah's dossier holds them in capitals."""

import pytest

from ..lezers import PDF_MARKERS


@pytest.fixture
def dossier_markers():
    return PDF_MARKERS
