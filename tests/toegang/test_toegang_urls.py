"""Every URL is classified in toegang.registry, and every URL that shows youth data is
run for readers without access: anonymous, an uninvolved organisation, an organisation
still awaiting its grondslag, one whose grondslag was revoked or expired, the beheerder;
and the regie cannot reach another traject's records through its own traject's URLs."""

import pytest
from django.test import Client
from django.urls import reverse

from toegang import policy, registry
from trajecten.constants import BetrokkenheidSoort

from ..tweefactor import zonder_tweede_factor

pytestmark = pytest.mark.django_db

MARKER = "Verbeek"  # surname of the demo youth Noah; must never reach an unauthorised reader


def test_every_url_is_registered():
    assert registry.niet_geregistreerd() == set()


def test_registry_test_fails_for_an_unregistered_url():
    assert registry.niet_geregistreerd("tests.toegang.urls_met_onbekende_url") == {"geheim"}


def test_registered_names_exist():
    bestaand = registry.url_namen()
    assert set(registry.JONGERENGEGEVENS) <= set(bestaand)
    assert set(registry.ZONDER_JONGERENGEGEVENS) <= set(bestaand)


def _url(naam, traject, demo):
    oppervlak = registry.JONGERENGEGEVENS[naam]
    if oppervlak.soort == "lijst":
        return reverse(naam)
    kwargs = {} if oppervlak.soort == "object" else {"pk": traject.pk}
    noah = demo.trajecten["Noah"]
    mbo = demo.mbo_intake.medewerker.organisatie
    # Sub-objects: this traject's own where it has them, else Noah's (URL tampering).
    for extra in oppervlak.extra:
        if extra == "betrokkenheid_pk":
            obj = traject.betrokkenheden.filter(organisatie=mbo).first() or noah.betrokkenheden.get(organisatie=mbo)
        elif extra == "toestemming_pk":
            obj = traject.toestemmingen.first() or noah.toestemmingen.first()
        elif extra == "toewijzing_pk":
            obj = traject.toewijzingen.first()
        elif extra == "taak_pk":
            obj = traject.taken.filter(justitieel=False).first()
        elif extra == "contact_pk":
            obj = traject.netwerk.first() or noah.netwerk.first()
        elif extra == "onderwerp":
            kwargs[extra] = "huisvesting"
            continue
        elif extra == "stap":  # a step of the routekaart
            kwargs[extra] = 1
            continue
        elif extra == "categorie":
            kwargs[extra] = "onderwijsinformatie"
            continue
        elif extra == "resultaat_pk":
            obj = traject.resultaten.first() or noah.resultaten.first()
        elif extra == "signaal_pk":
            obj = traject.veiligheidssignalen.first() or noah.veiligheidssignalen.first()
        elif extra == "overdracht_pk":
            obj = traject.overdrachten.first() or demo.trajecten["Liam"].overdrachten.first()
        elif extra == "leesoverzicht_pk":  # Noah's, asked for by the JJI-school's docent
            obj = noah.leesoverzichten.first() or _leesoverzicht(noah, demo.jji_school)
        elif extra == "versie":  # a version number within this traject (1 when it has none)
            kwargs[extra] = getattr(traject.beslismodellen.order_by("versie").first(), "versie", 1)
            continue
        elif extra == "verzoek_pk":  # Yara's request to her school van herkomst (demo)
            obj = traject.herkomstverzoeken.first() or demo.trajecten["Yara"].herkomstverzoeken.get()
        elif extra == "inschrijving_pk":  # the schoolloopbaan na uitstroom (demo: Liam's, Finn's)
            obj = traject.inschrijvingen.first() or demo.trajecten["Liam"].inschrijvingen.first()
        elif extra == "checkpoint_pk":
            obj = traject.schoolcheckpoints.first() or demo.trajecten["Liam"].schoolcheckpoints.first()
        elif extra == "onderzoek_pk":  # a search by ROC Lindewaard's FG of its intaker's readings
            obj = _logonderzoek(demo)
        elif extra == "recht_pk":  # a request to correct or erase, decided
            obj = traject.rechtenverzoeken.first() or noah.rechtenverzoeken.first() or _rechtenverzoek(noah, demo)
        elif extra == "inzage_pk":  # a copy for the young person, asked for at the JJI-school
            obj = traject.inzageverzoeken.first() or noah.inzageverzoeken.first() or _inzageverzoek(noah, demo)
        else:  # pragma: no cover - a new extra kwarg must be taught to this test
            raise AssertionError(f"onbekende URL-parameter {extra}")
        kwargs[extra] = obj.pk
    return reverse(naam, kwargs=kwargs)


