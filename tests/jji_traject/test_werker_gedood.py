"""A Celery worker killed mid-task, for real: a ``celery worker`` process (prefork, one pool
process) on the test database and a private redis-server (``tests/werker.py``) stops where the
test wants it (``tests/werker_app.py``: it writes its pid and waits), and the test kills it
with SIGKILL. Then the job comes back and every mail goes once, every document is made once,
and the outbox row is marked once.

- Only the pool process killed: the worker hands the job back at once (``acks_late``,
  ``reject_on_worker_lost``) and its new pool process runs it.
- The whole worker killed (a killed container): the job stays in Redis's unacknowledged set
  until ``CELERY_VISIBILITY_TIMEOUT`` has passed, and then goes to a new worker.

What does not hold, and is not tested as if it did: a mail is sent again when its process dies
between the mail server taking it and the commit that records it (``jji_traject/uitbox.py``).
"""

from __future__ import annotations

import collections
import time

import pytest
import redis
from django.contrib.auth import get_user_model
from django.db import connection, transaction

from jji_traject.models import Opdracht
from netwerk.models import Medewerker
from overdracht import services
from overdracht.models import Overdracht, OverdrachtStatus
from signalering import services as signalering
from signalering.models import Melding, MeldingSoort
from toegang.models import Raadpleging, RaadplegingActie
from trajecten import services as traject_services
from trajecten.models import Toestemming, Traject

from ..databaserollen import ROLLEN, als_app, rol_bestaat
from ..omgeving import overslaan_of_falen, zaai_een_jongere
from ..storingen import broker, redis_server, vrije_poort, wachtrij_lengte
from ..werker import Werker, mails

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

UITVOEREN = "jji_traject.tasks.opdracht_uitvoeren"
MAILTAAK = "signalering.tasks.mails_versturen"
DOCUMENTTAAK = "overdracht.tasks.overdracht_maken"
# Before the file backend writes a message (one call per mail: send_mail opens a connection each).
MAIL_STOP = "django.core.mail.backends.filebased.EmailBackend.send_messages"


@pytest.fixture
def liam(vereist_postgres):
    """Liam's traject as the demo data leaves it: an overdrachtsdocument (onderwijsinformatie
    and begeleidingsbehoefte) made for ROC Lindewaard's verbindingsofficier by the coordinator."""
    if not Traject.objects.filter(jongere__voornaam="Liam").exists():  # a transactional test emptied it
        zaai_een_jongere("Liam")
    return Traject.objects.get(jongere__voornaam="Liam")


def intrekken(traject, categorie: str):
    """The coordinator revokes the consent that carried a part of Liam's document: its
    recipient and its maker are asked to delete their copies, by mail through the outbox."""
    document = Overdracht.objects.get(traject=traject, status=OverdrachtStatus.KLAAR)
    toestemming = Toestemming.objects.get(
        traject=traject, ontvanger=document.ontvanger_organisatie, categorie=categorie, ingetrokken_op=None
    )
    with transaction.atomic():
        traject_services.toestemming_intrekken(actor=document.aangevraagd_door, toestemming=toestemming)
    return {document.ontvanger.email, document.aangevraagd_door.email}


def ontvangers(berichten) -> collections.Counter:
    return collections.Counter(bericht["To"] for bericht in berichten)


def laatste_opdracht() -> int:
    return Opdracht.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def uitgevoerd(werker: Werker, na: int, seconden: float = 25) -> Opdracht:
    """The one outbox row written after row ``na``, once it is marked as run."""

    def klaar():
        opdracht = Opdracht.objects.get(pk__gt=na)
        return opdracht if opdracht.uitgevoerd_op else None

    return werker.wacht_op(klaar, seconden, "de opdracht uitgevoerd")


def geslaagd(werker: Werker, taak: str) -> list[str]:
    """The worker's log lines of a run of ``taak`` that finished (one a run, with its result)."""
    return [regel for regel in werker.tekst().splitlines() if f"Task {taak}[" in regel and "succeeded" in regel]


def onbevestigd(url: str) -> int:
    """Jobs a worker took from Redis and did not acknowledge (kombu's ``unacked`` hash)."""
    return redis.Redis.from_url(url).hlen("unacked")


def gedood_en_teruggegeven(werker: Werker, pid: int) -> bool:
    """The worker saw its pool process ``pid`` die by SIGKILL, mid-job."""
    tekst = werker.tekst()
    return f"pid:{pid} exited with 'signal 9 (SIGKILL)'" in tekst and "WorkerLostError" in tekst


def test_a_pool_process_killed_between_two_mails_mails_each_person_once(liam, tmp_path):
    with redis_server(vrije_poort()) as url, broker(url), Werker(tmp_path, url, stop=f"{MAIL_STOP}:2") as werker:
        na = laatste_opdracht()
        adressen = intrekken(liam, "onderwijsinformatie")
        assert len(adressen) == 2
        # The first mail has gone when the pool process stops before the second.
        gedood = werker.pool_proces_doden()
        opdracht = uitgevoerd(werker, na)
        werker.wacht_op(lambda: geslaagd(werker, UITVOEREN), 10, "de logregel van de geslaagde taak")
        assert wachtrij_lengte(url) == 0 and onbevestigd(url) == 0
    assert gedood_en_teruggegeven(werker, gedood)
    assert opdracht.taak == MAILTAAK
    # The redelivered job mails only the person whose mail had not gone: each person once.
    assert ontvangers(mails(tmp_path)) == collections.Counter(adressen)
    assert Opdracht.objects.filter(pk__gt=na).count() == 1
    # One run went to its end and marked the row: the killed one never finished.
    assert len(geslaagd(werker, UITVOEREN)) == 1 and "'uitgevoerd'" in geslaagd(werker, UITVOEREN)[0]


