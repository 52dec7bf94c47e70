""" "Uit beeld" becomes action (issue 18, item 3): a traject in uitstroom without contact for
UIT_BEELD_DAGEN days tells the regie over nazorg (the gemeente in the demo) and the receiving
mbo's verbindingsofficier, once per episode; the notification names the youth on the page only,
never in the mail, and is done once a contact moment is recorded. Nobody who cannot see the
traject is told."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from netwerk import services as netwerk_services
from netwerk.constants import Rol
from signalering import services as signalering
from signalering.models import Melding, MeldingSoort
from toegang import policy
from trajecten import services as traject_services
from trajecten.constants import OverlegSoort
from trajecten.models import Traject

pytestmark = pytest.mark.django_db
VANDAAG = timezone.localdate
DAGEN = 21


@pytest.fixture(autouse=True)
def _uit_beeld_dagen(settings):
    settings.UIT_BEELD_DAGEN = DAGEN


def _vrijgelaten(demo, naam, dagen_geleden):
    traject = demo.trajecten[naam]
    vrij = VANDAAG() - dt.timedelta(days=dagen_geleden)
    traject_services.traject_wijzigen(actor=demo.itb, traject=traject, jongere={}, gegevens={"vrijgelaten_op": vrij})
    return Traject.objects.get(pk=traject.pk)


def _ontvangers(traject):
    return set(
        Melding.objects.filter(soort=MeldingSoort.UIT_BEELD, traject=traject).values_list(
            "ontvanger__username", flat=True
        )
    )


def _open(user, traject):
    return list(Melding.objects.filter(ontvanger=user, soort=MeldingSoort.UIT_BEELD, traject=traject).open())


def test_once_per_episode_to_the_regie_and_the_receiving_verbindingsofficier(
    client, demo, django_capture_on_commit_callbacks
):
    liam = _vrijgelaten(demo, "Liam", 40)
    assert Traject.objects.filter(pk=liam.pk).uit_beeld(DAGEN).exists()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        eerste = signalering.uit_beeld_melden()
    # The gemeente holds the regie over nazorg (its nazorgcoördinator: nobody of it is assigned,
    # and the regie task is given to no one); ROC Lindewaard receives Liam.
    assert _ontvangers(liam) == {"gemeente", "verbindingsofficier"}
    # (other demo youths may be uit beeld too: each of them is told once as well)
    assert eerste == Melding.objects.filter(soort=MeldingSoort.UIT_BEELD).count() >= 2
    # Run twice: nothing new, and nothing mailed twice.
    verstuurd = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        assert signalering.uit_beeld_melden() == 0
    assert Melding.objects.filter(soort=MeldingSoort.UIT_BEELD, traject=liam).count() == 2
    assert len(mail.outbox) == verstuurd

    # The mail names no youth; the page does, for who may see the traject.
    aan_gemeente = [m for m in mail.outbox if demo.gemeente.email in m.to]
    assert aan_gemeente and "uit beeld" in aan_gemeente[-1].body
    assert all("Liam" not in m.body and "Mulder" not in m.body for m in mail.outbox)
    client.force_login(demo.gemeente)
    pagina = client.get(reverse("signalering:meldingen")).content.decode()
    assert "Liam Mulder is uit beeld" in pagina
    assert reverse("trajecten:overleg_vastleggen", args=[liam.pk]) in pagina
    ongelezen = signalering.ongelezen(demo.gemeente)

    # A contact moment ends the episode, for everyone told, whoever recorded it.
    traject_services.overleg_vastleggen(
        actor=demo.gemeente, traject=liam, soort=OverlegSoort.CONTACTMOMENT, datum=VANDAAG()
    )
    assert _open(demo.gemeente, liam) == [] and _open(demo.verbindingsofficier, liam) == []
    assert signalering.ongelezen(demo.gemeente) == ongelezen - 1
    assert signalering.uit_beeld_melden() == 0  # in view again

    # Weeks later, uit beeld again: a new episode, a new notification (the old one stays done).
    later = VANDAAG() + dt.timedelta(days=DAGEN + 1)
    assert signalering.uit_beeld_melden(op=VANDAAG() + dt.timedelta(days=DAGEN)) == 0  # not yet: 21 days
    signalering.uit_beeld_melden(op=later)  # the other demo youths released today are uit beeld by then too
    assert signalering.uit_beeld_melden(op=later) == 0
    for user in (demo.gemeente, demo.verbindingsofficier):
        meldingen = Melding.objects.filter(ontvanger=user, soort=MeldingSoort.UIT_BEELD, traject=liam).met_afgehandeld()
        assert sorted((m.laatste_contact, m.afgehandeld) for m in meldingen) == [
            (liam.vrijgelaten_op, True),
            (VANDAAG(), False),
        ]


def test_a_meeting_about_the_youth_without_them_does_not_end_the_episode(demo):
    liam = _vrijgelaten(demo, "Liam", 40)
    signalering.uit_beeld_melden()
    traject_services.overleg_vastleggen(
        actor=demo.coordinator, traject=liam, soort=OverlegSoort.TRAJECTKNOOPPUNT, datum=VANDAAG()
    )
    assert len(_open(demo.gemeente, liam)) == 1
    # A meeting with the youth present is contact.
    traject_services.overleg_vastleggen(
        actor=demo.coordinator,
        traject=liam,
        soort=OverlegSoort.NAZORGTAFEL,
        datum=VANDAAG(),
        jongere_aanwezig=True,
    )
    assert _open(demo.gemeente, liam) == []


def test_closing_the_traject_ends_the_episode(demo):
    liam = _vrijgelaten(demo, "Liam", 40)
    signalering.uit_beeld_melden()
    traject_services.traject_afsluiten(
        actor=demo.coordinator,
        traject=liam,
        datum=VANDAAG(),
        besluit="Stabiel: gaat naar school, woont bij zijn tante.",
        advies="Nazorgtafel",
    )
    assert _open(demo.gemeente, liam) == [] and _open(demo.verbindingsofficier, liam) == []


def test_only_people_who_see_the_traject_are_told(demo):
    """Jayden: ROC Lindewaard's grondslag expired, so its verbindingsofficier no longer sees him
    and is not told; the gemeente (INJUS) still has the regie. Partners without the regie, the
    intaker and the JJI-school are never told."""
    jayden = _vrijgelaten(demo, "Jayden", 30)
    liam = _vrijgelaten(demo, "Liam", 30)
    assert not policy.is_zichtbaar(demo.verbindingsofficier, jayden)
    signalering.uit_beeld_melden()
    assert _ontvangers(jayden) == {"gemeente"}
    assert _ontvangers(liam) == {"gemeente", "verbindingsofficier"}
    # Liam's jeugdreclasseerder, intaker and JJI-school see him, but are not the ones told.
    for user in (demo.jeugdreclassering, demo.mbo_intake, demo.coordinator):
        assert policy.is_zichtbaar(user, liam)
    # Everyone told sees the traject now.
    for melding in Melding.objects.filter(soort=MeldingSoort.UIT_BEELD).select_related("ontvanger", "traject"):
        assert policy.is_zichtbaar(melding.ontvanger, melding.traject)


def test_within_the_regie_the_person_who_acts_is_told(demo):
    """The regie's task given to a person who sees the traject: that person; else the regie's
    people assigned to the traject; else its coordinators. Never someone who cannot see it."""
    liam = _vrijgelaten(demo, "Liam", 30)
    gemeente = demo.gemeente.medewerker.organisatie

    def casemanager(naam):
        return netwerk_services.medewerker_opslaan(
            actor=None,
            gebruikersnaam=naam,
            voornaam=naam.title(),
            achternaam="Casemanager",
            email=f"{naam}@example.org",
            organisatie=gemeente,
            rol=Rol.CASEMANAGER_NAZORG,
        )

    anna, bo = casemanager("anna"), casemanager("bo")
    traject_services.toewijzing_toevoegen(actor=demo.gemeente, traject=liam, medewerker=anna)
    taak = liam.taken.get(verantwoordelijkheid__regie_nazorg=True)
    assert taak.organisatie == gemeente
    # Given to Bo, who is not assigned and so does not see Liam: not Bo, but Anna (assigned).
    taak.medewerker = bo
    taak.save(update_fields=["medewerker"])
    assert not policy.is_zichtbaar(bo.user, liam)
    signalering.uit_beeld_melden()
    assert _ontvangers(liam) == {"anna", "verbindingsofficier"}
    # A next episode, the task given to the nazorgcoördinator herself: she is told.
    traject_services.overleg_vastleggen(
        actor=demo.gemeente, traject=liam, soort=OverlegSoort.CONTACTMOMENT, datum=VANDAAG()
    )
    taak.medewerker = demo.gemeente.medewerker
    taak.save(update_fields=["medewerker"])
    signalering.uit_beeld_melden(op=VANDAAG() + dt.timedelta(days=DAGEN + 1))
    nieuw = Melding.objects.filter(soort=MeldingSoort.UIT_BEELD, traject=liam, laatste_contact=VANDAAG())
    assert set(nieuw.values_list("ontvanger__username", flat=True)) == {"gemeente", "verbindingsofficier"}


def test_a_traject_in_view_or_not_in_uitstroom_tells_nobody(demo):
    liam = _vrijgelaten(demo, "Liam", DAGEN)  # exactly the limit: still in view
    signalering.uit_beeld_melden()
    assert not Melding.objects.filter(soort=MeldingSoort.UIT_BEELD, traject=liam).exists()
    noah = demo.trajecten["Noah"]  # in verblijf: never uit beeld
    assert not Traject.objects.filter(pk=noah.pk).uit_beeld(DAGEN).exists()
    assert not Melding.objects.filter(soort=MeldingSoort.UIT_BEELD, traject=noah).exists()