def _leesoverzicht(traject, user):
    from django.utils import timezone

    from dossier.models import Leesoverzicht, LeesoverzichtStatus

    return Leesoverzicht.objects.create(
        traject=traject,
        aangevraagd_door=user,
        status=LeesoverzichtStatus.KLAAR,
        bestand=b"%PDF-",
        gemaakt_op=timezone.now(),
    )


def _inzageverzoek(traject, demo):
    from django.utils import timezone

    from bewaren.models import Inzageverzoek

    return Inzageverzoek.objects.create(
        traject=traject,
        aanvrager="jongere",
        ontvangen_op=timezone.localdate(),
        identiteit="id_bewijs",
        termijn=timezone.localdate(),
        vastgelegd_door=demo.coordinator,
        status="klaar",
        bestand=b"%PDF-",
    )


def _rechtenverzoek(traject, demo):
    from django.utils import timezone

    from bewaren.models import Rechtenverzoek

    return Rechtenverzoek.objects.create(
        traject=traject,
        soort="verbeteren",
        categorie="onderwijsinformatie",
        aanvrager="jongere",
        ontvangen_op=timezone.localdate(),
        omschrijving="De opleiding klopt niet.",
        vastgelegd_door=demo.coordinator,
        besluit="afgewezen",
        reden="Klopt wel.",
        besloten_op=timezone.now(),
        besloten_door=demo.coordinator,
    )


def _logonderzoek(demo):
    import datetime as dt

    from django.utils import timezone

    from toegang import policy

    vandaag = timezone.localdate()
    return policy.log_onderzoeken(
        demo.privacy,
        persoon=demo.mbo_intake,
        van=vandaag - dt.timedelta(days=30),
        tot=vandaag,
        aanleiding="Incident 2026-041",
    )


def _vraag(client, naam, url):
    return getattr(client, registry.JONGERENGEGEVENS[naam].methode)(url)


# (reader, youth): readers without access to that youth's traject.
ZONDER_TOEGANG = [
    ("mbo-intake-other", "Noah"),  # uninvolved organisation
    ("beheerder", "Noah"),  # manages people, never youth data
    ("mbo-intake", "Sem"),  # involved, awaiting a grondslag
    ("verbindingsofficier", "Sem"),
    ("mbo-intake", "Luca"),  # assigned, grondslag revoked
    ("verbindingsofficier", "Jayden"),  # grondslag expired
    ("mbo-intake", "Daan"),  # organisation active, person not assigned
    ("mbo-herkomst", "Yara"),  # mbo van herkomst awaiting
]


@pytest.mark.parametrize("naam", sorted(registry.JONGERENGEGEVENS))
def test_anonymous_is_sent_to_login(client, demo, naam):
    response = _vraag(client, naam, _url(naam, demo.trajecten["Noah"], demo))
    if naam.startswith("api:"):  # an API answers, in JSON, that it needs a token or a session
        assert response.status_code == 401 and response.json()["code"] == "not_authenticated"
        return
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("naam", sorted(registry.JONGERENGEGEVENS))
def test_a_password_alone_opens_no_youth_data(demo, naam):
    """TWEE_FACTOR=verplicht: the coordinator, who reads everything of the JJI-school, signed in
    with the password only, reaches no URL with youth data (pages: to the step; API: 403)."""
    client = zonder_tweede_factor(Client(), demo.coordinator)
    response = _vraag(client, naam, _url(naam, demo.trajecten["Noah"], demo))
    if naam.startswith("api:"):
        assert response.status_code == 403 and response.json()["code"] == "tweede_factor_nodig"
        return
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("tweede_factor"))