def test_a_pool_process_killed_while_rendering_makes_the_document_once(liam, tmp_path):
    maker = Medewerker.objects.get(user__username="coordinator").user
    ontvanger = Medewerker.objects.get(user__username="verbindingsofficier")
    stop = "overdracht.services.pdf_maken:1"
    with redis_server(vrije_poort()) as url, broker(url), Werker(tmp_path, url, stop=stop) as werker:
        with transaction.atomic():
            overdracht = services.overdracht_aanvragen(actor=maker, traject=liam, ontvanger=ontvanger)
        gedood = werker.pool_proces_doden()
        overdracht = werker.wacht_op(
            lambda: Overdracht.objects.exclude(status=OverdrachtStatus.WACHT).filter(pk=overdracht.pk).first(),
            25,
            "het document gemaakt",
        )
        werker.wacht_op(lambda: geslaagd(werker, DOCUMENTTAAK), 10, "de logregel van de geslaagde taak")
        assert wachtrij_lengte(url) == 0 and onbevestigd(url) == 0
    assert gedood_en_teruggegeven(werker, gedood)
    # Two attempts (the first was on record before its render began), one document.
    assert overdracht.status == OverdrachtStatus.KLAAR and overdracht.pogingen == 2
    assert bytes(overdracht.bestand).startswith(b"%PDF")
    delen = collections.Counter(
        Raadpleging.objects.filter(document=overdracht.nummer, actie=RaadplegingActie.PDF).values_list(
            "categorie", flat=True
        )
    )
    assert delen == collections.Counter(overdracht.categorieen) and set(delen) == {
        "onderwijsinformatie",
        "begeleidingsbehoefte",
    }
    assert len(geslaagd(werker, DOCUMENTTAAK)) == 1 and "'klaar'" in geslaagd(werker, DOCUMENTTAAK)[0]


def test_a_whole_worker_killed_mid_job_hands_it_to_a_new_worker_after_the_visibility_timeout(liam, tmp_path):
    zichtbaar = 3  # CELERY_VISIBILITY_TIMEOUT, in seconds (production: an hour)
    with redis_server(vrije_poort()) as url, broker(url):
        with Werker(tmp_path, url, stop=f"{MAIL_STOP}:1", zichtbaarheid=zichtbaar) as eerste:
            na = laatste_opdracht()
            adressen = intrekken(liam, "onderwijsinformatie")
            eerste.geheel_doden()
        # Nobody acknowledged the job and nobody handed it back: it waits in Redis's unacked set,
        # not in the queue, and nothing of it was done.
        assert onbevestigd(url) == 1 and wachtrij_lengte(url) == 0
        assert mails(tmp_path) == [] and Opdracht.objects.get(pk__gt=na).uitgevoerd_op is None
        (_tag, genomen_op), *_rest = redis.Redis.from_url(url).zrange("unacked_index", 0, -1, withscores=True)
        time.sleep(max(0.0, genomen_op + zichtbaar + 0.5 - time.time()))
        # A new worker (the marker of the stop exists: it runs through) finds it past the timeout.
        with Werker(tmp_path, url, zichtbaarheid=zichtbaar) as tweede:
            opdracht = uitgevoerd(tweede, na)
            tweede.wacht_op(lambda: geslaagd(tweede, UITVOEREN), 10, "de logregel van de geslaagde taak")
            assert wachtrij_lengte(url) == 0 and onbevestigd(url) == 0
    assert opdracht.taak == MAILTAAK
    assert ontvangers(mails(tmp_path)) == collections.Counter(adressen)
    assert geslaagd(eerste, UITVOEREN) == [] and len(geslaagd(tweede, UITVOEREN)) == 1


def test_two_runs_mailing_at_once_mail_each_person_once(vereist_postgres, mailoutbox):
    """Two workers run the mail job at the same time (two outbox jobs, two pool processes): a
    person whose notifications one run holds is skipped by the other, not mailed twice."""
    User = get_user_model()
    eerste = User.objects.create_user("eerste", email="eerste@example.org")
    tweede = User.objects.create_user("tweede", email="tweede@example.org")
    for user in (eerste, tweede):
        Melding.objects.create(ontvanger=user, soort=MeldingSoort.NETWERKKAART, sleutel="proef")
    andere_run = als_app() if rol_bestaat(ROLLEN.app) else None
    if andere_run is None:
        overslaan_of_falen("de rol jji_app ontbreekt (tests/databaserollen.py)")
    with connection.cursor() as cursor:
        cursor.execute("SET lock_timeout = '5s'")  # a run that waits for the other one fails, not hangs
    try:
        with andere_run, andere_run.cursor() as cursor:
            # The other run is mailing the first person: it holds their notifications.
            cursor.execute("SELECT id FROM signalering_melding WHERE ontvanger_id = %s FOR UPDATE", [eerste.pk])
            assert signalering.mails_versturen() == 1
            assert [bericht.to for bericht in mailoutbox] == [["tweede@example.org"]]
            andere_run.rollback()  # the other run died before it marked them
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
    assert signalering.mails_versturen() == 1
    assert [bericht.to for bericht in mailoutbox] == [["tweede@example.org"], ["eerste@example.org"]]
    assert not Melding.objects.filter(gemaild_op=None).exists()
