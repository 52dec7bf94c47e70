"""A beslismodel submitted to an mbo whose intaker is not assigned to the traject (issue 17,
item 2): need to know stays — the submission opens the traject to nobody new — and instead
the mbo's verbindingsofficier is asked to assign an intaker (a notification and a place on his
home page); the submission page tells the JJI-school who will see it; the unassigned intaker's
empty "Te beoordelen" does not claim that nothing waits; assigning the intaker tells them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from beslismodel import services
from beslismodel.constants import Stand
from beslismodel.models import Beslismodel
from beslismodel.selectors import suggestie_van
from signalering.models import Melding, MeldingSoort
from toegang import policy
from trajecten import services as traject_services

from ..beslismodellen import antwoorden, besluiten, ingediend, roc_lindewaard

pytestmark = pytest.mark.django_db


def daan_concept(demo):
    """Daan's demo draft (ROC Lindewaard is active, its intaker not assigned), filled in."""
    concept = Beslismodel.objects.get(traject=demo.trajecten["Daan"], stand=Stand.CONCEPT)
    return services.antwoorden_opslaan(actor=demo.jji_school, beslismodel=concept, gegevens=antwoorden())


def daan_indienen(demo):
    return services.beslismodel_indienen(
        actor=demo.jji_school, beslismodel=daan_concept(demo), ontvanger=roc_lindewaard(), met_jongere_besproken=True
    )


def finn_beslissen(demo):
    """The intaker decides Finn's waiting version as suggested (oranje: it waits for the
    verbindingsofficier's confirmation, not for her)."""
    versie = Beslismodel.objects.get(traject=demo.trajecten["Finn"], stand=Stand.INGEDIEND)
    return besluiten(demo, versie, suggestie_van(versie).status)


def test_the_submission_opens_nothing_and_asks_the_verbindingsofficier_to_assign_an_intaker(demo):
    daan = demo.trajecten["Daan"]
    assert not policy.is_zichtbaar(demo.mbo_intake, daan)
    versie = daan_indienen(demo)
    daan.refresh_from_db()
    # Need to know stays: the intaker still does not see the traject, nor is told anything.
    assert not policy.zichtbaar_voor(demo.mbo_intake).filter(pk=daan.pk).exists()
    assert not Melding.objects.filter(ontvanger=demo.mbo_intake, traject=daan).exists()
    gevraagd = Melding.objects.met_afgehandeld().get(soort=MeldingSoort.INTAKER_TOEWIJZEN, beslismodel=versie)
    assert gevraagd.ontvanger == demo.verbindingsofficier and not gevraagd.afgehandeld
    # Where an intaker is assigned (Noah), nobody is asked.
    noah = ingediend(demo)
    assert not Melding.objects.filter(soort=MeldingSoort.INTAKER_TOEWIJZEN, beslismodel=noah).exists()


def test_the_submission_page_says_who_at_the_mbo_will_see_it(client, demo):
    concept = daan_concept(demo)
    client.force_login(demo.jji_school)
    url = reverse("beslismodel:indienen", args=[demo.trajecten["Daan"].pk, concept.versie])
    pagina = client.get(url).content.decode()
    wie = pagina.split("Wie het ziet bij ROC Lindewaard")[1].split("<form")[0]
    assert "Marco Janssen" in wie and "verbindingsofficier" in wie
    assert "Linda Vermeulen" not in wie  # the intaker is not assigned: she will not see it
    assert "nog geen intaker van ROC Lindewaard aan Daan" in wie and "Marco Janssen een melding" in wie
    antwoord = client.post(url, {"ontvanger": roc_lindewaard().pk, "met_jongere_besproken": "on"}, follow=True)
    melding = antwoord.content.decode()
    assert "Bij ROC Lindewaard zien het nu: Marco Janssen." in melding
    assert "Gevraagd om er een toe te wijzen: Marco Janssen." in melding


def test_with_an_assigned_intaker_the_page_names_her(client, demo):
    noah = demo.trajecten["Noah"]
    concept = services.beslismodel_beginnen(actor=demo.jji_school, traject=noah)
    client.force_login(demo.jji_school)
    pagina = client.get(reverse("beslismodel:indienen", args=[noah.pk, concept.versie])).content.decode()
    wie = pagina.split("Wie het ziet bij ROC Lindewaard")[1].split("<form")[0]
    assert "Linda Vermeulen" in wie and "Marco Janssen" in wie and "nog geen intaker" not in wie


