"""The registry of dossier parts (``toegang.delen``) against the reader matrix.

Every registered part must be covered by every surface through which a part can be read:
the part's page, its history, the API and the overdrachtsdocument (PDF). Registering a
fourth part without a marker in the matrix, or with a surface that does not show it (or
shows it where the registry says it may not go), fails here.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from overdracht import services as overdracht_services
from toegang import delen, policy
from toegang.models import Raadpleging, RaadplegingActie
from trajecten.constants import DOSSIER_DELEN, Categorie

from ..lezers import DOSSIER_MARKERS as MARKERS
from ..lezers import consent_zetten, toestemming_geven
from ..pdf import pdf_tekst

pytestmark = pytest.mark.django_db


# Who reads a part from outside the organisation that writes it (with a grondslag): ROC
# Lindewaard's verbindingsofficier the JJI-school's parts; the JJI-school's zorgcoördinator the
# schoolloopbaan na uitstroom, which ROC Lindewaard (the receiving mbo) writes.
LEZER = {Categorie.SCHOOLLOOPBAAN: "coordinator"}


def _schrijver(demo, categorie):
    """Someone of the organisation that writes the part (it reads it without a grondslag)."""
    return demo.mbo_intake if categorie == Categorie.SCHOOLLOOPBAAN else demo.jji_school


def _lezer(demo, categorie):
    return getattr(demo, LEZER.get(categorie, "verbindingsofficier"))


def _pagina(naam):
    def lezen(client, demo, traject, categorie, capture):
        client.force_login(_lezer(demo, categorie))
        antwoord = client.get(reverse(naam, args=[traject.pk, categorie]))
        return antwoord.status_code, antwoord.content.decode()

    return lezen


def _pdf(client, demo, traject, categorie, capture):
    ontvanger = demo.verbindingsofficier.medewerker
    with capture(execute=True):
        overdracht = overdracht_services.overdracht_aanvragen(
            actor=demo.coordinator, traject=traject, ontvanger=ontvanger
        )
    overdracht.refresh_from_db()
    return 200, pdf_tekst(bytes(overdracht.bestand))


# Every action of the raadplegingen log, and the surface that reads a part that way. No page
# prints a part of the dossier today: when one does, it gets its surface here.
SURFACES = {
    RaadplegingActie.BEKIJKEN: _pagina("dossier:categorie"),
    RaadplegingActie.GESCHIEDENIS: _pagina("dossier:geschiedenis"),
    RaadplegingActie.API: _pagina("api:dossierdeel"),
    RaadplegingActie.PDF: _pdf,
    RaadplegingActie.AFDRUKKEN: None,
}


def test_the_registry_holds_the_parts_in_order():
    assert delen.categorieen() == tuple(DOSSIER_DELEN)
    for deel in delen.alle():
        assert deel.label == Categorie(deel.categorie).label
        assert deel.permissie == f"lees_{deel.categorie}"
        assert deel.grondslagen
        assert deel.ophalen is not None and deel.geschiedenis is not None
        # The API renders every part through its own serializer (given by api.apps): a part
        # without one would break every dossier answer of the API.
        assert deel.api_uitvoer is not None, deel.categorie
        assert (deel.api_invoer is None) == (deel.formulier is None), deel.categorie


def test_every_registered_part_has_a_marker_and_every_action_a_decision():
    assert set(MARKERS) == set(delen.categorieen()), "a registered part without a marker in the reader matrix"
    assert set(SURFACES) == set(RaadplegingActie.values), "an action of the log without a surface (or a reason)"


def test_the_matrix_fixture_writes_a_marker_into_every_registered_part(demo, noah):
    for deel in delen.alle():
        inhoud = policy.categorie_lezen(
            actor=_schrijver(demo, deel.categorie),
            traject=noah,
            categorie=deel.categorie,
            actie=RaadplegingActie.BEKIJKEN,
        )
        rijen = inhoud if isinstance(inhoud, list) else getattr(inhoud, "rijen", [inhoud])
        tekst = " ".join(str(getattr(rij, veld.attname, "")) for rij in rijen for veld in deel.model._meta.fields)
        assert MARKERS[deel.categorie] in tekst, deel.categorie


@pytest.mark.parametrize("actie", [actie for actie, surface in SURFACES.items() if surface is not None])
@pytest.mark.parametrize("categorie", delen.categorieen())
def test_every_registered_part_on_every_surface(
    client,
    demo,
    noah,
    categorie,
    actie,
    django_capture_on_commit_callbacks,
):
    """ROC Lindewaard's verbindingsofficier (also its veiligheidscoördinator) may read every
    part the JJI-school writes, the JJI-school the schoolloopbaan ROC Lindewaard writes: each
    surface shows the part exactly when the registry allows that action, and the reading is on
    record with that action."""
    deel = delen.deel(categorie)
    consent_zetten(demo, noah, "gedeeld")
    if categorie == Categorie.SCHOOLLOOPBAAN:
        toestemming_geven(demo, noah, categorie, organisatie=demo.coordinator.medewerker.organisatie)
    status, tekst = SURFACES[actie](client, demo, noah, categorie, django_capture_on_commit_callbacks)
    gelezen = Raadpleging.objects.filter(traject=noah, categorie=categorie, actie=actie, geweigerd=False)
    if deel.mag(actie):
        assert status == 200
        assert MARKERS[categorie] in tekst
        assert gelezen.count() == 1
    else:
        assert MARKERS[categorie] not in tekst
        assert not gelezen.exists()