GEVRAAGD_OVER_EIGEN_STUDENT = {
    ("dossier:herkomstverzoeken", "mbo-herkomst", "Yara"),
    ("dossier:herkomstverzoek", "mbo-herkomst", "Yara"),
}


@pytest.mark.parametrize("naam", sorted(registry.JONGERENGEGEVENS))
@pytest.mark.parametrize(("lezer", "jongere"), ZONDER_TOEGANG)
def test_reader_without_access_gets_404_or_nothing(client, demo, naam, lezer, jongere):
    traject = demo.trajecten[jongere]
    client.force_login(demo.users[lezer])
    response = _vraag(client, naam, _url(naam, traject, demo))
    # The full name: a short surname alone ("Bos") can turn up inside a random CSRF token.
    volledige_naam = traject.jongere.naam
    if (naam, lezer, jongere) in GEVRAAGD_OVER_EIGEN_STUDENT:
        # The school van herkomst is asked about its own student (toegang.policy.herkomst): it
        # sees the name on the request, never the traject (the other surfaces above stay 404).
        assert response.status_code == 200 and volledige_naam in response.content.decode()
        return
    oppervlak = registry.JONGERENGEGEVENS[naam]
    if oppervlak.soort == "lijst":
        # A page for some readers only (``voor``) does not exist for the others.
        bestaat = not oppervlak.voor or getattr(policy, oppervlak.voor)(demo.users[lezer])
        assert response.status_code == (200 if bestaat else 404)
        assert volledige_naam not in response.content.decode()
    else:
        assert response.status_code == 404
        assert volledige_naam not in response.content.decode()


ANDERE_SCHRIJVER = {
    "dossier:herkomst_bewerken": ("mbo_herkomst", "Mila"),
    # The beslismodel: Daan's draft, Liam's decided version, Finn's waiting at ROC Lindewaard.
    "beslismodel:invullen": ("jji_school", "Daan"),
    "beslismodel:indienen": ("jji_school", "Daan"),
    "beslismodel:versie": ("jji_school", "Liam"),
    "beslismodel:voor_jongere": ("jji_school", "Liam"),
    "beslismodel:besluiten": ("mbo_intake", "Finn"),
    "beslismodel:bevestigen": ("verbindingsofficier", "Liam"),
    # Liam's overdrachtsdocument, made by the zorgcoördinator: only its maker fetches it.
    "overdracht:status": ("coordinator", "Liam"),
    "overdracht:bestand": ("coordinator", "Liam"),
    "api:besluit": ("mbo_intake", "Finn"),
    "api:overdracht": ("coordinator", "Liam"),
    "api:overdracht_bestand": ("coordinator", "Liam"),
    "privacy:logonderzoek_resultaat": ("privacy", "Noah"),
    "dossier:herkomst_opvragen": ("jji_school", "Mila"),  # a grondslag to receive: asking is possible
    "dossier:herkomstverzoeken": ("mbo_herkomst", "Yara"),
    "dossier:herkomstverzoek": ("mbo_herkomst", "Yara"),
    # The schoolloopbaan na uitstroom: written by the receiving mbo (Liam, in uitstroom).
    "dossier:inschrijving_vastleggen": ("mbo_intake", "Liam"),
    "dossier:inschrijving_wijzigen": ("mbo_intake", "Liam"),
    "dossier:checkpoint_vastleggen": ("mbo_intake", "Liam"),
    "dossier:nazorg_afsluiten": ("mbo_intake", "Liam"),
    "api:schoolloopbaan_inschrijvingen": ("mbo_intake", "Liam"),
    "api:schoolloopbaan_inschrijving": ("mbo_intake", "Liam"),
    "api:schoolloopbaan_checkpoints": ("mbo_intake", "Liam"),
    "api:schoolloopbaan_checkpoint": ("mbo_intake", "Liam"),
    "overzicht:verbindingsofficier": ("verbindingsofficier", "Noah"),  # his overview only
    # The young person's rights (AVG art. 15-17): the JJI-school's zorgcoördinator.
    "inzage:overzicht": ("coordinator", "Noah"),
    "inzage:verzoek": ("coordinator", "Noah"),
    "inzage:bestand": ("coordinator", "Noah"),
    "inzage:opnieuw": ("coordinator", "Noah"),
    "inzage:rechten": ("coordinator", "Noah"),
    "inzage:recht": ("coordinator", "Noah"),
    "inzage:recht_brief": ("coordinator", "Noah"),
}


