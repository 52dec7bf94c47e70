"""The doorstroomdossier, toestemming per part and the raadplegingen log.

The matrix runs every registered dossier surface × every part × every kind of reader and
checks the status, whether the part's marker text is in the answer, and exactly how many
raadplegingen were written for that part."""

import datetime as dt
import sqlite3

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from dossier import services as dossier_services
from jji_traject.geschiedenis import bijwerken
from netwerk.models import Organisatie
from toegang import policy
from toegang.models import Raadpleging, TrajectGroupObjectPermission
from trajecten import services
from trajecten.constants import DOSSIER_CATEGORIEEN, Categorie, Grondslag, Wijze
from trajecten.models import Toestemming

from ..lezers import (
    DOSSIER_MARKERS,
    LEZERS,
    alle_delen_gedeeld,
    consent_zetten,
    raadplegingen_tellen,
    toestemming_geven,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lezer", LEZERS)
def test_matrix_dossier_page(client, demo, noah, lezer):
    gebruiker, stand, leest = LEZERS[lezer]
    consent_zetten(demo, noah, stand)
    client.force_login(getattr(demo, gebruiker))
    antwoord = client.get(reverse("dossier:dossier", args=[noah.pk]))
    if gebruiker == "mbo_intake_other":
        assert antwoord.status_code == 404
        assert raadplegingen_tellen(noah, geweigerd=True) == 1  # URL tampering is on record
        assert raadplegingen_tellen(noah, geweigerd=False) == 0
        return
    assert antwoord.status_code == 200
    tekst = antwoord.content.decode()
    for categorie in DOSSIER_CATEGORIEEN:
        assert (DOSSIER_MARKERS[categorie] in tekst) == (categorie in leest), categorie
        verwacht = 1 if categorie in leest and gebruiker != "jji_school" else 0
        assert raadplegingen_tellen(noah, categorie) == verwacht, categorie  # a "niet gedeeld" badge is no request
    assert raadplegingen_tellen(noah, geweigerd=True) == 0


@pytest.mark.parametrize("naam", ["dossier:categorie", "dossier:geschiedenis"])
@pytest.mark.parametrize("categorie", DOSSIER_CATEGORIEEN)
@pytest.mark.parametrize("lezer", LEZERS)
def test_matrix_explicit_part_url(client, demo, noah, lezer, categorie, naam):
    """A part's own page and its history: readable with a current grondslag only (revoking
    closes the history too), each view on record, a refusal on record as such."""
    gebruiker, stand, leest = LEZERS[lezer]
    consent_zetten(demo, noah, stand)
    client.force_login(getattr(demo, gebruiker))
    antwoord = client.get(reverse(naam, args=[noah.pk, categorie]))
    if categorie in leest:
        assert antwoord.status_code == 200 and DOSSIER_MARKERS[categorie] in antwoord.content.decode()
        assert raadplegingen_tellen(noah, categorie) == (0 if gebruiker == "jji_school" else 1)
        assert raadplegingen_tellen(noah, geweigerd=True) == 0
    else:
        assert antwoord.status_code == 404 and DOSSIER_MARKERS[categorie] not in antwoord.content.decode()
        assert raadplegingen_tellen(noah, geweigerd=True) == 1
        assert raadplegingen_tellen(noah, geweigerd=False) == 0


@pytest.mark.parametrize(
    "naam",
    [
        "dossier:toestemmingen",
        "dossier:raadplegingen",
        "dossier:bekijk_als",
        "dossier:jongere_raadplegingen",
        "dossier:toestemming_bewijs",
        "dossier:toestemmingen_geschiedenis",
    ],
)
@pytest.mark.parametrize("lezer", LEZERS)
def test_matrix_register_log_and_preview(client, demo, noah, lezer, naam):
    """Only the JJI-school reaches these; none shows a part's content by itself or writes a record."""
    gebruiker, stand, _leest = LEZERS[lezer]
    consent_zetten(demo, noah, stand)
    client.force_login(getattr(demo, gebruiker))
    voor = raadplegingen_tellen(noah)
    args = [noah.pk] + ([noah.toestemmingen.first().pk] if naam == "dossier:toestemming_bewijs" else [])
    antwoord = client.get(reverse(naam, args=args))
    if gebruiker == "jji_school":
        assert antwoord.status_code in (200, 302)
    else:
        assert antwoord.status_code == 404
    tekst = antwoord.content.decode()
    assert not any(marker in tekst for marker in DOSSIER_MARKERS.values())
    assert raadplegingen_tellen(noah, geweigerd=False) == voor or gebruiker == "mbo_intake_other"


def test_the_admin_shows_no_dossier_and_the_log_read_only(admin_client, demo, noah):
    from django.contrib import admin

    from dossier.models import Begeleidingsbehoefte, Onderwijsinformatie, Veiligheidssignaal

    for model in (Onderwijsinformatie, Begeleidingsbehoefte, Veiligheidssignaal):
        assert model not in admin.site._registry
    alle_delen_gedeeld(demo, noah)
    policy.categorie_lezen(
        actor=demo.mbo_intake, traject=noah, categorie=Categorie.ONDERWIJSINFORMATIE, actie="bekijken"
    )
    lijst = admin_client.get(reverse("admin:toegang_raadpleging_changelist"))
    assert lijst.status_code == 200 and DOSSIER_MARKERS[Categorie.ONDERWIJSINFORMATIE] not in lijst.content.decode()
    record = Raadpleging.objects.get(traject=noah)
    wijzig = admin_client.post(reverse("admin:toegang_raadpleging_change", args=[record.pk]), {"rol": "x"})
    assert wijzig.status_code == 403
    assert admin_client.post(reverse("admin:toegang_raadpleging_delete", args=[record.pk])).status_code == 403
    assert Raadpleging.objects.filter(pk=record.pk, rol="intaker").exists()
    # The functioneel beheerder (staff, no youth data) does not see the log at all.
    from django.test import Client

    beheerder = Client()
    beheerder.force_login(demo.beheerder)
    assert beheerder.get(reverse("admin:toegang_raadpleging_changelist")).status_code == 403


def test_preview_shows_exactly_what_the_recipient_sees_and_writes_nothing(client, demo, noah):
    toestemming_geven(demo, noah, Categorie.ONDERWIJSINFORMATIE)
    mbo = Organisatie.objects.get(naam="ROC Lindewaard")
    client.force_login(demo.jji_school)
    tekst = client.get(reverse("dossier:bekijk_als", args=[noah.pk]), {"als": f"{mbo.pk}:intaker"}).content.decode()
    assert "Voorbeeld: zo ziet" in tekst
    assert DOSSIER_MARKERS[Categorie.ONDERWIJSINFORMATIE] in tekst
    assert (
        DOSSIER_MARKERS[Categorie.BEGELEIDINGSBEHOEFTE] not in tekst
        and DOSSIER_MARKERS[Categorie.VEILIGHEIDSSIGNALEN] not in tekst
    )
    assert raadplegingen_tellen(noah) == 0
    onzin = client.get(reverse("dossier:bekijk_als", args=[noah.pk]), {"als": "999999:intaker"})
    assert onzin.status_code == 302


def test_the_log_lists_the_reading_with_its_grondslag(client, demo, noah):
    (onderwijs, *_rest) = alle_delen_gedeeld(demo, noah)
    client.force_login(demo.mbo_intake)
    client.get(reverse("dossier:categorie", args=[noah.pk, Categorie.ONDERWIJSINFORMATIE]), REMOTE_ADDR="10.1.2.3")
    record = Raadpleging.objects.get(traject=noah)
    medewerker = demo.mbo_intake.medewerker
    assert (record.actor, record.organisatie, record.rol) == (demo.mbo_intake, medewerker.organisatie, "intaker")
    assert (record.jongere_id, record.grondslag, record.ip) == (noah.jongere_id, onderwijs, "10.1.2.3")
    assert len(record.verzoek_id) >= 8 and not record.geweigerd
    client.force_login(demo.jji_school)
    tekst = client.get(reverse("dossier:raadplegingen", args=[noah.pk])).content.decode()
    assert "Linda Vermeulen" in tekst and "onderwijsinformatie" in tekst
    assert DOSSIER_MARKERS[Categorie.ONDERWIJSINFORMATIE] not in tekst  # no content in the log


def test_the_log_refuses_update_and_delete(demo, noah):
    alle_delen_gedeeld(demo, noah)
    policy.categorie_lezen(
        actor=demo.mbo_intake, traject=noah, categorie=Categorie.ONDERWIJSINFORMATIE, actie="bekijken"
    )
    record = Raadpleging.objects.get(traject=noah)
    with pytest.raises(DatabaseError), transaction.atomic():
        Raadpleging.objects.filter(pk=record.pk).update(rol="beheerder")
    with pytest.raises(DatabaseError), transaction.atomic():
        Raadpleging.objects.filter(pk=record.pk).delete()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM toegang_raadpleging")
    assert Raadpleging.objects.filter(pk=record.pk, rol="intaker").exists()


def test_the_sqlite_twin_trigger_refuses_update_and_delete():
    """The SQLite trigger of the migration, on its own database (CI runs on PostgreSQL)."""
    import importlib

    migratie = importlib.import_module("toegang.migrations.0005_raadpleging_alleen_toevoegen")
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE toegang_raadpleging (id INTEGER PRIMARY KEY, rol TEXT)")
    for sql in migratie.SQLITE_AAN:
        db.execute(sql)
    db.execute("INSERT INTO toegang_raadpleging (rol) VALUES ('intaker')")
    for sql in ("UPDATE toegang_raadpleging SET rol = 'x'", "DELETE FROM toegang_raadpleging"):
        with pytest.raises(sqlite3.DatabaseError, match="alleen toe te voegen"):
            db.execute(sql)
    assert db.execute("SELECT rol FROM toegang_raadpleging").fetchall() == [("intaker",)]


def test_role_groups_never_hold_a_part_permission(demo, noah):
    alle_delen_gedeeld(demo, noah)
    codes = [f"lees_{c}" for c in DOSSIER_CATEGORIEEN]
    assert not TrajectGroupObjectPermission.objects.filter(
        permission__codename__in=codes, group__name__startswith="rol:"
    ).exists()
    from django.contrib.auth.models import Group

    assert not Group.objects.filter(permissions__codename__in=codes).exists()
    # The intaker's organisation group holds none of the signals: only the VO and veiligheidscoördinator.
    signalen = TrajectGroupObjectPermission.objects.filter(
        content_object=noah, permission__codename="lees_veiligheidssignalen"
    ).values_list("group__name", flat=True)
    mbo = demo.mbo_intake.medewerker.organisatie_id
    assert f"org:{mbo}:rol:intaker" not in set(signalen)
    assert {f"org:{mbo}:verbindingsofficier", f"org:{mbo}:rol:veiligheidscoordinator"} <= set(signalen)


def test_revocation_closes_at_once_and_the_page_says_so(client, demo, noah):
    onderwijs = toestemming_geven(demo, noah, Categorie.ONDERWIJSINFORMATIE)
    client.force_login(demo.jji_school)
    tekst = client.get(reverse("dossier:dossier", args=[noah.pk])).content.decode()
    assert "gedeeld met ROC Lindewaard" in tekst and "nog met niemand gedeeld" in tekst
    kenmerk = services.intrekking_bekijken(onderwijs).kenmerk  # as the confirmation page shows it
    antwoord = client.post(
        reverse("trajecten:toestemming_intrekken", args=[noah.pk, onderwijs.pk]),
        {"terug": "toestemmingen", "kenmerk": kenmerk},
    )
    assert antwoord.url == reverse("dossier:toestemmingen", args=[noah.pk])
    tekst = client.get(reverse("dossier:dossier", args=[noah.pk])).content.decode()
    assert "ROC Lindewaard: ingetrokken op" in tekst
    assert Categorie.ONDERWIJSINFORMATIE not in policy.leesbare_categorieen(demo.mbo_intake, noah)


def _badges(client, demo, traject) -> str:
    """The dossier page with its "gedeeld met …" badges, as the regie (the JJI-school) sees it."""
    client.force_login(demo.jji_school)
    return client.get(reverse("dossier:dossier", args=[traject.pk])).content.decode()


def test_an_older_valid_consent_under_a_newer_revoked_one_still_shows_as_shared(client, demo, noah):
    """The badge follows the policy: a newer record revoked does not hide an older one that
    still opens the part (a review found the badge read only the newest record)."""
    ouder = toestemming_geven(demo, noah, Categorie.ONDERWIJSINFORMATIE)
    # The service refuses a second valid record; one made beside it (an import, say) is data
    # the model allows.
    nieuwer = Toestemming.objects.create(
        traject=noah,
        ontvanger=ouder.ontvanger,
        categorie=Categorie.ONDERWIJSINFORMATIE,
        grondslag=Grondslag.TOESTEMMING_JONGERE,
        weigeren_zonder_gevolgen=True,
        wijze=Wijze.FORMULIER,
        datum_gegeven=timezone.localdate(),
        vastgelegd_door=demo.coordinator,
    )
    services.toestemming_intrekken(actor=demo.coordinator, toestemming=nieuwer)
    assert Categorie.ONDERWIJSINFORMATIE in policy.leesbare_categorieen(demo.mbo_intake, noah)
    tekst = _badges(client, demo, noah)
    assert "gedeeld met ROC Lindewaard" in tekst and "ROC Lindewaard: ingetrokken op" not in tekst


def test_a_parents_consent_past_the_18th_birthday_is_not_shown_as_shared(client, demo, noah):
    vandaag = timezone.localdate()
    noah.jongere.geboortedatum = vandaag.replace(year=vandaag.year - 15)
    noah.jongere.save()
    toestemming_geven(
        demo,
        noah,
        Categorie.ONDERWIJSINFORMATIE,
        grondslag=Grondslag.TOESTEMMING_OUDER,
        gegeven_door="Moeder (fictief)",
        jongere_gevraagd=True,
        datum_gegeven=vandaag - dt.timedelta(days=30),
    )
    assert "gedeeld met ROC Lindewaard" in _badges(client, demo, noah)
    noah.jongere.geboortedatum = vandaag.replace(year=vandaag.year - 18) - dt.timedelta(days=1)
    noah.jongere.save()
    noah.refresh_from_db()
    assert Categorie.ONDERWIJSINFORMATIE not in policy.leesbare_categorieen(demo.mbo_intake, noah)
    tekst = _badges(client, demo, noah)
    assert "gedeeld met ROC Lindewaard" not in tekst
    assert "ROC Lindewaard: de toestemming van de ouder is vervallen (de jongere is 18)" in tekst


@pytest.mark.parametrize(
    ("wijziging", "fout"),
    [
        ({"categorie": "beoordeling"}, "Kies onderwijsinformatie"),
        ({"grondslag": Grondslag.LEERPLICHT, "categorie": Categorie.BEGELEIDINGSBEHOEFTE}, "Leerplicht dekt alleen"),
        ({"geldig_tot": dt.date(2020, 1, 1)}, "verleden"),
        ({"ontvanger": "Techniekcollege Noordpolder"}, "betrokken. Leg eerst de grondslag"),
        ({"ontvanger": "Duinzichtcollege (JJI-school)"}, "schrijft het dossier zelf"),
        ({"weigeren_zonder_gevolgen": False}, "weigeren geen gevolgen"),
    ],
)
def test_bad_consent_is_refused_and_nothing_is_saved(demo, noah, wijziging, fout):
    wijziging = dict(wijziging)
    categorie = wijziging.pop("categorie", Categorie.ONDERWIJSINFORMATIE)
    organisatie = Organisatie.objects.get(naam=wijziging.pop("ontvanger", "ROC Lindewaard"))
    voor = Toestemming.objects.count()
    with pytest.raises(ValidationError, match=fout):
        toestemming_geven(demo, noah, categorie, organisatie, **wijziging)
    assert Toestemming.objects.count() == voor


def test_consent_twice_and_revoking_twice_are_refused(demo, noah):
    record = toestemming_geven(demo, noah, Categorie.ONDERWIJSINFORMATIE)
    with pytest.raises(ValidationError, match="al een geldige grondslag"):
        toestemming_geven(demo, noah, Categorie.ONDERWIJSINFORMATIE)
    services.toestemming_intrekken(actor=demo.coordinator, toestemming=record)
    with pytest.raises(ValidationError, match="al ingetrokken"):
        services.toestemming_intrekken(actor=demo.coordinator, toestemming=record)


def test_only_the_jji_school_writes(client, demo, noah):
    alle_delen_gedeeld(demo, noah)
    for lezer in (demo.mbo_intake, demo.verbindingsofficier, demo.itb):
        with pytest.raises(PermissionDenied):
            dossier_services.begeleidingsbehoefte_opslaan(actor=lezer, traject=noah, gegevens={"structuur": "x"})
        client.force_login(lezer)
        url = reverse("dossier:bewerken", args=[noah.pk, Categorie.BEGELEIDINGSBEHOEFTE])
        assert client.post(url, {"structuur": "x"}).status_code == 404
        assert client.get(reverse("dossier:signaal_toevoegen", args=[noah.pk])).status_code == 404
    client.force_login(demo.jji_school)
    url = reverse("dossier:bewerken", args=[noah.pk, Categorie.ONDERWIJSINFORMATIE])
    tekst = client.post(url, {"opleiding": "Vakman", "crebo": "12ab"}).content.decode()
    assert "Controleer het formulier" in tekst and "vijf cijfers" in tekst
    assert client.post(url, {"opleiding": "Vakman", "crebo": "12345", "niveau": "2"}).status_code == 302
    assert (
        policy.categorie_lezen(
            actor=demo.jji_school, traject=noah, categorie=Categorie.ONDERWIJSINFORMATIE, actie="bekijken"
        ).crebo
        == "12345"
    )


@pytest.mark.parametrize(
    ("gegevens", "fout"),
    [
        ({"signaal": "Let op", "reden": "", "einddatum": "2099-01-01"}, "waarom"),
        ({"signaal": "Let op", "reden": "Rust", "einddatum": ""}, "Kies tot wanneer het signaal geldt"),
        ({"signaal": "Let op", "reden": "Rust", "einddatum": "2020-01-01"}, "verleden"),
        ({"signaal": "Let op", "reden": "Rust", "einddatum": "2099-01-01"}, "twee jaar"),
    ],
)
def test_a_signal_needs_a_reason_and_an_end_date(client, demo, noah, gegevens, fout):
    client.force_login(demo.jji_school)
    voor = noah.veiligheidssignalen.count()
    tekst = client.post(reverse("dossier:signaal_toevoegen", args=[noah.pk]), gegevens).content.decode()
    assert fout.lower() in tekst.lower()
    assert noah.veiligheidssignalen.count() == voor


def test_a_signal_past_its_end_date_is_no_longer_shown(client, demo, noah):
    alle_delen_gedeeld(demo, noah)
    for signaal in noah.veiligheidssignalen.all():
        signaal.einddatum = timezone.localdate() - dt.timedelta(days=1)
        signaal.save()
    client.force_login(demo.verbindingsofficier)
    tekst = client.get(reverse("dossier:dossier", args=[noah.pk])).content.decode()
    assert DOSSIER_MARKERS[Categorie.VEILIGHEIDSSIGNALEN] not in tekst and "Geen actuele signalen" in tekst


def test_signals_never_leave_the_page(demo, noah):
    from django.http import Http404

    alle_delen_gedeeld(demo, noah)
    for actie in ("pdf", "afdrukken"):
        with pytest.raises(Http404):
            policy.categorie_lezen(
                actor=demo.verbindingsofficier, traject=noah, categorie=Categorie.VEILIGHEIDSSIGNALEN, actie=actie
            )
    assert raadplegingen_tellen(noah, Categorie.VEILIGHEIDSSIGNALEN, geweigerd=True) == 2
    # Through the API a person reads them under the page's rule (a system account never: test_api).
    assert policy.categorie_lezen(
        actor=demo.verbindingsofficier, traject=noah, categorie=Categorie.VEILIGHEIDSSIGNALEN, actie="api"
    )


def test_tampering_toward_another_trajects_dossier_is_on_record(client, demo, noah):
    client.force_login(demo.mbo_intake_other)
    for url in (
        reverse("dossier:dossier", args=[noah.pk]),
        reverse("dossier:categorie", args=[noah.pk, Categorie.BEGELEIDINGSBEHOEFTE]),
        reverse("dossier:bewerken", args=[noah.pk, Categorie.BEGELEIDINGSBEHOEFTE]),
        reverse("dossier:herkomst_bewerken", args=[noah.pk]),
    ):
        assert client.get(url).status_code == 404
    # One row at once for each (part, surface) tried; a second page of the same is counted as a
    # repeat and appended when the hour is over (tests/toegang/test_weigeringen.py).
    assert raadplegingen_tellen(noah, geweigerd=True) == 2
    policy.herhalingen_bijschrijven(timezone.now() + dt.timedelta(hours=1, seconds=1))
    assert sum(Raadpleging.objects.filter(traject=noah, geweigerd=True).values_list("aantal", flat=True)) == 4
    assert client.get(reverse("dossier:dossier", args=[99999999])).status_code == 404
    client.force_login(demo.jji_school)
    assert client.get(reverse("dossier:categorie", args=[noah.pk, "beoordeling"])).status_code == 404


def _queries(client, url) -> int:
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as vastgelegd:
        assert client.get(url).status_code == 200
    return len(vastgelegd)


def test_the_dossier_page_query_count_is_flat(client, demo, noah):
    """Flat in the number of consents and log rows (as the JJI-school and as a recipient)."""
    url = reverse("dossier:dossier", args=[noah.pk])
    alle_delen_gedeeld(demo, noah)
    client.force_login(demo.mbo_intake)
    client.get(url)
    client.force_login(demo.jji_school)
    weinig_school = _queries(client, url)
    client.force_login(demo.verbindingsofficier)
    weinig_vo = _queries(client, url)
    for naam, soort in (("Vakcollege Oostmeer", "mbo_partner"), ("Gemeente Lindewaard", "gemeente")):
        org = Organisatie.objects.get(naam=naam)
        if not noah.betrokkenheden.filter(organisatie=org).exists():
            services.betrokkenheid_toevoegen(actor=demo.coordinator, traject=noah, organisatie=org, soort=soort)
        services.kennisgeving_vastleggen(
            actor=demo.coordinator,
            traject=noah,
            ontvanger=org,
            gegevens={
                "grondslag": Grondslag.TOESTEMMING_JONGERE,
                "datum_gegeven": timezone.localdate(),
                "wijze": Wijze.MONDELING,
                "weigeren_zonder_gevolgen": True,
            },
        )
        for categorie in (Categorie.ONDERWIJSINFORMATIE, Categorie.BEGELEIDINGSBEHOEFTE):
            toestemming_geven(demo, noah, categorie, org)
    client.force_login(demo.mbo_intake)
    for _ in range(5):
        client.get(url)
    assert Raadpleging.objects.filter(traject=noah).count() >= 10
    client.force_login(demo.jji_school)
    assert _queries(client, url) <= weinig_school
    client.force_login(demo.verbindingsofficier)
    assert _queries(client, url) <= weinig_vo


def test_a_parents_consent_is_asked_again_of_the_youth_at_16(client, demo):
    from signalering import services as signalering
    from signalering.models import Melding
    from trajecten.regels import verjaardag

    liam = demo.trajecten["Liam"]
    # Liam's demo consent was given by the youth; record one by a parent while he was 15.
    jongere = liam.jongere
    vandaag = timezone.localdate()
    jongere.geboortedatum = vandaag.replace(year=vandaag.year - 16) - dt.timedelta(days=10)
    jongere.save()
    record = Toestemming.objects.create(
        traject=liam,
        ontvanger=Organisatie.objects.get(naam="ROC Lindewaard"),
        categorie=Categorie.ONDERWIJSINFORMATIE,
        grondslag=Grondslag.TOESTEMMING_OUDER,
        gegeven_door="Vader (fictief)",
        jongere_gevraagd=True,
        weigeren_zonder_gevolgen=True,
        wijze=Wijze.FORMULIER,
        datum_gegeven=vandaag - dt.timedelta(days=30),
        vastgelegd_door=demo.coordinator,
    )
    assert verjaardag(jongere.geboortedatum, 16) <= vandaag
    assert signalering.toestemming_op_16_herinneren() == 1
    assert signalering.toestemming_op_16_herinneren() == 0  # once
    melding = Melding.objects.get(soort="toestemming_16")
    assert melding.ontvanger == demo.coordinator and melding.traject == liam
    client.force_login(demo.coordinator)
    tekst = client.get(reverse("signalering:meldingen")).content.decode()
    assert "Liam Mulder is 16 geworden" in tekst and reverse("dossier:toestemmingen", args=[liam.pk]) in tekst
    # A revoked consent asks for nothing.
    services.toestemming_intrekken(actor=demo.coordinator, toestemming=record)
    assert signalering.toestemming_op_16_herinneren() == 0


HERKOMST_MARKER = "Herkomst Marker Metselwerk"


def test_the_school_van_herkomst_shares_its_onderwijsinformatie_with_the_jji_school(client, demo):
    mila = demo.trajecten["Mila"]  # Vakcollege Oostmeer is active as mbo van herkomst (consent)
    school = Organisatie.objects.get(naam="Duinzichtcollege (JJI-school)")
    Toestemming.objects.filter(traject=mila, ontvanger=school).delete()  # the demo's: recorded below
    url = reverse("dossier:dossier", args=[mila.pk])
    client.force_login(demo.mbo_herkomst)
    antwoord = client.post(
        reverse("dossier:herkomst_bewerken", args=[mila.pk]),
        {"opleiding": "Metselaar", "resultaten": HERKOMST_MARKER, "lopende_modules": "", "toelichting": ""},
    )
    assert antwoord.status_code == 302
    assert HERKOMST_MARKER in client.get(url).content.decode()  # its own, no record
    assert raadplegingen_tellen(mila) == 0

    client.force_login(demo.jji_school)
    tekst = client.get(url).content.decode()
    assert HERKOMST_MARKER not in tekst and "Van de school van herkomst" in tekst and raadplegingen_tellen(mila) == 0
    record = toestemming_geven(demo, mila, Categorie.ONDERWIJSINFORMATIE, school, grondslag=Grondslag.LEERPLICHT)
    tekst = client.get(url).content.decode()
    assert HERKOMST_MARKER in tekst
    (raadpleging,) = Raadpleging.objects.filter(traject=mila)
    assert (raadpleging.categorie, raadpleging.grondslag, raadpleging.organisatie) == (
        "onderwijsinformatie_herkomst",
        record,
        school,
    )
    tekst = client.get(reverse("dossier:raadplegingen", args=[mila.pk])).content.decode()
    assert "onderwijsinformatie van de school van herkomst" in tekst

    # Nobody else sees it, and the JJI-school does not write it.
    for anderen in (demo.itb, demo.verbindingsofficier, demo.mbo_intake):
        client.force_login(anderen)
        antwoord = client.get(url)
        assert antwoord.status_code in (200, 404) and HERKOMST_MARKER not in antwoord.content.decode()
        assert client.get(reverse("dossier:herkomst_bewerken", args=[mila.pk])).status_code == 404
    client.force_login(demo.jji_school)
    assert client.get(reverse("dossier:herkomst_bewerken", args=[mila.pk])).status_code == 404


def test_the_jji_school_needs_no_consent_for_its_own_parts(demo):
    mila = demo.trajecten["Mila"]
    school = Organisatie.objects.get(naam="Duinzichtcollege (JJI-school)")
    with pytest.raises(ValidationError, match="schrijft het dossier zelf"):
        toestemming_geven(demo, mila, Categorie.BEGELEIDINGSBEHOEFTE, school)
    with pytest.raises(ValidationError, match="schrijft het dossier zelf"):
        toestemming_geven(demo, demo.trajecten["Liam"], Categorie.ONDERWIJSINFORMATIE, school)  # no school van herkomst


def test_results_are_recorded_with_the_mbo_that_validated_them(client, demo, noah):
    roc = Organisatie.objects.get(naam="ROC Lindewaard")
    client.force_login(demo.jji_school)
    url = reverse("dossier:resultaat_toevoegen", args=[noah.pk])
    vandaag = timezone.localdate()
    morgen = (vandaag + dt.timedelta(days=1)).isoformat()
    tekst = client.post(url, {"soort": "examen", "omschrijving": "Examen X", "datum": morgen}).content.decode()
    assert "toekomst" in tekst and not noah.resultaten.filter(omschrijving="Examen X").exists()
    gegevens = {"soort": "examen", "omschrijving": "Examen Magazijn Marker", "datum": vandaag.isoformat()}
    assert client.post(url, {**gegevens, "gevalideerd_door": roc.pk}).status_code == 302
    toestemming_geven(demo, noah, Categorie.ONDERWIJSINFORMATIE)
    client.force_login(demo.mbo_intake)
    tekst = client.get(reverse("dossier:dossier", args=[noah.pk])).content.decode()
    assert "Examen Magazijn Marker" in tekst and "gevalideerd door ROC Lindewaard" in tekst
    resultaat = noah.resultaten.get(omschrijving="Examen Magazijn Marker")
    verwijderen = reverse("dossier:resultaat_verwijderen", args=[noah.pk, resultaat.pk])
    assert client.post(verwijderen).status_code == 404  # a reader does not remove
    client.force_login(demo.jji_school)
    assert client.post(verwijderen).status_code == 302
    assert not noah.resultaten.filter(pk=resultaat.pk).exists()


def test_the_admin_log_page_names_no_youth(admin_client, demo, noah):
    alle_delen_gedeeld(demo, noah)
    policy.categorie_lezen(
        actor=demo.mbo_intake, traject=noah, categorie=Categorie.ONDERWIJSINFORMATIE, actie="bekijken"
    )
    record = Raadpleging.objects.get(traject=noah)
    tekst = admin_client.get(reverse("admin:toegang_raadpleging_change", args=[record.pk])).content.decode()
    assert noah.jongere.naam not in tekst and str(noah.pk) in tekst


def test_revoking_the_kennisgeving_revokes_the_parts_too(client, demo, noah):
    delen = alle_delen_gedeeld(demo, noah)
    mbo = Organisatie.objects.get(naam="ROC Lindewaard")
    kennisgeving = noah.toestemmingen.kennisgevingen().geldig().get(ontvanger=mbo)
    services.toestemming_intrekken(actor=demo.coordinator, toestemming=kennisgeving)
    assert all(Toestemming.objects.get(pk=d.pk).ingetrokken_op for d in delen)
    client.force_login(demo.jji_school)
    assert "ROC Lindewaard: ingetrokken op" in client.get(reverse("dossier:dossier", args=[noah.pk])).content.decode()


def test_the_schools_own_people_read_its_signals_and_a_preview_shows_no_more(client, demo, noah):
    from netwerk.constants import Rol
    from netwerk.services import medewerker_opslaan

    school = demo.jji_school.medewerker.organisatie
    zorg = medewerker_opslaan(
        actor=None,
        gebruikersnaam="zorg-2",
        voornaam="Zora",
        achternaam="Zorg",
        email="zora@example.org",
        organisatie=school,
        rol=Rol.ZORGCOORDINATOR,
    )
    assert set(policy.leesbare_categorieen(zorg.user, noah)) == set(DOSSIER_CATEGORIEEN)
    client.force_login(zorg.user)
    assert (
        DOSSIER_MARKERS[Categorie.VEILIGHEIDSSIGNALEN]
        in client.get(reverse("dossier:dossier", args=[noah.pk])).content.decode()
    )
    assert raadplegingen_tellen(noah) == 0


def test_a_veiligheidscoordinator_who_is_assigned_reads_the_signals_an_intaker_not(demo, noah):
    from netwerk.constants import Rol
    from netwerk.services import medewerker_opslaan

    mbo = Organisatie.objects.get(naam="ROC Lindewaard")
    vc = medewerker_opslaan(
        actor=None,
        gebruikersnaam="vc-2",
        voornaam="Vera",
        achternaam="Veilig",
        email="vera@example.org",
        organisatie=mbo,
        rol=Rol.VEILIGHEIDSCOORDINATOR,
    )
    alle_delen_gedeeld(demo, noah)
    assert policy.leesbare_categorieen(vc.user, noah) == {}  # not assigned: does not see the traject
    services.toewijzing_toevoegen(actor=demo.verbindingsofficier, traject=noah, medewerker=vc)
    from trajecten.models import Traject

    noah = Traject.objects.get(pk=noah.pk)  # a new request: answers are kept per request
    # The three shared parts, and the schoolloopbaan her own college writes.
    assert set(policy.leesbare_categorieen(vc.user, noah)) == {*DOSSIER_CATEGORIEEN, Categorie.SCHOOLLOOPBAAN}
    assert Categorie.VEILIGHEIDSSIGNALEN not in policy.leesbare_categorieen(demo.mbo_intake, noah)


def test_an_ended_signal_disappears_at_once_and_a_closed_traject_is_not_written(client, demo, noah):
    alle_delen_gedeeld(demo, noah)
    signaal = noah.veiligheidssignalen.get(signaal=DOSSIER_MARKERS[Categorie.VEILIGHEIDSSIGNALEN])
    client.force_login(demo.jji_school)
    client.post(reverse("dossier:signaal_beeindigen", args=[noah.pk, signaal.pk]))
    client.force_login(demo.verbindingsofficier)
    assert (
        DOSSIER_MARKERS[Categorie.VEILIGHEIDSSIGNALEN]
        not in client.get(reverse("dossier:dossier", args=[noah.pk])).content.decode()
    )
    from trajecten.models import Traject

    bijwerken(Traject.objects.filter(pk=noah.pk), afgesloten_op=timezone.localdate())
    noah.refresh_from_db()
    assert not policy.mag_dossier_schrijven(demo.jji_school, noah)


def test_a_malformed_request_id_is_replaced(client, demo):
    client.force_login(demo.jji_school)
    antwoord = client.get(reverse("trajecten:lijst"), HTTP_X_REQUEST_ID="abcdefgh\n")
    assert antwoord.status_code == 200 and "\n" not in antwoord["X-Request-ID"]
    antwoord = client.get(reverse("trajecten:lijst"), HTTP_X_REQUEST_ID="proxy-1234567")
    assert antwoord["X-Request-ID"] == "proxy-1234567"


def test_the_youths_list_in_plain_dutch(client, demo, noah):
    onderwijs, *_rest = alle_delen_gedeeld(demo, noah)
    client.force_login(demo.mbo_intake)
    client.get(reverse("dossier:categorie", args=[noah.pk, Categorie.ONDERWIJSINFORMATIE]))
    client.get(reverse("dossier:categorie", args=[noah.pk, Categorie.VEILIGHEIDSSIGNALEN]))  # refused
    client.force_login(demo.coordinator)
    url = reverse("dossier:jongere_raadplegingen", args=[noah.pk])
    tekst = client.get(url).content.decode()
    assert "Wie heeft jouw gegevens bekeken, Noah Verbeek?" in tekst
    assert "Linda Vermeulen (intaker, ROC Lindewaard) heeft de gegevens over je school en opleiding bekeken." in tekst
    assert "Dat mocht omdat jij daar op" in tekst and "toestemming voor gaf" in tekst
    assert "probeerde de afspraken over veiligheid te bekijken" in tekst
    assert DOSSIER_MARKERS[Categorie.ONDERWIJSINFORMATIE] not in tekst
    # Its PDF is made in the background (tests/dossier/test_jongere_lijst.py), never in the request.
    assert client.get(url, {"formaat": "pdf"})["Content-Type"].startswith("text/html")
    assert raadplegingen_tellen(noah) == 2  # the list itself is no reading of a part


def test_a_consent_receipt_as_page_and_pdf(client, demo, noah):
    onderwijs = toestemming_geven(demo, noah, Categorie.ONDERWIJSINFORMATIE)
    client.force_login(demo.coordinator)
    url = reverse("dossier:toestemming_bewijs", args=[noah.pk, onderwijs.pk])
    tekst = client.get(url).content.decode()
    assert "Bewijs van toestemming" in tekst and "de gegevens over je school en opleiding" in tekst
    assert "ROC Lindewaard" in tekst and "weigeren geen gevolgen heeft" in tekst
    services.toestemming_intrekken(actor=demo.coordinator, toestemming=onderwijs)
    assert "Ingetrokken" in client.get(url).content.decode()
    assert client.get(url, {"formaat": "pdf"}).content.startswith(b"%PDF")
    andere = demo.trajecten["Liam"].toestemmingen.first()
    assert client.get(reverse("dossier:toestemming_bewijs", args=[noah.pk, andere.pk])).status_code == 404


def test_writes_that_skip_history_are_refused_on_dossier_parts(demo, noah):
    from dossier.models import GeschiedenisOmzeild, Onderwijsinformatie, Veiligheidssignaal

    with pytest.raises(GeschiedenisOmzeild):
        Onderwijsinformatie.objects.filter(traject=noah).update(opleiding="stil")
    with pytest.raises(GeschiedenisOmzeild):
        noah.veiligheidssignalen.update(reden="stil")
    with pytest.raises(GeschiedenisOmzeild):
        Veiligheidssignaal.objects.bulk_create([])
    assert noah.onderwijsinformatie.opleiding == DOSSIER_MARKERS[Categorie.ONDERWIJSINFORMATIE]


def test_the_history_shows_each_change_with_its_author(client, demo, noah):
    dossier_services.onderwijsinformatie_opslaan(
        actor=demo.coordinator, traject=noah, gegevens={"opleiding": "Nieuwe Opleiding Marker"}
    )
    client.force_login(demo.jji_school)
    tekst = client.get(reverse("dossier:geschiedenis", args=[noah.pk, Categorie.ONDERWIJSINFORMATIE])).content.decode()
    assert "Peter Aydin" in tekst and "Nieuwe Opleiding Marker" in tekst
    assert DOSSIER_MARKERS[Categorie.ONDERWIJSINFORMATIE] in tekst  # the old value, for who may read the part now
    tekst = client.get(reverse("dossier:toestemmingen_geschiedenis", args=[noah.pk])).content.decode()
    assert "Toestemming of grondslag aangemaakt" in tekst or "aangemaakt" in tekst


def test_admin_history_follows_model_permissions(client, demo, settings):
    assert settings.SIMPLE_HISTORY_ENFORCE_HISTORY_MODEL_PERMISSIONS is True
    from dossier.models import Formuleringswoord

    woord = Formuleringswoord.objects.first()
    client.force_login(demo.beheerder)
    assert client.get(reverse("admin:dossier_formuleringswoord_history", args=[woord.pk])).status_code == 200
    client.force_login(demo.mbo_intake)  # not staff
    assert client.get(reverse("admin:dossier_formuleringswoord_history", args=[woord.pk])).status_code == 302


def test_a_receipt_for_a_legal_basis_does_not_speak_of_withdrawing(client, demo):
    mila = demo.trajecten["Mila"]  # the school van herkomst is active on leerplicht
    leerplicht = mila.toestemmingen.filter(grondslag=Grondslag.LEERPLICHT).first()
    client.force_login(demo.coordinator)
    tekst = client.get(reverse("dossier:toestemming_bewijs", args=[mila.pk, leerplicht.pk])).content.decode()
    assert "Bewijs van de grondslag" in tekst and "volgt uit de wet" in tekst and "intrekken" not in tekst


def test_every_tracked_model_refuses_writes_that_skip_history(demo):
    from jji_traject.geschiedenis import GeschiedenisOmzeild, bijwerken
    from netwerk.models import Contactpersoon, Organisatie
    from trajecten.models import Taak, Traject

    for qs, velden in (
        (Traject.objects.all(), {"fase": "verblijf"}),
        (Toestemming.objects.all(), {"toelichting": "stil"}),
        (Taak.objects.all(), {"notitie": "stil"}),
        (Organisatie.objects.all(), {"plaats": "stil"}),
        (Contactpersoon.objects.all(), {"functie": "stil"}),
    ):
        with pytest.raises(GeschiedenisOmzeild):
            qs.update(**velden)
        with pytest.raises(GeschiedenisOmzeild):
            qs.model.objects.bulk_create([])
    contact = Contactpersoon.objects.first()
    voor = contact.history.count()
    assert bijwerken(Contactpersoon.objects.filter(pk=contact.pk), functie="Met geschiedenis") == 1
    assert contact.history.count() == voor + 1


def test_an_ended_signal_stays_out_of_the_history_outside_the_school(client, demo, noah):
    alle_delen_gedeeld(demo, noah)
    signaal = noah.veiligheidssignalen.get(signaal=DOSSIER_MARKERS[Categorie.VEILIGHEIDSSIGNALEN])
    dossier_services.veiligheidssignaal_beeindigen(actor=demo.jji_school, signaal=signaal)
    url = reverse("dossier:geschiedenis", args=[noah.pk, Categorie.VEILIGHEIDSSIGNALEN])
    client.force_login(demo.verbindingsofficier)
    assert DOSSIER_MARKERS[Categorie.VEILIGHEIDSSIGNALEN] not in client.get(url).content.decode()
    client.force_login(demo.jji_school)
    assert DOSSIER_MARKERS[Categorie.VEILIGHEIDSSIGNALEN] in client.get(url).content.decode()


def test_a_made_up_part_in_a_url_is_logged_as_unknown_and_not_shown_to_the_youth(client, demo, noah):
    client.force_login(demo.mbo_intake_other)
    assert client.get(reverse("dossier:geschiedenis", args=[noah.pk, "jij-bent-crimineel"])).status_code == 404
    assert client.get(reverse("dossier:categorie", args=[noah.pk, "nog-iets"])).status_code == 404
    assert set(Raadpleging.objects.filter(traject=noah).values_list("categorie", flat=True)) == {"onbekend"}
    client.force_login(demo.coordinator)
    tekst = client.get(reverse("dossier:jongere_raadplegingen", args=[noah.pk])).content.decode()
    assert "crimineel" not in tekst and "probeerde je dossier te bekijken" in tekst


def test_the_reason_to_keep_wording_carries_nothing_refused_and_stays_out_of_the_history(client, demo, noah):
    with pytest.raises(ValidationError, match="geen delict- of behandelgegevens"):
        dossier_services.veiligheidssignaal_toevoegen(
            actor=demo.jji_school,
            traject=noah,
            gegevens={
                "signaal": "Kan agressief reageren.",
                "reden": "Rust",
                "einddatum": timezone.localdate() + dt.timedelta(days=10),
                "formulering_toelichting": "Veroordeeld voor geweldpleging.",
            },
        )
    dossier_services.begeleidingsbehoefte_opslaan(
        actor=demo.jji_school,
        traject=noah,
        gegevens={"structuur": "Na het delict structuur nodig.", "formulering_toelichting": "Geheime Toelichting"},
    )
    alle_delen_gedeeld(demo, noah)
    client.force_login(demo.mbo_intake)
    url = reverse("dossier:geschiedenis", args=[noah.pk, Categorie.BEGELEIDINGSBEHOEFTE])
    assert "Geheime Toelichting" not in client.get(url).content.decode()


def test_a_designation_change_is_seen_at_once_on_the_same_user_object(demo, noah):
    from netwerk import services as netwerk_services

    vo = demo.verbindingsofficier
    assert policy.zichtbaar_voor(vo).filter(pk=noah.pk).exists()  # remembered on the object
    mbo = vo.medewerker.organisatie
    netwerk_services.verbindingsofficier_aanwijzen(actor=demo.beheerder, organisatie=mbo, medewerker=None)
    assert (
        not policy.zichtbaar_voor(vo).filter(pk=noah.pk).exists()
        or noah.toewijzingen.filter(medewerker__user=vo).exists()
    )


def test_saving_no_fields_saves_nothing(demo, noah):
    voor = noah.history.count()
    noah.save(update_fields=[])
    assert noah.history.count() == voor
