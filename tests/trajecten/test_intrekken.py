"""Revoking asks first: the confirmation names the part and the recipient (and, for a
kennisgeving, that it closes the whole traject), its POST revokes exactly what it named, and a
repeated or stale confirmation is refused with nothing changed. The rows that lead there each
have their own accessible name, the raadplegingen link to them, and the message says what
was revoked."""

import datetime as dt
import re
from html import unescape

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from jji_traject.geschiedenis import bijwerken
from trajecten import services
from trajecten.constants import KENNISGEVING, Categorie
from trajecten.models import Toestemming

from ..lezers import toestemming_geven

pytestmark = pytest.mark.django_db

KENMERK = re.compile(r'name="kenmerk" value="([0-9a-f]+)"')


def _url(traject, toestemming, terug=""):
    url = reverse("trajecten:toestemming_intrekken", args=[traject.pk, toestemming.pk])
    return f"{url}?terug={terug}" if terug else url


def _bevestiging(client, traject, toestemming, terug=""):
    """The confirmation page's text and the fingerprint its form sends."""
    antwoord = client.get(_url(traject, toestemming, terug))
    assert antwoord.status_code == 200
    tekst = antwoord.content.decode()
    gevonden = KENMERK.search(tekst)
    return tekst, gevonden.group(1) if gevonden else None


def _zichtbare_tekst(html):
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _meldingen(antwoord):
    return [str(m) for m in get_messages(antwoord.wsgi_request)]


def _kennisgeving(traject):
    return traject.toestemmingen.get(categorie=KENNISGEVING, ingetrokken_op__isnull=True)


def test_the_confirmation_names_the_part_and_the_recipient_and_revokes_nothing(client, demo):
    noah = demo.trajecten["Noah"]
    onderwijs = toestemming_geven(demo, noah, Categorie.ONDERWIJSINFORMATIE)
    client.force_login(demo.coordinator)
    tekst, kenmerk = _bevestiging(client, noah, onderwijs, "toestemmingen")
    zichtbaar = _zichtbare_tekst(tekst)
    assert "Toestemming voor onderwijsinformatie aan ROC Lindewaard intrekken" in zichtbaar
    assert "ROC Lindewaard kan onderwijsinformatie vanaf nu niet meer lezen." in zichtbaar
    assert "sluit het hele traject" not in zichtbaar
    assert kenmerk
    assert f'href="{reverse("dossier:toestemmingen", args=[noah.pk])}"' in tekst  # Annuleren goes back there
    onderwijs.refresh_from_db()
    assert onderwijs.ingetrokken_op is None


def test_the_kennisgeving_says_it_closes_the_whole_traject_and_what_goes_with_it(client, demo):
    noah = demo.trajecten["Noah"]
    onderwijs = toestemming_geven(demo, noah, Categorie.ONDERWIJSINFORMATIE)
    begeleiding = toestemming_geven(demo, noah, Categorie.BEGELEIDINGSBEHOEFTE)
    kennisgeving = _kennisgeving(noah)
    client.force_login(demo.coordinator)
    tekst, kenmerk = _bevestiging(client, noah, kennisgeving)
    zichtbaar = _zichtbare_tekst(tekst)
    assert "Kennisgeving voor ROC Lindewaard intrekken" in zichtbaar
    assert "Dit sluit het hele traject voor ROC Lindewaard." in zichtbaar
    assert "Ook deze delen van het dossier worden ingetrokken: onderwijsinformatie, begeleidingsbehoefte." in zichtbaar
    toegewezen = [w.medewerker.naam for w in noah.toewijzingen.filter(medewerker__organisatie=kennisgeving.ontvanger)]
    assert toegewezen, "the demo assigns ROC Lindewaard's intaker to Noah"
    assert all(naam in zichtbaar for naam in toegewezen)

    antwoord = client.post(_url(noah, kennisgeving), {"kenmerk": kenmerk})
    assert antwoord.status_code == 302 and antwoord["Location"] == reverse("trajecten:detail", args=[noah.pk])
    [melding] = _meldingen(antwoord)
    assert "Ingetrokken: de kennisgeving van de plaatsing voor ROC Lindewaard" in melding
    assert "Het traject is nu gesloten voor ROC Lindewaard." in melding
    assert "ook ingetrokken: onderwijsinformatie, begeleidingsbehoefte." in melding
    for record in (kennisgeving, onderwijs, begeleiding):
        record.refresh_from_db()
        assert record.ingetrokken_op is not None and record.ingetrokken_door == demo.coordinator
    client.force_login(demo.mbo_intake)
    assert client.get(reverse("trajecten:detail", args=[noah.pk])).status_code == 404


