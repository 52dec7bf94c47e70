"""The schoolloopbaan na uitstroom (issue 18): who writes it and who reads it, the refusals of
bad input (nothing saved), the checkpoint tasks and their reminders, closing nazorg, and the
API. Demo: Liam and Finn are released, ROC Lindewaard (their receiving mbo) recorded a series."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from dossier import services_schoolloopbaan as services
from dossier.constants import CheckpointUitkomst
from dossier.models import Inschrijving, Nazorgafsluiting, Schoolcheckpoint
from dossier.selectors_schoolloopbaan import checkpoints_te_doen
from netwerk.constants import OrganisatieSoort
from netwerk.models import Organisatie
from signalering import services as signalering_services
from signalering.models import Melding
from toegang import policy
from toegang.models import Raadpleging, RaadplegingActie
from trajecten import services as traject_services
from trajecten.constants import BetrokkenheidSoort, Categorie, Grondslag, TaakStatus, Wijze
from trajecten.models import Toestemming

from ..lezers import toestemming_geven

pytestmark = pytest.mark.django_db
DEEL = Categorie.SCHOOLLOOPBAAN


@pytest.fixture
def liam(demo):
    return demo.trajecten["Liam"]


def _dag(traject, n):
    return traject.vrijgelaten_op + dt.timedelta(days=n)


def _aantallen(traject):
    return (traject.inschrijvingen.count(), traject.schoolcheckpoints.count())


# --- bad input: refused with a clear message, nothing saved --------------------------------


@pytest.mark.parametrize(
    ("dagen", "uitkomst", "fout"),
    [
        (-1, CheckpointUitkomst.ONBEKEND, "vóór de vrijlating"),  # one day before release
        (0, CheckpointUitkomst.ONBEKEND, None),  # the day of release
        (9, CheckpointUitkomst.AANWEZIG, "vóór de start van de inschrijving"),  # enrolment starts on day 10
        (10, CheckpointUitkomst.AANWEZIG, None),
    ],
)
def test_a_checkpoint_before_release_or_before_the_enrolment_is_refused(demo, liam, dagen, uitkomst, fout):
    voor = _aantallen(liam)
    gegevens = {"moment": 12, "peildatum": _dag(liam, dagen), "uitkomst": uitkomst}
    if fout is None:
        services.checkpoint_vastleggen(actor=demo.mbo_intake, traject=liam, gegevens=gegevens)
        assert liam.schoolcheckpoints.filter(moment=12).exists()
        return
    with pytest.raises(ValidationError) as e:
        services.checkpoint_vastleggen(actor=demo.mbo_intake, traject=liam, gegevens=gegevens)
    assert fout in str(e.value)
    assert _aantallen(liam) == voor


def test_the_same_checkpoint_twice_is_refused(demo, liam):
    voor = _aantallen(liam)
    with pytest.raises(ValidationError) as e:
        services.checkpoint_vastleggen(
            actor=demo.mbo_intake,
            traject=liam,
            gegevens={"moment": 1, "peildatum": _dag(liam, 31), "uitkomst": CheckpointUitkomst.AANWEZIG},
        )
    assert "al vastgelegd" in str(e.value)
    assert _aantallen(liam) == voor


@pytest.mark.parametrize(("dagen", "geweigerd"), [(-1, True), (0, False)])
def test_a_first_school_day_before_release_is_refused(demo, liam, dagen, geweigerd):
    inschrijving = liam.inschrijvingen.get()
    gegevens = {"eerste_schooldag": _dag(liam, dagen), "startdatum": _dag(liam, -5)}
    if geweigerd:
        with pytest.raises(ValidationError, match="vrijlating"):
            services.inschrijving_wijzigen(actor=demo.mbo_intake, inschrijving=inschrijving, gegevens=gegevens)
        inschrijving.refresh_from_db()
        assert inschrijving.eerste_schooldag == _dag(liam, 14)
    else:
        services.inschrijving_wijzigen(actor=demo.mbo_intake, inschrijving=inschrijving, gegevens=gegevens)
        inschrijving.refresh_from_db()
        assert inschrijving.eerste_schooldag == liam.vrijgelaten_op


def test_an_uitschrijving_needs_a_reason(demo, liam):
    inschrijving = liam.inschrijvingen.get()
    with pytest.raises(ValidationError, match="reden"):
        services.inschrijving_wijzigen(
            actor=demo.mbo_intake, inschrijving=inschrijving, gegevens={"einddatum": _dag(liam, 100)}
        )
    inschrijving.refresh_from_db()
    assert inschrijving.einddatum is None


def test_an_outcome_from_an_organisation_that_is_not_active_is_refused(demo):
    # Jayden: ROC Lindewaard's grondslag has expired; it is no longer active in his traject
    # (leerplicht/RMC records his school career in the demo).
    jayden = demo.trajecten["Jayden"]
    assert jayden.vrijgelaten_op is not None
    voor = list(Schoolcheckpoint.objects.filter(traject=jayden).values_list("pk", "moment", "uitkomst"))
    with pytest.raises(ValidationError, match="niet actief"):
        services.checkpoint_vastleggen(
            actor=demo.verbindingsofficier,
            traject=jayden,
            gegevens={"moment": 6, "peildatum": timezone.localdate(), "uitkomst": CheckpointUitkomst.ONBEKEND},
        )
    assert list(Schoolcheckpoint.objects.filter(traject=jayden).values_list("pk", "moment", "uitkomst")) == voor


def test_only_the_receiving_mbo_writes(demo, liam):
    from django.core.exceptions import PermissionDenied

    assert policy.mag_schoolloopbaan_schrijven(demo.mbo_intake, liam)
    assert policy.mag_schoolloopbaan_schrijven(demo.verbindingsofficier, liam)
    for wie in (demo.coordinator, demo.jji_school, demo.itb, demo.beheerder):
        assert not policy.mag_schoolloopbaan_schrijven(wie, liam)
    with pytest.raises(PermissionDenied):
        services.inschrijving_vastleggen(
            actor=demo.coordinator, traject=liam, gegevens={"opleiding": "X", "startdatum": liam.vrijgelaten_op}
        )


# --- tasks, reminders and the checkpoints due ------------------------------------------------


def test_every_traject_gets_four_checkpoint_tasks_of_step_10_counted_from_release(liam):
    taken = liam.taken.filter(checkpoint__isnull=False).order_by("checkpoint")
    assert [(t.checkpoint, t.stap, (t.deadline - liam.vrijgelaten_op).days) for t in taken] == [
        (1, 10, 30),
        (3, 10, 91),
        (6, 10, 182),
        (12, 10, 365),
    ]
    # The demo recorded 1, 3 and 6: their tasks are done; 12 is open, for ROC Lindewaard.
    assert [t.status for t in taken] == [TaakStatus.GEDAAN] * 3 + [TaakStatus.OPEN]
    assert taken.last().organisatie.naam == "ROC Lindewaard"
    assert traject_services.checkpointtaken_aanvullen(actor=None, traject=liam) == 0  # idempotent


def test_checkpoint_reminders_are_idempotent(demo, liam):
    taak = liam.taken.get(checkpoint=12)
    op = taak.deadline - dt.timedelta(days=1)
    eerst = signalering_services.herinneringen_versturen(op=op)
    meldingen = Melding.objects.filter(taak=taak)
    assert eerst >= 1 and meldingen.exists()
    aantal = meldingen.count()
    assert signalering_services.herinneringen_versturen(op=op) == 0
    assert meldingen.count() == aantal
    # Recording the checkpoint ends the reminders: the task is done.
    services.checkpoint_vastleggen(
        actor=demo.mbo_intake,
        traject=liam,
        gegevens={"moment": 12, "peildatum": timezone.localdate(), "uitkomst": CheckpointUitkomst.AANWEZIG},
    )
    taak.refresh_from_db()
    assert taak.status == TaakStatus.GEDAAN
    assert signalering_services.herinneringen_versturen(op=taak.deadline + dt.timedelta(days=3)) == 0


@pytest.mark.parametrize(("voor_deadline", "verwacht"), [(28, True), (29, False)])
def test_checkpoints_due_within_the_period_for_who_may_see_them(demo, liam, voor_deadline, verwacht):
    taak = liam.taken.get(checkpoint=12)
    op = taak.deadline - dt.timedelta(days=voor_deadline)
    assert (taak in checkpoints_te_doen(demo.verbindingsofficier, binnen_dagen=28, op=op)) is verwacht
    assert not checkpoints_te_doen(demo.mbo_intake_other, binnen_dagen=400, op=op).exists()


# --- who reads it ------------------------------------------------------------------------


def _lezen(user, traject):
    return policy.categorie_lezen(actor=user, traject=traject, categorie=DEEL, actie=RaadplegingActie.BEKIJKEN)


def test_the_receiving_mbo_reads_its_own_part_without_a_raadpleging(demo, liam):
    gelezen = _lezen(demo.mbo_intake, liam)
    assert gelezen.inschrijvingen and len(gelezen.checkpoints) == 3
    assert gelezen.afleiding.dagen_tot_eerste_schooldag == 14 and gelezen.afleiding.onderbroken is False
    assert not Raadpleging.objects.filter(traject=liam, categorie=DEEL).exists()


def test_the_jji_school_reads_it_only_with_consent_and_each_reading_is_on_record(demo, liam):
    school = demo.coordinator.medewerker.organisatie
    with pytest.raises(Http404):
        _lezen(demo.coordinator, liam)
    assert Raadpleging.objects.filter(traject=liam, categorie=DEEL, geweigerd=True).count() == 1
    record = toestemming_geven(demo, liam, DEEL, organisatie=school)
    liam = type(liam).objects.get(pk=liam.pk)  # what the policy remembered of this object is stale
    assert _lezen(demo.coordinator, liam).checkpoints
    assert Raadpleging.objects.filter(traject=liam, categorie=DEEL, geweigerd=False).count() == 1
    traject_services.toestemming_intrekken(actor=demo.coordinator, toestemming=record)
    with pytest.raises(Http404):
        _lezen(demo.coordinator, type(liam).objects.get(pk=liam.pk))


def _voorbij_de_service(demo, traject, organisatie) -> Toestemming:
    """A consent for the schoolloopbaan made past the service (which refuses it for the school
    van herkomst)."""
    return Toestemming.objects.create(
        traject=traject,
        ontvanger=organisatie,
        categorie=DEEL,
        grondslag=Grondslag.TOESTEMMING_JONGERE,
        datum_gegeven=timezone.localdate(),
        wijze=Wijze.MONDELING,
        weigeren_zonder_gevolgen=True,
        vastgelegd_door=demo.coordinator,
    )


def test_the_school_van_herkomst_never_reads_it(demo):
    # Sara: Vakcollege Oostmeer is her active school van herkomst (told with consent).
    sara = demo.trajecten["Sara"]
    herkomst = Organisatie.objects.get(naam="Vakcollege Oostmeer")
    with pytest.raises(ValidationError, match="nooit"):
        toestemming_geven(demo, sara, DEEL, organisatie=herkomst)
    # Even a record made past the service opens nothing.
    _voorbij_de_service(demo, sara, herkomst)
    policy.rechten_afleiden(sara)
    assert DEEL not in policy.leesbare_categorieen(demo.mbo_herkomst, sara)


def test_a_barred_school_is_neither_counted_nor_badged_as_shared(client, demo):
    """The regie's list count and the dossier page's badge follow the same rule as the reading:
    a record for the school van herkomst, made past the service, shares nothing."""
    sara = demo.trajecten["Sara"]
    herkomst = Organisatie.objects.get(naam="Vakcollege Oostmeer")

    def gedeeld() -> int:
        rij = next(t for t in policy.zichtbaar_voor(demo.coordinator) if t.pk == sara.pk)
        policy.delen_in_rijen([rij], demo.coordinator)
        return getattr(rij, f"gedeeld_{DEEL}")

    voor = gedeeld()
    record = _voorbij_de_service(demo, sara, herkomst)
    policy.rechten_afleiden(sara)
    assert not policy.opent_deel(Toestemming.objects.select_related("traject").get(pk=record.pk))
    assert gedeeld() == voor
    client.force_login(demo.coordinator)
    pagina = client.get(reverse("dossier:dossier", args=[sara.pk])).content.decode()
    assert "Vakcollege Oostmeer: leest dit deel nooit" in pagina
    assert "gedeeld met Vakcollege Oostmeer" not in pagina


@pytest.mark.parametrize(
    ("soort", "kwalificatieplicht", "geldig"),
    [
        (OrganisatieSoort.LEERPLICHT_RMC, True, True),
        (OrganisatieSoort.LEERPLICHT_RMC, False, False),  # Finn (17) is no longer leerplichtig
        (OrganisatieSoort.MBO, True, False),
        (OrganisatieSoort.GEMEENTE, True, False),
    ],
)
def test_leerplicht_opens_the_schoolloopbaan_to_leerplicht_rmc_only(demo, soort, kwalificatieplicht, geldig):
    finn = demo.trajecten["Finn"]
    organisatie = Organisatie.objects.create(naam=f"Toezicht {soort}", soort=soort, regio=finn.regio)
    finn.regio.kwalificatieplicht = kwalificatieplicht  # the regio counts kwalificatieplicht (to 18)
    record = Toestemming(
        traject=finn,
        ontvanger=organisatie,
        categorie=DEEL,
        grondslag=Grondslag.LEERPLICHT,
        datum_gegeven=timezone.localdate(),
        wijze=Wijze.WETTELIJK,
        vastgelegd_door=demo.coordinator,
    )
    if geldig:
        record.full_clean()
    else:
        with pytest.raises(ValidationError, match="leerplicht"):
            record.full_clean()


def test_leerplicht_for_onderwijsinformatie_is_unchanged(demo, liam):
    organisatie = Organisatie.objects.create(
        naam="Leerplicht X", soort=OrganisatieSoort.LEERPLICHT_RMC, regio=liam.regio
    )
    record = Toestemming(
        traject=liam,
        ontvanger=organisatie,
        categorie=Categorie.ONDERWIJSINFORMATIE,
        grondslag=Grondslag.LEERPLICHT,
        datum_gegeven=timezone.localdate(),
        wijze=Wijze.WETTELIJK,
        vastgelegd_door=demo.coordinator,
    )
    with pytest.raises(ValidationError):
        record.full_clean()


def test_without_a_receiving_school_leerplicht_rmc_writes(demo):
    # Thijs (werk): no receiving mbo. An active leerplicht/RMC organisation writes the part.
    thijs = demo.trajecten["Thijs"]
    organisatie = Organisatie.objects.create(
        naam="Leerplicht en RMC Test", soort=OrganisatieSoort.LEERPLICHT_RMC, regio=thijs.regio
    )
    assert policy.schrijver_van(thijs, DEEL) is None
    traject_services.betrokkenheid_toevoegen(
        actor=demo.coordinator, traject=thijs, organisatie=organisatie, soort=BetrokkenheidSoort.LEERPLICHT_RMC
    )
    assert policy.schrijver_van(thijs, DEEL) is None  # not active before a kennisgeving
    traject_services.kennisgeving_vastleggen(
        actor=demo.coordinator,
        traject=thijs,
        ontvanger=organisatie,
        gegevens={
            "grondslag": Grondslag.WETTELIJK,
            "toelichting": "Leerplichtwet 1969, RMC-taak",
            "datum_gegeven": timezone.localdate(),
            "wijze": Wijze.WETTELIJK,
            "weigeren_zonder_gevolgen": False,
        },
    )
    thijs = type(thijs).objects.get(pk=thijs.pk)
    assert policy.schrijver_van(thijs, DEEL) == organisatie
    assert thijs.taken.get(checkpoint=1).organisatie == organisatie


# --- closing nazorg --------------------------------------------------------------------------


def test_closing_nazorg_ends_the_series_and_the_part_stays_readable(demo, liam):
    with pytest.raises(ValidationError, match="stabiel"):
        services.nazorg_afsluiten(
            actor=demo.mbo_intake,
            traject=liam,
            gegevens={"evaluatiedatum": timezone.localdate(), "stabiel": False, "geadviseerd_door": "Mentor"},
        )
    assert not Nazorgafsluiting.objects.filter(traject=liam).exists()
    services.nazorg_afsluiten(
        actor=demo.mbo_intake,
        traject=liam,
        gegevens={"evaluatiedatum": timezone.localdate(), "stabiel": True, "geadviseerd_door": "Mentor nazorg"},
    )
    assert liam.taken.get(checkpoint=12).status == TaakStatus.NVT
    with pytest.raises(ValidationError, match="afgesloten"):
        services.checkpoint_vastleggen(
            actor=demo.mbo_intake,
            traject=liam,
            gegevens={"moment": 12, "peildatum": timezone.localdate(), "uitkomst": CheckpointUitkomst.AANWEZIG},
        )
    assert _lezen(demo.mbo_intake, liam).afsluiting.geadviseerd_door == "Mentor nazorg"


# --- the pages ------------------------------------------------------------------------------


def test_the_intaker_records_a_checkpoint_on_the_page(client, demo, liam):
    client.force_login(demo.mbo_intake)
    pagina = client.get(reverse("dossier:dossier", args=[liam.pk])).content.decode()
    assert "Logistiek medewerker" in pagina and "Checkpoint vastleggen" in pagina
    url = reverse("dossier:checkpoint_vastleggen", args=[liam.pk])
    fout = client.post(url, {"moment": 1, "peildatum": _dag(liam, 30).isoformat(), "uitkomst": "aanwezig"})
    assert fout.status_code == 200 and "al vastgelegd" in fout.content.decode()
    goed = client.post(url, {"moment": 12, "peildatum": timezone.localdate().isoformat(), "uitkomst": "aanwezig"})
    assert goed.status_code == 302
    assert liam.schoolcheckpoints.filter(moment=12).exists()


def test_the_intaker_records_an_enrolment_on_the_page_at_her_own_school_by_default(client, demo, liam):
    client.force_login(demo.mbo_intake)
    url = reverse("dossier:inschrijving_vastleggen", args=[liam.pk])
    assert 'value="ROC Lindewaard"' in client.get(url).content.decode()
    start = _dag(liam, 150).isoformat()
    leeg = client.post(url, {"instelling": "", "opleiding": "Logistiek", "startdatum": start})
    assert leeg.status_code == 200 and "Dit veld is verplicht" in leeg.content.decode()
    voor = liam.inschrijvingen.count()
    goed = client.post(url, {"instelling": "ROC Lindewaard", "opleiding": "Logistiek 3", "startdatum": start})
    assert goed.status_code == 302 and liam.inschrijvingen.count() == voor + 1


def test_others_do_not_get_the_forms(client, demo, liam):
    client.force_login(demo.coordinator)
    assert client.get(reverse("dossier:checkpoint_vastleggen", args=[liam.pk])).status_code == 404
    assert "Checkpoint vastleggen" not in client.get(reverse("dossier:dossier", args=[liam.pk])).content.decode()


# --- the API --------------------------------------------------------------------------------


def test_api_get_post_and_patch(client, demo, liam):
    client.force_login(demo.mbo_intake)
    deel = client.get(reverse("api:dossierdeel", args=[liam.pk, DEEL]))
    assert deel.status_code == 200
    inhoud = deel.json()[DEEL]
    assert [c["moment"] for c in inhoud["checkpoints"]] == [1, 3, 6]
    assert inhoud["afgeleid"] == {"dagen_tot_eerste_schooldag": 14, "onderbroken": False, "langste_gat": 14}
    url = reverse("api:schoolloopbaan_checkpoints", args=[liam.pk])
    dubbel = client.post(
        url,
        {"moment": 1, "peildatum": _dag(liam, 30).isoformat(), "uitkomst": "aanwezig"},
        content_type="application/json",
    )
    assert dubbel.status_code == 400 and "al vastgelegd" in dubbel.json()["fields"]["moment"][0]
    te_vroeg = client.post(
        url,
        {"moment": 12, "peildatum": _dag(liam, -1).isoformat(), "uitkomst": "onbekend"},
        content_type="application/json",
    )
    assert te_vroeg.status_code == 400 and "vrijlating" in te_vroeg.json()["fields"]["peildatum"][0]
    nieuw = client.post(
        url,
        {"moment": 12, "peildatum": timezone.localdate().isoformat(), "uitkomst": "werk"},
        content_type="application/json",
    )
    assert nieuw.status_code == 201 and nieuw.json()["uitkomst"] == "werk"
    wijzig = client.patch(
        reverse("api:schoolloopbaan_checkpoint", args=[liam.pk, nieuw.json()["id"]]),
        {"uitkomst": "uitgeschreven", "reden": "Verhuisd"},
        content_type="application/json",
    )
    assert wijzig.status_code == 200 and wijzig.json()["reden"] == "Verhuisd"
    assert liam.schoolcheckpoints.count() == 4


def test_api_others_may_not_write_and_read_only_with_a_grondslag(client, demo, liam):
    client.force_login(demo.coordinator)
    voor = _aantallen(liam)
    post = client.post(
        reverse("api:schoolloopbaan_inschrijvingen", args=[liam.pk]),
        {"opleiding": "X", "startdatum": timezone.localdate().isoformat()},
        content_type="application/json",
    )
    assert post.status_code == 403 and post.json()["code"] == "not_shared"
    assert client.get(reverse("api:dossierdeel", args=[liam.pk, DEEL])).status_code == 403
    assert Raadpleging.objects.filter(traject=liam, categorie=DEEL, actie="api", geweigerd=True).count() == 1
    toestemming_geven(demo, liam, DEEL, organisatie=demo.coordinator.medewerker.organisatie)
    assert client.get(reverse("api:dossierdeel", args=[liam.pk, DEEL])).status_code == 200
    assert Raadpleging.objects.filter(traject=liam, categorie=DEEL, actie="api", geweigerd=False).count() == 1
    assert _aantallen(liam) == voor
    client.force_login(demo.mbo_intake_other)
    assert client.get(reverse("api:dossierdeel", args=[liam.pk, DEEL])).status_code == 404


def test_the_inschrijving_model_is_history_tracked(demo, liam):
    inschrijving = liam.inschrijvingen.get()
    services.inschrijving_wijzigen(
        actor=demo.mbo_intake,
        inschrijving=inschrijving,
        gegevens={"einddatum": _dag(liam, 120), "reden_uitschrijving": "Andere opleiding"},
    )
    assert Inschrijving.history.filter(id=inschrijving.pk).count() == 2


def test_the_jji_schools_dossier_page_offers_to_edit_only_what_it_writes(client, demo):
    """The JJI-school writes the three parts of the handreiking, not the schoolloopbaan: its
    page had a "bewerken" link for the schoolloopbaan that ended in a 404."""
    sara = demo.trajecten["Sara"]
    client.force_login(demo.coordinator)
    pagina = client.get(reverse("dossier:dossier", args=[sara.pk])).content.decode()
    assert reverse("dossier:bewerken", args=[sara.pk, DEEL]) not in pagina
    links = [
        reverse("dossier:bewerken", args=[sara.pk, c])
        for c in (Categorie.ONDERWIJSINFORMATIE, Categorie.BEGELEIDINGSBEHOEFTE)
    ]
    for link in links:
        assert link in pagina
        assert client.get(link).status_code == 200