@pytest.mark.parametrize("naam", sorted(registry.JONGERENGEGEVENS))
def test_the_regie_reaches_every_surface(client, demo, naam):
    """Positive control: the JJI-school docent reaches each surface (the 404s above are real);
    the mbo van herkomst its own onderwijsinformatie; the receiving mbo its beslismodel pages."""
    gebruiker, jongere = ANDERE_SCHRIJVER.get(naam, ("jji_school", "Noah"))
    client.force_login(getattr(demo, gebruiker))
    response = _vraag(client, naam, _url(naam, demo.trajecten[jongere], demo))
    # An API write without a (JSON) body is refused as bad input (400, 415): that, too, is not a 404.
    assert response.status_code in ((200, 302, 400, 415) if naam.startswith("api:") else (200, 302))
    if response.status_code == 302:
        assert not response["Location"].startswith(reverse("login"))


def test_reader_of_a_traject_cannot_manage_it(client, demo):
    noah = demo.trajecten["Noah"]
    client.force_login(demo.mbo_intake)
    assert client.get(reverse("trajecten:detail", args=[noah.pk])).status_code == 200
    for naam in ("trajecten:wijzigen", "trajecten:fase", "trajecten:organisatie_toevoegen"):
        assert client.get(reverse(naam, args=[noah.pk])).status_code == 404, naam


@pytest.mark.parametrize(("lezer", "jongere"), ZONDER_TOEGANG)
def test_search_never_finds_a_youth_the_reader_may_not_see(client, demo, lezer, jongere):
    traject = demo.trajecten[jongere]
    naam, achternaam = traject.jongere.naam, traject.jongere.achternaam
    client.force_login(demo.users[lezer])
    # The reader's own query is echoed in the search box; the youth's full name and link are not.
    for params in ({"q": achternaam}, {"q": achternaam, "afgesloten": "on"}, {"q": jongere, "fase": "verblijf"}):
        tekst = client.get(reverse("trajecten:lijst"), params).content.decode()
        assert naam not in tekst
        assert reverse("trajecten:detail", args=[traject.pk]) not in tekst


def test_regie_cannot_reach_another_trajects_sub_objects(client, demo):
    noah, sem = demo.trajecten["Noah"], demo.trajecten["Sem"]
    client.force_login(demo.coordinator)
    sem_b = sem.betrokkenheden.get(soort=BetrokkenheidSoort.MBO_ONTVANGEND)
    noah_toestemming = noah.toestemmingen.get()
    assert client.get(reverse("trajecten:grondslag_vastleggen", args=[noah.pk, sem_b.pk])).status_code == 404
    assert (
        client.post(reverse("trajecten:toestemming_intrekken", args=[sem.pk, noah_toestemming.pk])).status_code == 404
    )
    noah_toestemming.refresh_from_db()
    assert noah_toestemming.ingetrokken_op is None
    sem_toewijzing = sem.toewijzingen.first()
    assert client.post(reverse("trajecten:toewijzing_beeindigen", args=[noah.pk, sem_toewijzing.pk])).status_code == 404
    sem_taak = sem.taken.filter(justitieel=False).first()
    response = client.post(reverse("trajecten:taak_bijwerken", args=[noah.pk, sem_taak.pk]), {})
    assert response.status_code == 404
