"""The beslismodel's services: drafts private to the JJI-school, submission to an active
receiving mbo, decisions with motivation and deviation reasons, four eyes on oranje and rood,
versions, measures becoming tasks, and notifications."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from beslismodel import selectors, services
from beslismodel.constants import Bevestiging, Setting, Stand, Status, veldnaam
from beslismodel.models import Beslismodel, Besluit
from netwerk.models import Organisatie
from signalering.models import Melding, MeldingSoort
from toegang import policy
from trajecten.models import Taak, Traject

from ..beslismodellen import BESLISMODEL_MARKERS, ITEM_PER_CATEGORIE, antwoorden, besluiten, ingediend, roc_lindewaard
from ..lezers import toestemming_geven

pytestmark = pytest.mark.django_db


def test_a_draft_is_the_jji_schools_alone(demo):
    noah = demo.trajecten["Noah"]
    concept = services.beslismodel_beginnen(actor=demo.jji_school, traject=noah)
    services.antwoorden_opslaan(actor=demo.jji_school, beslismodel=concept, gegevens=antwoorden())
    for gebruiker in ("jji_school", "coordinator"):
        assert list(policy.beslismodellen_zichtbaar_voor(getattr(demo, gebruiker), noah)) == [concept]
    for gebruiker in ("mbo_intake", "verbindingsofficier", "itb", "mbo_intake_other", "beheerder"):
        assert not policy.beslismodellen_zichtbaar_voor(getattr(demo, gebruiker), noah).exists(), gebruiker
    assert not policy.beslismodellen_te_beoordelen(demo.verbindingsofficier).filter(traject=noah).exists()


def test_only_the_jji_school_prepares_it(demo):
    noah = demo.trajecten["Noah"]
    for gebruiker in ("mbo_intake", "verbindingsofficier", "itb", "mbo_intake_other"):
        with pytest.raises(PermissionDenied):
            services.beslismodel_beginnen(actor=getattr(demo, gebruiker), traject=noah)
    assert not Beslismodel.objects.filter(traject=noah).exists()


def test_one_draft_at_a_time(demo):
    noah = demo.trajecten["Noah"]
    services.beslismodel_beginnen(actor=demo.jji_school, traject=noah)
    with pytest.raises(ValidationError, match="al een concept"):
        services.beslismodel_beginnen(actor=demo.coordinator, traject=noah)
    assert Beslismodel.objects.filter(traject=noah).count() == 1


def test_submitting_shows_the_version_to_the_receiving_mbo_only(demo):
    noah = demo.trajecten["Noah"]
    versie = ingediend(demo)
    assert versie.stand == Stand.INGEDIEND and versie.ingediend_door == demo.jji_school
    for gebruiker in ("mbo_intake", "verbindingsofficier", "jji_school"):
        assert list(policy.beslismodellen_zichtbaar_voor(getattr(demo, gebruiker), noah)) == [versie]
    for gebruiker in ("itb", "mbo_intake_other", "mbo_herkomst"):
        assert not policy.beslismodellen_zichtbaar_voor(getattr(demo, gebruiker), noah).exists()
    assert list(policy.beslismodellen_te_beoordelen(demo.mbo_intake).filter(traject=noah)) == [versie]
    assert list(policy.beslismodellen_te_beoordelen(demo.verbindingsofficier).filter(traject=noah)) == [versie]
    assert not policy.beslismodellen_te_beoordelen(demo.mbo_intake_other).exists()


def test_submitting_to_an_organisation_that_is_not_active_is_refused(demo):
    sem = demo.trajecten["Sem"]  # ROC Lindewaard is involved, awaiting its grondslag
    concept = services.beslismodel_beginnen(actor=demo.jji_school, traject=sem)
    services.antwoorden_opslaan(actor=demo.jji_school, beslismodel=concept, gegevens=antwoorden())
    with pytest.raises(ValidationError) as fout:
        services.beslismodel_indienen(
            actor=demo.jji_school, beslismodel=concept, ontvanger=roc_lindewaard(), met_jongere_besproken=True
        )
    assert "nog niet actief betrokken" in str(fout.value.message_dict["ontvanger"])
    concept.refresh_from_db()
    assert concept.stand == Stand.CONCEPT and concept.ontvanger is None


def test_submitting_to_an_uninvolved_organisation_is_refused(demo):
    concept = services.beslismodel_beginnen(actor=demo.jji_school, traject=demo.trajecten["Noah"])
    services.antwoorden_opslaan(actor=demo.jji_school, beslismodel=concept, gegevens=antwoorden())
    ander = Organisatie.objects.get(naam="Techniekcollege Noordpolder")
    with pytest.raises(ValidationError) as fout:
        services.beslismodel_indienen(
            actor=demo.jji_school, beslismodel=concept, ontvanger=ander, met_jongere_besproken=True
        )
    assert "ontvanger" in fout.value.message_dict


def test_submitting_needs_the_youth_and_both_choices(demo):
    concept = services.beslismodel_beginnen(actor=demo.jji_school, traject=demo.trajecten["Noah"])
    services.antwoorden_opslaan(actor=demo.jji_school, beslismodel=concept, gegevens=antwoorden(aanbod="", setting=""))
    with pytest.raises(ValidationError) as fout:
        services.beslismodel_indienen(
            actor=demo.jji_school, beslismodel=concept, ontvanger=roc_lindewaard(), met_jongere_besproken=False
        )
    assert set(fout.value.message_dict) == {
        "met_jongere_besproken",
        veldnaam("aanbod", "keuze"),
        veldnaam("setting", "keuze"),
    }
    concept.refresh_from_db()
    assert concept.stand == Stand.CONCEPT


def test_an_unknown_choice_is_refused_and_nothing_is_saved(demo):
    concept = services.beslismodel_beginnen(actor=demo.jji_school, traject=demo.trajecten["Noah"])
    with pytest.raises(ValidationError) as fout:
        services.antwoorden_opslaan(
            actor=demo.jji_school, beslismodel=concept, gegevens=antwoorden(setting="gevangenis")
        )
    assert veldnaam("setting", "keuze") in fout.value.message_dict
    assert not concept.antwoorden.exists()


def test_a_submitted_version_cannot_be_edited(demo):
    versie = ingediend(demo)
    with pytest.raises(ValidationError, match="verandert niet meer"):
        services.antwoorden_opslaan(
            actor=demo.jji_school,
            beslismodel=versie,
            gegevens=antwoorden(**{veldnaam("opleidingsniveau", "toelichting"): "iets anders"}),
        )
    assert (
        versie.antwoorden.get(item__sleutel="opleidingsniveau").toelichting
        == BESLISMODEL_MARKERS["onderwijsinformatie"]
    )


def test_saving_the_same_answers_twice_leaves_no_new_history(demo):
    concept = services.beslismodel_beginnen(actor=demo.jji_school, traject=demo.trajecten["Noah"])
    services.antwoorden_opslaan(actor=demo.jji_school, beslismodel=concept, gegevens=antwoorden())
    voor = concept.history.count()
    services.antwoorden_opslaan(actor=demo.jji_school, beslismodel=concept, gegevens=antwoorden())
    assert concept.history.count() == voor


def test_offence_details_are_refused_where_safety_is_concerned(demo):
    concept = services.beslismodel_beginnen(actor=demo.jji_school, traject=demo.trajecten["Noah"])
    veld = veldnaam("veiligheid", "toelichting")
    with pytest.raises(ValidationError) as fout:
        services.antwoorden_opslaan(
            actor=demo.jji_school,
            beslismodel=concept,
            gegevens=antwoorden(**{veld: "Na de mishandeling in de wijk: niet samen met X."}),
            formulering_toelichting="De school moet het weten.",
        )
    assert veld in fout.value.message_dict
    assert not concept.antwoorden.exists()


def test_backward_wording_needs_a_reason(demo):
    concept = services.beslismodel_beginnen(actor=demo.jji_school, traject=demo.trajecten["Noah"])
    tekst = antwoorden(**{veldnaam("grenzen", "toelichting"): "Hij was vroeger agressief tegen docenten."})
    with pytest.raises(ValidationError) as fout:
        services.antwoorden_opslaan(actor=demo.jji_school, beslismodel=concept, gegevens=tekst)
    assert "formulering_toelichting" in fout.value.message_dict
    services.antwoorden_opslaan(
        actor=demo.jji_school,
        beslismodel=concept,
        gegevens=tekst,
        formulering_toelichting="De mentor moet weten waar hij op let.",
    )
    assert concept.antwoorden.get(item__sleutel="grenzen").toelichting.startswith("Hij was")


def test_a_decision_without_motivation_or_advice_is_refused(demo):
    versie = ingediend(demo)
    with pytest.raises(ValidationError) as fout:
        besluiten(demo, versie, Status.GROEN, motivatie=" ", advies="")
    assert set(fout.value.message_dict) == {"motivatie", "advies"}
    versie.refresh_from_db()
    assert versie.stand == Stand.INGEDIEND and not Besluit.objects.filter(beslismodel=versie).exists()


def test_a_status_other_than_the_suggestion_needs_a_reason(demo):
    versie = ingediend(demo)  # regular class, regular mbo: groen
    with pytest.raises(ValidationError) as fout:
        besluiten(demo, versie, Status.ORANJE)
    assert "afwijkingsreden" in fout.value.message_dict
    assert "groen" in str(fout.value.message_dict["afwijkingsreden"])
    besluit = besluiten(demo, versie, Status.ORANJE, afwijkingsreden="Kleine groep eerst, op verzoek van de jongere.")
    assert (besluit.suggestie, besluit.status, besluit.wijkt_af) == (Status.GROEN, Status.ORANJE, True)


def test_a_reason_given_for_the_suggested_status_is_not_kept(demo):
    besluit = besluiten(demo, ingediend(demo), Status.GROEN, afwijkingsreden="overbodig")
    assert besluit.afwijkingsreden == ""


def test_groen_stands_at_once_and_its_measures_become_tasks(demo):
    noah = demo.trajecten["Noah"]
    versie = ingediend(demo)
    linda = demo.mbo_intake.medewerker
    evaluatie = timezone.localdate() + dt.timedelta(days=42)
    besluit = besluiten(
        demo,
        versie,
        Status.GROEN,
        aanspreekpunt=linda,
        evaluatie_op=evaluatie,
        maatregelen=[{"omschrijving": "Wekelijks gesprek met de mentor", "medewerker": linda, "datum": None}],
    )
    versie.refresh_from_db()
    assert versie.stand == Stand.VASTGESTELD and besluit.bevestiging == Bevestiging.NIET_NODIG
    taken = list(Taak.objects.filter(traject=noah, pk__in=besluit.maatregelen.values("taak")).order_by("pk"))
    assert [(t.stap, t.organisatie, t.medewerker, t.deadline) for t in taken] == [
        (8, roc_lindewaard(), linda, None),
        (9, roc_lindewaard(), linda, evaluatie),
        (9, roc_lindewaard(), linda, None),
    ]
    assert taken[2].tekst == "Wekelijks gesprek met de mentor"
    # The receiving school's people see and update them; the JJI-school sees them too.
    assert set(policy.bijwerkbare_taken(demo.mbo_intake, noah).filter(pk__in=[t.pk for t in taken])) == set(taken)
    assert policy.taken_zichtbaar_voor(demo.jji_school, noah).filter(pk__in=[t.pk for t in taken]).count() == 3


@pytest.mark.parametrize("status", [Status.ORANJE, Status.ROOD])
def test_oranje_and_rood_wait_for_the_verbindingsofficier_and_then_become_tasks(demo, status):
    versie = ingediend(demo, setting=Setting.KLEINSCHALIG if status == Status.ORANJE else Setting.ZORG)
    besluit = besluiten(demo, versie, status, maatregelen=[{"omschrijving": "Start in een kleine groep"}])
    versie.refresh_from_db()
    assert versie.stand == Stand.BESLOTEN and besluit.bevestiging == Bevestiging.GEVRAAGD
    assert not Taak.objects.filter(tekst="Start in een kleine groep").exists()
    noah = demo.trajecten["Noah"]
    assert list(policy.beslismodellen_te_beoordelen(demo.verbindingsofficier).filter(traject=noah)) == [versie]
    assert not policy.beslismodellen_te_beoordelen(demo.mbo_intake).filter(traject=noah).exists()
    services.besluit_bevestigen(actor=demo.verbindingsofficier, beslismodel=versie)
    besluit.refresh_from_db()
    versie.refresh_from_db()
    assert versie.stand == Stand.VASTGESTELD
    assert (besluit.bevestiging, besluit.bevestigd_door) == (Bevestiging.BEVESTIGD, demo.verbindingsofficier)
    assert Taak.objects.filter(tekst="Start in een kleine groep", organisatie=roc_lindewaard()).count() == 1


def test_the_verbindingsofficier_cannot_decide_what_only_they_could_confirm(demo):
    versie = ingediend(demo, setting=Setting.KLEINSCHALIG)
    with pytest.raises(ValidationError) as fout:
        besluiten(demo, versie, Status.ORANJE, door=demo.verbindingsofficier)
    assert "nooit door wie besloot" in str(fout.value.message_dict["status"])
    versie.refresh_from_db()
    assert versie.stand == Stand.INGEDIEND and not versie.besluiten.exists()
    besluiten(demo, versie, Status.GROEN, door=demo.verbindingsofficier, afwijkingsreden="Past toch regulier.")
    versie.refresh_from_db()
    assert versie.stand == Stand.VASTGESTELD  # groen needs no second pair of eyes


def test_confirming_ones_own_decision_is_refused_but_taking_it_back_is_not(demo):
    """The designation moves to the person who decided: they may not confirm, and the version
    is not stuck — they take their decision back and someone else decides."""
    from netwerk import services as netwerk_services

    versie = ingediend(demo, setting=Setting.KLEINSCHALIG)
    besluit = besluiten(demo, versie, Status.ORANJE)
    netwerk_services.verbindingsofficier_aanwijzen(
        actor=None, organisatie=roc_lindewaard(), medewerker=demo.mbo_intake.medewerker
    )
    with pytest.raises(ValidationError, match="zelf genomen"):
        services.besluit_bevestigen(actor=demo.mbo_intake, beslismodel=versie)
    services.besluit_terugleggen(actor=demo.mbo_intake, beslismodel=versie, reactie="Ik ben nu zelf de VO.")
    versie.refresh_from_db()
    besluit.refresh_from_db()
    assert versie.stand == Stand.INGEDIEND and besluit.bevestiging == Bevestiging.TERUGGELEGD
    assert besluit.bevestigd_door == demo.mbo_intake  # on record who took it back


def test_a_school_without_verbindingsofficier_has_its_zorgcoordinator_confirm(demo):
    """Vakcollege Oostmeer has no verbindingsofficier and no zorgcoördinator in the demo: an
    oranje or rood there is refused up front (nobody could confirm); with a zorgcoördinator it
    is confirmed by them."""
    from netwerk import services as netwerk_services

    mila = demo.trajecten["Mila"]
    oostmeer = Organisatie.objects.get(naam="Vakcollege Oostmeer")
    concept = services.beslismodel_beginnen(actor=demo.jji_school, traject=mila)
    services.antwoorden_opslaan(actor=demo.jji_school, beslismodel=concept, gegevens=antwoorden(setting=Setting.ZORG))
    versie = services.beslismodel_indienen(
        actor=demo.jji_school, beslismodel=concept, ontvanger=oostmeer, met_jongere_besproken=True
    )
    assert not policy.bevestigers(versie).exists()
    with pytest.raises(ValidationError, match="niemand anders die kan bevestigen"):
        besluiten(demo, versie, Status.ROOD, door=demo.mbo_herkomst)
    zorg = netwerk_services.medewerker_opslaan(
        actor=None,
        gebruikersnaam="zorg-oostmeer",
        voornaam="Iris",
        achternaam="Zorg",
        email="zorg-oostmeer@example.org",
        organisatie=oostmeer,
        rol="zorgcoordinator",
        functietitel="Zorgcoördinator",
        telefoon="06-00000000",
        wachtwoord="een-lang-demo-wachtwoord-2026",
    )
    besluiten(demo, versie, Status.ROOD, door=demo.mbo_herkomst)
    assert list(policy.beslismodellen_te_beoordelen(zorg.user).filter(traject=mila)) == [versie]
    services.besluit_bevestigen(actor=zorg.user, beslismodel=versie)
    versie.refresh_from_db()
    assert versie.stand == Stand.VASTGESTELD


def test_the_database_refuses_four_eyes_broken_behind_the_services_back(demo):
    from django.db import IntegrityError, transaction

    versie = ingediend(demo, setting=Setting.KLEINSCHALIG)
    besluit = besluiten(demo, versie, Status.ORANJE)
    besluit.bevestiging, besluit.bevestigd_door = Bevestiging.BEVESTIGD, besluit.besloten_door
    with pytest.raises(IntegrityError), transaction.atomic():
        besluit.save()


def test_only_the_verbindingsofficier_confirms(demo):
    versie = ingediend(demo, setting=Setting.ZORG)
    besluiten(demo, versie, Status.ROOD)
    for gebruiker in ("mbo_intake", "jji_school", "coordinator", "mbo_intake_other"):
        with pytest.raises(PermissionDenied):
            services.besluit_bevestigen(actor=getattr(demo, gebruiker), beslismodel=versie)


def test_sending_back_needs_a_reason_keeps_the_decision_and_opens_a_new_one(demo):
    versie = ingediend(demo, setting=Setting.ZORG)
    eerste = besluiten(demo, versie, Status.ROOD)
    with pytest.raises(ValidationError) as fout:
        services.besluit_terugleggen(actor=demo.verbindingsofficier, beslismodel=versie, reactie="")
    assert "reactie" in fout.value.message_dict
    services.besluit_terugleggen(
        actor=demo.verbindingsofficier, beslismodel=versie, reactie="Eerst een proefdag in de entree-opleiding."
    )
    versie.refresh_from_db()
    eerste.refresh_from_db()
    assert versie.stand == Stand.INGEDIEND and eerste.bevestiging == Bevestiging.TERUGGELEGD
    tweede = besluiten(demo, versie, Status.ORANJE, afwijkingsreden="Na de proefdag: kleine groep.")
    assert list(versie.besluiten.order_by("pk")) == [eerste, tweede]


def test_a_decided_version_is_not_decided_again(demo):
    versie = ingediend(demo)
    besluiten(demo, versie, Status.GROEN)
    with pytest.raises(ValidationError, match="al besloten"):
        besluiten(demo, versie, Status.ROOD, afwijkingsreden="x")
    assert Besluit.objects.filter(beslismodel=versie).count() == 1


def test_only_the_receiving_mbo_decides(demo):
    versie = ingediend(demo)
    for gebruiker in ("jji_school", "coordinator", "mbo_intake_other", "itb"):
        with pytest.raises(PermissionDenied):
            besluiten(demo, versie, Status.GROEN, door=getattr(demo, gebruiker))
    assert not versie.besluiten.exists()


def test_measures_are_checked_and_nothing_is_half_saved(demo):
    versie = ingediend(demo)
    docent = demo.jji_school.medewerker  # not of the receiving school
    gisteren = timezone.localdate() - dt.timedelta(days=1)
    with pytest.raises(ValidationError) as fout:
        besluiten(
            demo,
            versie,
            Status.GROEN,
            aanspreekpunt=docent,
            evaluatie_op=gisteren,
            maatregelen=[
                {"omschrijving": "Gesprek", "medewerker": docent, "veld": "m-0"},
                {"omschrijving": "Geen contact met het slachtoffer", "veld": "m-1"},
                {"omschrijving": "Kennismaking", "datum": gisteren, "veld": "m-2"},
            ],
        )
    assert set(fout.value.message_dict) == {"aanspreekpunt", "evaluatie_op", "m-0", "m-1", "m-2"}
    versie.refresh_from_db()
    assert (
        versie.stand == Stand.INGEDIEND
        and not versie.besluiten.exists()
        and not Taak.objects.filter(tekst="Gesprek").exists()
    )


def test_a_new_version_copies_the_answers_and_replaces_the_waiting_one(demo):
    noah = demo.trajecten["Noah"]
    eerste = ingediend(demo)
    tweede = services.beslismodel_beginnen(actor=demo.jji_school, traject=noah)
    assert tweede.versie == 2 and tweede.sjabloon == eerste.sjabloon
    # Everything but what safety needs, which is looked at again for every version.
    assert {(a.item_id, a.toelichting, a.keuze_id) for a in tweede.antwoorden.all()} == {
        (a.item_id, a.toelichting, a.keuze_id) for a in eerste.antwoorden.exclude(item__sleutel="veiligheid")
    }
    assert eerste.antwoorden.filter(item__sleutel="veiligheid").exists()
    assert not tweede.antwoorden.filter(item__sleutel="veiligheid").exists()
    services.beslismodel_indienen(
        actor=demo.jji_school, beslismodel=tweede, ontvanger=roc_lindewaard(), met_jongere_besproken=True
    )
    eerste.refresh_from_db()
    assert eerste.stand == Stand.VERVANGEN
    assert list(policy.beslismodellen_te_beoordelen(demo.mbo_intake).filter(traject=noah)) == [tweede]
    with pytest.raises(ValidationError):
        besluiten(demo, eerste, Status.GROEN)


def test_a_closed_traject_takes_no_decision(demo):
    from trajecten.services import traject_afsluiten

    liam = demo.trajecten["Liam"]
    versie = ingediend(demo, liam)
    traject_afsluiten(
        actor=demo.coordinator, traject=liam, datum=timezone.localdate(), besluit="Stabiel.", advies="Mentor"
    )
    versie.refresh_from_db()
    with pytest.raises(ValidationError, match="afgesloten"):
        besluiten(demo, versie, Status.GROEN)


def test_who_acts_next_is_notified_once(demo, django_capture_on_commit_callbacks, mailoutbox):
    Melding.objects.all().delete()  # the demo data's own
    with django_capture_on_commit_callbacks(execute=True):
        versie = ingediend(demo, setting=Setting.KLEINSCHALIG)
    te_beoordelen = Melding.objects.filter(soort=MeldingSoort.BESLISMODEL_TE_BEOORDELEN)
    assert {m.ontvanger for m in te_beoordelen} == {demo.mbo_intake, demo.verbindingsofficier}
    assert mailoutbox and all("Noah" not in m.body and "Verbeek" not in m.body for m in mailoutbox)
    with django_capture_on_commit_callbacks(execute=True):
        besluiten(demo, versie, Status.ORANJE)
    assert [m.ontvanger for m in Melding.objects.filter(soort=MeldingSoort.BESLISMODEL_TE_BEVESTIGEN)] == [
        demo.verbindingsofficier
    ]
    with django_capture_on_commit_callbacks(execute=True):
        services.besluit_bevestigen(actor=demo.verbindingsofficier, beslismodel=versie)
    assert [m.ontvanger for m in Melding.objects.filter(soort=MeldingSoort.BESLISMODEL_VASTGESTELD)] == [
        demo.jji_school
    ]


def test_reading_the_answers_goes_through_the_dossier_door(demo):
    """The intaker without consent reads only the placement choices; each part read by the
    verbindingsofficier with consent is one raadpleging."""
    from toegang.models import Raadpleging

    noah = demo.trajecten["Noah"]
    versie = ingediend(demo)
    gelezen, achter = policy.beslismodel_lezen(actor=demo.mbo_intake, traject=noah, versies=[versie])
    assert {a.item.sleutel for a in gelezen[versie.pk].values()} == {"aanbod", "setting"}
    assert achter == {"onderwijsinformatie", "begeleidingsbehoefte", "veiligheidssignalen"}
    assert not Raadpleging.objects.filter(traject=noah).exists()
    for categorie in BESLISMODEL_MARKERS:
        toestemming_geven(demo, noah, categorie)
    noah = Traject.objects.get(pk=noah.pk)  # as a new request would read it
    gelezen, achter = policy.beslismodel_lezen(actor=demo.verbindingsofficier, traject=noah, versies=[versie])
    assert achter == set()
    assert {a.item.sleutel for a in gelezen[versie.pk].values()} >= set(ITEM_PER_CATEGORIE.values())
    assert sorted(Raadpleging.objects.filter(traject=noah).values_list("categorie", flat=True)) == sorted(
        BESLISMODEL_MARKERS
    )
    gelezen, achter = policy.beslismodel_lezen(actor=demo.mbo_intake, traject=noah, versies=[versie])
    assert achter == {"veiligheidssignalen"}  # signals: the verbindingsofficier and veiligheidscoördinator only


def test_a_save_in_between_is_not_overwritten(demo):
    concept = services.beslismodel_beginnen(actor=demo.jji_school, traject=demo.trajecten["Noah"])
    stempel = selectors.stempel_van(concept)
    services.antwoorden_opslaan(actor=demo.coordinator, beslismodel=concept, gegevens=antwoorden(), stempel=stempel)
    with pytest.raises(ValidationError, match="Peter Aydin heeft dit concept intussen opgeslagen"):
        services.antwoorden_opslaan(actor=demo.jji_school, beslismodel=concept, gegevens={}, stempel=stempel)
    assert (
        concept.antwoorden.get(item__sleutel="opleidingsniveau").toelichting
        == BESLISMODEL_MARKERS["onderwijsinformatie"]
    )


def test_a_new_decision_replaces_the_open_tasks_of_the_earlier_one(demo):
    from trajecten.services import taak_bijwerken

    noah = demo.trajecten["Noah"]
    linda = demo.mbo_intake.medewerker
    eerste = ingediend(demo)
    oud = besluiten(demo, eerste, Status.GROEN, aanspreekpunt=linda, maatregelen=[{"omschrijving": "Oude afspraak"}])
    gedaan = oud.maatregelen.get(omschrijving="Oude afspraak").taak
    taak_bijwerken(actor=demo.mbo_intake, taak=gedaan, status="gedaan")
    tweede = services.beslismodel_beginnen(actor=demo.jji_school, traject=noah)
    services.beslismodel_indienen(
        actor=demo.jji_school, beslismodel=tweede, ontvanger=roc_lindewaard(), met_jongere_besproken=True
    )
    besluiten(demo, tweede, Status.GROEN, aanspreekpunt=linda, maatregelen=[{"omschrijving": "Nieuwe afspraak"}])
    aanspreekpunt = Taak.objects.filter(traject=noah, tekst__startswith="Eerste aanspreekpunt").order_by("pk")
    assert [t.status for t in aanspreekpunt] == ["nvt", "open"]
    assert "versie 2" in aanspreekpunt[0].reden
    gedaan.refresh_from_db()
    assert gedaan.status == "gedaan"  # what was done stays done


def test_after_sending_back_the_next_decision_is_announced_again(demo):
    Melding.objects.all().delete()
    versie = ingediend(demo, setting=Setting.KLEINSCHALIG)
    besluiten(demo, versie, Status.ORANJE)
    services.besluit_terugleggen(actor=demo.verbindingsofficier, beslismodel=versie, reactie="Nog eens kijken.")
    assert Melding.objects.filter(soort=MeldingSoort.BESLISMODEL_TERUGGELEGD, ontvanger=demo.mbo_intake).count() == 1
    besluiten(demo, versie, Status.ORANJE)
    te_bevestigen = Melding.objects.filter(soort=MeldingSoort.BESLISMODEL_TE_BEVESTIGEN)
    assert [m.ontvanger for m in te_bevestigen] == [demo.verbindingsofficier] * 2


@pytest.mark.parametrize("tekst", ["Status oranje: kleine groep.", "Green light for regular class."])
def test_the_status_word_stays_out_of_the_advice_and_the_measures(demo, tekst):
    versie = ingediend(demo, setting=Setting.KLEINSCHALIG)
    with pytest.raises(ValidationError) as fout:
        besluiten(demo, versie, Status.ORANJE, advies=tekst, maatregelen=[{"omschrijving": tekst, "veld": "m-0"}])
    assert set(fout.value.message_dict) == {"advies", "m-0"}


def test_how_long_ago_reads_as_words():
    import datetime as dt

    from django.utils import timezone, translation

    from trajecten.templatetags.jji import geleden

    nu = timezone.now()
    with translation.override("nl"):
        assert geleden(nu) == "zojuist"
        assert geleden(nu - dt.timedelta(days=3, hours=5)) == "3\xa0dagen geleden"
        assert geleden(None) == ""