def test_confirming_revokes_and_the_message_says_what(client, demo):
    noah = demo.trajecten["Noah"]
    onderwijs = toestemming_geven(demo, noah, Categorie.ONDERWIJSINFORMATIE)
    client.force_login(demo.coordinator)
    _, kenmerk = _bevestiging(client, noah, onderwijs, "toestemmingen")
    antwoord = client.post(_url(noah, onderwijs), {"kenmerk": kenmerk, "terug": "toestemmingen"})
    assert antwoord["Location"] == reverse("dossier:toestemmingen", args=[noah.pk])
    assert _meldingen(antwoord) == [
        "Ingetrokken: onderwijsinformatie voor ROC Lindewaard (toestemming van de jongere). "
        "ROC Lindewaard kan dit deel vanaf nu niet meer lezen."
    ]
    onderwijs.refresh_from_db()
    assert onderwijs.ingetrokken_door == demo.coordinator
    _kennisgeving(noah)  # a part takes nothing else with it


def test_a_repeated_confirmation_is_refused_and_changes_nothing(client, demo):
    noah = demo.trajecten["Noah"]
    onderwijs = toestemming_geven(demo, noah, Categorie.ONDERWIJSINFORMATIE)
    client.force_login(demo.coordinator)
    _, kenmerk = _bevestiging(client, noah, onderwijs)
    client.post(_url(noah, onderwijs), {"kenmerk": kenmerk})
    onderwijs.refresh_from_db()
    eerst = (onderwijs.ingetrokken_op, onderwijs.ingetrokken_door)
    versies = onderwijs.history.count()

    client.force_login(demo.jji_school)  # a second person confirms the same page again
    antwoord = client.post(_url(noah, onderwijs), {"kenmerk": kenmerk}, follow=True)
    tekst = _zichtbare_tekst(antwoord.content.decode())
    assert "Deze grondslag is al ingetrokken, op" in tekst and "Er is niets gewijzigd." in tekst
    assert tekst.count("al ingetrokken, op") == 1  # the message once; the page states what it is
    assert "er is niets meer te bevestigen." in tekst and 'name="kenmerk"' not in antwoord.content.decode()
    onderwijs.refresh_from_db()
    assert (onderwijs.ingetrokken_op, onderwijs.ingetrokken_door) == eerst
    assert onderwijs.history.count() == versies


def test_a_confirmation_of_a_changed_kennisgeving_is_refused_until_confirmed_again(client, demo):
    """A part shared after the page was shown would go along unseen: refused, nothing revoked;
    the page as it is now names the new part, and confirming that works."""
    noah = demo.trajecten["Noah"]
    kennisgeving = _kennisgeving(noah)
    client.force_login(demo.coordinator)
    _, oud = _bevestiging(client, noah, kennisgeving)
    onderwijs = toestemming_geven(demo, noah, Categorie.ONDERWIJSINFORMATIE)

    antwoord = client.post(_url(noah, kennisgeving), {"kenmerk": oud}, follow=True)
    tekst = _zichtbare_tekst(antwoord.content.decode())
    assert "gewijzigd sinds je de bevestiging opende" in tekst and "Er is niets ingetrokken." in tekst
    assert "Ook deze delen van het dossier worden ingetrokken: onderwijsinformatie." in tekst
    for record in (kennisgeving, onderwijs):
        record.refresh_from_db()
        assert record.ingetrokken_op is None

    nieuw = KENMERK.search(antwoord.content.decode()).group(1)
    assert nieuw != oud
    client.post(_url(noah, kennisgeving), {"kenmerk": nieuw})
    for record in (kennisgeving, onderwijs):
        record.refresh_from_db()
        assert record.ingetrokken_op is not None