def test_the_unassigned_intakers_empty_te_beoordelen_does_not_claim_nothing_waits(client, demo):
    finn_beslissen(demo)  # what waited for her (Finn's, she is assigned) is decided
    daan_indienen(demo)
    client.force_login(demo.mbo_intake)
    pagina = client.get(reverse("beslismodel:te_beoordelen")).content.decode()
    assert "Er wacht niets op je" not in pagina
    assert "In de trajecten waaraan je bent toegewezen, wacht niets op je besluit." in pagina
    assert "De verbindingsofficier van jouw school is Marco Janssen." in pagina
    assert "Daan" not in pagina  # no youth revealed
    # The verbindingsofficier sees the whole school: for him it is listed.
    client.force_login(demo.verbindingsofficier)
    assert "Daan" in client.get(reverse("beslismodel:te_beoordelen")).content.decode()


def test_the_verbindingsofficier_is_asked_on_his_home_page_and_assigning_closes_it(client, demo):
    daan = demo.trajecten["Daan"]
    versie = daan_indienen(demo)
    client.force_login(demo.verbindingsofficier)
    thuis = client.get(reverse("start"), follow=True).content.decode()
    blok = thuis.split('id="intaker-toewijzen"')[1].split("</section>")[0]
    assert "Wijs een intaker toe" in blok and reverse("trajecten:toewijzen", args=[daan.pk]) in blok
    assert "Daan" in blok
    meldingen = client.get(reverse("signalering:meldingen")).content.decode()
    assert (
        "er is nog geen intaker aan Daan" in meldingen and reverse("trajecten:toewijzen", args=[daan.pk]) in meldingen
    )

    traject_services.toewijzing_toevoegen(
        actor=demo.verbindingsofficier, traject=daan, medewerker=demo.mbo_intake.medewerker
    )

    assert Melding.objects.met_afgehandeld().get(soort=MeldingSoort.INTAKER_TOEWIJZEN, beslismodel=versie).afgehandeld
    thuis = client.get(reverse("trajecten:lijst")).content.decode()
    assert 'id="intaker-toewijzen"' not in thuis
    # The intaker is told now, and the work is on her page.
    melding = Melding.objects.met_afgehandeld().get(
        ontvanger=demo.mbo_intake, soort=MeldingSoort.BESLISMODEL_TE_BEOORDELEN, beslismodel=versie
    )
    assert not melding.afgehandeld
    client.force_login(demo.mbo_intake)
    assert client.get(reverse("start"))["Location"] == reverse("beslismodel:te_beoordelen")
    assert "Daan" in client.get(reverse("beslismodel:te_beoordelen")).content.decode()


def test_other_readers_home_pages_do_not_ask_to_assign(client, demo):
    daan_indienen(demo)
    for user in (demo.mbo_intake, demo.jji_school, demo.itb):
        client.force_login(user)
        assert 'id="intaker-toewijzen"' not in client.get(reverse("trajecten:lijst")).content.decode()


def _tel(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_verbindingsofficiers_home_page_query_count_is_flat(client, demo, django_assert_max_num_queries):
    daan_indienen(demo)
    client.force_login(demo.verbindingsofficier)
    url = reverse("trajecten:lijst")
    een = _tel(client, url)
    # Two more waiting without an intaker: Noah's (submitted, then its intaker unassigned) and Finn's.
    ingediend(demo)
    for naam in ("Noah", "Finn"):
        for toewijzing in demo.trajecten[naam].toewijzingen.filter(medewerker=demo.mbo_intake.medewerker):
            traject_services.toewijzing_beeindigen(actor=demo.verbindingsofficier, toewijzing=toewijzing)
    with django_assert_max_num_queries(een):
        pagina = client.get(url).content.decode()
    blok = pagina.split('id="intaker-toewijzen"')[1].split("</section>")[0]
    assert all(naam in blok for naam in ("Daan", "Noah", "Finn"))
