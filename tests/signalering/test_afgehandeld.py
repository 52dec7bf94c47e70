"""A notification is done once its work is done, whoever did it (issue 17, item 2): the page
marks it "afgehandeld" instead of "nieuw", the header no longer counts it, and it is not mailed
when it was done before the mail went. Every kind that asks for work the app can see is
covered; kinds that only tell stay as they are."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from beslismodel import services as beslismodel_services
from beslismodel.constants import Setting, Status
from jji_traject.geschiedenis import bijwerken
from netwerk.constants import Rol
from netwerk.models import Contactpersoon, Organisatie
from netwerk.services import accounts
from signalering import services as signalering
from signalering.models import Melding, MeldingSoort
from trajecten import services as traject_services
from trajecten.constants import Categorie, Grondslag, TaakStatus, Wijze
from trajecten.models import Toestemming

from ..accounts import goedkeuren
from ..beslismodellen import besluiten, ingediend

pytestmark = pytest.mark.django_db
VANDAAG = timezone.localdate


def _melding(ontvanger, soort, **filter_):
    return Melding.objects.met_afgehandeld().get(ontvanger=ontvanger, soort=soort, **filter_)


def _regel(pagina: str, *teksten: str) -> str:
    """The one notification on the page that holds all of ``teksten``."""
    regels = [r for r in pagina.split('<li class="taak') if all(t in r for t in teksten)]
    assert len(regels) == 1, regels
    return regels[0]


def test_a_submission_waiting_for_a_decision_is_done_once_decided_for_everyone_told(client, demo):
    versie = ingediend(demo)  # Noah: the intaker is assigned; the verbindingsofficier may decide too
    for user in (demo.mbo_intake, demo.verbindingsofficier):
        assert not _melding(user, MeldingSoort.BESLISMODEL_TE_BEOORDELEN, beslismodel=versie).afgehandeld
    client.force_login(demo.verbindingsofficier)
    voor = client.get(reverse("signalering:meldingen")).content.decode()
    regel = _regel(voor, "Noah Verbeek", "is bij jouw school ingediend en wacht op een besluit")
    assert ">nieuw<" in regel and "afgehandeld" not in regel
    ongelezen = signalering.ongelezen(demo.verbindingsofficier)

    besluiten(demo, versie, Status.GROEN)  # the intaker decides

    for user in (demo.mbo_intake, demo.verbindingsofficier):
        assert _melding(user, MeldingSoort.BESLISMODEL_TE_BEOORDELEN, beslismodel=versie).afgehandeld
    assert signalering.ongelezen(demo.verbindingsofficier) == ongelezen - 1
    regel = _regel(
        client.get(reverse("signalering:meldingen")).content.decode(), "Noah Verbeek", "wacht op een besluit"
    )
    assert "afgehandeld" in regel and ">nieuw<" not in regel
    # What only tells (the decision stands) is not marked done: it is read, not worked on.
    assert not _melding(demo.jji_school, MeldingSoort.BESLISMODEL_VASTGESTELD, beslismodel=versie).afgehandeld


def test_confirmation_and_a_decision_sent_back_are_done_when_acted_on(demo):
    vo, intaker = demo.verbindingsofficier, demo.mbo_intake
    versie = ingediend(demo, setting=Setting.ZORG)
    besluiten(demo, versie, Status.ROOD)
    eerste = _melding(vo, MeldingSoort.BESLISMODEL_TE_BEVESTIGEN, beslismodel=versie)
    assert not eerste.afgehandeld
    beslismodel_services.besluit_terugleggen(actor=vo, beslismodel=versie, reactie="Eerst een gesprek.")
    assert _melding(vo, MeldingSoort.BESLISMODEL_TE_BEVESTIGEN, pk=eerste.pk).afgehandeld
    teruggelegd = _melding(intaker, MeldingSoort.BESLISMODEL_TERUGGELEGD, beslismodel=versie)
    assert not teruggelegd.afgehandeld
    # A new decision: the one sent back is done; the new request for confirmation is open.
    versie.refresh_from_db()
    besluiten(demo, versie, Status.ROOD)
    assert _melding(intaker, MeldingSoort.BESLISMODEL_TERUGGELEGD, pk=teruggelegd.pk).afgehandeld
    tweede = (
        Melding.objects.met_afgehandeld()
        .exclude(pk=eerste.pk)
        .get(ontvanger=vo, soort=MeldingSoort.BESLISMODEL_TE_BEVESTIGEN, beslismodel=versie)
    )
    assert not tweede.afgehandeld
    assert _melding(vo, MeldingSoort.BESLISMODEL_TE_BEVESTIGEN, pk=eerste.pk).afgehandeld  # stays done
    versie.refresh_from_db()
    beslismodel_services.besluit_bevestigen(actor=vo, beslismodel=versie)
    assert _melding(vo, MeldingSoort.BESLISMODEL_TE_BEVESTIGEN, pk=tweede.pk).afgehandeld


def test_a_task_reminder_is_done_when_the_task_is_done(demo):
    noah = demo.trajecten["Noah"]
    bijwerken(noah.taken.all(), deadline=None)
    taak = noah.taken.filter(organisatie__naam="ROC Lindewaard", justitieel=False).exclude(
        status__in=[TaakStatus.GEDAAN, TaakStatus.NVT]
    )[0]
    taak.deadline = VANDAAG() - dt.timedelta(days=2)
    taak.save(update_fields=["deadline"])
    signalering.herinneringen_versturen()
    melding = Melding.objects.filter(soort=MeldingSoort.TAAK_TE_LAAT, taak=taak).first()
    assert melding is not None and not _melding(melding.ontvanger, MeldingSoort.TAAK_TE_LAAT, pk=melding.pk).afgehandeld
    traject_services.taak_bijwerken(actor=demo.verbindingsofficier, taak=taak, status=TaakStatus.GEDAAN)
    assert _melding(melding.ontvanger, MeldingSoort.TAAK_TE_LAAT, pk=melding.pk).afgehandeld


def test_an_account_request_is_done_once_decided(demo):
    aanvraag = accounts.accountaanvraag_indienen(
        actor=demo.beheerder,
        organisatie=Organisatie.objects.get(naam="ROC Lindewaard"),
        gebruikersnaam="intaker-drie",
        voornaam="Sam",
        achternaam="Drie",
        email="intaker-drie@example.org",
        rol=Rol.INTAKER,
        functietitel="Intaker",
    )
    assert not _melding(demo.verbindingsofficier, MeldingSoort.ACCOUNTAANVRAAG, accountaanvraag=aanvraag).afgehandeld
    goedkeuren(aanvraag, demo.verbindingsofficier)
    assert _melding(demo.verbindingsofficier, MeldingSoort.ACCOUNTAANVRAAG, accountaanvraag=aanvraag).afgehandeld


def _ouder_toestemming(demo, traject):
    jongere = traject.jongere
    vandaag = VANDAAG()
    jongere.geboortedatum = vandaag.replace(year=vandaag.year - 16) - dt.timedelta(days=10)
    jongere.save()
    return Toestemming.objects.create(
        traject=traject,
        ontvanger=Organisatie.objects.get(naam="ROC Lindewaard"),
        categorie=Categorie.ONDERWIJSINFORMATIE,
        grondslag=Grondslag.TOESTEMMING_OUDER,
        gegeven_door="Moeder (fictief)",
        jongere_gevraagd=True,
        weigeren_zonder_gevolgen=True,
        wijze=Wijze.FORMULIER,
        datum_gegeven=vandaag - dt.timedelta(days=30),
        vastgelegd_door=demo.coordinator,
    )


def test_asking_the_youth_again_at_16_is_done_when_the_parents_consent_is_revoked(demo):
    record = _ouder_toestemming(demo, demo.trajecten["Liam"])
    assert signalering.toestemming_op_16_herinneren() == 1
    assert not _melding(demo.coordinator, MeldingSoort.TOESTEMMING_16, toestemming=record).afgehandeld
    traject_services.toestemming_intrekken(actor=demo.coordinator, toestemming=record)
    assert _melding(demo.coordinator, MeldingSoort.TOESTEMMING_16, toestemming=record).afgehandeld


def test_asking_the_youth_again_at_16_is_done_when_the_youth_gives_consent_themselves(demo):
    liam = demo.trajecten["Liam"]
    record = _ouder_toestemming(demo, liam)
    signalering.toestemming_op_16_herinneren()
    Toestemming.objects.create(
        traject=liam,
        ontvanger=record.ontvanger,
        categorie=record.categorie,
        grondslag=Grondslag.TOESTEMMING_JONGERE,
        weigeren_zonder_gevolgen=True,
        wijze=Wijze.MONDELING,
        datum_gegeven=VANDAAG(),
        vastgelegd_door=demo.coordinator,
        vastgelegd_op=timezone.now() + dt.timedelta(seconds=1),
    )
    assert _melding(demo.coordinator, MeldingSoort.TOESTEMMING_16, toestemming=record).afgehandeld


def test_confirming_the_netwerkkaart_is_done_when_no_entry_is_older_than_a_year(demo):
    tom = Contactpersoon.objects.filter(naam="Tom Willems")
    bijwerken(tom, bevestigd_op=VANDAAG() - dt.timedelta(days=400))
    assert signalering.netwerkkaart_laten_bevestigen() == 1
    assert not _melding(demo.beheerder, MeldingSoort.NETWERKKAART).afgehandeld
    bijwerken(tom, bevestigd_op=VANDAAG())
    assert _melding(demo.beheerder, MeldingSoort.NETWERKKAART).afgehandeld


def test_a_notification_done_before_it_was_mailed_is_not_mailed(demo):
    versie = ingediend(demo)  # the mail waits for the outbox
    besluiten(demo, versie, Status.GROEN)
    signalering.mails_versturen()
    wachtte = Melding.objects.filter(beslismodel=versie, soort=MeldingSoort.BESLISMODEL_TE_BEOORDELEN)
    assert wachtte.count() == 2 and not wachtte.filter(gemaild_op__isnull=False).exists()
    vastgesteld = Melding.objects.get(beslismodel=versie, soort=MeldingSoort.BESLISMODEL_VASTGESTELD)
    assert vastgesteld.gemaild_op is not None  # told that the decision stands
    assert any(demo.jji_school.email in bericht.to for bericht in mail.outbox)


def test_earlier_notifications_are_linked_to_what_they_are_about(demo):
    """The migration links notifications made before it, by their key."""
    versie = ingediend(demo)
    Melding.objects.filter(beslismodel=versie).update(beslismodel=None)
    migratie = importlib.import_module("signalering.migrations.0009_afgehandeld_en_intaker_toewijzen")
    migratie.waarover_invullen(apps, None)
    assert Melding.objects.filter(beslismodel=versie, soort=MeldingSoort.BESLISMODEL_TE_BEOORDELEN).exists()
    assert not Melding.objects.filter(sleutel__startswith="beslismodel:", beslismodel__isnull=True).exists()


def test_the_notifications_page_has_a_flat_query_count(client, demo, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    vo = demo.verbindingsofficier
    noah = demo.trajecten["Noah"]
    versie = ingediend(demo)
    taken = list(noah.taken.filter(organisatie__naam="ROC Lindewaard", justitieel=False)[:10])
    client.force_login(vo)
    url = reverse("signalering:meldingen")

    def maak(i):
        Melding.objects.create(
            ontvanger=vo, soort=MeldingSoort.TAAK_TE_LAAT, sleutel=f"p:t:{i}", taak=taken[i % len(taken)], traject=noah
        )
        Melding.objects.create(
            ontvanger=vo,
            soort=MeldingSoort.BESLISMODEL_TE_BEVESTIGEN,
            sleutel=f"p:b:{i}",
            beslismodel=versie,
            traject=noah,
        )
        Melding.objects.create(
            ontvanger=vo, soort=MeldingSoort.KOPIE_VERWIJDEREN, sleutel=f"p:k:{i}", document=f"OD-{i}"
        )

    maak(0)
    with CaptureQueriesContext(connection) as weinig:
        assert client.get(url).status_code == 200
    for i in range(1, 10):
        maak(i)
    with django_assert_max_num_queries(len(weinig)):
        assert client.get(url).content.decode().count("taak is te laat") >= 10


def test_the_headers_count_follows_the_day(demo, monkeypatch):
    """The header's count reuses its query within a day (``ongelezen``); the next day the
    conditions hold the new date: an entry confirmed exactly a year ago is old tomorrow."""
    tom = Contactpersoon.objects.filter(naam="Tom Willems")
    bijwerken(tom, bevestigd_op=VANDAAG() - dt.timedelta(days=400))
    assert signalering.netwerkkaart_laten_bevestigen() == 1
    voor = signalering.ongelezen(demo.beheerder)
    bijwerken(tom, bevestigd_op=VANDAAG() - dt.timedelta(days=365))
    assert signalering.ongelezen(demo.beheerder) == voor - 1  # the same day: its work is done
    morgen = VANDAAG() + dt.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: morgen)
    assert signalering.ongelezen(demo.beheerder) == voor  # a day later the entry is over a year old