def test_a_confirmation_without_its_fingerprint_shows_the_page_and_revokes_nothing(client, demo):
    noah = demo.trajecten["Noah"]
    onderwijs = toestemming_geven(demo, noah, Categorie.ONDERWIJSINFORMATIE)
    client.force_login(demo.coordinator)
    antwoord = client.post(_url(noah, onderwijs), {"terug": "toestemmingen"})
    assert antwoord.status_code == 302 and antwoord["Location"] == _url(noah, onderwijs, "toestemmingen")
    onderwijs.refresh_from_db()
    assert onderwijs.ingetrokken_op is None


def test_only_known_pages_are_returned_to(client, demo):
    noah = demo.trajecten["Noah"]
    onderwijs = toestemming_geven(demo, noah, Categorie.ONDERWIJSINFORMATIE)
    client.force_login(demo.coordinator)
    tekst, kenmerk = _bevestiging(client, noah, onderwijs, "https://elders.example/")
    assert not re.search(r'(href|value)="https://elders', tekst)  # the language switch echoes the path only
    antwoord = client.post(_url(noah, onderwijs), {"kenmerk": kenmerk, "terug": "https://elders.example/"})
    assert antwoord["Location"] == reverse("trajecten:detail", args=[noah.pk])


def test_an_expired_grondslag_offers_nothing_to_confirm(client, demo):
    noah = demo.trajecten["Noah"]
    onderwijs = toestemming_geven(demo, noah, Categorie.ONDERWIJSINFORMATIE)
    gisteren = timezone.localdate() - dt.timedelta(days=1)
    bijwerken(
        Toestemming.objects.filter(pk=onderwijs.pk), datum_gegeven=gisteren - dt.timedelta(days=5), geldig_tot=gisteren
    )
    client.force_login(demo.coordinator)
    tekst, kenmerk = _bevestiging(client, noah, onderwijs)
    assert kenmerk is None and "Er is niets in te trekken." in _zichtbare_tekst(tekst)


def test_a_reader_who_may_not_revoke_gets_404_and_nothing_changes(client, demo):
    noah = demo.trajecten["Noah"]
    kennisgeving = _kennisgeving(noah)
    client.force_login(demo.coordinator)
    _, kenmerk = _bevestiging(client, noah, kennisgeving)
    client.force_login(demo.verbindingsofficier)  # reads Noah's traject, manages nothing of it
    assert client.get(_url(noah, kennisgeving)).status_code == 404
    assert client.post(_url(noah, kennisgeving), {"kenmerk": kenmerk}).status_code == 404
    kennisgeving.refresh_from_db()
    assert kennisgeving.ingetrokken_op is None


# The service: the fingerprint is the confirmation's promise.


def test_the_fingerprint_follows_what_revoking_would_do(demo):
    noah = demo.trajecten["Noah"]
    kennisgeving = _kennisgeving(noah)
    kaal = services.intrekking_bekijken(kennisgeving).kenmerk
    assert services.intrekking_bekijken(kennisgeving).kenmerk == kaal  # stable while nothing changes
    onderwijs = toestemming_geven(demo, noah, Categorie.ONDERWIJSINFORMATIE)
    met_deel = services.intrekking_bekijken(kennisgeving).kenmerk
    assert met_deel != kaal
    deel = services.intrekking_bekijken(onderwijs)
    assert deel.delen == () and not deel.sluit_traject and deel.toewijzingen == ()
    # The record as just made and as read back give the same fingerprint (choices as their values).
    assert services.intrekking_bekijken(Toestemming.objects.get(pk=onderwijs.pk)).kenmerk == deel.kenmerk
    # A changed end date is a change too.
    bijwerken(Toestemming.objects.filter(pk=onderwijs.pk), geldig_tot=timezone.localdate() + dt.timedelta(days=30))
    onderwijs.refresh_from_db()
    assert services.intrekking_bekijken(onderwijs).kenmerk != deel.kenmerk
    assert services.intrekking_bekijken(kennisgeving).kenmerk != met_deel


def test_the_service_refuses_a_stale_or_repeated_confirmation(demo):
    noah = demo.trajecten["Noah"]
    onderwijs = toestemming_geven(demo, noah, Categorie.ONDERWIJSINFORMATIE)
    getoond = services.intrekking_bekijken(onderwijs).kenmerk
    bijwerken(Toestemming.objects.filter(pk=onderwijs.pk), geldig_tot=timezone.localdate() + dt.timedelta(days=30))
    with pytest.raises(ValidationError, match="gewijzigd sinds je de bevestiging opende"):
        services.toestemming_intrekken(actor=demo.coordinator, toestemming=onderwijs, kenmerk=getoond)
    onderwijs.refresh_from_db()
    assert onderwijs.ingetrokken_op is None
    actueel = services.intrekking_bekijken(onderwijs).kenmerk
    services.toestemming_intrekken(actor=demo.coordinator, toestemming=onderwijs, kenmerk=actueel)
    with pytest.raises(ValidationError, match="al ingetrokken"):
        services.toestemming_intrekken(actor=demo.coordinator, toestemming=onderwijs, kenmerk=actueel)


def test_the_rows_each_have_their_own_name(client, demo):
    noah = demo.trajecten["Noah"]
    for categorie in (Categorie.ONDERWIJSINFORMATIE, Categorie.BEGELEIDINGSBEHOEFTE):
        toestemming_geven(demo, noah, categorie)
    client.force_login(demo.coordinator)
    tekst = client.get(reverse("dossier:toestemmingen", args=[noah.pk])).content.decode()
    namen = [unescape(n) for n in re.findall(r'href="[^"]*/intrekken/[^"]*" aria-label="([^"]+)"', tekst)]
    assert sorted(namen) == [
        "Intrekken: begeleidingsbehoefte voor ROC Lindewaard",
        "Intrekken: kennisgeving van de plaatsing voor ROC Lindewaard; dit sluit het hele traject voor ROC Lindewaard",
        "Intrekken: onderwijsinformatie voor ROC Lindewaard",
    ]
    assert "sluit het hele traject voor ROC Lindewaard" in _zichtbare_tekst(tekst.replace("aria-label", "x"))
    assert "?terug=toestemmingen" in tekst
    # On the traject's page the kennisgeving says so too, and returns there.
    detail = client.get(reverse("trajecten:detail", args=[noah.pk])).content.decode()
    assert "dit sluit het hele traject voor ROC Lindewaard" in unescape(detail)


def test_the_raadplegingen_link_to_revocation(client, demo, noah):
    onderwijs = toestemming_geven(demo, noah, Categorie.ONDERWIJSINFORMATIE)
    client.force_login(demo.mbo_intake)
    assert client.get(reverse("dossier:categorie", args=[noah.pk, Categorie.ONDERWIJSINFORMATIE])).status_code == 200
    client.force_login(demo.coordinator)
    tekst = client.get(reverse("dossier:raadplegingen", args=[noah.pk])).content.decode()
    assert f'href="{_url(noah, onderwijs, "raadplegingen")}"' in tekst
    assert "Intrekken onderwijsinformatie voor ROC Lindewaard" in _zichtbare_tekst(tekst)
    assert f'href="{reverse("dossier:toestemmingen", args=[noah.pk])}"' in tekst
    _, kenmerk = _bevestiging(client, noah, onderwijs, "raadplegingen")
    antwoord = client.post(_url(noah, onderwijs), {"kenmerk": kenmerk, "terug": "raadplegingen"})
    assert antwoord["Location"] == reverse("dossier:raadplegingen", args=[noah.pk])
    tekst = _zichtbare_tekst(client.get(antwoord["Location"]).content.decode())
    assert "ingetrokken op" in tekst and "Intrekken onderwijsinformatie" not in tekst
